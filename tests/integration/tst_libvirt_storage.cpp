// Storage on two libvirt hosts on this machine (tests/libvirt/two-hosts.sh): a local VM
// moved into a host's pool (the copy compared with qemu-img, then booted there), an OVA
// imported onto a host, pool volumes and the errors of the disk verbs.
#include "LibvirtTestSupport.h"

using namespace libvirttest;

class TestLibvirtStorage : public LibvirtHostsTest {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        if (const QString why = skipReason(); !why.isEmpty()) QSKIP(qPrintable(why));
        QVERIFY(bringUp());
    }
    void cleanupTestCase() { tearDown(); }
    void volumesAndMovingALocalVm();
};

void TestLibvirtStorage::volumesAndMovingALocalVm() {
    // A local managed VM with its own copy of the guest's disk.
    const QString disk = m_lab.path(QStringLiteral("local.qcow2"));
    QVERIFY(QFile::copy(kGuest + QStringLiteral("/disk.qcow2"), disk));
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("mover"),
                       QStringLiteral("--memory"), QStringLiteral("256M"),
                       QStringLiteral("--kernel"), kGuest + QStringLiteral("/vmlinuz"),
                       QStringLiteral("--initrd"), kGuest + QStringLiteral("/initramfs.cpio.gz"),
                       QStringLiteral("--append"), kCmdline, QStringLiteral("--disk"), disk,
                       QStringLiteral("--nic"), QStringLiteral("none")})
                 .code,
             0);
    // Its appliance, imported onto a host further below.
    const QString ova = m_lab.path(QStringLiteral("mover.ova"));
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("export"), QStringLiteral("mover"),
                       QStringLiteral("--ova"), ova})
                 .code,
             0);
    // Into a folder no pool covers: refused, nothing left on the host, the VM still here.
    Run r = vireoctl({QStringLiteral("vm"), QStringLiteral("move"), QStringLiteral("mover"),
                      QStringLiteral("--to"), QStringLiteral("h2"), QStringLiteral("--folder"),
                      QStringLiteral("/srv/nowhere")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("no active storage pool")), qPrintable(r.err));
    QVERIFY(vmOn(QStringLiteral("h2"), QStringLiteral("mover")).isEmpty());
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("show"), QStringLiteral("mover")}).code,
             0);

    r = vireoctl({QStringLiteral("vm"), QStringLiteral("move"), QStringLiteral("mover"),
                  QStringLiteral("--to"), QStringLiteral("h2")});
    QCOMPARE(r.code, 0);
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("show"), QStringLiteral("mover")}).code,
             1); // gone here
    QCOMPARE(vmOn(QStringLiteral("h2"), QStringLiteral("mover"))
                 .value(QStringLiteral("state"))
                 .toString(),
             QStringLiteral("shutoff"));
    const QString volume = QStringLiteral("/var/lib/libvirt/images/mover-local.qcow2");
    r = remote(QStringLiteral("h2"),
               {QStringLiteral("--json"), QStringLiteral("disk"), QStringLiteral("list")});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(volume), qPrintable(r.out));

    // The copy there is the same image, byte for byte in what the guest sees.
    const QString back = m_lab.path(QStringLiteral("back.qcow2"));
    QCOMPARE(remote(QStringLiteral("h2"),
                    {QStringLiteral("disk"), QStringLiteral("download"), volume, back})
                 .code,
             0);
    QProcess compare;
    compare.start(QStringLiteral("qemu-img"), {QStringLiteral("compare"), disk, back});
    QVERIFY(compare.waitForFinished(60000));
    QCOMPARE(compare.exitCode(), 0);

    // And it boots there from that disk.
    QCOMPARE(remote(QStringLiteral("h2"),
                    {QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("mover")})
                 .code,
             0);
    Session console(m_lab.lib(), {QStringLiteral("--remote"), QStringLiteral("h2"),
                                  QStringLiteral("console"), QStringLiteral("mover")});
    QVERIFY2(console.waitFor(QStringLiteral("VIREO-GUEST: disks vda"), 120000).hasMatch(),
             qPrintable(console.err()));
    QCOMPARE(remote(QStringLiteral("h2"), {QStringLiteral("vm"), QStringLiteral("delete"),
                                           QStringLiteral("mover"), QStringLiteral("--force")})
                 .code,
             0);
    QCOMPARE(
        remote(QStringLiteral("h2"), {QStringLiteral("disk"), QStringLiteral("delete"), volume})
            .code,
        0);

    // An OVA imported onto a host: converted here, its disk copied into the pool there, the
    // VM defined there; nothing of it stays in this library.
    QCOMPARE(remote(QStringLiteral("h2"), {QStringLiteral("vm"), QStringLiteral("import"), ova,
                                           QStringLiteral("--name"), QStringLiteral("appliance")})
                 .code,
             0);
    QCOMPARE(vmOn(QStringLiteral("h2"), QStringLiteral("appliance"))
                 .value(QStringLiteral("memoryMiB"))
                 .toInt(),
             256);
    const QString blocks =
        virshOut(kUri2, {QStringLiteral("domblklist"), QStringLiteral("appliance")});
    const QRegularExpression imported(QStringLiteral("(/var/lib/libvirt/images/appliance-\\S+)"));
    const auto importedDisk = imported.match(blocks);
    QVERIFY2(importedDisk.hasMatch(), qPrintable(blocks));
    const QJsonObject importedInfo =
        QJsonDocument::fromJson(
            remote(QStringLiteral("h2"), {QStringLiteral("--json"), QStringLiteral("disk"),
                                          QStringLiteral("info"), importedDisk.captured(1)})
                .out.toUtf8())
            .object();
    QProcess info;
    info.start(QStringLiteral("qemu-img"),
               {QStringLiteral("info"), QStringLiteral("--output=json"), disk});
    QVERIFY(info.waitForFinished(30000));
    QCOMPARE(importedInfo.value(QStringLiteral("virtualSize")).toInteger(),
             QJsonDocument::fromJson(info.readAllStandardOutput())
                 .object()
                 .value(QStringLiteral("virtual-size"))
                 .toInteger());
    QCOMPARE(
        vireoctl({QStringLiteral("vm"), QStringLiteral("show"), QStringLiteral("appliance")}).code,
        1);
    QVERIFY(QDir(m_lab.lib())
                .entryList({QStringLiteral(".import-*")}, QDir::Dirs | QDir::Hidden)
                .isEmpty());
    QCOMPARE(remote(QStringLiteral("h2"),
                    {QStringLiteral("vm"), QStringLiteral("delete"), QStringLiteral("appliance")})
                 .code,
             0);
    QCOMPARE(remote(QStringLiteral("h2"),
                    {QStringLiteral("disk"), QStringLiteral("delete"), importedDisk.captured(1)})
                 .code,
             0);

    // A new empty volume, and the errors of the disk verbs.
    QCOMPARE(remote(QStringLiteral("h2"), {QStringLiteral("disk"), QStringLiteral("create"),
                                           QStringLiteral("/var/lib/libvirt/images/blank.qcow2"),
                                           QStringLiteral("--size"), QStringLiteral("1G")})
                 .code,
             0);
    r = remote(QStringLiteral("h2"), {QStringLiteral("disk"), QStringLiteral("create"),
                                      QStringLiteral("/var/lib/libvirt/images/blank.qcow2"),
                                      QStringLiteral("--size"), QStringLiteral("1G")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("already exists")), qPrintable(r.err));
    r = vireoctl({QStringLiteral("disk"), QStringLiteral("list")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("--remote NAME disk list")), qPrintable(r.err));
}

QTEST_GUILESS_MAIN(TestLibvirtStorage)
#include "tst_libvirt_storage.moc"
