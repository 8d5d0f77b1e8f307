#include "SandboxListModel.h"

#include "BackgroundJob.h"
#include "SandboxesPage.h"
#include "VmListModel.h"
#include "core/Size.h"

#include <QIcon>
#include <QTimer>

namespace vireo {

namespace {

constexpr int kRefreshMs = 3000;

} // namespace

SandboxListModel::SandboxListModel(const QString& libraryRoot, QObject* parent)
    : QAbstractTableModel(parent), m_root(libraryRoot) {
    m_timer = new QTimer(this);
    connect(m_timer, &QTimer::timeout, this, &SandboxListModel::reload);
    m_timer->start(kRefreshMs);
    reload();
}

int SandboxListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SandboxListModel::columnCount(const QModelIndex& parent) const {
    // The VM list's columns: a concatenation shows only the columns all its models have.
    return parent.isValid() ? 0 : VmListModel::ColumnCount;
}

QVariant SandboxListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_rows.size()) return {};
    const Row& r = m_rows.at(index.row());
    const bool running = r.state.state == SandboxRunState::Running;
    switch (role) {
    case VmListModel::NameRole:
        return r.name;
    case VmListModel::KindRole:
        return int(VmListModel::SandboxKind);
    case Qt::DecorationRole:
        if (index.column() == VmListModel::NameColumn) {
            static const QIcon icon(QStringLiteral(":/icons/sandbox.svg"));
            return icon;
        }
        return {};
    case Qt::ToolTipRole:
        if (!r.state.error.isEmpty()) return r.state.error;
        return tr("Sandbox %1: double-click to open it on the Sandboxes page").arg(r.name);
    case VmListModel::SortRole:
    case Qt::DisplayRole:
        switch (index.column()) {
        case VmListModel::NameColumn:
            return r.name;
        case VmListModel::StateColumn:
            return SandboxesPage::stateText(r.state);
        case VmListModel::CpuColumn:
            if (role == VmListModel::SortRole) return r.limits.cpus;
            return r.limits.cpus > 0 ? QString::number(r.limits.cpus) : QStringLiteral("–");
        case VmListModel::MemoryColumn:
            if (role == VmListModel::SortRole) return qulonglong(r.limits.memoryBytes);
            return r.limits.memoryBytes ? formatSize(r.limits.memoryBytes) : QStringLiteral("–");
        case VmListModel::ActivityColumn:
            if (!running || !r.usage.accounted)
                return role == VmListModel::SortRole ? -1.0 : QVariant();
            if (role == VmListModel::SortRole) return double(r.usage.memoryBytes);
            return formatSize(r.usage.memoryBytes);
        }
        break;
    case Qt::TextAlignmentRole:
        return index.column() >= VmListModel::CpuColumn
                   ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
                   : QVariant();
    }
    return {};
}

bool SandboxListModel::isRunning(const QString& name) const {
    for (const Row& r : m_rows)
        if (r.name == name) return r.state.state == SandboxRunState::Running;
    return false;
}

void SandboxListModel::reload() {
    if (m_reading) return;
    m_reading = true;
    const QString root = m_root;
    runJob<QVector<Row>>(
        this, tr("Reading sandboxes"),
        [root]() -> Result<QVector<Row>> {
            const SandboxStore store(root);
            QVector<Row> rows;
            for (const auto& name : store.names()) {
                Row row{name, {}, {}, {}};
                if (auto spec = store.load(name)) row.limits = spec->limits;
                if (auto state = sandboxState(store, name)) row.state = *state;
                if (row.state.state == SandboxRunState::Running)
                    row.usage = readSandboxUsage(row.state);
                rows.append(row);
            }
            return rows;
        },
        [this](const Result<QVector<Row>>& rows) {
            m_reading = false;
            if (rows) setRows(*rows);
            Q_EMIT reloaded();
        });
}

// Row by row, so that the view's selection and current row survive a re-read.
void SandboxListModel::setRows(QVector<Row> rows) {
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        const bool kept = std::any_of(rows.cbegin(), rows.cend(),
                                      [&](const Row& r) { return r.name == m_rows[i].name; });
        if (kept) continue;
        beginRemoveRows({}, i, i);
        m_rows.removeAt(i);
        endRemoveRows();
    }
    for (Row& r : rows) {
        const auto at = std::find_if(m_rows.begin(), m_rows.end(),
                                     [&](const Row& old) { return old.name == r.name; });
        if (at == m_rows.end()) {
            beginInsertRows({}, int(m_rows.size()), int(m_rows.size()));
            m_rows.append(std::move(r));
            endInsertRows();
            continue;
        }
        *at = std::move(r);
        const int i = int(at - m_rows.begin());
        Q_EMIT dataChanged(index(i, 0), index(i, VmListModel::ColumnCount - 1));
    }
}

} // namespace vireo
