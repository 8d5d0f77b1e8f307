#include "BackupsTab.h"

#include "JobRunner.h"
#include "core/Size.h"
#include "vm/BackupSchedule.h"
#include "vm/VmBackups.h"

#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <memory>

namespace vireo {

BackupsTab::BackupsTab(JobRunner* jobs, QWidget* parent) : VmTab(jobs, parent) {
    m_folder = new QLineEdit(this);
    m_folder->setObjectName(QStringLiteral("backupFolder"));
    m_folder->setPlaceholderText(tr("A folder for this VM's backups"));
    auto* browse = new QPushButton(tr("Browse…"), this);
    m_every = new QSpinBox(this);
    m_every->setObjectName(QStringLiteral("backupEvery"));
    m_every->setRange(0, 24 * 366);
    m_every->setSpecialValueText(tr("Not scheduled"));
    m_every->setSuffix(tr(" h"));
    m_keep = new QSpinBox(this);
    m_keep->setObjectName(QStringLiteral("backupKeep"));
    m_keep->setRange(0, 1000);
    m_keep->setSpecialValueText(tr("All"));
    m_save = new QPushButton(tr("Save Schedule"), this);
    m_save->setObjectName(QStringLiteral("saveBackupSchedule"));
    m_backUp = new QPushButton(tr("Back Up Now"), this);
    m_backUp->setObjectName(QStringLiteral("backUpNow"));
    m_restore = new QPushButton(tr("Restore as New VM…"), this);
    m_restore->setObjectName(QStringLiteral("restoreBackup"));
    m_verify = new QPushButton(tr("Verify"), this);
    m_verify->setObjectName(QStringLiteral("verifyBackups"));
    m_points = new QTreeWidget(this);
    m_points->setObjectName(QStringLiteral("backupPoints"));
    m_points->setRootIsDecorated(false);
    m_points->setHeaderLabels({tr("Point"), tr("Type"), tr("Size"), tr("State")});
    m_points->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("backupStatus"));
    m_status->setWordWrap(true);

    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);
    auto* form = new QFormLayout;
    form->addRow(tr("Folder:"), folderRow);
    form->addRow(tr("Back up every:"), m_every);
    form->addRow(tr("Keep points:"), m_keep);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_save);
    buttons->addWidget(m_backUp);
    buttons->addStretch(1);
    buttons->addWidget(m_verify);
    buttons->addWidget(m_restore);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_points, 1);
    layout->addWidget(m_status);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir =
            QFileDialog::getExistingDirectory(this, tr("Backup folder"), m_folder->text());
        if (!dir.isEmpty()) m_folder->setText(dir);
    });
    // The chain is read when the folder is set, not on every keystroke while typing it.
    connect(m_folder, &QLineEdit::textChanged, this, &BackupsTab::updateButtons);
    connect(m_folder, &QLineEdit::editingFinished, this, &BackupsTab::reload);
    connect(m_save, &QPushButton::clicked, this, &BackupsTab::saveSchedule);
    connect(m_backUp, &QPushButton::clicked, this, &BackupsTab::backUpNow);
    connect(m_verify, &QPushButton::clicked, this, &BackupsTab::verify);
    connect(m_restore, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(
            this, tr("Restore Backup"), tr("Name of the new VM:"), QLineEdit::Normal,
            m_row ? m_row->name + QStringLiteral("-restored") : QString(), &ok);
        if (ok && !name.trimmed().isEmpty()) restoreSelected(name.trimmed());
    });
    connect(m_points, &QTreeWidget::itemSelectionChanged, this, &BackupsTab::updateButtons);
    updateButtons();
}

QString BackupsTab::folder() const {
    return m_folder->text().trimmed();
}

void BackupsTab::setVm(const VmRow* row) {
    const bool other = !row || !m_row || m_row->name != row->name;
    m_row = row ? std::optional<VmRow>(*row) : std::nullopt;
    setEnabled(row != nullptr);
    if (!row || !other) return;
    const BackupSchedule& s = row->spec.backup;
    m_every->setValue(s.everyHours);
    m_keep->setValue(s.keep);
    m_folder->setText(s.folder);
    reload();
}

void BackupsTab::updateButtons() {
    const bool haveFolder = !folder().isEmpty();
    m_backUp->setEnabled(m_row && haveFolder);
    m_verify->setEnabled(haveFolder && m_points->topLevelItemCount() > 0);
    const auto* item = m_points->currentItem();
    m_restore->setEnabled(item && item->data(0, Qt::UserRole + 1).toBool());
}

