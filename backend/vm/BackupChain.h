#pragma once

#include "core/Result.h"
#include "store/FileLock.h"

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
    // For a new point: the folder, made if need be and locked against another backup into
    // it (the lock goes with the returned pair), and its chain.
    static Result<std::pair<FileLock, BackupChain>> lockForBackup(const QString& folder);
    Status save() const;

    QString folder() const { return m_folder; }
    QString vmName;
    QString vmUuid;
    QJsonObject vmSpec; // the VM's definition at the last backup (for restore)
    QVector<BackupPoint> points;

    const BackupPoint* find(const QString& id) const;
    const BackupPoint* lastComplete() const;
    // A new point's id: the time now (UTC), made unique in this chain.
    QString newPointId() const;
    // Where point `point` keeps its disk number `i`, relative to the folder.
    static QString diskFile(const QString& point, int i);
    // Fails, naming both, when the folder holds backups of another VM than `uuid`.
    Status checkOwner(const QString& vm, const QString& uuid) const;
    // Removes the incomplete points (and their files) an interrupted backup left; their ids.
    QStringList discardIncomplete();
    // Keeps the newest `keep` points (0: all): the oldest full point is folded into the
    // next one (rebased onto nothing, so it holds all its data) until few enough remain.
    Status applyRetention(int keep);
    QString absolute(const QString& relative) const {
        return m_folder + QLatin1Char('/') + relative;
    }

private:
    QString m_folder;
};

} // namespace vireo
