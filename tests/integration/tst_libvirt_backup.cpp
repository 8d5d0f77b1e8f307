// A VM of a libvirt host (tests/libvirt/two-hosts.sh) backed up onto this machine: in full
// and then incrementally (libvirt checkpoints), while it runs and while it is shut off,
// into the same kind of backup folder as a local VM's, verified and restored here with the
// guest's data byte for byte, and nothing left behind on the host.
#include "LibvirtTestSupport.h"

using namespace libvirttest;

namespace {
constexpr int kDiskMiB = 64;
const QString kData = QStringLiteral("/var/lib/libvirt/images/bk-data.qcow2");
} // namespace

class TestLibvirtBackup : public LibvirtHostsTest {
    Q_OBJECT

    Run on(const QStringList& args) { return remote(QStringLiteral("h1"), args); }
    QString guest(const QString& command) {
        const Run r =
            on({QStringLiteral("vm"), QStringLiteral("exec"), QStringLiteral("bk"),
                QStringLiteral("--"), QStringLiteral("sh"), QStringLiteral("-c"), command});
        if (r.code != 0) qWarning() << "guest command failed:" << command << r.err;
        return r.out.trimmed();
    }
    QString guestDiskSum() {
        return guest(QStringLiteral("dd if=/dev/vda bs=1M count=%1 2>/dev/null | sha256sum")
                         .arg(kDiskMiB))
            .section(QLatin1Char(' '), 0, 0);
    }
    QString restoredDiskSum(const QString& vm) {
        return guesttest::restoredDiskSum(m_lab.lib(), vm, m_lab.path(vm + QStringLiteral(".raw")),
                                          kDiskMiB);
    }
    QJsonArray points(const QString& folder) {
        return QJsonDocument::fromJson(vireoctl({QStringLiteral("backup"), QStringLiteral("list"),
                                                 folder, QStringLiteral("--json")})
                                           .out.toUtf8())
            .array();
    }
    // What a backup may leave in host 1's pool folder: nothing of its own.
    QStringList leftOnHost() {
        return QDir(m_state + QStringLiteral("/h1/lib/images"))
            .entryList({QStringLiteral(".vireo-backup-*")}, QDir::Files | QDir::Hidden);
    }

private Q_SLOTS:
    void initTestCase() {
        if (const QString why = skipReason(); !why.isEmpty()) QSKIP(qPrintable(why));
        QVERIFY(bringUp());
    }
    void cleanupTestCase() { tearDown(); }
    void runningAndShutOffOntoThisMachine();
};

