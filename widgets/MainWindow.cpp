#include "MainWindow.h"

#include "BackupsTab.h"
#include "CloneDialog.h"
#include "DetailsPane.h"
#include "JobRunner.h"
#include "MessageBar.h"
#include "NetworksPage.h"
#include "NewVmWizard.h"
#include "PassthroughWizard.h"
#include "RemotesPage.h"
#include "SandboxListModel.h"
#include "SandboxesPage.h"
#include "SparklineDelegate.h"
#include "UsbDevicesDialog.h"
#include "VmListModel.h"
#include "jobs/LibraryPoller.h"
#include "jobs/NewVmPlan.h"
#include "libvirt/Remotes.h"
#include "vm/BackupSchedule.h"
#include "vm/VmCloner.h"
#include "vm/VmLifecycle.h"

#include <QApplication>
#include <QCloseEvent>
#include <QConcatenateTablesProxyModel>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace vireo {

MainWindow::MainWindow(const QString& libraryRoot, QWidget* parent)
    : QMainWindow(parent), m_root(libraryRoot) {
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Vireo"));
    m_jobs = new JobRunner(m_root, this);
    auto* backupTimer = new QTimer(this);
    backupTimer->setInterval(60 * 1000);
    connect(backupTimer, &QTimer::timeout, this, &MainWindow::runDueBackups);
    backupTimer->start();
    m_poller = new LibraryPoller(m_root, this);
    m_model = new VmListModel(this);
    // One list, VMs and sandboxes (each with its icon), as VirtualBox lists every machine.
    m_sandboxModel = new SandboxListModel(m_root, this);
    m_allRows = new QConcatenateTablesProxyModel(this);
    m_allRows->addSourceModel(m_model);
    m_allRows->addSourceModel(m_sandboxModel);
    m_filterModel = new VmFilterModel(this);
    m_filterModel->setSourceModel(m_allRows);

    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("filter"));
    m_filter->setPlaceholderText(tr("Filter by name or state (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_filterModel, &VmFilterModel::setFilterText);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("vmList"));
    m_view->setModel(m_filterModel);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(VmListModel::NameColumn, Qt::AscendingOrder);
    m_view->verticalHeader()->hide();
    m_view->setShowGrid(false);
    m_view->setAlternatingRowColors(true);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(VmListModel::NameColumn,
                                                     QHeaderView::Interactive);
    m_view->setColumnWidth(VmListModel::NameColumn, 150);
    m_view->setColumnWidth(VmListModel::StateColumn, 90);
    m_view->setColumnWidth(VmListModel::CpuColumn, 60);
    m_view->setColumnWidth(VmListModel::MemoryColumn, 90);
    m_view->setItemDelegateForColumn(VmListModel::ActivityColumn, new SparklineDelegate(m_view));

    m_details = new DetailsPane(m_jobs, this);
    m_messages = new MessageBar(this);

    auto* left = new QWidget(this);
    auto* leftLayout = m_leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_filter);
    leftLayout->addWidget(m_view, 1);
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex& index) {
        if (index.data(VmListModel::KindRole).toInt() == VmListModel::SandboxKind)
            openSandbox(index.data(VmListModel::NameRole).toString());
    });
    // The library's libvirt hosts, connected from the start (as virt-manager's autoconnect
    // does) so their groups and live states sit under the VMs.
    const Library library(m_root);
    if (auto remotes = Remotes(library).list(); remotes && !remotes->isEmpty()) (void)remotesPage();
    auto* splitter = new QSplitter(this);
    splitter->setObjectName(QStringLiteral("splitter"));
    splitter->addWidget(left);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(1, 1);
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_messages);
    layout->addWidget(splitter, 1);
    setCentralWidget(central);

    m_jobLabel = new QLabel(this);
    m_jobProgress = new QProgressBar(this);
    m_jobProgress->setMaximumWidth(160);
    m_jobProgress->setTextVisible(false);
    m_jobCancel = new QToolButton(this);
    m_jobCancel->setText(tr("Cancel"));
    m_jobCancel->setToolTip(tr("Cancel the running operations"));
    statusBar()->addWidget(m_jobLabel, 1);
    statusBar()->addPermanentWidget(m_jobProgress);
    statusBar()->addPermanentWidget(m_jobCancel);
    connect(m_jobCancel, &QToolButton::clicked, m_jobs, &JobRunner::cancelAll);
    updateJobIndicator();

    createActions();
    createMenus();
    createSandboxActions();

    connect(m_poller, &LibraryPoller::scanned, m_model, &VmListModel::setRows);
    connect(m_model, &VmListModel::vmChanged, this, [this](const QString& name) {
        if (name == m_selectAfterLoad) selectVm(name);
        if (name == currentVm()) updateDetails();
        updateActions();
        updateJobIndicator();
    });
    connect(m_model, &VmListModel::loaded, this, [this] {
        if (!m_selectAfterLoad.isEmpty())
            selectVm(m_selectAfterLoad);
        else if (m_filterModel->rowCount() > 0 && currentVm().isEmpty())
            m_view->selectRow(0);
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateActions();
        updateDetails();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &MainWindow::updateDetails);
    connect(m_details, &DetailsPane::vmModified, this, &MainWindow::refresh);
    connect(m_jobs, &JobRunner::changed, this, &MainWindow::updateJobIndicator);
    connect(m_jobs, &JobRunner::failed, m_messages, &MessageBar::showError);
    connect(m_jobs, &JobRunner::jobFinished, this, &MainWindow::refresh);

    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray());
    if (!splitter->restoreState(
            settings.value(QStringLiteral("mainWindow/splitter")).toByteArray()))
        splitter->setSizes({560, 640});
    m_view->horizontalHeader()->restoreState(
        settings.value(QStringLiteral("mainWindow/columns")).toByteArray());
    if (!settings.contains(QStringLiteral("mainWindow/geometry"))) resize(1100, 680);

    updateActions();
    updateDetails();
    m_poller->start(1000);
}

