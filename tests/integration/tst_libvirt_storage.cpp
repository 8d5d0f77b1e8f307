// Storage on two libvirt hosts on this machine (tests/libvirt/two-hosts.sh): a local VM
// moved into a host's pool (the copy compared with qemu-img, then booted there) and
// exported from there as an OVA, an OVA imported onto a host, pool volumes and the errors of the
// disk verbs; templates on a host and the instances made from them (a linked one booted: a
// cloud-init seed of its own).
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
    void templatesOnAHost();

private:
    // Whether volume `path` of `host`, downloaded, holds what local image `image` holds
    // (qemu-img compare: what the guest sees, whatever the formats).
    bool sameAsVolume(const QString& host, const QString& path, const QString& image) {
        const QString copy = m_lab.path(QStringLiteral("compare-%1.img").arg(++m_compared));
        if (remote(host, {QStringLiteral("disk"), QStringLiteral("download"), path, copy}).code)
            return false;
        QProcess compare;
        compare.start(QStringLiteral("qemu-img"), {QStringLiteral("compare"), copy, image});
        return compare.waitForFinished(60000) && compare.exitCode() == 0;
    }
    int m_compared = 0;
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
    QVERIFY(sameAsVolume(QStringLiteral("h2"), volume, disk));

    // And it boots there from that disk.
    QCOMPARE(remote(QStringLiteral("h2"),
                    {QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("mover")})
                 .code,
             0);
    Session console(m_lab.lib(), {QStringLiteral("--remote"), QStringLiteral("h2"),
                                  QStringLiteral("console"), QStringLiteral("mover")});
    QVERIFY2(console.waitFor(QStringLiteral("VIREO-GUEST: disks vda"), 120000).hasMatch(),
             qPrintable(console.err()));

    // Exported from the host as an appliance written here: refused while it runs; then its
    // disk, imported back here, is the host's volume byte for byte in what the guest sees.
    const QString fromHost = m_lab.path(QStringLiteral("from-host.ova"));
    r = remote(QStringLiteral("h2"), {QStringLiteral("vm"), QStringLiteral("export"),
                                      QStringLiteral("mover"), QStringLiteral("--ova"), fromHost});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("is running")), qPrintable(r.err));
    QVERIFY(!QFile::exists(fromHost));
    QCOMPARE(remote(QStringLiteral("h2"),
                    {QStringLiteral("vm"), QStringLiteral("kill"), QStringLiteral("mover")})
                 .code,
             0);
    r = remote(QStringLiteral("h2"), {QStringLiteral("vm"), QStringLiteral("export"),
                                      QStringLiteral("mover"), QStringLiteral("--ova"), fromHost});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.err.contains(QLatin1String("not exported: the direct kernel")), qPrintable(r.err));
    QVERIFY(QDir(m_lab.lib())
                .entryList({QStringLiteral(".export-*")}, QDir::Dirs | QDir::Hidden)
                .isEmpty());
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("import"), fromHost,
                       QStringLiteral("--name"), QStringLiteral("returned")})
                 .code,
             0);
    const QJsonObject returned =
        QJsonDocument::fromJson(vireoctl({QStringLiteral("--json"), QStringLiteral("vm"),
                                          QStringLiteral("show"), QStringLiteral("returned")})
                                    .out.toUtf8())
            .object();
    QCOMPARE(returned.value(QStringLiteral("memoryMiB")).toInt(), 256);
    const QJsonArray returnedDisks = returned.value(QStringLiteral("disks")).toArray();
    QCOMPARE(returnedDisks.size(), 1);
    QVERIFY(sameAsVolume(QStringLiteral("h2"), volume,
                         returnedDisks.at(0).toObject().value(QStringLiteral("path")).toString()));

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