void TestLibvirtBackup::runningAndShutOffOntoThisMachine() {
    QCOMPARE(on({QStringLiteral("disk"), QStringLiteral("create"), kData, QStringLiteral("--size"),
                 QStringLiteral("%1M").arg(kDiskMiB)})
                 .code,
             0);
    QCOMPARE(
        on({QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("bk"),
            QStringLiteral("--memory"), QStringLiteral("256M"), QStringLiteral("--kernel"),
            kGuest + QStringLiteral("/vmlinuz"), QStringLiteral("--initrd"),
            kGuest + QStringLiteral("/initramfs.cpio.gz"), QStringLiteral("--append"), kCmdline,
            QStringLiteral("--disk"), kData, QStringLiteral("--nic"), QStringLiteral("none")})
            .code,
        0);
    QCOMPARE(on({QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("bk")}).code, 0);
    Session console(m_lab.lib(), {QStringLiteral("--remote"), QStringLiteral("h1"),
                                  QStringLiteral("console"), QStringLiteral("bk")});
    QVERIFY2(console.waitFor(QStringLiteral("VIREO-GUEST: ready"), 120000).hasMatch(),
             qPrintable(console.err()));
    guest(QStringLiteral("dd if=/dev/urandom of=/dev/vda bs=1M count=16 conv=fsync 2>/dev/null"));
    const QString first = guestDiskSum();
    QCOMPARE(first.size(), 64);

    // While it runs: a consistent copy here, and the guest goes on.
    const QString folder = m_lab.path(QStringLiteral("bk-backups"));
    auto backup = [&](bool incremental) {
        QStringList args{QStringLiteral("vm"), QStringLiteral("backup"), QStringLiteral("bk"),
                         QStringLiteral("--to"), folder};
        if (incremental) args << QStringLiteral("--incremental");
        return on(args);
    };
    Run r = backup(false);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(
        vmOn(QStringLiteral("h1"), QStringLiteral("bk")).value(QStringLiteral("state")).toString(),
        QStringLiteral("running"));

    // Then only what changed, still running: an overlay on the first point.
    guest(QStringLiteral("dd if=/dev/urandom of=/dev/vda bs=1M seek=20 count=4 conv=fsync "
                         "2>/dev/null"));
    const QString second = guestDiskSum();
    QVERIFY(second != first);
    r = backup(true);
    QVERIFY2(r.code == 0 && r.err.isEmpty(), qPrintable(r.err)); // no "full" note

    // And shut off: the VM runs paused for the copy and is off again after.
    guest(QStringLiteral("dd if=/dev/urandom of=/dev/vda bs=1M seek=40 count=4 conv=fsync "
                         "2>/dev/null"));
    const QString third = guestDiskSum();
    QVERIFY(third != second);
    QCOMPARE(on({QStringLiteral("vm"), QStringLiteral("kill"), QStringLiteral("bk")}).code, 0);
    r = backup(true);
    QVERIFY2(r.code == 0 && r.err.isEmpty(), qPrintable(r.err));
    QCOMPARE(
        vmOn(QStringLiteral("h1"), QStringLiteral("bk")).value(QStringLiteral("state")).toString(),
        QStringLiteral("shutoff"));

    const QJsonArray list = points(folder);
    QCOMPARE(list.size(), 3);
    QStringList ids;
    for (const auto& v : list)
        ids << v.toObject().value(QStringLiteral("point")).toString();
    QCOMPARE(list[0].toObject().value(QStringLiteral("type")).toString(), QStringLiteral("full"));
    for (int i : {1, 2}) {
        QCOMPARE(list[i].toObject().value(QStringLiteral("type")).toString(),
                 QStringLiteral("incremental"));
        QCOMPARE(list[i].toObject().value(QStringLiteral("parent")).toString(), ids[i - 1]);
        // 4 MiB changed of the 16 the full point holds.
        QVERIFY(list[i].toObject().value(QStringLiteral("bytes")).toInteger() <
                list[0].toObject().value(QStringLiteral("bytes")).toInteger() / 2);
    }
    // The host keeps no copy, and one checkpoint: the last point's, for the next one.
    QVERIFY2(leftOnHost().isEmpty(), qPrintable(leftOnHost().join(QLatin1Char(' '))));
    QCOMPARE(virshOut(kUri1, {QStringLiteral("checkpoint-list"), QStringLiteral("bk"),
                              QStringLiteral("--name")})
                 .trimmed(),
             QStringLiteral("vireo-backup-") + ids[2]);
    QCOMPARE(vireoctl({QStringLiteral("backup"), QStringLiteral("verify"), folder}).code, 0);

    // Restored on this machine, each point holds the guest's disk as it was.
    const QString sums[] = {first, second, third};
    for (int i = 0; i < 3; ++i) {
        const QString name = QStringLiteral("r%1").arg(i);
        r = vireoctl({QStringLiteral("backup"), QStringLiteral("restore"), folder, ids[i],
                      QStringLiteral("--as"), name});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(restoredDiskSum(name), sums[i]);
    }

    // One line for each mistake; the folder stays as it was.
    r = on({QStringLiteral("vm"), QStringLiteral("backup"), QStringLiteral("nosuch"),
            QStringLiteral("--to"), folder});
    QCOMPARE(r.code, 1);
    QCOMPARE(r.err.trimmed().count(QLatin1Char('\n')), 0);
    QCOMPARE(on({QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("other"),
                 QStringLiteral("--memory"), QStringLiteral("64M"), QStringLiteral("--disk"), kData,
                 QStringLiteral("--nic"), QStringLiteral("none")})
                 .code,
             0);
    r = on({QStringLiteral("vm"), QStringLiteral("backup"), QStringLiteral("other"),
            QStringLiteral("--to"), folder});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("holds backups of VM 'bk'")), qPrintable(r.err));
    QCOMPARE(points(folder).size(), 3);
    QCOMPARE(vireoctl({QStringLiteral("backup"), QStringLiteral("verify"), folder}).code, 0);
}

QTEST_GUILESS_MAIN(TestLibvirtBackup)
#include "tst_libvirt_backup.moc"
