#include "SnapshotsTab.h"

#include "JobRunner.h"
#include "vm/VmSnapshots.h"

#include <QCheckBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <memory>

namespace vireo {

SnapshotsTab::SnapshotsTab(JobRunner* jobs, QWidget* parent) : VmTab(jobs, parent) {
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("snapshotTree"));
    m_tree->setHeaderLabels({tr("Snapshot"), tr("Taken"), tr("Memory"), tr("Description")});
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_newName = new QLineEdit(this);
    m_newName->setObjectName(QStringLiteral("snapshotName"));
    m_newName->setPlaceholderText(tr("Name of the new snapshot"));
    m_withMemory = new QCheckBox(tr("Include memory"), this);
    m_withMemory->setObjectName(QStringLiteral("snapshotMemory"));
    m_withMemory->setChecked(true);
    m_take = new QPushButton(tr("Take snapshot"), this);
    m_take->setObjectName(QStringLiteral("takeSnapshot"));
    m_revert = new QPushButton(tr("Revert to"), this);
    m_revert->setObjectName(QStringLiteral("revertSnapshot"));
    m_delete = new QPushButton(tr("Delete"), this);
    m_delete->setObjectName(QStringLiteral("deleteSnapshot"));
    auto* row = new QHBoxLayout;
    row->addWidget(m_newName, 1);
    row->addWidget(m_withMemory);
    row->addWidget(m_take);
    row->addSpacing(12);
    row->addWidget(m_revert);
    row->addWidget(m_delete);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_tree, 1);
    layout->addLayout(row);
    connect(m_take, &QPushButton::clicked, this, &SnapshotsTab::take);
    connect(m_newName, &QLineEdit::returnPressed, this, &SnapshotsTab::take);
    connect(m_revert, &QPushButton::clicked, this, &SnapshotsTab::revert);
    connect(m_delete, &QPushButton::clicked, this, &SnapshotsTab::remove);
    connect(m_tree, &QTreeWidget::itemSelectionChanged, this, &SnapshotsTab::updateButtons);
    connect(m_newName, &QLineEdit::textChanged, this, &SnapshotsTab::updateButtons);
    connect(m_withMemory, &QCheckBox::toggled, this, &SnapshotsTab::updateButtons);
    setVm(nullptr);
}

void SnapshotsTab::setVm(const VmRow* row) {
    const bool other = !row || !m_row || m_row->name != row->name;
    const bool stateChanged = row && m_row && row->status.state != m_row->status.state;
    m_row = row ? std::optional<VmRow>(*row) : std::nullopt;
    setEnabled(row != nullptr);
    if (other) {
        m_tree->clear();
        m_newName->clear();
    }
    if (row && (other || stateChanged)) reload();
    updateButtons();
}

QString SnapshotsTab::selected() const {
    const auto items = m_tree->selectedItems();
    return items.isEmpty() ? QString() : items.first()->text(0);
}

void SnapshotsTab::updateButtons() {
    m_take->setEnabled(m_row && !m_newName->text().trimmed().isEmpty());
    m_revert->setEnabled(m_row && !selected().isEmpty());
    m_delete->setEnabled(m_row && !selected().isEmpty());
    const bool running = m_row && m_row->status.isActive();
    // Memory only exists while the VM runs; a disk-only live snapshot is quicker and
    // smaller, but reverting to it needs the VM shut off.
    m_withMemory->setEnabled(running);
    m_withMemory->setToolTip(running ? tr("Also save the running memory and devices, so a "
                                          "revert continues exactly where it was taken.")
                                     : tr("The VM is off: a snapshot holds its disks only."));
    m_take->setToolTip(!running ? tr("The VM is off: the snapshot holds its disks only.")
                       : m_withMemory->isChecked()
                           ? tr("The VM runs: the snapshot includes its memory and devices.")
                           : tr("The VM runs: the snapshot holds its disks only."));
}

