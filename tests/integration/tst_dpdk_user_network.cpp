// A DPDK network for a user without privileges: on plain memory (--hugepages 0) the switch
// needs no hugepages and, for an internal network, nothing in the kernel, so a user with no
// sudo and no polkit creates and starts the network, attaches a VM, stops and deletes it;
// the switch runs as that user and the hugepage pool is untouched. The test (root) runs
// vireoctl as `nobody` with runuser.
#include "GuestTestSupport.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace guesttest;

namespace {

// The uid a process runs as (-1 when it is gone).
int uidOf(const QString& pid) {
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly)) return -1;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith("Uid:")) return line.simplified().split(' ').value(1).toInt();
    return -1;
}

} // namespace

class TestDpdkUserNetwork : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    passwd* m_user = nullptr;

    struct Result {
        int code;
        QString out, err;
    };

    // vireoctl as the unprivileged user, with a home, runtime folder and library of its own.
    Result asUser(const QStringList& args) {
        QProcess p;
        p.start(QStringLiteral("runuser"),
                QStringList{QStringLiteral("-u"), QString::fromLocal8Bit(m_user->pw_name),
                            QStringLiteral("--"), QStringLiteral("env"), QStringLiteral("-i"),
                            QStringLiteral("PATH=/usr/sbin:/usr/bin:/sbin:/bin"),
                            QStringLiteral("HOME=") + m_dir.filePath(QStringLiteral("home")),
                            QStringLiteral("XDG_RUNTIME_DIR=") + runtimeDir(),
                            QStringLiteral(VIREOCTL_PATH), QStringLiteral("--library"),
                            m_dir.filePath(QStringLiteral("lib"))} +
                    args);
        p.waitForFinished(120000);
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
                QString::fromUtf8(p.readAllStandardError())};
    }
    QString runtimeDir() const { return m_dir.filePath(QStringLiteral("run")); }

private Q_SLOTS:
    void initTestCase() {
        if (::geteuid() != 0) QSKIP("the test becomes another user with runuser: needs root");
        if (!QFile::exists(QStringLiteral(VIREO_SWITCH_PATH)))
            QSKIP("vireo-switch was not built (libdpdk-dev is missing)");
        if (!QFile::exists(kGuest + QStringLiteral("/vmlinux")))
            QSKIP("the test guest is not built");
        m_user = ::getpwnam("nobody");
        if (!m_user) QSKIP("this host has no user 'nobody' to run as");
        QVERIFY(m_dir.isValid());
        for (const char* d : {"home", "run", "lib", "guest"})
            QVERIFY(QDir().mkpath(m_dir.filePath(QLatin1String(d))));
        // The guest's kernel where the user can read it (the cache is root's).
        for (const char* f : {"vmlinux", "initramfs.cpio.gz"})
            QVERIFY(QFile::copy(kGuest + QLatin1Char('/') + QLatin1String(f),
                                m_dir.filePath(QStringLiteral("guest/")) + QLatin1String(f)));
        QCOMPARE(QProcess::execute(QStringLiteral("chown"),
                                   {QStringLiteral("-R"),
                                    QStringLiteral("%1:%2").arg(m_user->pw_uid).arg(m_user->pw_gid),
                                    m_dir.path()}),
                 0);
        QCOMPARE(::chmod(QFile::encodeName(m_dir.path()).constData(), 0755), 0);
    }

    void cleanupTestCase() {
        if (!m_user) return;
        (void)asUser({QStringLiteral("vm"), QStringLiteral("kill"), QStringLiteral("u1")});
        (void)asUser({QStringLiteral("network"), QStringLiteral("stop"), QStringLiteral("fast")});
    }

    // Hugepages are a privilege (the pool is the kernel's): a size in between is refused
    // in one line that offers plain memory.
    void hugepagesOutOfRangeOffersPlainMemory() {
        const Result r = asUser(
            {QStringLiteral("network"), QStringLiteral("create"), QStringLiteral("odd"),
             QStringLiteral("--mode"), QStringLiteral("internal"), QStringLiteral("--switch"),
             QStringLiteral("dpdk"), QStringLiteral("--hugepages"), QStringLiteral("5")});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QLatin1String("5 hugepages is out of range")) &&
                     r.err.contains(QLatin1String("0 for plain memory")) &&
                     r.err.trimmed().count(QLatin1Char('\n')) == 0,
                 qPrintable(r.err));
    }

    void aUserRunsAnInternalNetworkWithAVm() {
        const int pagesBefore = nrHugepages();
        Result r = asUser(
            {QStringLiteral("network"), QStringLiteral("create"), QStringLiteral("fast"),
             QStringLiteral("--mode"), QStringLiteral("internal"), QStringLiteral("--switch"),
             QStringLiteral("dpdk"), QStringLiteral("--hugepages"), QStringLiteral("0")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = asUser({QStringLiteral("network"), QStringLiteral("start"), QStringLiteral("fast")});
        QVERIFY2(r.code == 0, qPrintable(r.err)); // no pkexec here: nothing privileged ran

        // The switch runs as the user, on plain memory.
        QStringList pids;
        QDirIterator it(runtimeDir(), {QStringLiteral("switch.pid")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            if (f.open(QIODevice::ReadOnly)) pids << QString::fromUtf8(f.readAll().trimmed());
        }
        QCOMPARE(pids.size(), 1);
        QCOMPARE(uidOf(pids.first()), int(m_user->pw_uid));
        QCOMPARE(nrHugepages(), pagesBefore);

        // A VM of the user's on it: its NIC is a vhost-user port the switch connects to.
        const QString guest = m_dir.filePath(QStringLiteral("guest/"));
        r = asUser({QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("u1"),
                    QStringLiteral("--memory"), QStringLiteral("192M"), QStringLiteral("--kernel"),
                    guest + QStringLiteral("vmlinux"), QStringLiteral("--initrd"),
                    guest + QStringLiteral("initramfs.cpio.gz"), QStringLiteral("--append"),
                    kGuestCmdline, QStringLiteral("--nic"), QStringLiteral("network=fast")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = asUser({QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("u1")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QString ports;
        QTRY_VERIFY2_WITH_TIMEOUT(
            [&] {
                ports = asUser({QStringLiteral("network"), QStringLiteral("stats"),
                                QStringLiteral("fast"), QStringLiteral("--json")})
                            .out;
                for (const auto& p : QJsonDocument::fromJson(ports.toUtf8()).array())
                    if (p.toObject().value(QStringLiteral("vm")).toString() == QLatin1String("u1"))
                        return true;
                return false;
            }(),
            qPrintable(ports), 30000);

        // Stopped and deleted by the user: no switch left, no hugepage taken.
        r = asUser({QStringLiteral("vm"), QStringLiteral("kill"), QStringLiteral("u1")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = asUser({QStringLiteral("network"), QStringLiteral("stop"), QStringLiteral("fast")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QTRY_COMPARE_WITH_TIMEOUT(uidOf(pids.first()), -1, 10000);
        r = asUser({QStringLiteral("vm"), QStringLiteral("delete"), QStringLiteral("u1")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = asUser({QStringLiteral("network"), QStringLiteral("delete"), QStringLiteral("fast")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(nrHugepages(), pagesBefore);
        QVERIFY(QDir(runtimeDir() + QStringLiteral("/vireo/net"))
                    .entryList(QDir::Dirs | QDir::NoDotAndDotDot)
                    .isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDpdkUserNetwork)
#include "tst_dpdk_user_network.moc"
