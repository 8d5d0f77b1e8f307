// Sandbox definitions and cgroup drivers without starting anything: parsing, validation,
// JSON round trips, the library folder, layout probing from captured files and the v2
// driver against a fake cgroup2 tree.
#include "sandbox/FaultError.h"
#include "sandbox/SandboxIdMap.h"
#include "sandbox/SandboxSpec.h"
#include "sandbox/SandboxStore.h"
#include "sandbox/runtime/Cgroup.h"
#include "sandbox/runtime/CgroupLayout.h"
#include "sandbox/runtime/CgroupPrimitives.h"
#include "sandbox/runtime/Seccomp.h"
#include "sandbox/runtime/prebuilt/PrebuiltSeccomp.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <set>

using namespace vireo;

namespace {

QString qt(const std::string& s) {
    return QString::fromStdString(s);
}

QStringList qt(const std::vector<std::string>& list) {
    QStringList out;
    for (const std::string& s : list)
        out.append(qt(s));
    return out;
}

const QByteArray kHybridMountinfo =
    "22 26 0:21 / /sys rw,relatime - sysfs sysfs rw\n"
    "30 22 0:27 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755\n"
    "31 30 0:28 / /sys/fs/cgroup/cpu,cpuacct rw,relatime - cgroup cgroup rw,cpu,cpuacct\n"
    "34 30 0:31 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory\n"
    "38 30 0:35 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids\n"
    "39 30 0:36 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd\n"
    "40 30 0:37 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n";
const QByteArray kHybridSelf =
    "9:name=systemd:/\n8:pids:/\n4:memory:/app/x\n1:cpu,cpuacct:/\n0::/\n";
const QByteArray kV2Mountinfo =
    "30 22 0:27 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw,nsdelegate\n";

QString readText(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readAll()) : QString();
}

SandboxLimits limitsOf(std::uint64_t memoryBytes, std::uint32_t pids, double cpus) {
    SandboxLimits l;
    l.memoryBytes = memoryBytes;
    l.pids = pids;
    l.cpus = cpus;
    return l;
}

void writeText(const QString& path, const QByteArray& text) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

} // namespace

class TestSandboxSpec : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void subordinateIdRanges() {
        const QByteArray text = "# ranges\n"
                                "alice:100000:65536\n"
                                "bob:bad:65536\n"
                                "1001:200000:1000\n"
                                "bob:300000:0\n"
                                "bob:400000:70000\n";
        const auto alice = findSubordinateIds(text, QStringLiteral("alice"), 1000);
        QVERIFY(alice);
        QCOMPARE(alice->start, 100000u);
        QCOMPARE(alice->count, 65536u);
        // By number when the name has no line; malformed and empty ranges are passed over.
        const auto byUid = findSubordinateIds(text, QStringLiteral("carol"), 1001);
        QVERIFY(byUid && byUid->start == 200000u && byUid->count == 1000u);
        const auto bob = findSubordinateIds(text, QStringLiteral("bob"), 1002);
        QVERIFY(bob && bob->start == 400000u);
        QVERIFY(!findSubordinateIds(text, QStringLiteral("dave"), 1003));
        QVERIFY(!findSubordinateIds("eve:4294967000:65536\n", QStringLiteral("eve"), 1));

