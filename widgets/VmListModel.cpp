#include "VmListModel.h"

#include "core/Size.h"
#include "spec/VmSpecJson.h"

#include <QColor>
#include <QFile>
#include <QHash>
#include <QIcon>
#include <QPainter>
#include <QPixmap>
#include <QSet>

namespace vireo {

namespace {

QColor stateColor(VmState state) {
    switch (state) {
    case VmState::Running:
        return QColor(0x2e, 0xa0, 0x43);
    case VmState::Paused:
        return QColor(0xd2, 0x99, 0x22);
    case VmState::Saved:
        return QColor(0x3b, 0x82, 0xf6);
    case VmState::Crashed:
        return QColor(0xd7, 0x3a, 0x49);
    case VmState::Shutoff:
        break;
    }
    return QColor(0x8b, 0x94, 0x9e);
}

QIcon stateIcon(VmState state) {
    static QHash<int, QIcon> cache;
    auto it = cache.find(int(state));
    if (it != cache.end()) return *it;
    QPixmap pm(16, 16);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(stateColor(state));
    p.drawEllipse(QRectF(3, 3, 10, 10));
    p.end();
    return *cache.insert(int(state), QIcon(pm));
}

bool sameRow(const VmRow& a, const VmRow& b) {
    // The whole definition counts (a disk swapped for another of the same count included).
    return a.status.state == b.status.state && a.status.pid == b.status.pid &&
           a.status.detail == b.status.detail && a.loadError == b.loadError &&
           a.addresses == b.addresses && a.startedAt == b.startedAt &&
           vmSpecToJson(a.spec) == vmSpecToJson(b.spec);
}

QIcon osIcon(const QString& os) {
    static QHash<QString, QIcon> cache;
    auto it = cache.find(os);
    if (it != cache.end()) return *it;
    QString file = os;
    if (os.startsWith(QLatin1String("win"))) file = QStringLiteral("windows");
    if (!QFile::exists(QStringLiteral(":/os/%1.svg").arg(file))) file = QStringLiteral("other");
    return *cache.insert(os, QIcon(QStringLiteral(":/os/%1.svg").arg(file)));
}

} // namespace

VmListModel::VmListModel(QObject* parent) : QAbstractTableModel(parent) {}

int VmListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int VmListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString VmListModel::stateText(VmState state) {
    switch (state) {
    case VmState::Running:
        return tr("Running");
    case VmState::Paused:
        return tr("Paused");
    case VmState::Saved:
        return tr("Saved");
    case VmState::Crashed:
        return tr("Crashed");
    case VmState::Shutoff:
        break;
    }
    return tr("Shut off");
}

QVariant VmListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_rows.size()) return {};
    const VmRow& r = m_rows.at(index.row());
    switch (role) {
    case NameRole:
        return r.name;
    case KindRole:
        return int(VmKind);
    case StateRole:
        return int(r.status.state);
    case ActivityRole:
    case MemoryActivityRole: {
        const auto it = m_activity.constFind(r.name);
        if (it == m_activity.cend()) return {};
        return QVariant::fromValue(role == ActivityRole ? it->cpu : it->rssMiB);
    }
    case Qt::DecorationRole:
        if (index.column() == NameColumn) return osIcon(r.spec.os);
        if (index.column() == StateColumn) return stateIcon(r.status.state);
        return {};
    case Qt::ToolTipRole:
        if (!r.loadError.isEmpty()) return r.loadError;
        return r.status.detail.isEmpty() ? QVariant() : QVariant(r.status.detail);
    case SortRole:
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return r.name;
        case StateColumn:
            return r.loadError.isEmpty() ? stateText(r.status.state) : tr("Unreadable");
        case CpuColumn:
            return role == SortRole ? QVariant(r.spec.cpu.count())
                                    : QVariant(QString::number(r.spec.cpu.count()));
        case MemoryColumn:
            return role == SortRole ? QVariant(qulonglong(r.spec.memoryMiB))
                                    : QVariant(formatSize(r.spec.memoryMiB * 1024 * 1024));
        case ActivityColumn: {
            const auto it = m_activity.constFind(r.name);
            if (it == m_activity.cend() || it->cpu.isEmpty() || !r.status.isActive())
                return role == SortRole ? QVariant(-1.0) : QVariant();
            if (role == SortRole) return it->cpu.last();
            return tr("%1% · %2")
                .arg(qRound(it->cpu.last()))
                .arg(formatSize(std::uint64_t(it->rssMiB.last() * 1048576)));
        }
        }
        break;
    case Qt::TextAlignmentRole:
        return index.column() >= CpuColumn ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
                                           : QVariant();
    }
    return {};
}

