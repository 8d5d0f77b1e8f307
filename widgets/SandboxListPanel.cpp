#include "SandboxListPanel.h"

#include "BackgroundJob.h"
#include "SandboxesPage.h"
#include "core/Size.h"
#include "sandbox/SandboxLifecycle.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace vireo {

namespace {

constexpr int kRefreshMs = 3000;

struct Row {
    QString name;
    SandboxState state;
    SandboxUsage usage;
};

} // namespace

SandboxListPanel::SandboxListPanel(const QString& libraryRoot, QWidget* parent)
    : QWidget(parent), m_root(libraryRoot) {
    setObjectName(QStringLiteral("sandboxPanel"));
    m_title = new QLabel(tr("Sandboxes"), this);
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("mainSandboxList"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({tr("Name"), tr("State"), tr("Memory")});
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_list);
    connect(m_list, &QTreeWidget::itemActivated, this,
            [this](QTreeWidgetItem* item) { Q_EMIT openRequested(item->text(0)); });
    // The selected sandbox's actions, as the VM list's Machine actions are for a VM.
    m_list->setContextMenuPolicy(Qt::ActionsContextMenu);
    const auto addListAction = [this](const QString& text, const char* name, auto signal) {
        auto* a = new QAction(text, m_list);
        a->setObjectName(QString::fromLatin1(name));
        connect(a, &QAction::triggered, this, [this, signal] {
            if (QTreeWidgetItem* item = m_list->currentItem()) Q_EMIT(this->*signal)(item->text(0));
        });
        m_list->addAction(a);
    };
    addListAction(tr("&Open"), "sandboxOpenAction", &SandboxListPanel::openRequested);
    addListAction(tr("&Start"), "sandboxStartAction", &SandboxListPanel::startRequested);
    addListAction(tr("S&top"), "sandboxStopAction", &SandboxListPanel::stopRequested);
    m_timer = new QTimer(this);
    connect(m_timer, &QTimer::timeout, this, &SandboxListPanel::reload);
    m_timer->start(kRefreshMs);
    hide();
    reload();
}

void SandboxListPanel::reload() {
    if (m_reading) return;
    m_reading = true;
    const QString root = m_root;
    runJob<QVector<Row>>(
        this, tr("Reading sandboxes"),
        [root]() -> Result<QVector<Row>> {
            const SandboxStore store(root);
            QVector<Row> rows;
            for (const auto& name : store.names()) {
                Row row{name, {}, {}};
                if (auto state = sandboxState(store, name)) row.state = *state;
                if (row.state.state == SandboxRunState::Running)
                    row.usage = readSandboxUsage(row.state);
                rows.append(row);
            }
            return rows;
        },
        [this](const Result<QVector<Row>>& rows) {
            m_reading = false;
            if (!rows) return;
            const QString current =
                m_list->currentItem() ? m_list->currentItem()->text(0) : QString();
            m_list->clear();
            static const QIcon icon(QStringLiteral(":/icons/sandbox.svg"));
            for (const auto& r : *rows) {
                const bool running = r.state.state == SandboxRunState::Running;
                auto* item = new QTreeWidgetItem(
                    m_list, {r.name, SandboxesPage::stateText(r.state),
                             running ? formatSize(r.usage.memoryBytes) : QString()});
                item->setIcon(0, icon);
                if (!r.state.error.isEmpty()) item->setToolTip(1, r.state.error);
                if (r.name == current) m_list->setCurrentItem(item);
            }
            setVisible(!rows->isEmpty());
            Q_EMIT reloaded();
        });
}

} // namespace vireo
