#include "RemotesPage.h"

#include "BackgroundJob.h"
#include "JobRunner.h"
#include "RemoteDialogs.h"
#include "RemoteScreenWindow.h"
#include "RemoteTreeItems.h"
#include "VmListModel.h"

#include "jobs/RemoteHostMonitor.h"
#include "libvirt/LibvirtDisplay.h"
#include "libvirt/LibvirtEngine.h"
#include "store/Library.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QThread>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <unistd.h>

namespace vireo {

namespace {
enum Op { Start, Stop, Kill };
} // namespace

RemotesPage::RemotesPage(JobRunner* jobs, QWidget* parent, CredentialPrompt prompt)
    : QDialog(parent), m_jobs(jobs), m_prompt(std::move(prompt)), m_worker(new QThread(this)) {
    if (!m_prompt) m_prompt = credentialDialog(this);
    setWindowTitle(tr("Remote Hosts"));
    resize(760, 420);
    m_tree = new QTreeWidget;
    m_tree->setHeaderLabels({tr("Name"), tr("State"), tr("vCPUs"), tr("Memory"), tr("Host")});
    m_tree->header()->setSectionResizeMode(4, QHeaderView::Stretch);
    m_help = new QLabel(tr("libvirt hosts Vireo drives besides this machine. Their VMs update "
                           "as the hosts report changes, also changes made with other tools."));
    m_help->setWordWrap(true);
    m_add = new QPushButton(tr("&Add Host…"));
    m_remove = new QPushButton(tr("&Remove Host"));
    m_start = new QPushButton(tr("&Start"));
    m_start->setObjectName(QStringLiteral("startButton"));
    m_stop = new QPushButton(tr("Shut &Down"));
    m_kill = new QPushButton(tr("&Force Off"));
    m_migrate = new QPushButton(tr("&Migrate…"));
    m_screen = new QPushButton(tr("S&creen…"));
    m_screen->setObjectName(QStringLiteral("screenButton"));
    auto* buttons = new QHBoxLayout;
    for (auto* b : {m_add, m_remove, m_start, m_stop, m_kill, m_migrate, m_screen})
        buttons->addWidget(b);
    buttons->addStretch();
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_help);
    layout->addWidget(m_tree);
    layout->addLayout(buttons);

    connect(m_tree, &QTreeWidget::currentItemChanged, this, &RemotesPage::updateButtons);
    connect(m_add, &QPushButton::clicked, this, [this] {
        auto* dialog = new AddHostDialog(m_jobs, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QDialog::accepted, this, &RemotesPage::reload);
        dialog->open();
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        const QString host = selectedHost();
        if (host.isEmpty()) return;
        const Library library(m_jobs->libraryRoot());
        if (auto s = Remotes(library).remove(host); !s) m_help->setText(s.error().line());
        reload();
    });
    connect(m_start, &QPushButton::clicked, this,
            [this] { runOnSelected(tr("Starting %1 on %2"), Start); });
    connect(m_stop, &QPushButton::clicked, this,
            [this] { runOnSelected(tr("Shutting down %1 on %2"), Stop); });
    connect(m_kill, &QPushButton::clicked, this,
            [this] { runOnSelected(tr("Powering off %1 on %2"), Kill); });
    connect(m_migrate, &QPushButton::clicked, this, [this] {
        if (auto* d = migrateSelected()) d->open();
    });
    connect(m_screen, &QPushButton::clicked, this, [this] { (void)screenOfSelected(); });
    m_worker->setObjectName(QStringLiteral("remote-hosts"));
    m_worker->start();
    reload();
    updateButtons();
}

RemotesPage::~RemotesPage() {
    for (auto* m : std::as_const(m_monitors))
        m->deleteLater();
    m_worker->quit();
    m_worker->wait();
}

void RemotesPage::reload() {
    const Library library(m_jobs->libraryRoot());
    auto remotes = Remotes(library).list();
    if (!remotes) {
        m_help->setText(remotes.error().line());
        return;
    }
    QSet<QString> names;
    for (const auto& r : *remotes) {
        names.insert(r.name);
        if (m_monitors.contains(r.name)) continue;
        auto* item = new QTreeWidgetItem(m_tree, {r.name, tr("Connecting…"), {}, {}, r.uri});
        item->setData(0, kRemoteRole, r.name);
        item->setExpanded(true);
        auto* monitor = new RemoteHostMonitor(r, onThreadOf(this, m_prompt));
        monitor->moveToThread(m_worker);
        connect(monitor, &RemoteHostMonitor::connectionChanged, this, &RemotesPage::onConnection);
        connect(monitor, &RemoteHostMonitor::vmsListed, this, &RemotesPage::onVms);
        QMetaObject::invokeMethod(monitor, &RemoteHostMonitor::start, Qt::QueuedConnection);
        m_monitors.insert(r.name, monitor);
        Q_EMIT hostChanged(r.name);
    }
    for (const auto& name : m_monitors.keys()) {
        if (names.contains(name)) continue;
        m_monitors.take(name)->deleteLater();
        delete hostItem(name);
        Q_EMIT hostChanged(name);
    }
    updateButtons();
}

QTreeWidgetItem* RemotesPage::hostItem(const QString& remote) const {
    return remoteHostItem(m_tree, remote);
}

