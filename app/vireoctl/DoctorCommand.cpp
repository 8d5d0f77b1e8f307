// vireoctl doctor: what this machine lacks for Vireo, each check with its fix.
#include "Cli.h"

#include "doctor/Doctor.h"

#include <QJsonArray>
#include <QJsonObject>

#include <grp.h>
#include <pwd.h>

namespace vireo::cli {

namespace {

// The rights of another user, for an administrator checking a desktop user's setup.
Result<DoctorUser> namedUser(const QString& name) {
    const passwd* pw = ::getpwnam(name.toLocal8Bit().constData());
    if (!pw)
        return makeError(ErrorCode::NotFound, QStringLiteral("no user '%1'").arg(name),
                         QStringLiteral("name an account of this host"));
    DoctorUser u;
    u.uid = pw->pw_uid;
    u.name = name;
    int count = 64;
    QVector<gid_t> gids(count);
    if (::getgrouplist(pw->pw_name, pw->pw_gid, gids.data(), &count) < 0) {
        gids.resize(count);
        ::getgrouplist(pw->pw_name, pw->pw_gid, gids.data(), &count);
    }
    for (int i = 0; i < count; ++i)
        u.groups.append(gids.at(i));
    return u;
}

} // namespace

int runDoctorCommand(Cli& cli) {
    if (!cli.parse(QStringLiteral("Check what Vireo needs from this host: KVM and its "
                                  "permissions, QEMU and firmware, the firewall, cgroups and "
                                  "user namespaces, space, IOMMU. Each check passes, warns or "
                                  "fails, with the fix. Exit code 1 when one fails."),
                   {},
                   {hostRootOption(),
                    {QStringLiteral("user"),
                     QStringLiteral("Judge the rights of this user instead of the caller's."),
                     QStringLiteral("NAME")}}))
        return cli.exitCode();
    auto host = openHostRoot(cli);
    if (!host) return cli.fail(host.error());
    DoctorContext context = DoctorContext::forHost(*host, cli.library().root());
    if (cli.isSet(QStringLiteral("user"))) {
        auto user = namedUser(cli.value(QStringLiteral("user")));
        if (!user) return cli.fail(user.error());
        context.user = *user;
    }
    const QList<DoctorCheck> checks = runDoctor(context);
    bool failed = false;
    QJsonArray arr;
    for (const auto& c : checks) {
        failed |= c.status == CheckLevel::Fail;
        arr.append(QJsonObject{{QStringLiteral("id"), c.id},
                               {QStringLiteral("status"), checkLevelName(c.status)},
                               {QStringLiteral("message"), c.message},
                               {QStringLiteral("fix"), c.fix}});
    }
    if (cli.json()) {
        cli.printJson(QJsonObject{{QStringLiteral("checks"), arr}});
    } else {
        for (const auto& c : checks) {
            cli.print(QStringLiteral("%1  %2  %3")
                          .arg(checkLevelName(c.status).toUpper(), -4)
                          .arg(c.id, -16)
                          .arg(c.message));
            if (!c.fix.isEmpty()) cli.print(QStringLiteral("      fix: %1").arg(c.fix));
        }
    }
    return failed ? ExitFailed : ExitOk;
}

} // namespace vireo::cli
