#pragma once

#include "libvirt/LibvirtConnection.h"

#include <QDialog>
#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace vireo {

class Job;
class JobRunner;

// Asks for one login credential (SASL user name or password) in a dialog over `parent`.
CredentialPrompt credentialDialog(QWidget* parent);
// `ask` run on `owner`'s thread while the calling (connecting) thread waits; nothing is
// asked once `owner` is gone.
CredentialPrompt onThreadOf(QObject* owner, CredentialPrompt ask);

// Adds a libvirt host: a name and a URI, the connection tried (and what the host is shown)
// before anything is saved.
class AddHostDialog : public QDialog {
    Q_OBJECT
public:
    // `prompt` answers a login (SASL); by default a dialog asks.
    explicit AddHostDialog(JobRunner* jobs, QWidget* parent = nullptr,
                           CredentialPrompt prompt = {});
    QLineEdit* nameEdit() const { return m_name; }
    QLineEdit* uriEdit() const { return m_uri; }
    QLabel* result() const { return m_result; }
    // Tries the connection (Test button); the result line says what the host is.
    void test();
    // Tests, then saves the remote and accepts (Add button).
    void add();

Q_SIGNALS:
    void tested(bool ok);

private:
    void run(bool thenAdd);
    JobRunner* m_jobs;
    CredentialPrompt m_prompt;
    QLineEdit* m_name;
    QLineEdit* m_uri;
    QLabel* m_result;
    QPushButton* m_test;
    QPushButton* m_addButton;
};

// Moves one VM from its host to another while it runs: the target, whether disks are
// copied, live progress from libvirt's job statistics, and Cancel (the VM then stays).
class MigrateDialog : public QDialog {
    Q_OBJECT
public:
    // The open connection to a host by its remote name (null when it is away).
    using Connections = std::function<std::shared_ptr<LibvirtConnection>(const QString& remote)>;
    MigrateDialog(JobRunner* jobs, QString source, QString vm, const QStringList& targets,
                  Connections connections, QWidget* parent = nullptr);
    QComboBox* target() const { return m_target; }
    QCheckBox* copyStorage() const { return m_copyStorage; }
    QProgressBar* progress() const { return m_progress; }
    QLabel* detail() const { return m_detail; }
    void migrate();
    void cancelMigration();

Q_SIGNALS:
    void migrated(bool ok, const QString& line);

private:
    JobRunner* m_jobs;
    QString m_source;
    QString m_vm;
    Connections m_connections;
    QComboBox* m_target;
    QCheckBox* m_copyStorage;
    QCheckBox* m_offline;
    QProgressBar* m_progress;
    QLabel* m_detail;
    QPushButton* m_go;
    QPushButton* m_cancel;
    Job* m_job = nullptr;
};

} // namespace vireo