MainWindow::~MainWindow() = default;

void MainWindow::closeEvent(QCloseEvent* event) {
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), saveState());
    if (auto* splitter = findChild<QSplitter*>(QStringLiteral("splitter")))
        settings.setValue(QStringLiteral("mainWindow/splitter"), splitter->saveState());
    settings.setValue(QStringLiteral("mainWindow/columns"),
                      m_view->horizontalHeader()->saveState());
    // Running jobs finish on their own (VMs run detached); nothing to wait for but them.
    QMainWindow::closeEvent(event);
}

void MainWindow::createActions() {
    struct Def {
        Action id;
        QString text;
        QKeySequence key;
        const char* file; // resources/icons/FILE.svg
        const char* theme;
        QString tip;
    };
    const QList<Def> defs = {
        {Action::New, tr("&New VM…"), QKeySequence::New, "new", "document-new",
         tr("Create a virtual machine")},
        {Action::Import, tr("&Import Disk…"), QKeySequence(Qt::CTRL | Qt::Key_I), "new",
         "document-import", tr("Make a VM from an existing disk (QCOW2, VMDK, VDI, VHDX, raw)")},
        {Action::ImportAppliance, tr("Import &Appliance…"), QKeySequence(), "new",
         "document-import", tr("Make a VM from an OVA or OVF (VirtualBox, VMware)")},
        {Action::Start, tr("&Start"), QKeySequence(Qt::CTRL | Qt::Key_R), "start",
         "media-playback-start", tr("Start the selected VMs")},
        {Action::Stop, tr("S&hut Down"), QKeySequence(Qt::CTRL | Qt::Key_D), "shutdown",
         "system-shutdown",
         tr("Press the power button (ACPI); forced off if the guest ignores it for a minute")},
        {Action::ForceOff, tr("&Force Off"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D),
         "force-off", "process-stop", tr("Pull the plug: stop QEMU at once")},
        {Action::Pause, tr("&Pause"), QKeySequence(Qt::CTRL | Qt::Key_P), "pause",
         "media-playback-pause", tr("Pause the selected VMs")},
        {Action::Resume, tr("Res&ume"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), "resume",
         "media-seek-forward", tr("Resume the selected VMs")},
        {Action::Save, tr("S&ave State"), QKeySequence(Qt::CTRL | Qt::Key_S), "save",
         "document-save",
         tr("Save memory and devices to disk and stop; the next start restores them")},
        {Action::Delete, tr("&Delete…"), QKeySequence::Delete, "delete", "edit-delete",
         tr("Delete the selected VMs")},
        {Action::Clone, tr("&Clone…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), "clone",
         "edit-copy", tr("Copy a shut-off VM")},
        {Action::Networks, tr("&Networks…"), QKeySequence(), "new", "network-wired",
         tr("Named networks: NAT network, host-only, internal, bridged; their DHCP leases")},
        {Action::Remotes, tr("Remote &Hosts…"), QKeySequence(), "new", "network-server",
         tr("libvirt hosts: their VMs, live; add a host, migrate a VM between hosts")},
        {Action::Sandboxes, tr("&Sandboxes…"), QKeySequence(), "new", "utilities-terminal",
         tr("Container sandboxes: start, stop, their output, memory and CPU")},
        {Action::NewSandbox, tr("New Sand&box…"), QKeySequence(), "sandbox", "utilities-terminal",
         tr("Create a container sandbox: what runs, its limits, network and folders")},
        {Action::Refresh, tr("&Refresh"), QKeySequence::Refresh, "refresh", "view-refresh",
         tr("Read the library again")},
    };
    for (const auto& d : defs) {
        auto* a = new QAction(
            QIcon::fromTheme(QString::fromLatin1(d.theme),
                             QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(d.file)))),
            d.text, this);
        a->setShortcut(d.key);
        a->setToolTip(d.tip);
        a->setStatusTip(d.tip);
        m_actions.insert(d.id, a);
    }
    connect(action(Action::New), &QAction::triggered, this, [this] { newVm(); });
    connect(action(Action::Import), &QAction::triggered, this,
            [this] { newVm(NewVmSource::ImportDisk); });
    connect(action(Action::Networks), &QAction::triggered, this, [this] {
        NetworksPage* page = networksPage();
        page->show();
        page->raise();
    });
    connect(action(Action::Sandboxes), &QAction::triggered, this, [this] {
        SandboxesPage* page = sandboxesPage();
        page->show();
        page->raise();
    });
    connect(action(Action::NewSandbox), &QAction::triggered, this, [this] {
        SandboxesPage* page = sandboxesPage();
        page->show();
        page->raise();
        page->openNewSandboxWizard();
    });
    connect(action(Action::Remotes), &QAction::triggered, this, [this] {
        RemotesPage* page = remotesPage();
        page->show();
        page->raise();
    });
    connect(action(Action::ImportAppliance), &QAction::triggered, this,
            [this] { newVm(NewVmSource::Appliance); });
    connect(action(Action::Start), &QAction::triggered, this, [this] {
        forEachSelected(tr("Starting %1"), [](const QString& root, const QString& vm) {
            const Library library(root);
            // A VM with saved state resumes from it.
            auto status = VmLifecycle(library).status(vm);
            if (status && status->state == VmState::Saved) return VmLifecycle(library).restore(vm);
            return VmLifecycle(library).start(vm);
        });
    });
    connect(action(Action::Stop), &QAction::triggered, this, [this] {
        forEachSelected(tr("Shutting down %1"), [](const QString& root, const QString& vm) {
            return VmLifecycle(Library(root)).stop(vm);
        });
    });
    connect(action(Action::ForceOff), &QAction::triggered, this, [this] {
        forEachSelected(tr("Forcing off %1"), [](const QString& root, const QString& vm) {
            return VmLifecycle(Library(root)).kill(vm);
        });
    });
    connect(action(Action::Pause), &QAction::triggered, this, [this] {
        forEachSelected(tr("Pausing %1"), [](const QString& root, const QString& vm) {
            return VmLifecycle(Library(root)).pause(vm);
        });
    });
    connect(action(Action::Resume), &QAction::triggered, this, [this] {
        forEachSelected(tr("Resuming %1"), [](const QString& root, const QString& vm) {
            return VmLifecycle(Library(root)).resume(vm);
        });
    });
    connect(action(Action::Save), &QAction::triggered, this, [this] {
        forEachSelected(tr("Saving %1"), [](const QString& root, const QString& vm) {
            return VmLifecycle(Library(root)).save(vm);
        });
    });
    connect(action(Action::Delete), &QAction::triggered, this, &MainWindow::deleteSelected);
    connect(action(Action::Clone), &QAction::triggered, this, &MainWindow::cloneCurrent);
    connect(action(Action::Refresh), &QAction::triggered, this, &MainWindow::refresh);

    auto* find = new QAction(this);
    find->setShortcut(QKeySequence::Find);
    connect(find, &QAction::triggered, this, [this] {
        m_filter->setFocus();
        m_filter->selectAll();
    });
    addAction(find);
}

