#pragma once

#include "sandbox/SandboxLifecycle.h"
#include "sandbox/SandboxSpec.h"

#include <QAbstractTableModel>
#include <QVector>

class QTimer;

namespace vireo {

// The library's sandboxes as rows of the main list, in the VM list's columns (name with the
// sandbox icon, state, CPUs, memory), so that one view shows both; VmListModel::KindRole
// tells them apart. Re-read every few seconds off the UI thread; a running sandbox's
// memory column shows its live use against its limit.
class SandboxListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    struct Row {
        QString name;
        SandboxLimits limits;
        SandboxState state;
        SandboxUsage usage;
    };

    explicit SandboxListModel(const QString& libraryRoot, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

    void reload();
    bool isRunning(const QString& name) const;

Q_SIGNALS:
    void reloaded();

private:
    void setRows(QVector<Row> rows);

    QString m_root;
    QVector<Row> m_rows;
    QTimer* m_timer;
    bool m_reading = false;
};

} // namespace vireo
