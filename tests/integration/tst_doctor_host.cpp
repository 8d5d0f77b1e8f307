// vireoctl doctor on this real host and on conditions prepared for real (as root): Docker's
// FORWARD DROP in a network namespace, whose fix the test applies and then sends traffic
// through; OVMF hidden by a mount; a cgroup2 mount in place of the host's hierarchies; a
// library on a nearly full file system; another user's rights.
#include "sandbox/runtime/CgroupLayout.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

using namespace vireo;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run run(const QStringList& argv, int timeoutMs = 60000) {
    QProcess p;
    p.start(argv.first(), argv.mid(1));
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

// `vireoctl doctor --json` inside a shell prefix (a namespace): its checks by id.
QHash<QString, QJsonObject> doctor(const QString& prefix, const QString& args, int* exitCode) {
    const Run r = run({QStringLiteral("sh"), QStringLiteral("-c"),
                       prefix + QStringLiteral(" '" VIREOCTL_PATH "' --json ") + args});
    if (exitCode) *exitCode = r.exitCode;
    QHash<QString, QJsonObject> checks;
    const auto doc = QJsonDocument::fromJson(r.out);
    for (const auto& v : doc.object().value(QStringLiteral("checks")).toArray())
        checks.insert(v.toObject().value(QStringLiteral("id")).toString(), v.toObject());
    if (checks.isEmpty()) qWarning("doctor printed no checks: %s", r.err.constData());
    return checks;
}

bool sh(const QString& command) {
    const Run r = run({QStringLiteral("sh"), QStringLiteral("-c"), command});
    if (r.exitCode != 0) qWarning("'%s' failed: %s", qPrintable(command), r.err.constData());
    return r.exitCode == 0;
}

bool ping(const QString& ns, const QString& address) {
    return run({QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("exec"), ns,
                QStringLiteral("busybox"), QStringLiteral("ping"), QStringLiteral("-c1"),
                QStringLiteral("-W1"), address})
               .exitCode == 0;
}

} // namespace

class TestDoctorHost : public QObject {
    Q_OBJECT

    QTemporaryDir m_lib;
    const QString m_ns = QStringLiteral("vdoc-fw-%1").arg(::getpid());
    const QString m_guest = QStringLiteral("vdoc-g-%1").arg(::getpid());
    const QString m_lan = QStringLiteral("vdoc-l-%1").arg(::getpid());

private Q_SLOTS:
    void initTestCase() {
        if (::geteuid() != 0)
            QSKIP("the doctor's prepared conditions need root (namespaces, mounts)");
    }

    void cleanupTestCase() {
        if (::geteuid() != 0) return;
        for (const auto& ns : {m_ns, m_guest, m_lan})
            run({QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("del"), ns});
    }

    void contractOnThisHost() {
        int code = -1;
        const auto checks =
            doctor({}, QStringLiteral("--library '%1' doctor").arg(m_lib.path()), &code);
        bool failed = false;
        for (const char* id :
             {"kvm", "kvm-permissions", "qemu", "ovmf", "swtpm", "virtiofsd", "passt", "firewall",
              "cgroups", "userns", "library-space", "iommu"}) {
            QVERIFY2(checks.contains(QLatin1String(id)), id);
            const QString status =
                checks.value(QLatin1String(id)).value(QStringLiteral("status")).toString();
            QVERIFY2(QStringList(
                         {QStringLiteral("pass"), QStringLiteral("warn"), QStringLiteral("fail")})
                         .contains(status),
                     id);
        }
        for (const auto& c : checks)
            failed |= c.value(QStringLiteral("status")).toString() == QLatin1String("fail");
        QCOMPARE(code, failed ? 1 : 0);
        // The cgroups line names this host's real layout.
        const QString layout = QString::fromLatin1(cgroupLayoutName(probeCgroupLayout().kind));
        QVERIFY2(checks.value(QStringLiteral("cgroups"))
                     .value(QStringLiteral("message"))
                     .toString()
                     .startsWith(QStringLiteral("cgroup ") + layout),
                 qPrintable(layout));
        // The installed QEMU and OVMF of this host, with their Debian versions.
        QVERIFY(checks.value(QStringLiteral("qemu"))
                    .value(QStringLiteral("message"))
                    .toString()
                    .contains(QLatin1String("qemu-system-x86 1:")));
    }

