#pragma once

#include "core/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QVector>
#include <cstdint>

namespace vireo {

struct BackupDiskFile {
    QString file; // relative to the backup folder: "<point>/disk<N>.qcow2"
    std::uint64_t virtualSize = 0;
    std::uint64_t bytes = 0; // on disk: what this point added
};

struct BackupPoint {
    QString id;     // "20261126T155300Z": when it was taken (UTC)
    QString parent; // the point an incremental builds on; empty for a full backup
    QDateTime created;
    bool complete = false; // false until every disk's copy finished
    bool quiesced = false; // taken with the guest's filesystems frozen by its agent
    QVector<BackupDiskFile> disks;
    bool isFull() const { return parent.isEmpty(); }
};

// A folder of backups of one VM (backup.json): full points and incremental points on top
// of them. Each incremental disk file is a qcow2 overlay whose backing file is the same
// disk in its parent point (a relative path, so the folder can be moved), so a point is
// restored by reading its chain. A point is written as incomplete before any data is
// copied and marked complete only at the end: an interrupted backup is never taken for a
// good one.
class BackupChain {
public:
    static Result<BackupChain> load(const QString& folder); // empty chain when none yet
    Status save() const;

    QString folder() const { return m_folder; }
    QString vmName;
    QString vmUuid;
    QJsonObject vmSpec; // the VM's definition at the last backup (for restore)
    QVector<BackupPoint> points;

    const BackupPoint* find(const QString& id) const;
    const BackupPoint* lastComplete() const;
    QString absolute(const QString& relative) const {
        return m_folder + QLatin1Char('/') + relative;
    }

private:
    QString m_folder;
};

} // namespace vireo
