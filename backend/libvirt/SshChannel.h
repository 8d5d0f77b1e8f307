#pragma once

#include "core/Result.h"
#include "libvirt/Remotes.h"

#include <QStringList>

namespace vireo {

// The ssh command line (through vireo-ssh, so it rides the host's one multiplexed ssh
// connection) that forwards its stdin/stdout to `target` ("127.0.0.1:5900") on the host
// of a qemu+ssh remote: user, port and the URI's keyfile / no_verify / known_hosts as
// libvirt's own ssh transport takes them. Never prompts (BatchMode).
QStringList sshForwardCommand(const Remote& remote, const QString& target);

// Runs `argv` with its stdin and stdout on one end of a socket pair and returns the other
// end: a byte stream to what the command reaches. The command is not our child (it is
// handed to init), and ends when the returned socket is closed.
Result<int> openCommandChannel(const QStringList& argv);

} // namespace vireo
