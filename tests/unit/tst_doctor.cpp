// vireoctl doctor's checks on host trees and firewall dumps made here: each prepared
// condition (a 0600 /dev/kvm, a missing OVMF, an empty cgroup2, Docker's FORWARD DROP,
// user namespaces off) gives the verdict and the fix a user would act on.
#include "doctor/Doctor.h"
#include "doctor/FirewallRules.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace vireo;

namespace {

// A hybrid host's mountinfo: v1 memory, pids and cpu plus a cgroup2 mount.
const char kHybridMountinfo[] =
    "30 25 0:26 / /sys/fs/cgroup rw - tmpfs tmpfs rw\n"
    "31 30 0:27 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw\n"
    "32 30 0:28 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n"
    "33 30 0:29 / /sys/fs/cgroup/pids rw - cgroup cgroup rw,pids\n"
    "34 30 0:30 / /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct\n";
const char kHybridSelf[] = "0::/\n4:memory:/\n3:pids:/\n2:cpu,cpuacct:/\n";
const char kV2Mountinfo[] = "30 25 0:26 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n";

const char kDockerNft[] = R"(table ip filter {
	chain FORWARD {
		type filter hook forward priority filter; policy drop;
		counter packets 0 bytes 0 jump DOCKER-USER
		counter packets 0 bytes 0 jump DOCKER-ISOLATION-STAGE-1
		oifname "docker0" ct state related,established counter packets 0 bytes 0 accept
		iifname "docker0" oifname != "docker0" counter packets 0 bytes 0 accept
	}
	chain DOCKER-USER {
		counter packets 0 bytes 0 return
	}
	chain DOCKER-ISOLATION-STAGE-1 {
		counter packets 0 bytes 0 return
	}
	chain DOCKER {
	}
}
table inet vireo_default {
	chain forward {
		type filter hook forward priority filter; policy accept;
		iifname "vibr0" accept
	}
}
)";

class Tree {
public:
    Tree() {
        QVERIFY(m_dir.isValid());
        QDir().mkpath(m_dir.path() + QStringLiteral("/sys"));
        QDir().mkpath(m_dir.path() + QStringLiteral("/proc"));
    }
    void write(const QString& path, const QByteArray& text, QFile::Permissions perms = {}) {
        const QString full = m_dir.path() + QLatin1Char('/') + path;
        QDir().mkpath(QFileInfo(full).path());
        QFile f(full);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(text);
        f.close();
        if (perms) QVERIFY(f.setPermissions(perms));
    }
    DoctorContext context(uint uid = 0, QList<uint> groups = {}) const {
        auto host = HostRoot::open(m_dir.path());
        if (!host) qFatal("%s", qPrintable(host.error().line()));
        DoctorContext c{
            *host,
            m_dir.path() + QStringLiteral("/library"),
            DoctorUser{uid, uid ? QStringLiteral("alice") : QStringLiteral("root"), groups},
            false,
            {}};
        c.firewall = readFirewall(c.host);
        return c;
    }
    QString path() const { return m_dir.path(); }

private:
    QTemporaryDir m_dir;
};

DoctorCheck find(const QList<DoctorCheck>& checks, const QString& id) {
    for (const auto& c : checks)
        if (c.id == id) return c;
    qFatal("no check %s", qPrintable(id));
}

} // namespace