void MainWindow::createMenus() {
    auto* file = menuBar()->addMenu(tr("&File"));
    file->setObjectName(QStringLiteral("fileMenu"));
    file->addAction(action(Action::New));
    file->addAction(action(Action::Import));
    file->addAction(action(Action::ImportAppliance));
    file->addAction(action(Action::NewSandbox));
    file->addAction(action(Action::Refresh));
    file->addSeparator();
    auto* quit = file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    quit->setMenuRole(QAction::QuitRole);

    auto* vm = menuBar()->addMenu(tr("&Machine"));
    vm->setObjectName(QStringLiteral("machineMenu"));
    for (auto id : {Action::Start, Action::Stop, Action::ForceOff, Action::Pause, Action::Resume,
                    Action::Save})
        vm->addAction(action(id));
    vm->addSeparator();
    vm->addAction(action(Action::Clone));
    vm->addAction(action(Action::Delete));
    vm->addSeparator();
    auto* passthrough = vm->addAction(tr("Pass a &Host Device…"), this, [this] {
        auto* wizard = new PassthroughWizard(m_root, this);
        wizard->setAttribute(Qt::WA_DeleteOnClose);
        connect(wizard, &PassthroughWizard::added, this, [this](bool ok) {
            if (ok) refresh();
        });
        wizard->show();
    });
    passthrough->setObjectName(QStringLiteral("passthroughAction"));
    auto* usb = vm->addAction(tr("&USB Devices…"), this, [this] {
        const QStringList names = selectedVms();
        if (names.size() != 1) return;
        auto* dialog = new UsbDevicesDialog(m_root, names.first(), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &UsbDevicesDialog::changed, this, [this](bool ok) {
            if (ok) refresh();
        });
        dialog->show();
    });
    usb->setObjectName(QStringLiteral("usbDevicesAction"));

    auto* view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));
    view->addAction(action(Action::Networks));
    view->addAction(action(Action::Remotes));
    view->addAction(action(Action::Sandboxes));
    auto* filter = view->addAction(tr("&Filter"));
    connect(filter, &QAction::triggered, m_filter, qOverload<>(&QWidget::setFocus));

    auto* help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    auto* hostCheck = help->addAction(tr("&Check This Host…"), this, [this] { showHostCheck(); });
    hostCheck->setObjectName(QStringLiteral("hostCheckAction"));
    help->addAction(tr("&About Vireo"), this, [this] {
        QMessageBox::about(this, tr("About Vireo"),
                           tr("<b>Vireo %1</b><p>QEMU virtual machines for developers and "
                              "homelabs.</p><p>Library: %2</p>")
                               .arg(QStringLiteral(VIREO_VERSION), m_root.toHtmlEscaped()));
    });

    auto* toolbar = addToolBar(tr("Machine"));
    toolbar->setObjectName(QStringLiteral("machineToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(action(Action::New));
    toolbar->addSeparator();
    for (auto id : {Action::Start, Action::Stop, Action::ForceOff, Action::Pause, Action::Resume,
                    Action::Save})
        toolbar->addAction(action(id));
    toolbar->addSeparator();
    toolbar->addAction(action(Action::Clone));
    toolbar->addAction(action(Action::Delete));

    // A VM's row offers the Machine actions, a sandbox's row its own.
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QTableView::customContextMenuRequested, this, [this](const QPoint& at) {
        QMenu menu(this);
        if (!currentSandbox().isEmpty()) {
            menu.addActions(m_sandboxActions);
        } else {
            for (auto id : {Action::Start, Action::Stop, Action::ForceOff, Action::Pause,
                            Action::Resume, Action::Save, Action::Clone, Action::Delete})
                menu.addAction(action(id));
        }
        menu.exec(m_view->viewport()->mapToGlobal(at));
    });
}

