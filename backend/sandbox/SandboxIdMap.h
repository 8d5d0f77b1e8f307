#pragma once

#include "core/Result.h"
#include "sandbox/runtime/IdMapFiles.h"

#include <QByteArray>
#include <QString>
#include <optional>
#include <sys/types.h>

namespace vireo {

// One line of /etc/subuid or /etc/subgid: ids a user may map into its user namespaces.
struct SubordinateIds {
    unsigned start = 0;
    unsigned count = 0;
};

// Pure: the first range in /etc/subuid-format `text` for the user, named or by number.
std::optional<SubordinateIds> findSubordinateIds(const QByteArray& text, const QString& user,
                                                 unsigned id);

// Which host ids a sandbox's ids are. Started by root: 0..65535 inside are 100000..165535.
// Started by a user: root inside is the user (so what root writes inside is the user's
// outside), and ids 1.. inside are the user's subordinate range when /etc/subuid and
// /etc/subgid give one (mapped by the setuid newuidmap/newgidmap); without a range the
// sandbox has root alone, and the user's supplementary groups stay (setgroups is denied).
struct SandboxIdMap {
    bool privileged = true;
    unsigned rootUid = kSandboxIdBase; // the host ids of root inside
    unsigned rootGid = kSandboxIdBase;
    std::optional<SubordinateIds> subUids; // unprivileged: ids 1.. inside
    std::optional<SubordinateIds> subGids;

    // How many ids, from 0, exist inside.
    unsigned idCount() const;
    bool usesSubordinateIds() const { return !privileged && subUids && subGids; }
};

// Whose root the calling process's sandboxes have (privileged, rootUid, rootGid), without
// reading the subordinate ranges: for giving files to that root.
SandboxIdMap sandboxRootIdsForCaller();

// The map for the calling process: privileged for euid 0, else from the user's entries in
// `subuidFile` / `subgidFile`.
SandboxIdMap sandboxIdMapForCaller(const QString& subuidFile = QStringLiteral("/etc/subuid"),
                                   const QString& subgidFile = QStringLiteral("/etc/subgid"));

// Writes the uid and gid maps of the user namespace that `pid` created.
Status writeSandboxIdMaps(pid_t pid, const SandboxIdMap& map);

} // namespace vireo
