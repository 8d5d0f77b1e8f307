#pragma once

#include "libvirt/LibvirtConnection.h"
#include "vm/VmEngine.h"

#include <QDialog>
#include <QHash>

class QLabel;
class QPushButton;
class QThread;
class QTreeWidget;
class QTreeWidgetItem;

namespace vireo {

class JobRunner;
class RemoteHostMonitor;

// The libvirt hosts of the library, each a group with its VMs and their live state (pushed
// by libvirt's events, no polling); add a host (its connection tested first), remove one,
// start, shut down or power off a VM there, and migrate it to another host.
class RemotesPage : public QDialog {
    Q_OBJECT
public:
    // `prompt` answers logins (SASL user and password); by default a dialog asks.
    explicit RemotesPage(JobRunner* jobs, QWidget* parent = nullptr, CredentialPrompt prompt = {});
    ~RemotesPage() override;

    QTreeWidget* hosts() const { return m_tree; }
    // The group of `remote` (nullptr when unknown) and its row for `vm`.
    QTreeWidgetItem* hostItem(const QString& remote) const;
    QTreeWidgetItem* vmItem(const QString& remote, const QString& vm) const;
    // Reads the remote list again and watches each host.
    void reload();
    // The open connection to `remote` (null while it is away): every action uses it.
    std::shared_ptr<LibvirtConnection> connectionTo(const QString& remote) const;
    // Selects `vm` on `remote` and opens the Migrate dialog for it.
    class MigrateDialog* migrateSelected();
    // Opens a window with the selected running VM's screen (nullptr when none is selected).
    class RemoteScreenWindow* screenOfSelected();

Q_SIGNALS:
    void hostChanged(const QString& remote); // its state or its VMs changed

private:
    void onConnection(const QString& remote, bool connected, const QString& detail);
    void onVms(const QString& remote, const QVector<VmSummary>& vms);
    void runOnSelected(const QString& title, int op);
    void updateButtons();
    // The selected VM as (remote, vm); empty when a host or nothing is selected.
    QPair<QString, QString> selectedVm() const;
    QString selectedHost() const;

    JobRunner* m_jobs;
    QTreeWidget* m_tree;
    QLabel* m_help;
    QPushButton* m_add;
    QPushButton* m_remove;
    QPushButton* m_start;
    QPushButton* m_stop;
    QPushButton* m_kill;
    QPushButton* m_migrate;
    QPushButton* m_screen;
    CredentialPrompt m_prompt;
    QThread* m_worker;
    QHash<QString, RemoteHostMonitor*> m_monitors;
};

} // namespace vireo