void TestLibvirtStorage::templatesOnAHost() {
    for (const char* tool : {"xorriso", "ssh-keygen"})
        if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
            QSKIP(qPrintable(QStringLiteral("%1 is not installed (xorriso, openssh-client)")
                                 .arg(QString::fromLatin1(tool))));
    const QString images = QStringLiteral("/var/lib/libvirt/images/");
    const QString h1 = QStringLiteral("h1");
    auto on = [&](const QStringList& args) { return remote(h1, args); };
    QCOMPARE(on({QStringLiteral("disk"), QStringLiteral("upload"),
                 kGuest + QStringLiteral("/disk.qcow2"), images + QStringLiteral("tbase.qcow2")})
                 .code,
             0);
    const QString key = m_lab.path(QStringLiteral("tkey"));
    QCOMPARE(
        QProcess::execute(QStringLiteral("ssh-keygen"),
                          {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"),
                           QStringLiteral("-N"), QString(), QStringLiteral("-f"), key}),
        0);
    // A cloud VM (its overlay tpl-disk0.qcow2 and its seed tpl-seed.iso) becomes a template.
    QCOMPARE(
        on({QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("tpl"),
            QStringLiteral("--memory"), QStringLiteral("256M"), QStringLiteral("--cloud-image"),
            images + QStringLiteral("tbase.qcow2"), QStringLiteral("--ssh-key"),
            key + QStringLiteral(".pub"), QStringLiteral("--nic"), QStringLiteral("none")})
            .code,
        0);
    QCOMPARE(vmOn(h1, QStringLiteral("tpl")).value(QStringLiteral("template")).toBool(), false);
    QCOMPARE(on({QStringLiteral("vm"), QStringLiteral("template"), QStringLiteral("tpl")}).code, 0);
    QCOMPARE(vmOn(h1, QStringLiteral("tpl")).value(QStringLiteral("template")).toBool(), true);
    Run r = on({QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("tpl")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("is a template, which is never started")),
             qPrintable(r.err));

    // A linked instance: an overlay on the template's disk, which stays where it was.
    QCOMPARE(on({QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("inst"),
                 QStringLiteral("--from"), QStringLiteral("tpl"), QStringLiteral("--linked")})
                 .code,
             0);
    const QJsonObject inst = vmOn(h1, QStringLiteral("inst"));
    QCOMPARE(inst.value(QStringLiteral("template")).toBool(), false);
    QCOMPARE(inst.value(QStringLiteral("state")).toString(), QStringLiteral("shutoff"));
    QVERIFY(virshOut(kUri1, {QStringLiteral("vol-dumpxml"), QStringLiteral("--pool"),
                             QStringLiteral("default"), QStringLiteral("inst-tpl-disk0.qcow2")})
                .contains(images + QStringLiteral("tpl-disk0.qcow2")));
    const QString tplDisks = virshOut(kUri1, {QStringLiteral("domblklist"), QStringLiteral("tpl")});
    QVERIFY2(tplDisks.contains(images + QStringLiteral("tpl-disk0.qcow2")), qPrintable(tplDisks));
    const QString instDisks =
        virshOut(kUri1, {QStringLiteral("domblklist"), QStringLiteral("inst")});
    QVERIFY2(instDisks.contains(images + QStringLiteral("inst-seed.iso")), qPrintable(instDisks));
    // A full copy too: each instance has a machine-id of its own.
    QCOMPARE(on({QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("full"),
                 QStringLiteral("--from"), QStringLiteral("tpl")})
                 .code,
             0);
    const QRegularExpression machineId(QStringLiteral("system.machine_id=([0-9a-f]{32})"));
    const auto idOf = [&](const QString& vm) {
        return machineId.match(virshOut(kUri1, {QStringLiteral("dumpxml"), vm})).captured(1);
    };
    QVERIFY(!idOf(QStringLiteral("inst")).isEmpty());
    QVERIFY(idOf(QStringLiteral("inst")) != idOf(QStringLiteral("full")));

    // The instance boots as a new machine: cloud-init sees its own instance-id and hostname.
    const QString uuid =
        virshOut(kUri1, {QStringLiteral("domuuid"), QStringLiteral("inst")}).trimmed();
    QVERIFY(uuid != virshOut(kUri1, {QStringLiteral("domuuid"), QStringLiteral("tpl")}).trimmed());
    QCOMPARE(on({QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("inst")}).code, 0);
    Session console(m_lab.lib(), {QStringLiteral("--remote"), h1, QStringLiteral("console"),
                                  QStringLiteral("inst")});
    QVERIFY2(console
                 .waitFor(QStringLiteral("VIREO-GUEST: cidata instance-id=iid-") + uuid +
                              QStringLiteral(" hostname=inst"),
                          180000)
                 .hasMatch(),
             qPrintable(console.err()));

    // Bad input: one line each, nothing changed.
    r = on({QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("x"),
            QStringLiteral("--from"), QStringLiteral("inst")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("VM 'inst' on remote 'h1' is not a template")),
             qPrintable(r.err));
    QVERIFY(vmOn(h1, QStringLiteral("x")).isEmpty());
    r = on({QStringLiteral("vm"), QStringLiteral("template"), QStringLiteral("inst")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("is running; only a shut-off VM")), qPrintable(r.err));
    r = on({QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("full"),
            QStringLiteral("--from"), QStringLiteral("tpl")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("already exists")), qPrintable(r.err));
    QCOMPARE(r.err.trimmed().count(QLatin1Char('\n')), 0);
    r = on({QStringLiteral("vm"), QStringLiteral("template"), QStringLiteral("tpl"),
            QStringLiteral("--unset")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("base of linked instance(s) inst")), qPrintable(r.err));
    QCOMPARE(vmOn(h1, QStringLiteral("tpl")).value(QStringLiteral("template")).toBool(), true);

    // Deleted with their disks (the template's stay), the template is an ordinary VM again.
    for (const char* vm : {"inst", "full"})
        QCOMPARE(on({QStringLiteral("vm"), QStringLiteral("delete"), QString::fromLatin1(vm),
                     QStringLiteral("--force"), QStringLiteral("--remove-disks")})
                     .code,
                 0);
    const QString volumes =
        virshOut(kUri1, {QStringLiteral("vol-list"), QStringLiteral("default")});
    QVERIFY2(!volumes.contains(QLatin1String("inst-")) && !volumes.contains(QLatin1String("full-")),
             qPrintable(volumes));
    QVERIFY2(volumes.contains(QLatin1String("tpl-disk0.qcow2")) &&
                 volumes.contains(QLatin1String("tpl-seed.iso")),
             qPrintable(volumes));
    QCOMPARE(on({QStringLiteral("vm"), QStringLiteral("template"), QStringLiteral("tpl"),
                 QStringLiteral("--unset")})
                 .code,
             0);
    QCOMPARE(vmOn(h1, QStringLiteral("tpl")).value(QStringLiteral("template")).toBool(), false);
    QVERIFY(!virshOut(kUri1, {QStringLiteral("dumpxml"), QStringLiteral("--inactive"),
                              QStringLiteral("tpl")})
                 .contains(QLatin1String("template")));
}

QTEST_GUILESS_MAIN(TestLibvirtStorage)
#include "tst_libvirt_storage.moc"
