#include "OverviewTab.h"

#include "JobRunner.h"
#include "VmListModel.h"
#include "jobs/SpecEdit.h"

#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace vireo {

QString OverviewTab::uptimeText(qint64 seconds) {
    const qint64 days = seconds / 86400, hours = seconds / 3600 % 24, minutes = seconds / 60 % 60;
    if (days > 0) return tr("%n day(s), %1 h %2 min", "", int(days)).arg(hours).arg(minutes);
    if (hours > 0) return tr("%1 h %2 min").arg(hours).arg(minutes);
    if (minutes > 0) return tr("%1 min %2 s").arg(minutes).arg(seconds % 60);
    return tr("%1 s").arg(seconds);
}

OverviewTab::OverviewTab(JobRunner* jobs, QWidget* parent) : VmTab(jobs, parent) {
    m_name = new QLabel(this);
    QFont big = m_name->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    m_name->setFont(big);
    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("overviewState"));
    m_detail = new QLabel(this);
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_uuid = new QLabel(this);
    m_uuid->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_boot = new QLabel(this);
    m_boot->setWordWrap(true);
    m_address = new QLabel(this);
    m_address->setObjectName(QStringLiteral("overviewAddress"));
    m_address->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_uptime = new QLabel(this);
    m_uptime->setObjectName(QStringLiteral("overviewUptime"));
    connect(&m_uptimeTimer, &QTimer::timeout, this, &OverviewTab::showUptime);
    m_notes = new QPlainTextEdit(this);
    m_notes->setObjectName(QStringLiteral("notes"));
    m_notes->setPlaceholderText(tr("Notes about this VM"));
    m_saveNotes = new QPushButton(tr("Save notes"), this);
    m_saveNotes->setEnabled(false);
    connect(m_notes, &QPlainTextEdit::textChanged, this, [this] {
        m_saveNotes->setEnabled(m_row && m_notes->toPlainText() != m_row->spec.notes &&
                                !m_row->status.isActive());
    });
    connect(m_saveNotes, &QPushButton::clicked, this, &OverviewTab::saveNotes);

    auto* form = new QFormLayout;
    form->addRow(tr("State:"), m_state);
    form->addRow(QString(), m_detail);
    form->addRow(tr("UUID:"), m_uuid);
    form->addRow(tr("Boots from:"), m_boot);
    form->addRow(tr("IP address:"), m_address);
    form->addRow(tr("Up for:"), m_uptime);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_name);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Notes:"), this));
    layout->addWidget(m_notes, 1);
    layout->addWidget(m_saveNotes, 0, Qt::AlignRight);
    setVm(nullptr);
}

void OverviewTab::showUptime() {
    // Counted here from QEMU's start time, so the label ticks between library scans.
    const bool known = m_row && m_row->status.isActive() && m_row->startedAt.isValid();
    m_uptime->setText(known ? uptimeText(std::max<qint64>(
                                  0, m_row->startedAt.secsTo(QDateTime::currentDateTimeUtc())))
                            : tr("— (not running)"));
    if (known && !m_uptimeTimer.isActive()) m_uptimeTimer.start(1000);
    if (!known) m_uptimeTimer.stop();
}

void OverviewTab::setVm(const VmRow* row) {
    const bool sameVm = row && m_row && m_row->name == row->name;
    m_row = row ? std::optional<VmRow>(*row) : std::nullopt;
    setEnabled(row != nullptr);
    if (!row) {
        m_name->setText(tr("No VM selected"));
        m_state->clear();
        m_detail->clear();
        m_uuid->clear();
        m_boot->clear();
        m_address->clear();
        m_uptime->clear();
        m_uptimeTimer.stop();
        m_notes->clear();
        return;
    }
    m_name->setText(row->name);
    m_state->setText(VmListModel::stateText(row->status.state));
    m_detail->setText(row->loadError.isEmpty() ? row->status.detail : row->loadError);
    m_detail->setVisible(!m_detail->text().isEmpty());
    m_uuid->setText(row->spec.uuid.toString(QUuid::WithoutBraces));
    if (row->spec.kernel.enabled())
        m_boot->setText(tr("Linux kernel %1").arg(row->spec.kernel.kernel));
    else if (!row->spec.cdrom.isEmpty())
        m_boot->setText(tr("Disk, then CD-ROM %1").arg(row->spec.cdrom));
    else
        m_boot->setText(tr("Disk"));
    const bool active = row->status.isActive();
    m_address->setText(!active                    ? tr("— (not running)")
                       : row->addresses.isEmpty() ? tr("not known yet")
                                                  : row->addresses.join(QStringLiteral(", ")));
    showUptime();
    // Keep what the user is typing; refresh only on another VM or an unedited field.
    if (!sameVm || !m_saveNotes->isEnabled()) {
        const QSignalBlocker block(m_notes);
        if (m_notes->toPlainText() != row->spec.notes) m_notes->setPlainText(row->spec.notes);
    }
    const bool running = row->status.isActive();
    m_notes->setReadOnly(running);
    m_notes->setToolTip(running ? tr("Notes are part of the VM's definition, which cannot "
                                     "change while it runs. Shut it down to edit them.")
                                : QString());
    m_saveNotes->setEnabled(!running && m_notes->toPlainText() != row->spec.notes);
}

void OverviewTab::saveNotes() {
    if (!m_row) return;
    const QString name = m_row->name;
    const QString notes = m_notes->toPlainText();
    const QString root = m_jobs->libraryRoot();
    auto* job = m_jobs->run(tr("Saving notes of %1").arg(name), [root, name, notes](JobContext&) {
        return editVmSpec(Library(root), name, [&](VmSpec& spec) { spec.notes = notes; });
    });
    connect(job, &Job::finished, this, [this] { Q_EMIT vmModified(); });
    m_saveNotes->setEnabled(false);
}

} // namespace vireo
