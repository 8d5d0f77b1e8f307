#pragma once

#include "core/Result.h"

#include <QDateTime>
#include <QString>
#include <QVector>

namespace vireo {

struct SnapshotInfo {
    QString name;
    QString parent; // empty for a root
    QDateTime created;
    QString description;
    bool hasMemory = false; // taken live: includes RAM and device state
    // Taken live of the disks only while the guest agent had the filesystems frozen, so
    // they are consistent as after a clean unmount.
    bool quiesced = false;
};

// The snapshot tree of one VM as stored in its snapshots.json: which snapshots exist,
// who is whose parent, and which one the VM currently derives from. The disk contents
// live in the qcow2 images themselves (internal snapshots).
class SnapshotTree {
public:
    static Result<SnapshotTree> load(const QString& path);
    Status save(const QString& path) const;

    const QVector<SnapshotInfo>& all() const { return m_snapshots; }
    const SnapshotInfo* find(const QString& name) const;
    QString current() const { return m_current; }
    void setCurrent(const QString& name) { m_current = name; }

    void add(const SnapshotInfo& info); // becomes current
    // Children of the removed snapshot move up to its parent.
    void remove(const QString& name);
    QStringList childrenOf(const QString& name) const;

private:
    QVector<SnapshotInfo> m_snapshots;
    QString m_current;
};

} // namespace vireo
