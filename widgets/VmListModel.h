#pragma once

#include "jobs/LibraryScan.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSortFilterProxyModel>

namespace vireo {

// The VMs of the library as a table (name, state, vCPUs, memory, live activity). Fed whole scans by
// a LibraryPoller and merges them row by row, so selections and the current row survive.
class VmListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, StateColumn, CpuColumn, MemoryColumn, ActivityColumn, ColumnCount };
    // ActivityRole: the last minute of CPU use in % of one core (QList<double>, oldest
    // first); MemoryActivityRole: the same minute of resident memory in MiB.
    enum Role {
        NameRole = Qt::UserRole + 1,
        StateRole,
        SortRole,
        ActivityRole,
        MemoryActivityRole,
        KindRole // what a row of the main list is: a VM or a sandbox (SandboxListModel)
    };
    enum Kind { VmKind, SandboxKind };

    explicit VmListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    void setRows(const QVector<VmRow>& rows);
    bool isLoaded() const { return m_loaded; }
    const VmRow* row(const QString& name) const;
    const VmRow& rowAt(int row) const { return m_rows.at(row); }
    int rowOf(const QString& name) const;

    static QString stateText(VmState state);

Q_SIGNALS:
    void loaded();                       // the first scan arrived
    void vmChanged(const QString& name); // anything about this VM changed

private:
    // Live use of a running VM, from the scans' procfs samples (one a second).
    struct Activity {
        pid_t pid = 0;
        ProcessSample last;
        QList<double> cpu;
        QList<double> rssMiB;
    };
    // Returns whether a new point was added.
    bool recordActivity(const VmRow& row);

    QVector<VmRow> m_rows;
    QHash<QString, Activity> m_activity;
    bool m_loaded = false;
};

// Case-insensitive filter on name and state, sorted by name by default.
class VmFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit VmFilterModel(QObject* parent = nullptr);
    void setFilterText(const QString& text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_text;
};

} // namespace vireo