void BackupsTab::reload() {
    const QString dir = folder();
    const int generation = ++m_generation;
    if (dir.isEmpty()) {
        m_points->clear();
        updateButtons();
        return;
    }
    auto chain = std::make_shared<BackupChain>();
    auto* job = m_jobs->run(tr("Reading backups in %1").arg(dir), [=](JobContext&) -> Status {
        auto loaded = BackupChain::load(dir);
        if (!loaded) return loaded.error().code == ErrorCode::NotFound ? Status{} : loaded.error();
        *chain = *loaded;
        return {};
    });
    connect(job, &Job::finished, this, [this, chain, generation](const Status& status) {
        if (generation != m_generation) return;
        m_points->clear();
        if (status.ok()) {
            // Newest first: the point people restore most.
            for (auto it = chain->points.crbegin(); it != chain->points.crend(); ++it) {
                std::uint64_t bytes = 0;
                for (const auto& d : it->disks)
                    bytes += d.bytes;
                auto* item = new QTreeWidgetItem(
                    m_points,
                    {it->created.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                     it->isFull() ? tr("Full") : tr("Incremental"), formatSize(bytes),
                     it->complete ? tr("Good") : tr("Incomplete")});
                item->setData(0, Qt::UserRole, it->id);
                item->setData(0, Qt::UserRole + 1, it->complete);
            }
        }
        updateButtons();
        Q_EMIT reloaded();
    });
}

void BackupsTab::saveSchedule() {
    if (!m_row) return;
    BackupSchedule s;
    s.folder = folder();
    s.everyHours = m_every->value();
    s.keep = m_keep->value();
    const QString name = m_row->name, root = m_jobs->libraryRoot();
    auto* job = m_jobs->run(tr("Scheduling backups of %1").arg(name),
                            [=](JobContext&) { return setBackupSchedule(Library(root), name, s); });
    connect(job, &Job::finished, this, [this](const Status& st) {
        if (st.ok()) Q_EMIT vmModified();
    });
}

void BackupsTab::backUpNow() {
    if (!m_row) return;
    const QString name = m_row->name, root = m_jobs->libraryRoot(), dir = folder();
    const int keep = m_keep->value();
    auto* job = m_jobs->run(tr("Backing up %1").arg(name), [=](JobContext& c) -> Status {
        BackupOptions o;
        o.incremental = true; // a full one when the folder has none yet
        o.keep = keep;
        o.progress = c.progressReporter();
        auto r = VmBackups(Library(root)).backup(name, dir, o);
        if (!r) return r.error();
        return {};
    });
    connect(job, &Job::finished, this, [this] { reload(); });
}

void BackupsTab::restoreSelected(const QString& newName) {
    const auto* item = m_points->currentItem();
    if (!item) return;
    const QString point = item->data(0, Qt::UserRole).toString(), dir = folder(),
                  root = m_jobs->libraryRoot();
    auto* job = m_jobs->run(tr("Restoring %1 as %2").arg(point, newName), [=](JobContext&) {
        return VmBackups(Library(root)).restore(dir, point, newName);
    });
    connect(job, &Job::finished, this, [this](const Status& st) {
        if (st.ok()) Q_EMIT vmModified();
    });
}

void BackupsTab::verify() {
    const QString dir = folder();
    auto checks = std::make_shared<QVector<BackupCheck>>();
    auto* job = m_jobs->run(tr("Verifying backups in %1").arg(dir), [=](JobContext&) -> Status {
        auto r = VmBackups::verify(dir);
        if (!r) return r.error();
        *checks = *r;
        return {};
    });
    connect(job, &Job::finished, this, [this, checks](const Status& st) {
        if (!st.ok()) return;
        int good = 0;
        QStringList bad;
        for (const auto& c : *checks) {
            if (c.ok)
                ++good;
            else if (c.complete)
                bad << tr("%1: %2").arg(c.point, c.problem);
        }
        const QString summary = bad.isEmpty()
                                    ? tr("%n good point(s).", nullptr, good)
                                    : tr("Damaged: %1").arg(bad.join(QStringLiteral("; ")));
        m_status->setText(summary);
        Q_EMIT verified(summary);
    });
}

} // namespace vireo
