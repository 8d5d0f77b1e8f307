#include "SandboxesPage.h"

#include "JobRunner.h"
#include "NewSandboxWizard.h"
#include "TerminalWidget.h"
#include "core/CompanionProgram.h"
#include "core/Size.h"
#include "network/VirtualNetworks.h"
#include "sandbox/SandboxImages.h"
#include "sandbox/SandboxLifecycle.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QLocalSocket>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <csignal>
#include <memory>

namespace vireo {

namespace {

enum Op { Start, Stop, Delete };
enum Column { Name, Root, Network, State, Address, Memory, Cpu };

// How much of a sandbox's log the page shows: its end.
constexpr qint64 kLogTail = 64 * 1024;

struct Row {
    SandboxSpec spec;
    SandboxState state;
    SandboxUsage usage;
};

struct Snapshot {
    QVector<Row> rows;
    QStringList images;
    QStringList networks;
    QString log;
};

} // namespace

SandboxesPage::SandboxesPage(JobRunner* jobs, QWidget* parent)
    : RefreshingPage(parent), m_jobs(jobs) {
    setObjectName(QStringLiteral("sandboxesPage"));
    setWindowTitle(tr("Sandboxes"));
    m_sandboxes = new QTreeWidget(this);
    m_sandboxes->setObjectName(QStringLiteral("sandboxList"));
    m_sandboxes->setRootIsDecorated(false);
    m_sandboxes->setHeaderLabels({tr("Name"), tr("Root"), tr("Network"), tr("State"), tr("Address"),
                                  tr("Memory"), tr("CPU time")});
    m_sandboxes->header()->setSectionResizeMode(Name, QHeaderView::Stretch);
    m_start = new QPushButton(tr("Start"), this);
    m_start->setObjectName(QStringLiteral("startSandbox"));
    m_stop = new QPushButton(tr("Stop"), this);
    m_stop->setObjectName(QStringLiteral("stopSandbox"));
    m_delete = new QPushButton(tr("Delete"), this);
    m_delete->setObjectName(QStringLiteral("deleteSandbox"));
    m_terminal = new QPushButton(tr("Terminal"), this);
    m_terminal->setObjectName(QStringLiteral("sandboxTerminal"));
    m_terminal->setToolTip(tr("The running sandbox's terminal (sandboxes made with one)"));
    m_log = new QPlainTextEdit(this);
    m_log->setObjectName(QStringLiteral("sandboxLog"));
    m_log->setReadOnly(true);
    m_log->setFont(QFont(QStringLiteral("monospace")));

    m_new = new QPushButton(tr("New Sandbox…"), this);
    m_new->setObjectName(QStringLiteral("newSandbox"));

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_start);
    buttons->addWidget(m_stop);
    buttons->addWidget(m_terminal);
    buttons->addStretch(1);
    buttons->addWidget(m_delete);
    buttons->addWidget(m_new);
    auto* logBox = new QGroupBox(tr("Output of the selected sandbox"), this);
    auto* logLayout = new QVBoxLayout(logBox);
    logLayout->addWidget(m_log);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_sandboxes, 2);
    layout->addLayout(buttons);
    layout->addWidget(logBox, 1);

    connect(m_sandboxes, &QTreeWidget::itemSelectionChanged, this, [this] {
        updateButtons();
        reload();
    });
    connect(m_new, &QPushButton::clicked, this, &SandboxesPage::openNewSandboxWizard);
    connect(m_start, &QPushButton::clicked, this,
            [this] { runOnSelected(tr("Starting sandbox %1"), Start); });
    connect(m_stop, &QPushButton::clicked, this,
            [this] { runOnSelected(tr("Stopping sandbox %1"), Stop); });
    connect(m_terminal, &QPushButton::clicked, this, &SandboxesPage::openTerminal);
    connect(m_delete, &QPushButton::clicked, this,
            [this] { runOnSelected(tr("Deleting sandbox %1"), Delete); });
    updateButtons();
    resize(760, 640);
    reload();
}

