#include "sandbox/SandboxUser.h"

#include "sandbox/SandboxRunner.h"

#include <QFile>
#include <QStringList>

#include <cerrno>
#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

namespace vireo {

namespace {

// The lines of a plain file of the rootfs ("" when missing or a link).
QStringList rootfsLines(const QString& rootfs, const char* file) {
    const QString path = rootfs + QLatin1String(file);
    struct stat st {};
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0 || !S_ISREG(st.st_mode)) return {};
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QString::fromUtf8(f.read(1 << 20)).split(QLatin1Char('\n'));
}

// Field `field` of the line whose first field is `name`, as a number; -1 when none.
long long lookup(const QStringList& lines, const QString& name, int field) {
    for (const auto& line : lines) {
        const QStringList f = line.split(QLatin1Char(':'));
        if (f.size() > field && f[0] == name) {
            bool ok = false;
            const long long v = f[field].toLongLong(&ok);
            return ok ? v : -1;
        }
    }
    return -1;
}

} // namespace

Result<SandboxIds> resolveSandboxUser(const QString& rootfs, const QString& user) {
    SandboxIds ids;
    if (user.isEmpty() || user == QLatin1String("root")) return ids;
    const QString name = user.section(QLatin1Char(':'), 0, 0);
    const QString group =
        user.contains(QLatin1Char(':')) ? user.section(QLatin1Char(':'), 1) : QString();
    const auto fail = [&](const QString& what) {
        return makeError(ErrorCode::NotFound, QStringLiteral("user '%1': %2").arg(user, what),
                         QStringLiteral("use a numeric UID[:GID], or a name in the rootfs's "
                                        "/etc/passwd"));
    };
    bool numeric = false;
    long long uid = name.toLongLong(&numeric);
    long long gid = -1;
    if (!numeric) {
        const QStringList passwd = rootfsLines(rootfs, "/etc/passwd");
        uid = lookup(passwd, name, 2);
        if (uid < 0) return fail(QStringLiteral("no such user in the rootfs's /etc/passwd"));
        gid = lookup(passwd, name, 3);
    }
    if (!group.isEmpty()) {
        bool ok = false;
        gid = group.toLongLong(&ok);
        if (!ok) {
            gid = lookup(rootfsLines(rootfs, "/etc/group"), group, 2);
            if (gid < 0)
                return fail(QStringLiteral("no group '%1' in the rootfs's /etc/group").arg(group));
        }
    }
    if (gid < 0) gid = numeric ? uid : 0;
    if (uid < 0 || uid >= kSandboxIdCount || gid < 0 || gid >= kSandboxIdCount)
        return fail(
            QStringLiteral("ids must be below %1, the ids a sandbox maps").arg(kSandboxIdCount));
    ids.uid = static_cast<unsigned>(uid);
    ids.gid = static_cast<unsigned>(gid);
    return ids;
}

} // namespace vireo