QTreeWidgetItem* RemotesPage::vmItem(const QString& remote, const QString& vm) const {
    return remoteVmItem(m_tree, remote, vm);
}

void RemotesPage::onConnection(const QString& remote, bool connected, const QString& detail) {
    QTreeWidgetItem* host = hostItem(remote);
    if (!host) return;
    host->setText(1, connected ? tr("Connected") : tr("Unreachable"));
    host->setToolTip(1, detail);
    if (!connected) qDeleteAll(host->takeChildren());
    Q_EMIT hostChanged(remote);
    updateButtons();
}

void RemotesPage::onVms(const QString& remote, const QVector<VmSummary>& vms) {
    QTreeWidgetItem* host = hostItem(remote);
    if (!host) return;
    const auto current = selectedVm();
    qDeleteAll(host->takeChildren());
    for (const auto& vm : vms) {
        auto* item = new QTreeWidgetItem(host, {vm.name,
                                                VmListModel::stateText(vm.status.state),
                                                QString::number(vm.vcpus),
                                                tr("%1 MiB").arg(vm.memoryMiB),
                                                {}});
        item->setData(0, kRemoteRole, remote);
        item->setData(0, kVmRole, vm.name);
        item->setData(1, Qt::UserRole, int(vm.status.state));
        if (current == qMakePair(remote, vm.name)) m_tree->setCurrentItem(item);
    }
    host->setText(3, tr("%n VM(s)", nullptr, int(vms.size())));
    Q_EMIT hostChanged(remote);
    updateButtons();
}

QPair<QString, QString> RemotesPage::selectedVm() const {
    const QTreeWidgetItem* item = m_tree->currentItem();
    if (!item || item->data(0, kVmRole).toString().isEmpty()) return {};
    return {item->data(0, kRemoteRole).toString(), item->data(0, kVmRole).toString()};
}

QString RemotesPage::selectedHost() const {
    const QTreeWidgetItem* item = m_tree->currentItem();
    return item ? item->data(0, kRemoteRole).toString() : QString();
}

void RemotesPage::updateButtons() {
    const auto [remote, vm] = selectedVm();
    const bool onVm = !vm.isEmpty();
    const auto* item = m_tree->currentItem();
    const auto state = onVm ? VmState(item->data(1, Qt::UserRole).toInt()) : VmState::Shutoff;
    const bool running = state == VmState::Running || state == VmState::Paused;
    m_remove->setEnabled(!selectedHost().isEmpty() && !onVm);
    m_start->setEnabled(onVm && !running);
    m_stop->setEnabled(onVm && running);
    m_kill->setEnabled(onVm && running);
    m_migrate->setEnabled(onVm && m_monitors.size() > 1);
    m_screen->setEnabled(onVm && running);
}

std::shared_ptr<LibvirtConnection> RemotesPage::connectionTo(const QString& remote) const {
    RemoteHostMonitor* monitor = m_monitors.value(remote);
    return monitor ? monitor->connection() : nullptr;
}

void RemotesPage::runOnSelected(const QString& title, int op) {
    const auto [remote, vm] = selectedVm();
    if (vm.isEmpty()) return;
    std::shared_ptr<LibvirtConnection> conn = connectionTo(remote);
    m_jobs->run(title.arg(vm, remote), [=](JobContext&) -> Status {
        if (!conn) return makeError(ErrorCode::InvalidState, tr("%1 is not connected").arg(remote));
        const LibvirtEngine engine(conn);
        // The list follows by itself: libvirt pushes the state change as an event.
        if (op == Start) return engine.start(vm, {});
        if (op == Stop) return engine.stop(vm, {});
        return engine.kill(vm);
    });
}

RemoteScreenWindow* RemotesPage::screenOfSelected() {
    const auto [remote, vm] = selectedVm();
    if (vm.isEmpty()) return nullptr;
    auto* window = new RemoteScreenWindow(remote, vm, this);
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->show();
    std::shared_ptr<LibvirtConnection> conn = connectionTo(remote);
    // Owned by the page: a window closed before the socket came closes the socket.
    const auto open = [this, conn, remote, vm, target = QPointer<RemoteScreenWindow>(window)] {
        runJob<int>(
            this, tr("Opening the screen of %1 on %2").arg(vm, remote),
            [conn, remote, vm]() -> Result<int> {
                if (!conn)
                    return makeError(ErrorCode::InvalidState,
                                     tr("%1 is not connected").arg(remote));
                return openRemoteDisplay(*conn, vm);
            },
            [target](const Result<int>& fd) {
                if (!target) {
                    if (fd) ::close(*fd);
                } else if (fd) {
                    target->showScreen(*fd);
                } else {
                    target->showFailure(fd.error().line());
                }
            });
    };
    window->setReopen(open);
    open();
    return window;
}

MigrateDialog* RemotesPage::migrateSelected() {
    const auto [remote, vm] = selectedVm();
    if (vm.isEmpty()) return nullptr;
    QStringList targets;
    for (const auto& name : m_monitors.keys())
        if (name != remote) targets << name;
    targets.sort();
    auto* dialog = new MigrateDialog(
        m_jobs, remote, vm, targets,
        [self = QPointer<RemotesPage>(this)](const QString& name) {
            return self ? self->connectionTo(name) : nullptr;
        },
        this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    return dialog;
}

} // namespace vireo