SandboxTerminalWindow::SandboxTerminalWindow(const QString& name, const QString& socketPath,
                                             const QString& sizeSocketPath, QWidget* parent)
    : QWidget(parent, Qt::Window), m_sizeSocketPath(sizeSocketPath) {
    setObjectName(QStringLiteral("sandboxTerminalWindow"));
    setWindowTitle(tr("Terminal of sandbox %1").arg(name));
    m_terminal = new TerminalWidget(this);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_terminal);
    connect(m_terminal, &TerminalWidget::terminalResized, this, &SandboxTerminalWindow::sendSize);
    resize(760, 480);
    m_terminal->connectToSocket(socketPath);
    sendSize(m_terminal->rows(), m_terminal->columns());
}

void SandboxTerminalWindow::sendSize(int rows, int columns) {
    // One short line on the size socket; the runtime sets the pty's window size from it.
    QLocalSocket socket;
    socket.connectToServer(m_sizeSocketPath);
    if (!socket.waitForConnected(1000)) return;
    socket.write(QStringLiteral("%1 %2\n").arg(rows).arg(columns).toLatin1());
    socket.waitForBytesWritten(1000);
    socket.disconnectFromServer();
}

SandboxTerminalWindow* SandboxesPage::openTerminal() {
    const QString name = selected();
    if (name.isEmpty()) return nullptr;
    const SandboxStore store(m_jobs->libraryRoot());
    auto* window = new SandboxTerminalWindow(name, store.consoleSocketPath(name),
                                             store.consoleSizeSocketPath(name), this);
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->show();
    return window;
}

QString SandboxesPage::stateText(const SandboxState& st) {
    if (st.state == SandboxRunState::Exited)
        return !st.error.isEmpty() ? tr("Failed")
               : st.oomKilled      ? tr("Out of memory")
                                   : tr("Exited (%1)").arg(st.exitCode);
    return st.state == SandboxRunState::Running ? tr("Running") : tr("Created");
}

void SandboxesPage::select(const QString& name) {
    const auto found = m_sandboxes->findItems(name, Qt::MatchExactly, Name);
    if (!found.isEmpty()) m_sandboxes->setCurrentItem(found.first());
}

QString SandboxesPage::selected() const {
    const auto* item = m_sandboxes->currentItem();
    return item ? item->text(Name) : QString();
}

void SandboxesPage::updateButtons() {
    const auto* item = m_sandboxes->currentItem();
    const bool running = item && item->data(State, Qt::UserRole).toBool();
    m_start->setEnabled(item && !running);
    m_stop->setEnabled(item && running);
    m_terminal->setEnabled(item && running && item->data(Name, Qt::UserRole).toBool());
    m_delete->setEnabled(item != nullptr);
}

