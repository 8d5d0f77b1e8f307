#include "doctor/Doctor.h"

#include <grp.h>
#include <pwd.h>
#include <unistd.h>

namespace vireo {

DoctorUser DoctorUser::current() {
    DoctorUser u;
    u.uid = ::getuid();
    if (const passwd* pw = ::getpwuid(u.uid)) u.name = QString::fromLocal8Bit(pw->pw_name);
    const int n = ::getgroups(0, nullptr);
    QVector<gid_t> gids(qMax(n, 0));
    if (n > 0 && ::getgroups(n, gids.data()) == n)
        for (gid_t g : gids)
            u.groups.append(g);
    u.groups.append(::getgid());
    return u;
}

DoctorContext DoctorContext::forHost(HostRoot host, QString libraryDir) {
    FirewallDump firewall = readFirewall(host);
    return {std::move(host), std::move(libraryDir), DoctorUser::current(), true,
            std::move(firewall)};
}

QList<DoctorCheck> runDoctor(const DoctorContext& context) {
    QList<DoctorCheck> checks = kvmChecks(context);
    checks += toolChecks(context);
    checks << firewallCheck(context) << cgroupsCheck(context) << usernsCheck(context)
           << librarySpaceCheck(context) << iommuCheck(context);
    return checks;
}

} // namespace vireo