void SnapshotsTab::reload() {
    if (!m_row) return;
    const QString name = m_row->name;
    const QString root = m_jobs->libraryRoot();
    const int generation = ++m_generation;
    auto tree = std::make_shared<SnapshotTree>();
    auto* job = m_jobs->run(tr("Reading snapshots of %1").arg(name), [=](JobContext&) -> Status {
        auto list = VmSnapshots(Library(root)).list(name);
        // A VM deleted meanwhile (by us or by vireoctl) just has no snapshots to show;
        // the list drops its row on the next scan.
        if (!list && list.error().code == ErrorCode::NotFound) return {};
        if (!list) return list.error();
        *tree = *list;
        return {};
    });
    connect(job, &Job::finished, this, [this, tree, generation](const Status& status) {
        if (generation != m_generation || !status.ok()) return;
        const QString keep = selected();
        m_tree->clear();
        QHash<QString, QTreeWidgetItem*> items;
        // Parents come before children in the file; attach in that order.
        QVector<SnapshotInfo> pending = tree->all();
        while (!pending.isEmpty()) {
            bool progress = false;
            for (int i = 0; i < pending.size(); ++i) {
                const SnapshotInfo& s = pending.at(i);
                QTreeWidgetItem* parent = s.parent.isEmpty() ? nullptr : items.value(s.parent);
                if (!s.parent.isEmpty() && !parent && tree->find(s.parent)) continue;
                auto* item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(m_tree);
                item->setText(0, s.name);
                item->setText(1, QLocale().toString(s.created.toLocalTime(), QLocale::ShortFormat));
                item->setText(2, s.hasMemory ? tr("yes") : tr("no"));
                item->setText(3, s.description);
                if (s.name == tree->current()) {
                    QFont f = item->font(0);
                    f.setBold(true);
                    item->setFont(0, f);
                    item->setToolTip(0, tr("The VM currently derives from this snapshot."));
                }
                if (s.name == keep) item->setSelected(true);
                items.insert(s.name, item);
                pending.removeAt(i--);
                progress = true;
            }
            if (!progress) break;
        }
        m_tree->expandAll();
        updateButtons();
        Q_EMIT reloaded();
    });
}

void SnapshotsTab::take() {
    const QString snapshot = m_newName->text().trimmed();
    if (!m_row || snapshot.isEmpty()) return;
    const QString name = m_row->name;
    const QString root = m_jobs->libraryRoot();
    const bool withMemory = m_withMemory->isChecked();
    auto* job = m_jobs->run(tr("Taking snapshot %1 of %2").arg(snapshot, name), [=](JobContext&) {
        return VmSnapshots(Library(root)).create(name, snapshot, {}, withMemory);
    });
    connect(job, &Job::finished, this, [this](const Status& status) {
        if (status.ok()) m_newName->clear();
        reload();
        Q_EMIT vmModified();
    });
}

void SnapshotsTab::revert() {
    const QString snapshot = selected();
    if (!m_row || snapshot.isEmpty()) return;
    const QString name = m_row->name;
    if (QMessageBox::question(
            this, tr("Revert to snapshot"),
            tr("Revert %1 to snapshot %2? Changes since then are lost.").arg(name, snapshot)) !=
        QMessageBox::Yes)
        return;
    const QString root = m_jobs->libraryRoot();
    auto* job = m_jobs->run(tr("Reverting %1 to %2").arg(name, snapshot), [=](JobContext&) {
        return VmSnapshots(Library(root)).revert(name, snapshot);
    });
    connect(job, &Job::finished, this, [this] {
        reload();
        Q_EMIT vmModified();
    });
}

void SnapshotsTab::remove() {
    const QString snapshot = selected();
    if (!m_row || snapshot.isEmpty()) return;
    const QString name = m_row->name;
    if (QMessageBox::question(this, tr("Delete snapshot"),
                              tr("Delete snapshot %1 of %2?").arg(snapshot, name)) !=
        QMessageBox::Yes)
        return;
    const QString root = m_jobs->libraryRoot();
    auto* job = m_jobs->run(tr("Deleting snapshot %1 of %2").arg(snapshot, name), [=](JobContext&) {
        return VmSnapshots(Library(root)).remove(name, snapshot);
    });
    connect(job, &Job::finished, this, [this] {
        reload();
        Q_EMIT vmModified();
    });
}

} // namespace vireo
