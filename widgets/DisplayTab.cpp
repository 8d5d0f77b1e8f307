#include "DisplayTab.h"

#include "ClipboardBridge.h"
#include "DetachableArea.h"
#include "JobRunner.h"
#include "VncKeymap.h"
#include "VncView.h"
#include "vm/VmRuntime.h"

#include <QAction>
#include <QClipboard>
#include <QFileDialog>
#include <QGuiApplication>
#include <QIcon>
#include <QLabel>
#include <QMenu>
#include <QStandardPaths>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace vireo {

DisplayTab::DisplayTab(JobRunner* jobs, QWidget* parent) : VmTab(jobs, parent) {
    m_view = new VncView;
    m_area = new DetachableArea(m_view, this);
    auto* bar = new QToolBar(this);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_status = new QLabel(this);

    m_keys = new QToolButton(this);
    m_keys->setObjectName(QStringLiteral("sendKey"));
    m_keys->setText(tr("Send Key"));
    m_keys->setIcon(QIcon(QStringLiteral(":/icons/send-key.svg")));
    m_keys->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_keys->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(m_keys);
    using namespace keysym;
    const QList<std::pair<QString, QList<quint32>>> combos{
        {tr("Ctrl+Alt+Del"), {ControlL, AltL, Delete}},
        {tr("Ctrl+Alt+Backspace"), {ControlL, AltL, BackSpace}},
        {tr("Ctrl+Alt+F1"), {ControlL, AltL, F1}},
        {tr("Ctrl+Alt+F2"), {ControlL, AltL, F1 + 1}},
        {tr("Ctrl+Alt+F7"), {ControlL, AltL, F1 + 6}},
        {tr("Print Screen"), {Print}},
    };
    for (const auto& [label, keys] : combos) {
        const QList<quint32> k = keys;
        menu->addAction(label, this, [this, k] { m_view->sendKeyCombo(k); });
    }
    m_keys->setMenu(menu);
    bar->addWidget(m_keys);

    m_typeClipboard = new QToolButton(this);
    m_typeClipboard->setObjectName(QStringLiteral("typeClipboard"));
    m_typeClipboard->setText(tr("Type Clipboard"));
    m_typeClipboard->setToolTip(
        tr("Types the clipboard's text into the guest as key presses, on the guest's layout"));
    m_typeClipboard->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_typeClipboard->setPopupMode(QToolButton::InstantPopup);
    auto* layouts = new QMenu(m_typeClipboard);
    layouts->addAction(tr("Guest keyboard: US"), this,
                       [this] { typeClipboard(KeyboardLayout::Us); });
    layouts->addAction(tr("Guest keyboard: German"), this,
                       [this] { typeClipboard(KeyboardLayout::German); });
    m_typeClipboard->setMenu(layouts);
    bar->addWidget(m_typeClipboard);

    m_screenshot = bar->addAction(tr("Screenshot…"), this, [this] {
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
        const QString name = m_row ? m_row->name : QStringLiteral("vm");
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Save Screenshot"), dir + QLatin1Char('/') + name + QStringLiteral(".png"),
            tr("PNG images (*.png)"));
        if (!path.isEmpty()) saveScreenshot(path);
    });
    m_screenshot->setIcon(QIcon(QStringLiteral(":/icons/screenshot.svg")));
    m_scale = bar->addAction(tr("Scale to Window"));
    m_scale->setCheckable(true);
    m_scale->setChecked(true);
    connect(m_scale, &QAction::toggled, m_view, &VncView::setScaling);
    m_detach = bar->addAction(QIcon(QStringLiteral(":/icons/detach.svg")), tr("Own Window"));
    m_detach->setCheckable(true);
    connect(m_detach, &QAction::toggled, m_area, &DetachableArea::setDetached);
    connect(m_area, &DetachableArea::detachedChanged, m_detach, &QAction::setChecked);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(bar);
    layout->addWidget(m_area, 1);
    layout->addWidget(m_status);

    m_clipboard = new ClipboardBridge(QGuiApplication::clipboard(), this);
    connect(m_clipboard, &ClipboardBridge::guestCopied, this, [this](const QString& text) {
        m_status->setText(tr("Copied %n character(s) from the guest.", nullptr, int(text.size())));
    });
    connect(m_view, &VncView::connectionChanged, this, [this] { updateStatus(); });
    connect(m_view, &VncView::grabChanged, this, [this] { updateStatus(); });
    connect(m_view, &VncView::frameSizeChanged, this, [this] { updateStatus(); });
    setVm(nullptr);
}

void DisplayTab::typeClipboard(KeyboardLayout layout) {
    if (!m_row) return;
    const QString text = QGuiApplication::clipboard()->text();
    if (text.isEmpty()) return;
    const QString name = m_row->name, root = m_jobs->libraryRoot();
    m_jobs->run(tr("Typing the clipboard into %1").arg(name),
                [=](JobContext&) { return typeText(Library(root), name, text, layout); });
}

bool DisplayTab::saveScreenshot(const QString& path) {
    const QImage shot = m_view->screenshot();
    if (shot.isNull() || !shot.save(path, "PNG")) {
        m_status->setText(tr("Could not save the screenshot to %1.").arg(path));
        return false;
    }
    m_status->setText(tr("Screenshot saved to %1.").arg(path));
    return true;
}

void DisplayTab::setVm(const VmRow* row) {
    const bool other = !row || !m_row || m_row->name != row->name;
    m_row = row ? std::optional<VmRow>(*row) : std::nullopt;
    setEnabled(row != nullptr);
    if (other) {
        m_view->disconnectFromDisplay();
        m_clipboard->close();
        m_socket.clear();
    }
    if (row) m_area->setWindowTitleText(tr("%1 — Display").arg(row->name));
    attach();
}

void DisplayTab::attach() {
    const bool live = m_row && m_row->spec.display == DisplayType::Vnc && m_row->status.isActive();
    if (!live) {
        if (!m_socket.isEmpty()) m_view->disconnectFromDisplay();
        m_socket.clear();
        m_clipboard->close();
    } else {
        const Library library(m_jobs->libraryRoot());
        const QString socket = VmRuntime(library, m_row->spec).vncSocket();
        // A new QEMU (the VM was restarted) means a new connection.
        if (socket != m_socket || !m_view->isConnected()) {
            m_socket = socket;
            m_view->connectToSocket(socket);
            if (m_row->spec.clipboard) m_clipboard->open(socket);
        }
        if (!m_row->spec.clipboard) m_clipboard->close();
    }
    updateStatus();
}

void DisplayTab::updateStatus() {
    const bool connected = m_view->isConnected();
    m_keys->setEnabled(connected);
    m_screenshot->setEnabled(connected);
    if (!m_row) {
        m_status->clear();
    } else if (m_row->spec.display != DisplayType::Vnc) {
        m_status->setText(tr("%1 has no display; give it one in the Hardware tab (Display: VNC).")
                              .arg(m_row->name));
    } else if (!m_row->status.isActive()) {
        m_status->setText(
            tr("%1 is not running; its display connects when it starts.").arg(m_row->name));
    } else if (!connected) {
        m_status->setText(tr("Connecting to the display of %1…").arg(m_row->name));
    } else if (m_view->isGrabbed()) {
        m_status->setText(tr("Keyboard and mouse go to %1. Press %2 to release them.")
                              .arg(m_row->name, VncView::releaseKeyName()));
    } else {
        m_status->setText(tr("%1×%2 — click the screen to type into %3.")
                              .arg(m_view->frameSize().width())
                              .arg(m_view->frameSize().height())
                              .arg(m_row->name));
    }
}

} // namespace vireo
