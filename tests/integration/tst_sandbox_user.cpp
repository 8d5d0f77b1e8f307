// Sandboxes started by an unprivileged user, for real: vireoctl runs as a uid with no
// privilege (setresuid in the child), in a private mount namespace whose /etc/passwd,
// /etc/subuid and /etc/subgid name that user, so the host's files are never touched.
// Root inside must be the user, ids 1.. the user's subordinate range (newuidmap), and the
// sandbox must stay as isolated as root's. Needs root (to become the user) and uidmap.
#include "SandboxTestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <grp.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace vireo::test;

namespace {

constexpr unsigned kUser = 4242;
constexpr unsigned kSubStart = 300000;

const QStringList kApplets{
    QStringLiteral("sh"),    QStringLiteral("cat"),      QStringLiteral("echo"),
    QStringLiteral("id"),    QStringLiteral("ls"),       QStringLiteral("grep"),
    QStringLiteral("chown"), QStringLiteral("hostname"), QStringLiteral("sleep"),
    QStringLiteral("true"),  QStringLiteral("ip"),       QStringLiteral("touch")};

bool writeFile(const QString& path, const QByteArray& data) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

} // namespace

class TestSandboxUser : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_root;

    QString path(const QString& name) const { return m_tmp.filePath(name); }

    // vireoctl as uid kUser, in a private mount namespace with the test's /etc files bound
    // over the host's.
    Run asUser(const QStringList& args) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("VIREO_LIBRARY"), path(QStringLiteral("lib")));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), path(QStringLiteral("run")));
        env.insert(QStringLiteral("HOME"), path(QStringLiteral("home")));
        p.setProcessEnvironment(env);
        const QByteArray etc = QFile::encodeName(path(QStringLiteral("etc")));
        p.setChildProcessModifier([etc] {
            if (::unshare(CLONE_NEWNS) != 0 ||
                ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
                ::_exit(120);
            for (const char* name : {"passwd", "group", "subuid", "subgid"}) {
                const QByteArray from = etc + '/' + name;
                const QByteArray to = QByteArray("/etc/") + name;
                if (::mount(from.constData(), to.constData(), nullptr, MS_BIND, nullptr) != 0)
                    ::_exit(121);
            }
            if (::setgroups(0, nullptr) != 0 || ::setresgid(kUser, kUser, kUser) != 0 ||
                ::setresuid(kUser, kUser, kUser) != 0)
                ::_exit(122);
        });
        p.start(QStringLiteral(VIREOCTL_PATH), args);
        p.closeWriteChannel();
        p.waitForFinished(60000);
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
                QString::fromLocal8Bit(p.readAllStandardOutput()),
                QString::fromLocal8Bit(p.readAllStandardError())};
    }

    Run inSandbox(const QString& script, const QStringList& options = {}) {
        return asUser(QStringList{QStringLiteral("sandbox"), QStringLiteral("run"),
                                  QStringLiteral("--rootfs"), m_root} +
                      options +
                      QStringList{QStringLiteral("--"), QStringLiteral("/bin/sh"),
                                  QStringLiteral("-c"), script});
    }

    bool setSubordinateRanges(bool present) {
        const QByteArray line =
            present ? "sbuser:" + QByteArray::number(kSubStart) + ":65536\n" : QByteArray();
        return writeFile(path(QStringLiteral("etc/subuid")), line) &&
               writeFile(path(QStringLiteral("etc/subgid")), line);
    }

    static uint ownerOf(const QString& file) {
        struct stat st {};
        return ::lstat(QFile::encodeName(file).constData(), &st) == 0 ? st.st_uid : ~0u;
    }

    static bool chownTree(const QString& dir) {
        QProcess p;
        p.start(QStringLiteral("chown"),
                {QStringLiteral("-R"), QStringLiteral("%1:%1").arg(kUser), dir});
        return p.waitForFinished() && p.exitCode() == 0;
    }

