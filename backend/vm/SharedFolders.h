#pragma once

#include "core/Result.h"
#include "spec/VmSpec.h"
#include "store/Library.h"

namespace vireo {

// Adds and removes a VM's virtiofs shares. On a shut-off VM only the definition changes
// (virtiofsd starts with the VM); on a running one the share is hot-plugged: virtiofsd is
// started, QEMU connects to it (chardev-add) and a vhost-user-fs device appears on a free
// PCIe root port. The definition is saved only once QEMU has done it.
class SharedFolders {
public:
    explicit SharedFolders(const Library& library) : m_library(library) {}

    Status add(const QString& vm, SharedFolder share) const;
    Status remove(const QString& vm, const QString& tag) const;

    // The command that mounts the share inside a Linux guest.
    static QString guestMountCommand(const SharedFolder& share);

private:
    const Library& m_library;
};

} // namespace vireo
