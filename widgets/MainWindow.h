#pragma once

#include "core/Result.h"
#include "jobs/NewVmPlan.h"

#include <QHash>
#include <QMainWindow>
#include <QSet>
#include <functional>
#include <optional>

class QAction;
class QConcatenateTablesProxyModel;
class QLabel;
class QLineEdit;
class QProgressBar;
class QTableView;
class QVBoxLayout;
class QToolButton;

namespace vireo {

class DetailsPane;
class NetworksPage;
class RemotesPage;
class RemoteListPanel;
class SandboxListModel;
class SandboxesPage;
class Job;
class JobRunner;
class LibraryPoller;
class MessageBar;
class VmFilterModel;
class VmListModel;
struct VmRow;

// The desktop app's window: the VM list (filterable, multi-select) beside the details of
// the current VM; toolbar and menu actions run as jobs, progress in the status bar,
// failures in the message bar. It never calls the blocking backend itself.
class HostCheckDialog;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    enum class Action {
        New,
        Import,
        ImportAppliance,
        Start,
        Stop,
        ForceOff,
        Pause,
        Resume,
        Save,
        Delete,
        Clone,
        Refresh,
        Networks,
        Remotes,
        Sandboxes,
        NewSandbox
    };

    explicit MainWindow(const QString& libraryRoot, QWidget* parent = nullptr);
    ~MainWindow() override;

    QAction* action(Action id) const { return m_actions.value(id); }
    VmListModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    DetailsPane* details() const { return m_details; }
    MessageBar* messageBar() const { return m_messages; }
    JobRunner* jobs() const { return m_jobs; }
    QLineEdit* filterEdit() const { return m_filter; }

    // The list holds VMs and sandboxes: these see only the VMs among the selected rows.
    QStringList selectedVms() const;
    QString currentVm() const;
    bool selectVm(const QString& name);
    SandboxListModel* sandboxModel() const { return m_sandboxModel; }
    // The one selected row's sandbox, if it is one.
    QString currentSandbox() const;
    bool selectSandbox(const QString& name);
    // A sandbox row's context actions (objectName sandboxOpenAction, sandboxStartAction,
    // sandboxStopAction), for the selected sandbox.
    QAction* sandboxAction(const QString& objectName) const;
    // Shows the Sandboxes page with `name` selected.
    void openSandbox(const QString& name);
    void refresh();
    // Starts a job for every scheduled backup that is due and not already running (the
    // app checks every minute while it is open).
    void runDueBackups();
    // The Networks window (one, reused).
    NetworksPage* networksPage();
    // The Remote Hosts window (one, reused); made at start when the library has hosts, and
    // with it their groups under the VMs (remotePanel).
    RemotesPage* remotesPage();
    RemoteListPanel* remotePanel() const { return m_remotePanel; }
    // The Sandboxes window (one, reused).
    SandboxesPage* sandboxesPage();
    // The host check (the doctor's checks with their fixes), shown and re-run.
    HostCheckDialog* showHostCheck();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void createMenus();
    void createSandboxActions();
    void updateActions();
    void updateDetails();
    void updateJobIndicator();
    void newVm(std::optional<NewVmSource> source = std::nullopt);
    void deleteSelected();
    void cloneCurrent();
    // Runs `op` once per selected VM as its own job.
    void forEachSelected(const QString& titlePattern,
                         const std::function<Status(const QString& root, const QString& vm)>& op);

    QString m_root;
    JobRunner* m_jobs;
    LibraryPoller* m_poller;
    VmListModel* m_model;
    VmFilterModel* m_filterModel;
    QTableView* m_view;
    QLineEdit* m_filter;
    DetailsPane* m_details;
    MessageBar* m_messages;
    QLabel* m_jobLabel;
    QProgressBar* m_jobProgress;
    QToolButton* m_jobCancel;
    QHash<Action, QAction*> m_actions;
    QString m_selectAfterLoad;
    QSet<QString> m_backingUp;
    NetworksPage* m_networksPage = nullptr;
    HostCheckDialog* m_hostCheck = nullptr;
    RemotesPage* m_remotesPage = nullptr;
    SandboxesPage* m_sandboxesPage = nullptr;
    SandboxListModel* m_sandboxModel = nullptr;
    QConcatenateTablesProxyModel* m_allRows = nullptr;
    QList<QAction*> m_sandboxActions;
    RemoteListPanel* m_remotePanel = nullptr;
    QVBoxLayout* m_leftLayout = nullptr;
};

} // namespace vireo