    // Docker's rules in a namespace of its own: the doctor fails the firewall, and its fix,
    // applied word for word, lets a "guest" behind a vibr bridge reach the LAN.
    void dockerForwardDrop() {
        const QString ns = m_ns, g = m_guest, l = m_lan;
        QVERIFY(
            sh(QStringLiteral("set -e; for n in %1 %2 %3; do ip netns add $n; done;"
                              "ip -n %1 link add vibrdoc type bridge; ip -n %1 link set vibrdoc up;"
                              "ip -n %1 addr add 10.77.0.1/24 dev vibrdoc;"
                              "ip -n %1 link add vg type veth peer name eth0 netns %2;"
                              "ip -n %1 link set vg master vibrdoc up;"
                              "ip -n %2 addr add 10.77.0.2/24 dev eth0; ip -n %2 link set eth0 up; "
                              "ip -n %2 link set lo up;"
                              "ip -n %2 route add default via 10.77.0.1;"
                              "ip -n %1 link add vl type veth peer name eth0 netns %3;"
                              "ip -n %1 addr add 10.78.0.1/24 dev vl; ip -n %1 link set vl up;"
                              "ip -n %3 addr add 10.78.0.2/24 dev eth0; ip -n %3 link set eth0 up;"
                              "ip -n %3 route add default via 10.78.0.1;"
                              "ip netns exec %1 sysctl -qw net.ipv4.ip_forward=1")
                   .arg(ns, g, l)));
        QVERIFY2(ping(g, QStringLiteral("10.78.0.2")), "no route before the firewall");
        // What Docker's daemon sets up: FORWARD DROP, DOCKER-USER first, its own chains.
        QVERIFY(
            sh(QStringLiteral(
                   "set -e; x='ip netns exec %1 iptables-nft';"
                   "$x -N DOCKER; $x -N DOCKER-USER; $x -N DOCKER-ISOLATION-STAGE-1;"
                   "$x -A DOCKER-USER -j RETURN; $x -A DOCKER-ISOLATION-STAGE-1 -j RETURN;"
                   "$x -P FORWARD DROP; $x -A FORWARD -j DOCKER-USER;"
                   "$x -A FORWARD -j DOCKER-ISOLATION-STAGE-1;"
                   "$x -A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT")
                   .arg(ns)));
        QVERIFY2(!ping(g, QStringLiteral("10.78.0.2")),
                 "Docker's FORWARD DROP let traffic through");

        int code = -1;
        auto checks = doctor(QStringLiteral("ip netns exec ") + ns,
                             QStringLiteral("--library '%1' doctor").arg(m_lib.path()), &code);
        const QJsonObject fw = checks.value(QStringLiteral("firewall"));
        QCOMPARE(fw.value(QStringLiteral("status")).toString(), QStringLiteral("fail"));
        QCOMPARE(code, 1);
        QVERIFY2(
            fw.value(QStringLiteral("message")).toString().contains(QLatin1String("(Docker's)")),
            qPrintable(fw.value(QStringLiteral("message")).toString()));
        const QString fix = fw.value(QStringLiteral("fix")).toString();
        QVERIFY2(fix.contains(QLatin1String("DOCKER-USER")), qPrintable(fix));

        // The fix as a user would paste it (sudo is who we already are).
        for (QString command : fix.split(QStringLiteral(" && "))) {
            command.remove(QRegularExpression(QStringLiteral("^sudo ")));
            QVERIFY(sh(QStringLiteral("ip netns exec %1 %2").arg(ns, command)));
        }
        QVERIFY2(ping(g, QStringLiteral("10.78.0.2")),
                 "the doctor's fix did not let traffic through");
        checks = doctor(QStringLiteral("ip netns exec ") + ns,
                        QStringLiteral("--library '%1' doctor").arg(m_lib.path()), nullptr);
        QCOMPARE(
            checks.value(QStringLiteral("firewall")).value(QStringLiteral("status")).toString(),
            QStringLiteral("pass"));
    }

    void missingOvmf() {
        const auto checks = doctor(
            QStringLiteral(
                "unshare -m sh -c 'mount -t tmpfs none /usr/share/OVMF && exec \"$0\" \"$@\"'"),
            QStringLiteral("--library '%1' doctor").arg(m_lib.path()), nullptr);
        const QJsonObject ovmf = checks.value(QStringLiteral("ovmf"));
        QCOMPARE(ovmf.value(QStringLiteral("status")).toString(), QStringLiteral("warn"));
        QCOMPARE(ovmf.value(QStringLiteral("fix")).toString(),
                 QStringLiteral("sudo apt install ovmf"));
    }