        SandboxIdMap user;
        user.privileged = false;
        QCOMPARE(user.idCount(), 1u); // no range: root alone
        user.subUids = *byUid;
        user.subGids = *alice;
        QCOMPARE(user.idCount(), 1001u); // the smaller range bounds both
        QCOMPARE(SandboxIdMap{}.idCount(), kSandboxIdCount);
    }

    void bindMounts_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<bool>("readOnly");
        QTest::newRow("rw") << "/a:/b" << true << false;
        QTest::newRow("ro") << "/a:/b:ro" << true << true;
        QTest::newRow("explicit rw") << "/a:/b:rw" << true << false;
        QTest::newRow("bad option") << "/a:/b:xx" << false << false;
        QTest::newRow("one part") << "/a" << false << false;
        QTest::newRow("empty guest") << "/a:" << false << false;
    }
    void bindMounts() {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        QFETCH(bool, readOnly);
        const auto b = parseBindMount(text);
        QCOMPARE(b.ok(), ok);
        if (ok) QCOMPARE(b->readOnly, readOnly);
    }

    void validation() {
        QTemporaryDir root;
        SandboxSpec s;
        s.name = QStringLiteral("web");
        s.rootfs = root.path();
        s.command = {QStringLiteral("/bin/true")};
        QVERIFY(validateSandboxSpec(s).ok());

        SandboxSpec bad = s;
        bad.rootfs = root.path() + QStringLiteral("/missing");
        QCOMPARE(validateSandboxSpec(bad).error().code, ErrorCode::NotFound);
        bad = s;
        bad.binds = {{root.path(), QStringLiteral("/data/../../etc"), false, {}}};
        QVERIFY(validateSandboxSpec(bad).error().message.contains(QStringLiteral("escapes")));
        bad = s;
        bad.binds = {{root.path(), QStringLiteral("relative"), false, {}}};
        QVERIFY(!validateSandboxSpec(bad).ok());
        bad = s;
        bad.limits.cpus = -1;
        QVERIFY(!validateSandboxSpec(bad).ok());
        bad = s;
        bad.command.clear();
        QVERIFY(!validateSandboxSpec(bad).ok());
        bad = s;
        bad.name = QStringLiteral("../x");
        QVERIFY(!validateSandboxSpec(bad).ok());
    }

    void jsonRoundTripAndStore() {
        QTemporaryDir lib;
        SandboxSpec s;
        s.name = QStringLiteral("db");
        s.rootfs = QStringLiteral("/srv/root");
        s.command = {QStringLiteral("/bin/sh"), QStringLiteral("-c"), QStringLiteral("echo 'x y'")};
        s.env = {QStringLiteral("A=1")};
        s.cwd = QStringLiteral("/tmp");
        s.hostname = QStringLiteral("dbhost");
        s.limits = {256ull << 20, 64, 1.5};
        s.binds = {{QStringLiteral("/srv/data"), QStringLiteral("/data"), true, {}}};
        const SandboxStore store(lib.path());
        QVERIFY(store.save(s).ok());
        QCOMPARE(store.specPath(QStringLiteral("db")),
                 lib.path() + QStringLiteral("/.sandboxes/db/sandbox.json"));
        QCOMPARE(store.names(), QStringList{QStringLiteral("db")});
        const auto back = store.load(QStringLiteral("db"));
        QVERIFY(back.ok());
        QCOMPARE(back->command, s.command);
        QCOMPARE(back->env, s.env);
        QCOMPARE(back->cwd, s.cwd);
        QCOMPARE(back->hostname, s.hostname);
        QCOMPARE(back->limits.memoryBytes, s.limits.memoryBytes);
        QCOMPARE(back->limits.pids, s.limits.pids);
        QCOMPARE(back->limits.cpus, s.limits.cpus);
        QCOMPARE(back->binds.size(), 1);
        QVERIFY(back->binds[0].readOnly);
        // No temp file is left next to the definition.
        QCOMPARE(QDir(store.sandboxDir(QStringLiteral("db"))).entryList(QDir::Files),
                 QStringList{QStringLiteral("sandbox.json")});
        QVERIFY(!sandboxSpecFromJson("{\"schemaVersion\": 99}", QStringLiteral("x")).ok());
        QVERIFY(!sandboxSpecFromJson("not json", QStringLiteral("x")).ok());
        QVERIFY(store.remove(QStringLiteral("db")).ok());
        QVERIFY(store.names().isEmpty());
    }

    void layoutHybrid() {
        const auto l = parseCgroupLayout(kHybridMountinfo.toStdString(), kHybridSelf.toStdString(),
                                         "hugetlb\n");
        QVERIFY(l.kind == CgroupLayoutKind::Hybrid);
        QCOMPARE(qt(l.v1Mounts.at("memory")), QStringLiteral("/sys/fs/cgroup/memory"));
        QCOMPARE(qt(l.v1Mounts.at("cpu")), QStringLiteral("/sys/fs/cgroup/cpu,cpuacct"));
        QVERIFY(!l.hasV1("name=systemd"));
        QCOMPARE(qt(l.v1OwnPath.at("memory")), QStringLiteral("/app/x"));
        QCOMPARE(qt(l.v2Mount), QStringLiteral("/sys/fs/cgroup/unified"));
        QCOMPARE(qt(l.v2Controllers), QStringList{QStringLiteral("hugetlb")});
        // The hybrid driver puts memory/pids/cpu on v1 and nothing on the unified mount.
        std::unique_ptr<CgroupDriver> d;
        QVERIFY(!makeCgroupDriver(l, "vireo-sb.t.1", {1 << 24, 8, 1}, &d));
        QVERIFY(d->kind() == CgroupLayoutKind::Hybrid);
        QCOMPARE(qt(d->directories()),
                 QStringList({QStringLiteral("/sys/fs/cgroup/memory/app/x/vireo-sb.t.1"),
                              QStringLiteral("/sys/fs/cgroup/pids/vireo-sb.t.1"),
                              QStringLiteral("/sys/fs/cgroup/cpu,cpuacct/vireo-sb.t.1")}));
    }

    void layoutV1AndV2() {
        QByteArray v1 = kHybridMountinfo;
        v1.replace("40 30 0:37 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n", "");
        QVERIFY(parseCgroupLayout(v1.toStdString(), kHybridSelf.toStdString(), {}).kind ==
                CgroupLayoutKind::V1);
        const auto l = parseCgroupLayout(kV2Mountinfo.toStdString(), "0::/user.slice/s.scope\n",
                                         "cpuset cpu io memory pids\n");
        QVERIFY(l.kind == CgroupLayoutKind::V2);
        QCOMPARE(qt(l.v2OwnPath), QStringLiteral("/user.slice/s.scope"));
        QVERIFY(l.hasV2("memory"));
        QCOMPARE(qt(l.v2OwnDir()), QStringLiteral("/sys/fs/cgroup/user.slice/s.scope"));
        // A session scope holds our processes: it cannot hand controllers down.
        QCOMPARE(qt(l.v2SandboxParent()), QStringLiteral("/sys/fs/cgroup/vireo"));
        const auto atRoot =
            parseCgroupLayout(kV2Mountinfo.toStdString(), "0::/\n", "cpuset cpu io memory pids\n");
        QCOMPARE(qt(atRoot.v2SandboxParent()), QStringLiteral("/sys/fs/cgroup"));
        QVERIFY(parseCgroupLayout({}, {}, {}).kind == CgroupLayoutKind::None);
    }

    // The v2 driver under a folder of ours that is not there yet: the controllers are
    // enabled at the root for it, then in it for the sandbox's group.
    void v2DriverMakesItsParentFolder() {
        QTemporaryDir tree;
        writeText(tree.filePath(QStringLiteral("cgroup.controllers")), "cpu io memory pids\n");
        writeText(tree.filePath(QStringLiteral("cgroup.subtree_control")), "");
        const QString parent = tree.filePath(QStringLiteral("vireo"));
        auto d = makeCgroupV2Driver(parent.toStdString(), "vireo-sb.p.1", {"memory", "pids"});
        QVERIFY(!d->create(limitsOf(64ull << 20, 32, 0)));
        QCOMPARE(readText(tree.filePath(QStringLiteral("cgroup.subtree_control"))),
                 QStringLiteral("+memory +pids"));
        QCOMPARE(readText(parent + QStringLiteral("/cgroup.subtree_control")),
                 QStringLiteral("+memory +pids"));
        QCOMPARE(readText(parent + QStringLiteral("/vireo-sb.p.1/memory.max")),
                 QStringLiteral("67108864"));
        QCOMPARE(qt(d->directories()), QStringList{parent + QStringLiteral("/vireo-sb.p.1")});
    }

    // The v2 driver against a temp dir laid out like a cgroup2 hierarchy.
    void v2DriverOnFakeTree() {
        QTemporaryDir tree;
        writeText(tree.filePath(QStringLiteral("cgroup.controllers")), "cpu io memory pids\n");
        writeText(tree.filePath(QStringLiteral("cgroup.subtree_control")), "");
        auto d = makeCgroupV2Driver(tree.path().toStdString(), "vireo-sb.x.1",
                                    {"memory", "pids", "cpu"});
        QVERIFY(d->kind() == CgroupLayoutKind::V2);
        QVERIFY(!d->create(limitsOf(64ull << 20, 32, 0.5)));
        const QString g = tree.filePath(QStringLiteral("vireo-sb.x.1"));
        QCOMPARE(readText(tree.filePath(QStringLiteral("cgroup.subtree_control"))),
                 QStringLiteral("+memory +pids +cpu"));
        QCOMPARE(readText(g + QStringLiteral("/memory.max")), QStringLiteral("67108864"));
        QCOMPARE(readText(g + QStringLiteral("/pids.max")), QStringLiteral("32"));
        QCOMPARE(readText(g + QStringLiteral("/cpu.max")), QStringLiteral("50000 100000"));
        QVERIFY(d->cloneIntoFd() >= 0);
        QVERIFY(!d->oomKilled());
        writeText(g + QStringLiteral("/memory.events"),
                  "low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\n");
        QVERIFY(d->oomKilled());
        // A real cgroupfs folder disappears with rmdir; the fake one must be emptied first.
        for (const auto& f : QDir(g).entryList(QDir::Files))
            QFile::remove(g + QLatin1Char('/') + f);
        QVERIFY(!d->destroy());
        QVERIFY(!QFileInfo::exists(g));
    }

    // Swap beyond memory and the two weights, where the kernel has the files (as after
    // mkdir of a real group); an I/O weight with neither io.weight nor BFQ's is refused.
    void keyedCounters() {
        const char* oomControl = "oom_kill_disable 0\nunder_oom 0\noom_kill 2\n";
        QCOMPARE(cgroupKeyedCounter(oomControl, "oom_kill"), 2LL); // not oom_kill_disable
        QCOMPARE(cgroupKeyedCounter(oomControl, "oom_kill_disable"), 0LL);
        QCOMPARE(cgroupKeyedCounter(oomControl, "oom"), -1LL);
        QCOMPARE(cgroupKeyedCounter("usage_usec  1234 \nuser_usec 5", "usage_usec"), 1234LL);
        QCOMPARE(cgroupKeyedCounter("user_usec 5", "usage_usec"), -1LL);
        QCOMPARE(cgroupKeyedCounter("oom_kill x\n", "oom_kill"), -1LL);
        QCOMPARE(cgroupKeyedCounter("oom_kill 3 4\n", "oom_kill"), -1LL);
        QCOMPARE(cgroupKeyedCounter("", "oom_kill"), -1LL);
        QTemporaryDir dir;
        const QByteArray events = QFile::encodeName(dir.filePath(QStringLiteral("memory.events")));
        const char* files[] = {"/nonexistent/memory.events", events.constData()};
        QVERIFY(!cgroupOomKilled(files, 2));
        writeText(dir.filePath(QStringLiteral("memory.events")), "oom 1\noom_kill 0\n");
        QVERIFY(!cgroupOomKilled(files, 2));
        writeText(dir.filePath(QStringLiteral("memory.events")), "oom 1\noom_kill 1\n");
        QVERIFY(cgroupOomKilled(files, 2));
        QCOMPARE(removeCgroupDirWaiting(
                     QFile::encodeName(dir.filePath(QStringLiteral("gone"))).constData(), 0),
                 0);
    }

    void v2DriverWeightsAndSwap() {
        QTemporaryDir tree;
        writeText(tree.filePath(QStringLiteral("cgroup.controllers")), "cpu io memory pids\n");
        writeText(tree.filePath(QStringLiteral("cgroup.subtree_control")), "");
        const QString g = tree.filePath(QStringLiteral("vireo-sb.w.1"));
        QVERIFY(QDir().mkpath(g));
        writeText(g + QStringLiteral("/memory.swap.max"), "max\n");
        writeText(g + QStringLiteral("/io.bfq.weight"), "");
        SandboxLimits limits = limitsOf(64ull << 20, 0, 0);
        limits.swapBytes = 16ull << 20;
        limits.cpuWeight = 250;
        limits.ioWeight = 500;
        std::vector<std::string> controllers;
        for (const std::string& c : neededControllers(limits))
            if (c == "memory" || c == "pids" || c == "cpu" || c == "io") controllers.push_back(c);
        auto d = makeCgroupV2Driver(tree.path().toStdString(), "vireo-sb.w.1", controllers);
        QVERIFY(!d->create(limits));
        QCOMPARE(readText(tree.filePath(QStringLiteral("cgroup.subtree_control"))),
                 QStringLiteral("+memory +pids +cpu +io"));
        QCOMPARE(readText(g + QStringLiteral("/memory.swap.max")), QString::number(16 << 20));
        QCOMPARE(readText(g + QStringLiteral("/cpu.weight")), QStringLiteral("250"));
        QCOMPARE(readText(g + QStringLiteral("/io.bfq.weight")), QStringLiteral("50"));
        QFile::remove(g + QStringLiteral("/io.bfq.weight"));
        auto again = makeCgroupV2Driver(tree.path().toStdString(), "vireo-sb.w.1", {"io"});
        const MaybeFault f = again->create(limits);
        QVERIFY(f);
        QVERIFY2(f->message.find("io.weight") != std::string::npos, f->message.c_str());
    }

    void v2DriverReportsFailures() {
        auto d = makeCgroupV2Driver("/nonexistent/cg", "g", {"memory"});
        const MaybeFault f = d->create(limitsOf(64ull << 20, 0, 0));
        QVERIFY(f);
        QVERIFY2(f->message.find("/nonexistent/cg") != std::string::npos, f->message.c_str());
        // As the backend reports it: one line, with the errno's fix.
        QVERIFY(toError(*f).line().contains(QStringLiteral("/nonexistent/cg")));
    }

    void seccompProgramBuilds() {
        SeccompProgram p;
        const MaybeFault f = buildDefaultSeccompProgram(&p);
        QVERIFY2(!f, f ? f->message.c_str() : "");
        QVERIFY(p.instructions.size() > 10);
        const auto& denied = defaultDeniedSyscalls();
        QVERIFY(std::find_if(denied.begin(), denied.end(), [](const char* n) {
                    return std::string_view(n) == "keyctl";
                }) != denied.end());
    }

    // The filter's verdict for every x86_64 system call number, run through a small
    // interpreter of the classic BPF libseccomp emits: EPERM for exactly the denied calls
    // (whatever shape libseccomp gives the program: a chain or a tree), allow for the rest.
    void filterDeniesExactlyTheListedCalls() {
        const SeccompProgram& program = prebuiltDefaultSeccompProgram();
        const auto verdict = [&](std::uint32_t nr) -> std::uint32_t {
            seccomp_data data{};
            data.nr = static_cast<int>(nr);
            data.arch = AUDIT_ARCH_X86_64;
            std::uint32_t a = 0;
            for (size_t pc = 0; pc < program.instructions.size(); ++pc) {
                const sock_filter& i = program.instructions[pc];
                switch (i.code) {
                case BPF_LD | BPF_W | BPF_ABS:
                    if (i.k + sizeof a > sizeof data) return ~0u;
                    std::memcpy(&a, reinterpret_cast<const char*>(&data) + i.k, sizeof a);
                    break;
                case BPF_JMP | BPF_JEQ | BPF_K:
                    pc += a == i.k ? i.jt : i.jf;
                    break;
                case BPF_JMP | BPF_JGT | BPF_K:
                    pc += a > i.k ? i.jt : i.jf;
                    break;
                case BPF_JMP | BPF_JGE | BPF_K:
                    pc += a >= i.k ? i.jt : i.jf;
                    break;
                case BPF_JMP | BPF_JSET | BPF_K:
                    pc += (a & i.k) ? i.jt : i.jf;
                    break;
                case BPF_JMP | BPF_JA:
                    pc += i.k;
                    break;
                case BPF_RET | BPF_K:
                    return i.k;
                default:
                    return ~0u; // an instruction this interpreter does not know
                }
            }
            return ~0u;
        };
        std::set<int> denied;
        for (const char* name : defaultDeniedSyscalls()) {
            const int nr = seccomp_syscall_resolve_name(name);
            if (nr != __NR_SCMP_ERROR) denied.insert(nr);
        }
        QVERIFY(denied.size() > 20);
        for (std::uint32_t nr = 0; nr < 512; ++nr) {
            const std::uint32_t want =
                denied.count(static_cast<int>(nr)) ? SECCOMP_RET_ERRNO | EPERM : SECCOMP_RET_ALLOW;
            QVERIFY2(
                verdict(nr) == want,
                qPrintable(
                    QStringLiteral("system call %1: verdict %2").arg(nr).arg(verdict(nr), 0, 16)));
        }
    }

    // What starts use is the filter compiled at build time: the program libseccomp makes
    // now, instruction for instruction.
    void prebuiltFilterIsLibseccompsProgram() {
        SeccompProgram now;
        QVERIFY(!buildDefaultSeccompProgram(&now));
        const SeccompProgram& built = prebuiltDefaultSeccompProgram();
        QCOMPARE(built.instructions.size(), now.instructions.size());
        for (size_t i = 0; i < now.instructions.size(); ++i) {
            const sock_filter& a = built.instructions[i];
            const sock_filter& b = now.instructions[i];
            QVERIFY2(a.code == b.code && a.jt == b.jt && a.jf == b.jf && a.k == b.k,
                     qPrintable(QStringLiteral("instruction %1 differs").arg(i)));
        }
    }
};

QTEST_GUILESS_MAIN(TestSandboxSpec)
#include "tst_sandbox_spec.moc"