QStringList MainWindow::selectedVms() const {
    QStringList names;
    for (const auto& idx : m_view->selectionModel()->selectedRows())
        if (idx.data(VmListModel::KindRole).toInt() == VmListModel::VmKind)
            names.append(idx.data(VmListModel::NameRole).toString());
    names.sort();
    return names;
}

QString MainWindow::currentVm() const {
    const auto rows = m_view->selectionModel()->selectedRows();
    const auto vmName = [](const QModelIndex& index) {
        return index.isValid() && index.data(VmListModel::KindRole).toInt() == VmListModel::VmKind
                   ? index.data(VmListModel::NameRole).toString()
                   : QString();
    };
    if (rows.size() == 1) return vmName(rows.first());
    if (rows.isEmpty()) return {};
    return vmName(m_view->currentIndex());
}

bool MainWindow::selectVm(const QString& name) {
    const int row = m_model->rowOf(name);
    if (row < 0) {
        m_selectAfterLoad = name;
        return false;
    }
    m_selectAfterLoad.clear();
    const QModelIndex index =
        m_filterModel->mapFromSource(m_allRows->mapFromSource(m_model->index(row, 0)));
    if (!index.isValid()) return false;
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
    m_view->scrollTo(index);
    return true;
}

void MainWindow::refresh() {
    m_poller->refresh();
}