    // The host's cgroup hierarchies replaced by a bare cgroup2 mount, as on a v2 host whose
    // root offers none of the controllers sandboxes limit.
    void bareCgroup2() {
        const auto checks = doctor(
            QStringLiteral("unshare -m sh -c 'umount -R /sys/fs/cgroup && mount -t cgroup2 none "
                           "/sys/fs/cgroup && exec \"$0\" \"$@\"'"),
            QStringLiteral("--library '%1' doctor").arg(m_lib.path()), nullptr);
        const QJsonObject c = checks.value(QStringLiteral("cgroups"));
        const QString message = c.value(QStringLiteral("message")).toString();
        QCOMPARE(c.value(QStringLiteral("status")).toString(), QStringLiteral("warn"));
        QVERIFY2(message.startsWith(QLatin1String("cgroup v2 without memory, pids, cpu")),
                 qPrintable(message));
        QVERIFY2(c.value(QStringLiteral("fix"))
                     .toString()
                     .contains(QLatin1String("/sys/fs/cgroup/cgroup.subtree_control")),
                 qPrintable(c.value(QStringLiteral("fix")).toString()));
    }

    void nearlyFullLibrary() {
        QTemporaryDir mnt;
        const auto checks = doctor(
            QStringLiteral(
                "unshare -m sh -c 'mount -t tmpfs -o size=64m none %1 && exec \"$0\" \"$@\"'")
                .arg(mnt.path()),
            QStringLiteral("--library '%1/vms' doctor").arg(mnt.path()), nullptr);
        const QJsonObject c = checks.value(QStringLiteral("library-space"));
        QCOMPARE(c.value(QStringLiteral("status")).toString(), QStringLiteral("fail"));
        QVERIFY2(
            c.value(QStringLiteral("message")).toString().startsWith(QLatin1String("0.1 GiB free")),
            qPrintable(c.value(QStringLiteral("message")).toString()));
    }

    // `host capture` keeps what the doctor reads: the tree is judged as the host was.
    void capturedTreeJudgedLikeTheHost() {
        QTemporaryDir dir;
        const QString tar = dir.path() + QStringLiteral("/host.tar.gz");
        QVERIFY(sh(QStringLiteral("'" VIREOCTL_PATH "' host capture '%1' && mkdir '%2/tree' && "
                                  "tar xzf '%1' -C '%2/tree'")
                       .arg(tar, dir.path())));
        const QString lib = QStringLiteral("--library '%1' doctor").arg(m_lib.path());
        const auto live = doctor({}, lib, nullptr);
        const auto tree =
            doctor({}, lib + QStringLiteral(" --host-root '%1/tree'").arg(dir.path()), nullptr);
        QCOMPARE(tree.keys().size(), live.keys().size());
        for (auto it = live.begin(); it != live.end(); ++it) {
            if (it.key() == QLatin1String("kvm"))
                continue; // probed live, read from files in a tree
            const QJsonObject t = tree.value(it.key());
            QVERIFY2(t.value(QStringLiteral("status")) == it->value(QStringLiteral("status")),
                     qPrintable(it.key() + QStringLiteral(": ") +
                                t.value(QStringLiteral("message")).toString()));
        }
        for (const char* id : {"cgroups", "firewall", "qemu", "ovmf", "kvm-permissions", "iommu"})
            QCOMPARE(tree.value(QLatin1String(id)).value(QStringLiteral("message")),
                     live.value(QLatin1String(id)).value(QStringLiteral("message")));
    }

    void anotherUserAndBadInput() {
        const auto checks = doctor(
            {}, QStringLiteral("--library '%1' doctor --user nobody").arg(m_lib.path()), nullptr);
        const QJsonObject u = checks.value(QStringLiteral("userns"));
        // nobody has no subordinate ids here (/etc/subuid is empty on this machine kind).
        QFile subuid(QStringLiteral("/etc/subuid"));
        if (!subuid.open(QIODevice::ReadOnly) || !subuid.readAll().contains("nobody:")) {
            QCOMPARE(u.value(QStringLiteral("status")).toString(), QStringLiteral("warn"));
            QVERIFY(u.value(QStringLiteral("fix")).toString().endsWith(QLatin1String(" nobody")));
        }
        Run r = run({QStringLiteral(VIREOCTL_PATH), QStringLiteral("doctor"),
                     QStringLiteral("--user"), QStringLiteral("no-such-user-here")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY2(r.err.contains("no-such-user-here"), r.err.constData());
        r = run({QStringLiteral(VIREOCTL_PATH), QStringLiteral("doctor"),
                 QStringLiteral("--host-root"), QStringLiteral("/nonexistent/tree")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY2(r.err.contains("/nonexistent/tree"), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestDoctorHost)
#include "tst_doctor_host.moc"