private Q_SLOTS:
    void initTestCase() {
        if (::geteuid() != 0) QSKIP("needs root to become a test user in a private /etc");
        if (QStandardPaths::findExecutable(QStringLiteral("newuidmap")).isEmpty())
            QSKIP("needs newuidmap/newgidmap (apt-get install uidmap)");
        if (!QFile::exists(QStringLiteral("/bin/busybox")))
            QSKIP("needs busybox-static (/bin/busybox) for the test rootfs");
        QVERIFY(m_tmp.isValid());
        ::chmod(QFile::encodeName(m_tmp.path()).constData(), 0755);
        m_root = path(QStringLiteral("root"));
        QVERIFY(makeBusyboxRoot(m_root, kApplets));
        QVERIFY(
            QFile::copy(QStringLiteral(SANDBOX_PROBE_PATH), m_root + QStringLiteral("/bin/probe")));
        for (const char* d : {"etc", "lib", "run", "home", "vol"})
            QVERIFY(QDir().mkpath(path(QLatin1String(d))));
        QFile passwd(QStringLiteral("/etc/passwd")), group(QStringLiteral("/etc/group"));
        QVERIFY(passwd.open(QIODevice::ReadOnly) && group.open(QIODevice::ReadOnly));
        QVERIFY(writeFile(path(QStringLiteral("etc/passwd")),
                          passwd.readAll() + "sbuser:x:4242:4242::/nonexistent:/bin/sh\n"));
        QVERIFY(writeFile(path(QStringLiteral("etc/group")), group.readAll() + "sbuser:x:4242:\n"));
        QVERIFY(setSubordinateRanges(true));
        for (const char* d : {"root", "lib", "run", "home", "vol"})
            QVERIFY(chownTree(path(QLatin1String(d))));
        ::chmod(QFile::encodeName(path(QStringLiteral("run"))).constData(), 0700);
    }

    void rootInsideIsTheUserAndTheRestItsRange() {
        QVERIFY(setSubordinateRanges(true));
        const Run r = inSandbox(
            QStringLiteral("id -u; cat /proc/self/uid_map /proc/self/gid_map; "
                           "echo data > /vol/by-root; echo x > /vol/by-1000; chown 1000:1000 "
                           "/vol/by-1000"),
            {QStringLiteral("-v"), path(QStringLiteral("vol")) + QStringLiteral(":/vol")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.value(0), QStringLiteral("0"));
        const QStringList uidMap = lines.mid(1, 2);
        QVERIFY2(uidMap.value(0).simplified() == QStringLiteral("0 4242 1") &&
                     uidMap.value(1).simplified() == QStringLiteral("1 300000 65535"),
                 qPrintable(r.out));
        // What root writes is the user's outside; uid 1000 inside is 300000 + 999 outside.
        QCOMPARE(ownerOf(path(QStringLiteral("vol/by-root"))), kUser);
        QCOMPARE(ownerOf(path(QStringLiteral("vol/by-1000"))), kSubStart + 999);
    }

    void withoutARangeRootIsAlone() {
        QVERIFY(setSubordinateRanges(false));
        const Run r = inSandbox(QStringLiteral("cat /proc/self/uid_map"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.out.simplified(), QStringLiteral("0 4242 1"));
        const Run other =
            asUser({QStringLiteral("sandbox"), QStringLiteral("run"), QStringLiteral("--rootfs"),
                    m_root, QStringLiteral("--user"), QStringLiteral("5"), QStringLiteral("--"),
                    QStringLiteral("/bin/true")});
        QCOMPARE(other.exitCode, 1);
        QCOMPARE(other.err.count(QLatin1Char('\n')), 1);
        QVERIFY2(other.err.contains(QStringLiteral("/etc/subuid")), qPrintable(other.err));
        QVERIFY(setSubordinateRanges(true));
    }

    void asIsolatedAsRoots() {
        const QString before = QSysInfo::machineHostName();
        const Run r = inSandbox(QStringLiteral(
            "ls /proc | grep -c '^[0-9]*$'; hostname inner 2>/dev/null; hostname; "
            "/bin/probe keyctl; grep NoNewPrivs /proc/self/status; cat /proc/kcore | wc -c"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY2(lines.size() == 5, qPrintable(r.out));
        QVERIFY2(lines[0].toInt() > 0 && lines[0].toInt() < 10, qPrintable(r.out)); // no host pids
        QCOMPARE(QSysInfo::machineHostName(), before);
        QCOMPARE(lines[2], QStringLiteral("EPERM"));
        QVERIFY(lines[3].endsWith(QLatin1Char('1')));
        QCOMPARE(lines[4].trimmed(), QStringLiteral("0"));
    }

    void hostRootsFilesStayClosed() {
        // Root inside is the user outside: a host file only root may read stays closed,
        // even bound into the sandbox.
        const QString dir = path(QStringLiteral("hostdir"));
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(writeFile(dir + QStringLiteral("/secret"), "host secret"));
        ::chmod(QFile::encodeName(dir + QStringLiteral("/secret")).constData(), 0600);
        const Run r = inSandbox(QStringLiteral("cat /h/secret; touch /h/new"),
                                {QStringLiteral("-v"), dir + QStringLiteral(":/h")});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(!r.out.contains(QStringLiteral("host secret")), qPrintable(r.out));
        QVERIFY(!QFile::exists(dir + QStringLiteral("/new")));
    }

    void limitsAndBridgesNeedRootInOneLine_data() {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("named");
        QTest::newRow("memory") << QStringList{QStringLiteral("--memory"), QStringLiteral("64M")}
                                << QStringLiteral("--memory");
        QTest::newRow("pids") << QStringList{QStringLiteral("--pids"), QStringLiteral("20")}
                              << QStringLiteral("--pids");
        QTest::newRow("network") << QStringList{QStringLiteral("--network"), QStringLiteral("lan")}
                                 << QStringLiteral("--network nat");
    }
    void limitsAndBridgesNeedRootInOneLine() {
        QFETCH(QStringList, options);
        QFETCH(QString, named);
        const Run r = inSandbox(QStringLiteral("echo ran"), options);
        QCOMPARE(r.exitCode, 1);
        QVERIFY(!r.out.contains(QStringLiteral("ran")));
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
        QVERIFY2(r.err.contains(named) && r.err.contains(QStringLiteral("root")),
                 qPrintable(r.err));
    }

    void natThroughTheUsersPasta() {
        if (QStandardPaths::findExecutable(QStringLiteral("pasta")).isEmpty())
            QSKIP("needs pasta (apt-get install passt)");
        const Run r = inSandbox(QStringLiteral("ip -4 addr show | grep -c 'inet '"),
                                {QStringLiteral("--network"), QStringLiteral("nat")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.trimmed().toInt() >= 2, qPrintable(r.out)); // lo and pasta's interface
        QProcess pgrep;
        pgrep.start(QStringLiteral("pgrep"),
                    {QStringLiteral("-u"), QString::number(kUser), QStringLiteral("pasta")});
        pgrep.waitForFinished();
        QVERIFY2(pgrep.readAllStandardOutput().isEmpty(), "pasta outlived the sandbox");
    }

    void imageImportedAndRunByTheUser() {
        // A docker-save archive of the test root, imported and run by the user: its files stay
        // the user's (root inside) and the sandbox writes into its own overlay layer.
        const QString dir = path(QStringLiteral("image"));
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(writeFile(dir + QStringLiteral("/manifest.json"),
                          R"([{"Config":"config.json","RepoTags":["t:1"],"Layers":["l1.tar"]}])"));
        QVERIFY(
            writeFile(dir + QStringLiteral("/config.json"),
                      R"({"architecture":"amd64","os":"linux","config":{"Cmd":["/bin/id","-u"]},)"
                      R"("rootfs":{"type":"layers","diff_ids":[]}})"));
        QProcess tar;
        tar.start(QStringLiteral("tar"), {QStringLiteral("-C"), m_root, QStringLiteral("-cf"),
                                          dir + QStringLiteral("/l1.tar"), QStringLiteral(".")});
        QVERIFY(tar.waitForFinished() && tar.exitCode() == 0);
        tar.start(QStringLiteral("tar"),
                  {QStringLiteral("-C"), dir, QStringLiteral("-cf"),
                   path(QStringLiteral("img.tar")), QStringLiteral("manifest.json"),
                   QStringLiteral("config.json"), QStringLiteral("l1.tar")});
        QVERIFY(tar.waitForFinished() && tar.exitCode() == 0);
        const Run imported = asUser({QStringLiteral("sandbox"), QStringLiteral("image-import"),
                                     path(QStringLiteral("img.tar")), QStringLiteral("t")});
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
        const Run config = asUser({QStringLiteral("sandbox"), QStringLiteral("run"),
                                   QStringLiteral("--image"), QStringLiteral("t")});
        QVERIFY2(config.exitCode == 0, qPrintable(config.err));
        QCOMPARE(config.out.trimmed(), QStringLiteral("0"));
        const Run write =
            asUser({QStringLiteral("sandbox"), QStringLiteral("run"), QStringLiteral("--image"),
                    QStringLiteral("t"), QStringLiteral("--"), QStringLiteral("/bin/sh"),
                    QStringLiteral("-c"), QStringLiteral("echo hi > /bin/new && cat /bin/new")});
        QVERIFY2(write.exitCode == 0, qPrintable(write.err));
        QCOMPARE(write.out.trimmed(), QStringLiteral("hi"));
        QVERIFY(!QFile::exists(m_root + QStringLiteral("/bin/new")));
    }

    void keptSandboxWithoutCgroups() {
        const QStringList before = leftoverSandboxCgroups();
        QCOMPARE(
            asUser({QStringLiteral("sandbox"), QStringLiteral("create"), QStringLiteral("--name"),
                    QStringLiteral("kept"), QStringLiteral("--rootfs"), m_root,
                    QStringLiteral("--"), QStringLiteral("/bin/sleep"), QStringLiteral("30")})
                .exitCode,
            0);
        const Run started =
            asUser({QStringLiteral("sandbox"), QStringLiteral("start"), QStringLiteral("kept")});
        QVERIFY2(started.exitCode == 0, qPrintable(started.err));
        const Run exec =
            asUser({QStringLiteral("sandbox"), QStringLiteral("exec"), QStringLiteral("kept"),
                    QStringLiteral("--"), QStringLiteral("/bin/id"), QStringLiteral("-u")});
        QVERIFY2(exec.exitCode == 0, qPrintable(exec.err));
        QCOMPARE(exec.out.trimmed(), QStringLiteral("0"));
        const Run stats = asUser({QStringLiteral("sandbox"), QStringLiteral("stats"),
                                  QStringLiteral("kept"), QStringLiteral("--json")});
        QVERIFY2(stats.exitCode == 0, qPrintable(stats.err));
        const QJsonObject o = QJsonDocument::fromJson(stats.out.toUtf8()).object();
        QCOMPARE(o.value(QStringLiteral("state")).toString(), QStringLiteral("running"));
        QCOMPARE(o.value(QStringLiteral("accounted")).toBool(true), false);
        QCOMPARE(leftoverSandboxCgroups(), before); // a user's sandbox makes no group
        QCOMPARE(asUser({QStringLiteral("sandbox"), QStringLiteral("stop"), QStringLiteral("kept")})
                     .exitCode,
                 0);
        QCOMPARE(asUser({QStringLiteral("sandbox"), QStringLiteral("rm"), QStringLiteral("kept")})
                     .exitCode,
                 0);
        const Run list =
            asUser({QStringLiteral("sandbox"), QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(QJsonDocument::fromJson(list.out.toUtf8()).array().size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSandboxUser)
#include "tst_sandbox_user.moc"
