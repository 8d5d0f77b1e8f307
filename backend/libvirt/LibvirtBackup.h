#pragma once

#include "core/Result.h"
#include "libvirt/LibvirtConnection.h"
#include "vm/VmBackups.h"

namespace vireo {

// A VM of a libvirt host backed up into a backup folder on this machine, in the format of a
// local VM's backups (backup.json and a folder of qcow2 files per point), so `backup list`,
// `verify` and `restore` read it alike. The copy is libvirt's push-mode backup
// (virDomainBackupBegin): a consistent point in time while the guest runs on, written into
// a file of each disk's own storage pool, then downloaded over the same connection and
// removed there. A shut-off VM is started paused for the copy (the guest never runs) and
// stopped after. Each backup also takes a libvirt checkpoint (a change bitmap in the qcow2
// disks), so an incremental point copies only what changed since the last good one; its
// files are overlays on the parent point's, as locally.
Result<BackupResult> backupRemoteVm(const LibvirtConnection& connection, const QString& vm,
                                    const QString& folder, const BackupOptions& options = {});

} // namespace vireo
