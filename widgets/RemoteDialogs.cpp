#include "RemoteDialogs.h"

#include "JobRunner.h"

#include "libvirt/HostFacts.h"
#include "libvirt/LibvirtMigration.h"
#include "store/Library.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QThread>
#include <QVBoxLayout>

namespace vireo {

CredentialPrompt credentialDialog(QWidget* parent) {
    return
        [parent](const Remote& remote, const CredentialRequest& request) -> std::optional<QString> {
            bool ok = false;
            const QString answer = QInputDialog::getText(
                parent, AddHostDialog::tr("Log in to %1").arg(remote.name), request.prompt,
                request.secret ? QLineEdit::Password : QLineEdit::Normal, QString(), &ok);
            if (!ok) return std::nullopt;
            return answer;
        };
}

CredentialPrompt onThreadOf(QObject* owner, CredentialPrompt ask) {
    QPointer<QObject> guard(owner);
    return [guard, ask](const Remote& remote,
                        const CredentialRequest& request) -> std::optional<QString> {
        std::optional<QString> answer;
        if (!guard) return answer;
        if (QThread::currentThread() == guard->thread()) return ask(remote, request);
        QMetaObject::invokeMethod(
            guard.data(), [&] { answer = ask(remote, request); }, Qt::BlockingQueuedConnection);
        return answer;
    };
}

AddHostDialog::AddHostDialog(JobRunner* jobs, QWidget* parent, CredentialPrompt prompt)
    : QDialog(parent), m_jobs(jobs) {
    // The connecting job's thread waits while the UI thread asks.
    m_prompt = onThreadOf(this, prompt ? std::move(prompt) : credentialDialog(this));
    setWindowTitle(tr("Add Host"));
    auto* form = new QFormLayout;
    m_name = new QLineEdit;
    m_name->setPlaceholderText(tr("e.g. rack1"));
    m_uri = new QLineEdit;
    m_uri->setPlaceholderText(QStringLiteral("qemu+ssh://user@host/system"));
    m_uri->setToolTip(tr("qemu+ssh:// uses your ssh keys or agent; qemu+tls:// the host's "
                         "certificates; qemu+tcp:// only on a trusted network"));
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&URI:"), m_uri);
    m_result = new QLabel(tr("The connection is tried before the host is added."));
    m_result->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    m_test = buttons->addButton(tr("&Test Connection"), QDialogButtonBox::ActionRole);
    m_addButton = buttons->addButton(tr("&Add"), QDialogButtonBox::AcceptRole);
    connect(m_test, &QPushButton::clicked, this, &AddHostDialog::test);
    connect(m_addButton, &QPushButton::clicked, this, &AddHostDialog::add);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_result);
    layout->addWidget(buttons);
}

void AddHostDialog::test() {
    run(false);
}
void AddHostDialog::add() {
    run(true);
}

void AddHostDialog::run(bool thenAdd) {
    const Remote remote{m_name->text().trimmed(), m_uri->text().trimmed()};
    const QString root = m_jobs->libraryRoot();
    auto facts = std::make_shared<HostFacts>();
    m_test->setEnabled(false);
    m_addButton->setEnabled(false);
    m_result->setText(tr("Connecting to %1…").arg(remote.uri));
    const CredentialPrompt prompt = m_prompt;
    auto* job = m_jobs->run(tr("Connecting to %1").arg(remote.uri), [=](JobContext&) -> Status {
        auto conn = LibvirtConnection::open(remote, prompt);
        if (!conn) return conn.error();
        *facts = readHostFacts(**conn);
        if (!thenAdd) return {};
        const Library library(root);
        return Remotes(library).add(remote);
    });
    QPointer<AddHostDialog> self(this);
    connect(job, &Job::finished, this, [self, facts, thenAdd](const Status& s) {
        if (!self) return;
        self->m_test->setEnabled(true);
        self->m_addButton->setEnabled(true);
        if (!s) {
            self->m_result->setText(s.error().line());
            Q_EMIT self->tested(false);
            return;
        }
        self->m_result->setText(
            tr("Reachable: %1, libvirt %2, QEMU %3, %4 CPUs, %5 MiB free, %6 VMs")
                .arg(facts->hostname, facts->libvirtVersion, facts->qemuVersion)
                .arg(facts->cpus)
                .arg(facts->freeMemoryMiB)
                .arg(facts->vmCount));
        Q_EMIT self->tested(true);
        if (thenAdd) self->accept();
    });
}

