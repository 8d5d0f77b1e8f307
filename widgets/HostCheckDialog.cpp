#include "HostCheckDialog.h"

#include "JobRunner.h"
#include "doctor/Doctor.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace vireo {

HostCheckDialog::HostCheckDialog(JobRunner* jobs, QWidget* parent)
    : QDialog(parent), m_jobs(jobs), m_checks(new QTreeWidget(this)), m_summary(new QLabel(this)),
      m_again(new QPushButton(tr("Check &Again"), this)) {
    setObjectName(QStringLiteral("hostCheckDialog"));
    setWindowTitle(tr("Check This Host"));
    m_checks->setObjectName(QStringLiteral("hostChecks"));
    m_checks->setHeaderLabels({tr("Check"), tr("Status"), tr("What it means"), tr("Fix")});
    m_checks->setRootIsDecorated(false);
    m_checks->setWordWrap(true);
    m_checks->header()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_summary->setObjectName(QStringLiteral("hostCheckSummary"));
    m_summary->setWordWrap(true);
    auto* copy = new QPushButton(tr("&Copy Fix"), this);
    copy->setObjectName(QStringLiteral("copyFix"));
    connect(copy, &QPushButton::clicked, this, [this] {
        if (auto* item = m_checks->currentItem()) QApplication::clipboard()->setText(item->text(3));
    });
    connect(m_again, &QPushButton::clicked, this, &HostCheckDialog::runChecks);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(copy, QDialogButtonBox::ActionRole);
    buttons->addButton(m_again, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("What Vireo needs from this computer. A warning limits "
                                    "some features; a failure stops VMs or sandboxes. Each "
                                    "line says how to fix it (the same checks as "
                                    "<tt>vireoctl doctor</tt>)."),
                                 this));
    layout->addWidget(m_checks, 1);
    layout->addWidget(m_summary);
    layout->addWidget(buttons);
    resize(980, 560);
    runChecks();
}

void HostCheckDialog::runChecks() {
    const int generation = ++m_generation;
    const QString root = m_jobs->libraryRoot();
    auto result = std::make_shared<QList<DoctorCheck>>();
    m_again->setEnabled(false);
    m_summary->setText(tr("Checking…"));
    auto* job = m_jobs->run(tr("Checking this host"), [root, result](JobContext&) -> Status {
        auto host = HostRoot::open(HostRoot::defaultDir());
        if (!host) return host.error();
        *result = runDoctor(DoctorContext::forHost(*host, root));
        return {};
    });
    connect(job, &Job::finished, this, [this, result, generation](const Status& status) {
        if (generation != m_generation) return;
        m_again->setEnabled(true);
        if (!status) {
            m_summary->setText(status.error().line());
            return;
        }
        m_checks->clear();
        int warnings = 0, failures = 0;
        for (const auto& c : *result) {
            auto* item =
                new QTreeWidgetItem(m_checks, {c.id,
                                               c.status == CheckLevel::Pass   ? tr("Pass")
                                               : c.status == CheckLevel::Warn ? tr("Warning")
                                                                              : tr("Failed"),
                                               c.message, c.fix});
            item->setData(0, Qt::UserRole, checkLevelName(c.status));
            item->setToolTip(2, c.message);
            item->setToolTip(3, c.fix);
            const auto icon = c.status == CheckLevel::Pass   ? QStyle::SP_DialogApplyButton
                              : c.status == CheckLevel::Warn ? QStyle::SP_MessageBoxWarning
                                                             : QStyle::SP_MessageBoxCritical;
            item->setIcon(1, style()->standardIcon(icon));
            warnings += c.status == CheckLevel::Warn;
            failures += c.status == CheckLevel::Fail;
        }
        m_checks->resizeColumnToContents(0);
        m_checks->resizeColumnToContents(1);
        m_summary->setText(failures   ? tr("%n check(s) failed: VMs or sandboxes will not work "
                                             "until they are fixed.",
                                           nullptr, failures)
                           : warnings ? tr("Vireo works here; %n warning(s) name what some "
                                           "features lack.",
                                           nullptr, warnings)
                                      : tr("Everything Vireo needs is here."));
        Q_EMIT checked();
    });
}

} // namespace vireo
