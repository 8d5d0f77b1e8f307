#pragma once

#include "core/Result.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <optional>

namespace vireo {

// The host as the passthrough code sees it: DIR/sys and DIR/proc (and DIR/dev) under a
// root prefix. The real host is "/"; a captured tree (tests, bug reports) is any folder.
// Every path given to it is relative to the root ("sys/bus/pci/devices"); links are
// resolved inside the root, with absolute targets taken relative to the root (as a chroot
// would), and a link that climbs above the root is refused.
//
// Many small reads make a scan, so a malformed tree is reported once: the first escaping
// link or link loop is remembered and `status()` returns it (like QTextStream::status());
// reads after it return empty values. Callers check `status()` after a scan.
class HostRoot {
public:
    // Fails when DIR does not exist or is not a folder. Empty means the real host.
    static Result<HostRoot> open(const QString& dir);
    // VIREO_HOST_ROOT when set, else "/".
    static QString defaultDir();

    const QString& dir() const { return m_dir; }
    bool isRealHost() const { return m_dir == QLatin1String("/"); }
    Status status() const;

    // The in-root path a path leads to with every link followed; empty if it escapes.
    QString resolve(const QString& path) const;
    // Where the link at `path` points (an in-root path, links followed), or nullopt when
    // `path` is not a link.
    std::optional<QString> readLink(const QString& path) const;
    // The last component of readLink(path), or empty ("driver" → "vfio-pci").
    QString linkName(const QString& path) const;
    // The file's content, trimmed; empty when it does not exist.
    QString readText(const QString& path) const;
    QByteArray readBytes(const QString& path) const;
    bool exists(const QString& path) const;
    // Entry names of a folder (files, folders and links), sorted; empty when absent.
    QStringList list(const QString& path) const;
    // The absolute filesystem path of an in-root path (already resolved).
    QString absolute(const QString& inRoot) const;

private:
    explicit HostRoot(QString dir) : m_dir(std::move(dir)) {}
    // lastIsFolder: the path is used as a folder, so a stand-in link file at its end is one.
    QString resolveFrom(const QString& path, bool followLast, int depth,
                        bool lastIsFolder = false) const;
    // PATH with its folder resolved (through the cache) and its last name as it is, for
    // readBytes and exists, which open or stat that name without following a link; nullopt
    // when the name is "", "." or "..".
    std::optional<QString> withFolderResolved(const QString& path) const;
    std::optional<QString> linkTarget(const QString& inRoot, bool fileMayBeLink,
                                      bool* isDir = nullptr) const;
    void fail(const QString& message) const;

    QString m_dir;
    mutable QHash<QString, QString> m_resolved; // in-root path → in-root path, links followed
    mutable std::optional<Error> m_error;
};

} // namespace vireo