MigrateDialog::MigrateDialog(JobRunner* jobs, QString source, QString vm,
                             const QStringList& targets, Connections connections, QWidget* parent)
    : QDialog(parent), m_jobs(jobs), m_source(std::move(source)), m_vm(std::move(vm)),
      m_connections(std::move(connections)) {
    setWindowTitle(tr("Migrate %1").arg(m_vm));
    auto* form = new QFormLayout;
    m_target = new QComboBox;
    m_target->addItems(targets);
    form->addRow(tr("&To host:"), m_target);
    m_copyStorage = new QCheckBox(tr("&Copy the disks (no shared storage)"));
    m_offline = new QCheckBox(tr("&Offline (move a shut-off VM's definition)"));
    form->addRow(QString(), m_copyStorage);
    form->addRow(QString(), m_offline);
    m_progress = new QProgressBar;
    m_progress->setRange(0, 100);
    m_progress->setValue(0);
    m_detail = new QLabel(tr("The VM keeps running while its memory is copied; it pauses only "
                             "for the switch-over."));
    m_detail->setWordWrap(true);
    auto* buttons = new QDialogButtonBox;
    m_go = buttons->addButton(tr("&Migrate"), QDialogButtonBox::AcceptRole);
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    connect(m_go, &QPushButton::clicked, this, &MigrateDialog::migrate);
    connect(m_cancel, &QPushButton::clicked, this, &MigrateDialog::cancelMigration);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("From host: %1").arg(m_source)));
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_detail);
    layout->addWidget(buttons);
}

void MigrateDialog::migrate() {
    const QString source = m_source, vm = m_vm;
    const QString target = m_target->currentText();
    const MigrateOptions base{m_copyStorage->isChecked(), m_offline->isChecked(), nullptr};
    QPointer<MigrateDialog> self(this);
    auto result = std::make_shared<MigrationResult>();
    m_go->setEnabled(false);
    m_target->setEnabled(false);
    // The hosts' open connections: no second login, no second ssh session.
    const std::shared_ptr<LibvirtConnection> from = m_connections(source);
    const std::shared_ptr<LibvirtConnection> to = m_connections(target);
    m_job = m_jobs->run(tr("Migrating %1 to %2").arg(vm, target), [=](JobContext& ctx) -> Status {
        if (!from || !to)
            return makeError(ErrorCode::InvalidState,
                             tr("%1 is not connected").arg(from ? target : source));
        MigrateOptions options = base;
        options.cancel = ctx.cancelFlag();
        auto done = migrateVm(*from, *to, vm, options, [&](const MigrationProgress& p) {
            if (p.totalBytes <= 0 || p.remainingBytes < 0) return;
            ctx.setProgress(100.0 * double(p.totalBytes - p.remainingBytes) / double(p.totalBytes));
            const QString line = tr("%1 MiB left, %2 MiB/s, expected downtime %3 ms")
                                     .arg(p.remainingBytes >> 20)
                                     .arg(p.bytesPerSecond >> 20)
                                     .arg(p.expectedDowntimeMs);
            QMetaObject::invokeMethod(
                qApp,
                [self, line] {
                    if (self) self->m_detail->setText(line);
                },
                Qt::QueuedConnection);
        });
        if (!done) return done.error();
        *result = *done;
        return {};
    });
    connect(m_job, &Job::progressChanged, this, [this](double p) { m_progress->setValue(int(p)); });
    connect(m_job, &Job::finished, this, [self, result, vm, target](const Status& s) {
        if (!self) return;
        self->m_job = nullptr;
        if (!s) {
            self->m_detail->setText(s.error().line());
            self->m_go->setEnabled(true);
            self->m_target->setEnabled(true);
            Q_EMIT self->migrated(false, s.error().line());
            return;
        }
        self->m_progress->setValue(100);
        const QString line = tr("%1 runs on %2 now (%3 s, downtime %4 ms)")
                                 .arg(vm, target)
                                 .arg(double(result->wallMs) / 1000.0, 0, 'f', 1)
                                 .arg(result->downtimeMs);
        self->m_detail->setText(line);
        self->m_cancel->setText(tr("Close"));
        Q_EMIT self->migrated(true, line);
    });
}

void MigrateDialog::cancelMigration() {
    if (m_job) {
        m_job->cancel(); // the VM stays on the source; finished() reports it
        return;
    }
    reject();
}

} // namespace vireo