void MainWindow::updateActions() {
    const QStringList names = selectedVms();
    bool anyOff = false, anyRunning = false, anyPaused = false, anyActive = false;
    for (const auto& n : names) {
        const VmRow* r = m_model->row(n);
        if (!r) continue;
        const VmState s = r->status.state;
        anyOff |= !r->status.isActive();
        anyRunning |= s == VmState::Running;
        anyPaused |= s == VmState::Paused;
        anyActive |= r->status.isActive();
    }
    action(Action::Start)->setEnabled(anyOff);
    action(Action::Stop)->setEnabled(anyRunning);
    action(Action::ForceOff)->setEnabled(anyActive);
    action(Action::Pause)->setEnabled(anyRunning);
    action(Action::Resume)->setEnabled(anyPaused);
    action(Action::Save)->setEnabled(anyActive);
    action(Action::Delete)->setEnabled(!names.isEmpty());
    const VmRow* one = names.size() == 1 ? m_model->row(names.first()) : nullptr;
    action(Action::Clone)->setEnabled(one && !one->status.isActive());
}

void MainWindow::updateDetails() {
    const QString name = currentVm();
    const VmRow* row = name.isEmpty() ? nullptr : m_model->row(name);
    m_details->setVm(row);
}

void MainWindow::updateJobIndicator() {
    const auto jobs = m_jobs->running();
    m_jobProgress->setVisible(!jobs.isEmpty());
    m_jobCancel->setVisible(!jobs.isEmpty());
    if (jobs.isEmpty()) {
        m_jobLabel->setText(m_model && m_model->isLoaded()
                                ? tr("%n VM(s)", nullptr, m_model->rowCount())
                                : QString());
        return;
    }
    const Job* last = jobs.last();
    m_jobLabel->setText(
        jobs.size() == 1
            ? tr("%1…").arg(last->title())
            : tr("%1… (%n operation(s) running)", nullptr, int(jobs.size())).arg(last->title()));
    if (last->progress() < 0) {
        m_jobProgress->setRange(0, 0); // busy indicator
    } else {
        m_jobProgress->setRange(0, 100);
        m_jobProgress->setValue(int(last->progress()));
    }
}

