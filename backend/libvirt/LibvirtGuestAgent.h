#pragma once

#include "core/Result.h"
#include "libvirt/LibvirtConnection.h"
#include "vm/GuestOperations.h"

namespace vireo {

// What a remote guest's agent (qemu-guest-agent) tells through its host's libvirt: the
// guest's hostname and addresses, as GuestOperations::info does for a local VM (loopback
// and link-local left out). An error when the VM does not run or its agent does not answer.
Result<GuestInfo> remoteGuestInfo(const LibvirtConnection& connection, const QString& vm);

// `vm exec` in a remote guest: the agent's guest-exec through libvirt
// (virDomainQemuAgentCommand, libvirt-qemu), polled as for a local VM.
Result<GuestExecResult> remoteGuestExec(const LibvirtConnection& connection, const QString& vm,
                                        const QStringList& argv, const QByteArray& input,
                                        int timeoutMs);

// `vm copy` with a remote guest, through the same agent calls as for a local VM.
Status remoteGuestCopyTo(const LibvirtConnection& connection, const QString& vm,
                         const QString& hostFile, const QString& guestPath);
Status remoteGuestCopyFrom(const LibvirtConnection& connection, const QString& vm,
                           const QString& guestPath, const QString& hostFile);

} // namespace vireo
