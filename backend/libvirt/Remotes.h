#pragma once

#include "core/Result.h"
#include "store/Library.h"

#include <QString>
#include <QVector>

namespace vireo {

// A libvirt host Vireo drives: a short name for --remote and its connection URI.
struct Remote {
    QString name;
    QString uri; // qemu:///system, qemu+ssh://user@host/system, qemu+tls://, qemu+tcp://
    // The host part of the URI ("" for a local socket): where migration data is sent.
    QString host() const;
};

// One clear error for a URI libvirt would reject or Vireo cannot drive.
Status validateRemoteUri(const QString& uri);

// The remotes of a library, in remotes.json at its root; changed under a lock and
// written atomically, like every definition file.
class Remotes {
public:
    explicit Remotes(const Library& library) : m_library(library) {}

    Result<QVector<Remote>> list() const;
    Result<Remote> find(const QString& name) const;
    Status add(const Remote& remote) const;
    Status remove(const QString& name) const;

private:
    QString path() const;
    Status write(const QVector<Remote>& remotes) const;
    const Library& m_library;
};

} // namespace vireo