void MainWindow::forEachSelected(
    const QString& titlePattern,
    const std::function<Status(const QString& root, const QString& vm)>& op) {
    for (const auto& vm : selectedVms()) {
        const QString root = m_root;
        m_jobs->run(titlePattern.arg(vm), [op, root, vm](JobContext&) { return op(root, vm); });
    }
    refresh();
}

void MainWindow::newVm(std::optional<NewVmSource> source) {
    auto* wizard = new NewVmWizard(m_root, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(wizard, &QDialog::accepted, this, [this, wizard] {
        const NewVmPlan plan = wizard->plan();
        const QString root = m_root;
        auto* job = m_jobs->run(tr("Creating %1").arg(plan.spec.name), [root, plan](JobContext& c) {
            return executeNewVmPlan(Library(root), plan, c.progressReporter(), c.cancelFlag());
        });
        const QString name = plan.spec.name;
        connect(job, &Job::finished, this, [this, name](const Status& status) {
            if (!status.ok()) return;
            m_selectAfterLoad = name;
            if (m_model->row(name)) selectVm(name);
        });
    });
    wizard->open();
    if (source) wizard->startWith(*source);
}

void MainWindow::runDueBackups() {
    for (const QString& vm : dueBackups(Library(m_root), QDateTime::currentDateTimeUtc())) {
        if (m_backingUp.contains(vm)) continue;
        m_backingUp.insert(vm);
        const QString root = m_root;
        auto* job =
            m_jobs->run(tr("Scheduled backup of %1").arg(vm), [root, vm](JobContext& c) -> Status {
                auto r = runScheduledBackup(Library(root), vm, c.progressReporter());
                if (!r) return r.error();
                return {};
            });
        connect(job, &Job::finished, this, [this, vm] {
            m_backingUp.remove(vm);
            m_details->backups()->reload();
        });
    }
}

void MainWindow::deleteSelected() {
    const QStringList names = selectedVms();
    if (names.isEmpty()) return;
    QMessageBox box(QMessageBox::Warning, tr("Delete VMs"),
                    tr("Delete %n VM(s): %1?", nullptr, int(names.size()))
                        .arg(names.join(QStringLiteral(", "))),
                    QMessageBox::Yes | QMessageBox::No, this);
    box.setObjectName(QStringLiteral("deleteConfirmation"));
    box.setInformativeText(tr("Their folders, with disks Vireo created, are removed. Running "
                              "VMs are powered off first."));
    box.setDefaultButton(QMessageBox::No);
    if (box.exec() != QMessageBox::Yes) return;
    forEachSelected(tr("Deleting %1"), [](const QString& root, const QString& vm) {
        return VmLifecycle(Library(root)).remove(vm, DeleteOptions{true, false});
    });
}

void MainWindow::cloneCurrent() {
    const QString source = currentVm();
    if (source.isEmpty()) return;
    CloneDialog dialog(m_root, source, this);
    if (dialog.exec() != QDialog::Accepted) return;
    const QString target = dialog.targetName();
    const CloneMode mode = dialog.linked() ? CloneMode::Linked : CloneMode::Full;
    const QString root = m_root;
    auto* job = m_jobs->run(tr("Cloning %1 to %2").arg(source, target), [=](JobContext& c) {
        return VmCloner(Library(root))
            .clone(source, target, mode, c.progressReporter(), c.cancelFlag());
    });
    connect(job, &Job::finished, this, [this, target](const Status& status) {
        if (status.ok()) m_selectAfterLoad = target;
    });
}

} // namespace vireo