void SandboxesPage::reload() {
    const QString root = m_jobs->libraryRoot(), current = selected();
    const int generation = ++m_generation;
    auto snap = std::make_shared<Snapshot>();
    auto* job = m_jobs->run(tr("Reading sandboxes"), [=](JobContext&) -> Status {
        const SandboxStore store(root);
        for (const auto& name : store.names()) {
            auto spec = store.load(name);
            if (!spec) continue;
            Row row{*spec, {}, {}};
            if (auto state = sandboxState(store, name)) row.state = *state;
            if (row.state.state == SandboxRunState::Running)
                row.usage = readSandboxUsage(row.state);
            snap->rows.append(row);
        }
        snap->images = SandboxImages(root).names();
        const Library library(root);
        for (const auto& n : VirtualNetworks(library).list())
            if (n.spec.mode != NetworkMode::Bridged && !n.spec.dpdk)
                snap->networks.append(n.spec.name);
        if (!current.isEmpty()) {
            QFile log(store.logPath(current));
            if (log.open(QIODevice::ReadOnly)) {
                log.seek(qMax<qint64>(0, log.size() - kLogTail));
                snap->log = QString::fromUtf8(log.readAll());
            }
        }
        return {};
    });
    connect(job, &Job::finished, this, [this, snap, generation, current] {
        if (generation != m_generation) return;
        const QString keep = selected();
        m_sandboxes->blockSignals(true);
        m_sandboxes->clear();
        for (const auto& r : snap->rows) {
            const bool running = r.state.state == SandboxRunState::Running;
            const QString state = stateText(r.state);
            auto* item = new QTreeWidgetItem(
                m_sandboxes,
                {r.spec.name,
                 r.spec.image.isEmpty() ? r.spec.rootfs : tr("image %1").arg(r.spec.image),
                 sandboxNetworkText(r.spec), state, running ? r.state.address : QString(),
                 running ? formatSize(r.usage.memoryBytes) : QString(),
                 running ? tr("%1 s").arg(double(r.usage.cpuNanoseconds) / 1e9, 0, 'f', 1)
                         : QString()});
            item->setData(State, Qt::UserRole, running);
            item->setData(Name, Qt::UserRole, r.spec.tty);
            if (!r.state.error.isEmpty()) item->setToolTip(State, r.state.error);
            if (r.spec.name == keep) m_sandboxes->setCurrentItem(item);
        }
        m_sandboxes->blockSignals(false);
        // What the New Sandbox wizard offers.
        m_images = snap->images;
        m_networks = snap->networks;
        if (keep != current) {
            reload(); // the log read was another sandbox's
            return;
        }
        if (m_log->toPlainText() != snap->log) {
            m_log->setPlainText(snap->log);
            m_log->moveCursor(QTextCursor::End);
        }
        updateButtons();
        Q_EMIT reloaded();
    });
}

NewSandboxWizard* SandboxesPage::openNewSandboxWizard() {
    auto* wizard = new NewSandboxWizard(m_jobs->libraryRoot(), m_images, m_networks, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(wizard, &NewSandboxWizard::created, this, [this](const QString& name) {
        select(name);
        reload();
    });
    wizard->show();
    return wizard;
}

void SandboxesPage::start(const QString& name) {
    runOn(name, tr("Starting sandbox %1"), Start);
}

void SandboxesPage::stop(const QString& name) {
    runOn(name, tr("Stopping sandbox %1"), Stop);
}

void SandboxesPage::runOnSelected(const QString& title, int op) {
    runOn(selected(), title, op);
}

void SandboxesPage::runOn(const QString& name, const QString& title, int op) {
    const QString root = m_jobs->libraryRoot();
    if (name.isEmpty()) return;
    auto* job = m_jobs->run(title.arg(name), [=](JobContext&) -> Status {
        const SandboxStore store(root);
        switch (Op(op)) {
        case Start: {
            // The sandbox's runtime is vireoctl, detached: it outlives the app.
            const QString vireoctl = companionProgram(QStringLiteral("vireoctl"), "VIREOCTL");
            if (vireoctl.isEmpty())
                return makeError(ErrorCode::NotFound,
                                 QStringLiteral("cannot start sandbox '%1': vireoctl is not "
                                                "installed")
                                     .arg(name),
                                 QStringLiteral("install the vireoctl package"));
            auto state = startSandboxDetached(store, name,
                                              {vireoctl, QStringLiteral("--library"), root,
                                               QStringLiteral("sandbox"), QStringLiteral("start"),
                                               QStringLiteral("--attach"), name});
            if (!state) return state.error();
            return {};
        }
        case Stop: {
            auto state = stopSandbox(store, name, 10000);
            if (!state) return state.error();
            return {};
        }
        case Delete:
            return removeSandbox(store, name, true);
        }
        return {};
    });
    connect(job, &Job::finished, this, [this] { reload(); });
}

} // namespace vireo
