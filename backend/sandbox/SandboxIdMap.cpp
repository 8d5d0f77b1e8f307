#include "sandbox/SandboxIdMap.h"
#include "sandbox/FaultError.h"

#include "core/ProcessRunner.h"
#include "sandbox/runtime/SmallFile.h"
#include "sandbox/runtime/SysFailure.h"

#include <QStandardPaths>
#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <pwd.h>
#include <unistd.h>

namespace vireo {

namespace {

Status writeProcFile(pid_t pid, const char* name, const std::string& text) {
    if (MaybeFault f = writeProcIdFile(pid, name, text)) return toError(*f);
    return {};
}

// The ids after root inside: the subordinate range, at most what a sandbox uses.
unsigned subordinateCount(const SubordinateIds& ids) {
    return std::min(ids.count, kSandboxIdCount - 1);
}

// newuidmap / newgidmap PID 0 ROOT 1 1 START COUNT: root inside is the user, the rest the
// user's range. These setuid tools check the range against /etc/subuid themselves.
Status runIdMapTool(const QString& tool, pid_t pid, unsigned root, const SubordinateIds& ids) {
    ProcessRequest request;
    request.argv = {tool,
                    QString::number(pid),
                    QStringLiteral("0"),
                    QString::number(root),
                    QStringLiteral("1"),
                    QStringLiteral("1"),
                    QString::number(ids.start),
                    QString::number(subordinateCount(ids))};
    request.timeoutMs = 10000;
    auto out = runProcess(request);
    if (!out) return out.error();
    return {};
}

} // namespace

std::optional<SubordinateIds> findSubordinateIds(const QByteArray& text, const QString& user,
                                                 unsigned id) {
    const QByteArray name = user.toUtf8();
    const QByteArray number = QByteArray::number(id);
    for (const QByteArray& raw : text.split('\n')) {
        const QByteArray line = raw.trimmed();
        if (line.isEmpty() || line.startsWith('#')) continue;
        const QList<QByteArray> f = line.split(':');
        if (f.size() != 3 || (f[0] != name && f[0] != number)) continue;
        bool okStart = false, okCount = false;
        const qulonglong start = f[1].toULongLong(&okStart);
        const qulonglong count = f[2].toULongLong(&okCount);
        if (!okStart || !okCount || count == 0 || start + count > 0xFFFFFFFFull) continue;
        return SubordinateIds{static_cast<unsigned>(start), static_cast<unsigned>(count)};
    }
    return std::nullopt;
}

unsigned SandboxIdMap::idCount() const {
    if (privileged) return kSandboxIdCount;
    if (!usesSubordinateIds()) return 1;
    return 1 + std::min(subordinateCount(*subUids), subordinateCount(*subGids));
}

SandboxIdMap sandboxRootIdsForCaller() {
    SandboxIdMap map;
    if (::geteuid() == 0) return map;
    map.privileged = false;
    map.rootUid = ::geteuid();
    map.rootGid = ::getegid();
    return map;
}

SandboxIdMap sandboxIdMapForCaller(const QString& subuidFile, const QString& subgidFile) {
    SandboxIdMap map = sandboxRootIdsForCaller();
    if (map.privileged) return map;
    // Ranges are of use only through the setuid tools that check and write them.
    if (QStandardPaths::findExecutable(QStringLiteral("newuidmap")).isEmpty() ||
        QStandardPaths::findExecutable(QStringLiteral("newgidmap")).isEmpty())
        return map;
    const passwd* pw = ::getpwuid(map.rootUid);
    const QString name = pw ? QString::fromLocal8Bit(pw->pw_name) : QString();
    map.subUids = findSubordinateIds(
        QByteArray::fromStdString(readSmallFile(subuidFile.toStdString())), name, map.rootUid);
    map.subGids = findSubordinateIds(
        QByteArray::fromStdString(readSmallFile(subgidFile.toStdString())), name, map.rootUid);
    return map;
}

Status writeSandboxIdMaps(pid_t pid, const SandboxIdMap& map) {
    if (map.privileged) {
        if (MaybeFault f = writeRootSandboxIdMaps(pid, map.rootUid, map.rootGid))
            return toError(*f);
        return {};
    }
    if (map.usesSubordinateIds()) {
        VIREO_TRY(runIdMapTool(QStringLiteral("newuidmap"), pid, map.rootUid, *map.subUids));
        return runIdMapTool(QStringLiteral("newgidmap"), pid, map.rootGid, *map.subGids);
    }
    // A user may map itself alone, and its own gid only once setgroups is denied: otherwise
    // dropping a group could lift a "group may not read" permission on the host.
    VIREO_TRY(writeProcFile(pid, "setgroups", "deny"));
    VIREO_TRY(writeProcFile(pid, "uid_map", idMapLine(0, map.rootUid, 1)));
    return writeProcFile(pid, "gid_map", idMapLine(0, map.rootGid, 1));
}

} // namespace vireo