class TestDoctor : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyContractIdInOrder() {
        Tree t;
        const QList<DoctorCheck> checks = runDoctor(t.context());
        QStringList ids;
        for (const auto& c : checks) {
            ids << c.id;
            QVERIFY2(!c.message.isEmpty(), qPrintable(c.id));
            QCOMPARE(c.fix.isEmpty(), c.status == CheckLevel::Pass);
        }
        for (const char* id : {"kvm", "kvm-permissions", "qemu", "ovmf", "swtpm", "virtiofsd",
                               "passt", "firewall", "cgroups", "userns", "library-space", "iommu"})
            QVERIFY2(ids.contains(QLatin1String(id)), id);
        QVERIFY(ids.indexOf(QStringLiteral("kvm")) < ids.indexOf(QStringLiteral("qemu")));
    }

    void kvmAt0600() {
        Tree t;
        t.write(QStringLiteral("dev/kvm"), {}, QFile::ReadOwner | QFile::WriteOwner);
        t.write(QStringLiteral("etc/group"), "root:x:0:\nkvm:x:107:alice\n");
        t.write(QStringLiteral("proc/cpuinfo"), "flags\t\t: fpu vmx sse\n");
        // Root can open it, but a desktop user cannot: a warning for root...
        DoctorCheck c = find(kvmChecks(t.context()), QStringLiteral("kvm-permissions"));
        QCOMPARE(c.status, CheckLevel::Warn);
        QVERIFY2(c.message.contains(QLatin1String("0600")), qPrintable(c.message));
        QVERIFY2(c.fix.contains(QLatin1String("MODE=\"0660\"")), qPrintable(c.fix));
        // ...and a failure for the user, even in group kvm.
        c = find(kvmChecks(t.context(1000, {1000, 107})), QStringLiteral("kvm-permissions"));
        QCOMPARE(c.status, CheckLevel::Fail);
        QVERIFY2(c.message.contains(QLatin1String("alice cannot open")), qPrintable(c.message));
    }

    void kvmGroupMembership() {
        Tree t;
        t.write(QStringLiteral("dev/kvm"), {},
                QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::WriteGroup);
        const uint gid = QFileInfo(t.path() + QStringLiteral("/dev/kvm")).groupId();
        t.write(QStringLiteral("etc/group"), QStringLiteral("kvm:x:%1:bob\n").arg(gid).toUtf8());
        DoctorCheck c =
            find(kvmChecks(t.context(1000, {1000, gid})), QStringLiteral("kvm-permissions"));
        QCOMPARE(c.status, CheckLevel::Pass);
        c = find(kvmChecks(t.context(1000, {1000})), QStringLiteral("kvm-permissions"));
        QCOMPARE(c.status, CheckLevel::Fail);
        QCOMPARE(c.fix, QStringLiteral("sudo usermod -aG kvm alice, then log out and back in"));
        // Added to the group after logging in: the session still lacks it.
        t.write(QStringLiteral("etc/group"),
                QStringLiteral("kvm:x:%1:bob,alice\n").arg(gid).toUtf8());
        c = find(kvmChecks(t.context(1000, {1000})), QStringLiteral("kvm-permissions"));
        QCOMPARE(c.status, CheckLevel::Fail);
        QVERIFY2(c.fix.startsWith(QLatin1String("log out and back in")), qPrintable(c.fix));
    }

    void kvmFromTreeAndOtherHypervisors() {
        Tree t;
        t.write(QStringLiteral("proc/cpuinfo"), "flags\t\t: fpu svm sse\n");
        DoctorCheck c = find(kvmChecks(t.context()), QStringLiteral("kvm"));
        QCOMPARE(c.status, CheckLevel::Warn);
        QCOMPARE(c.fix, QStringLiteral("load the KVM module: sudo modprobe kvm_amd"));
        t.write(QStringLiteral("dev/kvm"), {});
        QCOMPARE(find(kvmChecks(t.context()), QStringLiteral("kvm")).status, CheckLevel::Pass);
        t.write(QStringLiteral("proc/modules"), "vboxdrv 700416 2 vboxnetadp, Live 0x0 (OE)\n");
        c = find(kvmChecks(t.context()), QStringLiteral("other-hypervisor"));
        QCOMPARE(c.status, CheckLevel::Warn);
        QVERIFY2(c.message.startsWith(QLatin1String("VirtualBox")), qPrintable(c.message));
        t.write(QStringLiteral("sys/module/kvm_amd/parameters/nested"), "0\n");
        c = find(kvmChecks(t.context()), QStringLiteral("nested"));
        QCOMPARE(c.status, CheckLevel::Warn);
        QVERIFY2(c.fix.contains(QLatin1String("options kvm_amd nested=1")), qPrintable(c.fix));
    }

    void missingOvmfAndVersions() {
        Tree t;
        t.write(QStringLiteral("usr/bin/qemu-system-x86_64"), "x");
        t.write(QStringLiteral("var/lib/dpkg/status"),
                "Package: ovmf\nStatus: deinstall ok config-files\nVersion: 2022.11-6\n\n"
                "Package: qemu-system-x86\nStatus: install ok installed\nVersion: "
                "1:7.2+dfsg-7+deb12u18\n\n");
        const QList<DoctorCheck> checks = toolChecks(t.context());
        DoctorCheck c = find(checks, QStringLiteral("ovmf"));
        QCOMPARE(c.status, CheckLevel::Warn);
        QVERIFY2(c.message.contains(QLatin1String("UEFI")), qPrintable(c.message));
        QCOMPARE(c.fix, QStringLiteral("sudo apt install ovmf"));
        c = find(checks, QStringLiteral("qemu"));
        QCOMPARE(c.status, CheckLevel::Pass);
        QVERIFY2(c.message.contains(QLatin1String("qemu-system-x86 1:7.2+dfsg-7+deb12u18")),
                 qPrintable(c.message));
        QCOMPARE(find(checks, QStringLiteral("qemu-img")).status, CheckLevel::Fail);
        // An old QEMU is found but not enough.
        t.write(
            QStringLiteral("var/lib/dpkg/status"),
            "Package: qemu-system-x86\nStatus: install ok installed\nVersion: 1:5.2+dfsg-11\n\n");
        QCOMPARE(find(toolChecks(t.context()), QStringLiteral("qemu")).status, CheckLevel::Warn);
        t.write(QStringLiteral("usr/share/OVMF/OVMF_CODE_4M.fd"), "x");
        QCOMPARE(find(toolChecks(t.context()), QStringLiteral("ovmf")).status, CheckLevel::Pass);
    }

    void cgroupLayouts() {
        Tree t;
        t.write(QStringLiteral("proc/self/mountinfo"), kHybridMountinfo);
        t.write(QStringLiteral("proc/self/cgroup"), kHybridSelf);
        t.write(QStringLiteral("sys/fs/cgroup/unified/cgroup.controllers"), "hugetlb\n");
        DoctorCheck c = cgroupsCheck(t.context());
        QCOMPARE(c.status, CheckLevel::Pass);
        QVERIFY2(c.message.startsWith(QLatin1String("cgroup hybrid")), qPrintable(c.message));
        QVERIFY2(c.message.contains(QLatin1String("holds hugetlb")), qPrintable(c.message));

        // A pure v2 host whose cgroup2 offers no controller: sandboxes run without limits.
        t.write(QStringLiteral("proc/self/mountinfo"), kV2Mountinfo);
        t.write(QStringLiteral("proc/self/cgroup"), "0::/user.slice\n");
        t.write(QStringLiteral("sys/fs/cgroup/cgroup.controllers"), "\n");
        c = cgroupsCheck(t.context());
        QCOMPARE(c.status, CheckLevel::Warn);
        QVERIFY2(c.message.startsWith(QLatin1String("cgroup v2 without memory, pids, cpu")),
                 qPrintable(c.message));
        QVERIFY2(c.fix.contains(QLatin1String("'+memory +pids +cpu'")) &&
                     c.fix.contains(QLatin1String("/sys/fs/cgroup/cgroup.subtree_control")),
                 qPrintable(c.fix));
        t.write(QStringLiteral("sys/fs/cgroup/cgroup.controllers"), "cpuset cpu io memory pids\n");
        c = cgroupsCheck(t.context());
        QCOMPARE(c.status, CheckLevel::Pass);
        QVERIFY2(c.message.startsWith(QLatin1String("cgroup v2")), qPrintable(c.message));

        t.write(QStringLiteral("proc/self/mountinfo"), "");
        QCOMPARE(cgroupsCheck(t.context()).status, CheckLevel::Fail);
    }

    void userNamespaces() {
        Tree t;
        t.write(QStringLiteral("proc/sys/user/max_user_namespaces"), "0\n");
        DoctorCheck c = usernsCheck(t.context());
        QCOMPARE(c.status, CheckLevel::Fail);
        QVERIFY2(c.fix.contains(QLatin1String("user.max_user_namespaces=")), qPrintable(c.fix));
        t.write(QStringLiteral("proc/sys/user/max_user_namespaces"), "63000\n");
        QCOMPARE(usernsCheck(t.context()).status, CheckLevel::Pass);
        t.write(QStringLiteral("proc/sys/kernel/unprivileged_userns_clone"), "0\n");
        QCOMPARE(usernsCheck(t.context()).status, CheckLevel::Pass); // root is not affected
        QCOMPARE(usernsCheck(t.context(1000)).status, CheckLevel::Fail);
        t.write(QStringLiteral("proc/sys/kernel/unprivileged_userns_clone"), "1\n");
        c = usernsCheck(t.context(1000));
        QCOMPARE(c.status, CheckLevel::Warn);
        QVERIFY2(c.fix.contains(QLatin1String("--add-subuids")), qPrintable(c.fix));
        t.write(QStringLiteral("etc/subuid"), "alice:100000:65536\n");
        t.write(QStringLiteral("etc/subgid"), "alice:100000:65536\n");
        // Ranges are of use only through the setuid tools of the uidmap package.
        c = usernsCheck(t.context(1000));
        QCOMPARE(c.status, CheckLevel::Warn);
        QVERIFY2(c.fix.contains(QLatin1String("uidmap")), qPrintable(c.fix));
        t.write(QStringLiteral("usr/bin/newuidmap"), "");
        t.write(QStringLiteral("usr/bin/newgidmap"), "");
        QCOMPARE(usernsCheck(t.context(1000)).status, CheckLevel::Pass);
    }

    void firewallDockerDrop() {
        FirewallFindings f = analyzeFirewall(QString::fromUtf8(kDockerNft), {});
        QCOMPARE(f.blocks.size(), 1);
        QVERIFY(f.docker);
        QCOMPARE(f.blocks.first().chain, QStringLiteral("FORWARD"));
        QCOMPARE(f.blocks.first().userHook, QStringLiteral("DOCKER-USER"));
        QCOMPARE(forwardBlockFix(f.blocks.first()),
                 QStringLiteral("sudo iptables-nft -I DOCKER-USER -i vibr+ -j ACCEPT && sudo "
                                "iptables-nft -I DOCKER-USER -o vibr+ -j ACCEPT"));
        // The fix applied: the accept rules sit in DOCKER-USER, which FORWARD jumps to.
        QString fixed = QString::fromUtf8(kDockerNft);
        fixed.replace(QStringLiteral("chain DOCKER-USER {\n"),
                      QStringLiteral("chain DOCKER-USER {\n\t\toifname \"vibr*\" counter packets "
                                     "0 bytes 0 accept\n\t\tiifname \"vibr*\" counter accept\n"));
        QVERIFY(analyzeFirewall(fixed, {}).blocks.isEmpty());
    }

    void firewallLegacyAndNative() {
        const QString legacy = QStringLiteral("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n"
                                              ":OUTPUT ACCEPT [0:0]\n:ufw-before-forward - [0:0]\n"
                                              "-A FORWARD -j ufw-before-forward\nCOMMIT\n");
        FirewallFindings f = analyzeFirewall({}, legacy);
        QCOMPARE(f.blocks.size(), 1);
        QVERIFY(f.ufw && f.legacyTables);
        QVERIFY(forwardBlockFix(f.blocks.first())
                    .startsWith(QLatin1String("sudo iptables-legacy -I FORWARD")));
        const QString native = QStringLiteral("table inet filter {\n\tchain forward {\n\t\ttype "
                                              "filter hook forward priority filter; policy drop;\n"
                                              "\t}\n}\n");
        f = analyzeFirewall(native, {});
        QCOMPARE(f.blocks.size(), 1);
        QCOMPARE(
            forwardBlockFix(f.blocks.first()),
            QStringLiteral("sudo nft insert rule inet filter forward iifname \"vibr*\" accept "
                           "&& sudo nft insert rule inet filter forward oifname \"vibr*\" accept"));
        QVERIFY(analyzeFirewall(QStringLiteral("table inet firewalld {\n}\n"), {}).firewalld);
        QVERIFY(analyzeFirewall(
                    QString::fromUtf8(kDockerNft)
                        .replace(QStringLiteral("policy drop"), QStringLiteral("policy accept")),
                    {})
                    .blocks.isEmpty());
    }

    void firewallFromTree() {
        Tree t;
        DoctorCheck c = firewallCheck(t.context());
        QCOMPARE(c.status, CheckLevel::Warn);
        QVERIFY2(c.message.contains(QLatin1String("no firewall capture")), qPrintable(c.message));
        t.write(QStringLiteral("vireo-capture/nft-ruleset.txt"), kDockerNft);
        t.write(QStringLiteral("proc/sys/net/bridge/bridge-nf-call-iptables"), "1\n");
        c = firewallCheck(t.context());
        QCOMPARE(c.status, CheckLevel::Fail);
        QVERIFY2(c.message.contains(QLatin1String("(Docker's)")) &&
                     c.message.contains(QLatin1String("br_netfilter")),
                 qPrintable(c.message));
        QVERIFY2(c.fix.contains(QLatin1String("DOCKER-USER")), qPrintable(c.fix));
    }

    void iommuFromCapturedHost() {
        Tree t;
        t.write(QStringLiteral("sys/kernel/iommu_groups/0/type"), "DMA\n");
        t.write(QStringLiteral("sys/kernel/iommu_groups/1/type"), "DMA\n");
        t.write(QStringLiteral("sys/firmware/acpi/tables/DMAR"), {});
        t.write(QStringLiteral("proc/cpuinfo"), "vendor_id\t: GenuineIntel\nflags\t\t: vmx\n");
        DoctorCheck c = iommuCheck(t.context());
        QCOMPARE(c.status, CheckLevel::Pass);
        QVERIFY2(c.message.contains(QLatin1String("2 groups")), qPrintable(c.message));
        Tree none;
        none.write(QStringLiteral("proc/cpuinfo"), "vendor_id\t: GenuineIntel\nflags\t\t: vmx\n");
        c = iommuCheck(none.context());
        QCOMPARE(c.status, CheckLevel::Warn);
        QVERIFY(!c.fix.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDoctor)
#include "tst_doctor.moc"