QVariant VmListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case StateColumn:
        return tr("State");
    case CpuColumn:
        return tr("vCPUs");
    case MemoryColumn:
        return tr("Memory");
    case ActivityColumn:
        return tr("Activity");
    }
    return {};
}

const VmRow* VmListModel::row(const QString& name) const {
    const int i = rowOf(name);
    return i < 0 ? nullptr : &m_rows.at(i);
}

int VmListModel::rowOf(const QString& name) const {
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).name == name) return i;
    return -1;
}

bool VmListModel::recordActivity(const VmRow& row) {
    if (!row.status.isActive() || !row.sample) {
        m_activity.remove(row.name);
        return false;
    }
    Activity& a = m_activity[row.name];
    if (a.pid != row.status.pid) a = Activity{row.status.pid, *row.sample, {}, {}};
    if (row.sample->atMs - a.last.atMs < 500) return false; // a rescan right after the last
    a.cpu.append(ratesBetween(a.last, *row.sample).cpuPercent);
    a.rssMiB.append(row.sample->rssBytes / 1048576.0);
    if (a.cpu.size() > 60) a.cpu.removeFirst();
    if (a.rssMiB.size() > 60) a.rssMiB.removeFirst();
    a.last = *row.sample;
    return true;
}

void VmListModel::setRows(const QVector<VmRow>& incoming) {
    // Both lists are sorted by name (Library::vmNames): drop the gone, then walk in step.
    QSet<QString> names;
    for (const auto& r : incoming)
        names.insert(r.name);
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        if (names.contains(m_rows.at(i).name)) continue;
        const QString gone = m_rows.at(i).name;
        m_activity.remove(gone);
        beginRemoveRows({}, i, i);
        m_rows.removeAt(i);
        endRemoveRows();
        Q_EMIT vmChanged(gone);
    }
    for (int i = 0; i < incoming.size(); ++i) {
        const VmRow& r = incoming.at(i);
        const bool moreActivity = recordActivity(r);
        if (i < m_rows.size() && m_rows.at(i).name == r.name) {
            if (sameRow(m_rows.at(i), r)) {
                // Only the live numbers moved: repaint the sparkline, leave the tabs alone.
                m_rows[i].sample = r.sample;
                if (moreActivity)
                    Q_EMIT dataChanged(index(i, ActivityColumn), index(i, ActivityColumn));
                continue;
            }
            m_rows[i] = r;
            Q_EMIT dataChanged(index(i, 0), index(i, ColumnCount - 1));
        } else {
            beginInsertRows({}, i, i);
            m_rows.insert(i, r);
            endInsertRows();
        }
        Q_EMIT vmChanged(r.name);
    }
    if (!m_loaded) {
        m_loaded = true;
        Q_EMIT loaded();
    }
}

VmFilterModel::VmFilterModel(QObject* parent) : QSortFilterProxyModel(parent) {
    setSortRole(VmListModel::SortRole);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
}

void VmFilterModel::setFilterText(const QString& text) {
    m_text = text.trimmed();
    invalidateFilter();
}

bool VmFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    const QString& text = m_text;
    if (text.isEmpty()) return true;
    auto* m = sourceModel();
    for (int c : {int(VmListModel::NameColumn), int(VmListModel::StateColumn)})
        if (m->index(sourceRow, c, sourceParent)
                .data()
                .toString()
                .contains(text, Qt::CaseInsensitive))
            return true;
    return false;
}

} // namespace vireo
