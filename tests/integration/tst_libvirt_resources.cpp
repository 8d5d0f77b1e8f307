// The hosts' networks, and how Vireo reaches them, on two libvirt hosts on this machine
// (tests/libvirt/two-hosts.sh): a NAT network whose DHCP server gives a guest its address,
// qemu+ssh sharing one login per host, qemu+tls with a test CA's certificates, and the
// remote forms of the VM, disk and network verbs. Storage pools and moving VMs onto a host:
// tst_libvirt_storage. The ssh and tls cases: tst_libvirt_resources_access.cpp.
#include "tst_libvirt_resources.h"

void TestLibvirtResources::networksOnARemote() {
    const QString kMac = QStringLiteral("52:54:00:91:00:77");
    auto networks = [&] {
        const Run r =
            remote(QStringLiteral("h1"),
                   {QStringLiteral("--json"), QStringLiteral("network"), QStringLiteral("list")});
        return QJsonDocument::fromJson(r.out.toUtf8()).array();
    };
    QCOMPARE(remote(QStringLiteral("h1"),
                    {QStringLiteral("network"), QStringLiteral("create"), QStringLiteral("lab"),
                     QStringLiteral("--mode"), QStringLiteral("nat-network"),
                     QStringLiteral("--subnet"), QStringLiteral("10.91.0.0/24")})
                 .code,
             0);
    QCOMPARE(remote(QStringLiteral("h1"),
                    {QStringLiteral("network"), QStringLiteral("create"), QStringLiteral("quiet"),
                     QStringLiteral("--mode"), QStringLiteral("host-only")})
                 .code,
             0);
    QJsonArray list = networks();
    QCOMPARE(list.size(), 2);
    QCOMPARE(list.at(0).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("lab"));
    QCOMPARE(list.at(0).toObject().value(QStringLiteral("mode")).toString(),
             QStringLiteral("nat-network"));
    QCOMPARE(list.at(0).toObject().value(QStringLiteral("subnet")).toString(),
             QStringLiteral("10.91.0.0/24"));
    QCOMPARE(list.at(0).toObject().value(QStringLiteral("active")).toBool(), false);
    QCOMPARE(list.at(1).toObject().value(QStringLiteral("mode")).toString(),
             QStringLiteral("host-only"));
    QCOMPARE(remote(QStringLiteral("h1"),
                    {QStringLiteral("network"), QStringLiteral("start"), QStringLiteral("lab")})
                 .code,
             0);
    QCOMPARE(networks().at(0).toObject().value(QStringLiteral("active")).toBool(), true);

    // A guest on it gets its address from libvirt's DHCP server on that host. It has a CD
    // drive too (any file serves as a CD for QEMU).
    const QString iso = QStringLiteral("/var/lib/libvirt/images/tools.iso");
    QFile isoFile(m_lab.path(QStringLiteral("tools.iso")));
    QVERIFY(isoFile.open(QIODevice::WriteOnly));
    isoFile.write(QByteArray(2048 * 16, 'i'));
    isoFile.close();
    QCOMPARE(remote(QStringLiteral("h1"), {QStringLiteral("disk"), QStringLiteral("upload"),
                                           m_lab.path(QStringLiteral("tools.iso")), iso})
                 .code,
             0);
    QCOMPARE(remote(QStringLiteral("h1"),
                    {QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("netvm"),
                     QStringLiteral("--memory"), QStringLiteral("256M"), QStringLiteral("--kernel"),
                     kGuest + QStringLiteral("/vmlinuz"), QStringLiteral("--initrd"),
                     kGuest + QStringLiteral("/initramfs.cpio.gz"), QStringLiteral("--append"),
                     kCmdline, QStringLiteral("--nic"), QStringLiteral("network=lab,mac=") + kMac,
                     QStringLiteral("--cdrom"), iso})
                 .code,
             0);
    // A shared folder (a path on that host: the lab shares this machine's files), added while
    // it is shut off; libvirt starts virtiofsd for it with the VM.
    const QString shared = m_lab.path(QStringLiteral("shared"));
    QVERIFY(QDir().mkpath(shared));
    QFile hello(shared + QStringLiteral("/hello.txt"));
    QVERIFY(hello.open(QIODevice::WriteOnly));
    hello.write("hello from the host\n");
    hello.close();
    const auto share = [&](const QStringList& args) {
        return remote(QStringLiteral("h1"),
                      QStringList{QStringLiteral("vm"), QStringLiteral("share")} + args);
    };
    QCOMPARE(share({QStringLiteral("add"), QStringLiteral("netvm"), shared, QStringLiteral("--tag"),
                    QStringLiteral("src")})
                 .code,
             0);
    QCOMPARE(share({QStringLiteral("add"), QStringLiteral("netvm"), QStringLiteral("/tmp"),
                    QStringLiteral("--tag"), QStringLiteral("spare")})
                 .code,
             0);
    QCOMPARE(
        share({QStringLiteral("remove"), QStringLiteral("netvm"), QStringLiteral("spare")}).code,
        0);
    Run r = share({QStringLiteral("add"), QStringLiteral("netvm"), QStringLiteral("relative/dir"),
                   QStringLiteral("--tag"), QStringLiteral("bad")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("is not an absolute path on remote 'h1'")),
             qPrintable(r.err));
    const QJsonArray shares =
        QJsonDocument::fromJson(
            share({QStringLiteral("list"), QStringLiteral("netvm"), QStringLiteral("--json")})
                .out.toUtf8())
            .array();
    QCOMPARE(shares.size(), 1);
    QCOMPARE(shares.first().toObject().value(QStringLiteral("hostDir")).toString(), shared);

    // A static lease in libvirt's own network, set before the guest asks: it gets that
    // address. One outside the network's subnet is refused and changes nothing.
    const auto lease = [&](const QStringList& args) {
        return remote(
            QStringLiteral("h1"),
            QStringList{QStringLiteral("network"), QStringLiteral("lease"), QStringLiteral("lab")} +
                args);
    };
    r = lease({QStringLiteral("add"), kMac, QStringLiteral("10.92.0.7")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("is not a guest address of network 'lab'")),
             qPrintable(r.err));
    QCOMPARE(
        lease({QStringLiteral("add"), kMac, QStringLiteral("10.91.0.77"), QStringLiteral("fixed")})
            .code,
        0);
    r = lease({QStringLiteral("add"), kMac, QStringLiteral("10.91.0.78")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("already has a lease for")), qPrintable(r.err));
    QVERIFY(virshOut(kUri1, {QStringLiteral("net-dumpxml"), QStringLiteral("lab"),
                             QStringLiteral("--inactive")})
                .contains(QLatin1String("ip='10.91.0.77'")));
    QCOMPARE(remote(QStringLiteral("h1"),
                    {QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("netvm")})
                 .code,
             0);
    Session console(m_lab.lib(), {QStringLiteral("--remote"), QStringLiteral("h1"),
                                  QStringLiteral("console"), QStringLiteral("netvm")});
    const auto ready = console.waitFor(QStringLiteral("VIREO-GUEST: ready ip=(\\S+)\\s"), 120000);
    QVERIFY2(ready.hasMatch(), qPrintable(console.err()));
    QCOMPARE(ready.captured(1), QStringLiteral("10.91.0.77"));

    // What libvirt's dnsmasq handed out, with the VM that has the MAC, as locally.
    const QJsonArray leases =
        QJsonDocument::fromJson(
            remote(QStringLiteral("h1"), {QStringLiteral("--json"), QStringLiteral("network"),
                                          QStringLiteral("leases"), QStringLiteral("lab")})
                .out.toUtf8())
            .array();
    QCOMPARE(leases.size(), 1);
    QCOMPARE(leases.first().toObject().value(QStringLiteral("ip")).toString(),
             QStringLiteral("10.91.0.77"));
    QCOMPARE(leases.first().toObject().value(QStringLiteral("vm")).toString(),
             QStringLiteral("netvm"));
    QVERIFY(leases.first().toObject().value(QStringLiteral("static")).toBool());
    // The VM's port counts its DHCP exchange, from the network's side.
    const QJsonArray ports =
        QJsonDocument::fromJson(
            remote(QStringLiteral("h1"), {QStringLiteral("--json"), QStringLiteral("network"),
                                          QStringLiteral("stats"), QStringLiteral("lab")})
                .out.toUtf8())
            .array();
    QCOMPARE(ports.size(), 1);
    QCOMPARE(ports.first().toObject().value(QStringLiteral("vm")).toString(),
             QStringLiteral("netvm"));
    QVERIFY(ports.first().toObject().value(QStringLiteral("rx_packets")).toDouble() >= 1);
    QVERIFY(ports.first().toObject().value(QStringLiteral("tx_packets")).toDouble() >= 1);
    for (const char* value : {"on", "off"}) {
        QCOMPARE(
            remote(QStringLiteral("h1"), {QStringLiteral("network"), QStringLiteral("autostart"),
                                          QStringLiteral("lab"), QString::fromLatin1(value)})
                .code,
            0);
        QCOMPARE(networks().at(0).toObject().value(QStringLiteral("autostart")).toBool(),
                 qstrcmp(value, "on") == 0);
    }

    // The guest mounts the share and reads the host's file; while it runs the shares stay.
    const Run mounted =
        remote(QStringLiteral("h1"),
               {QStringLiteral("vm"), QStringLiteral("exec"), QStringLiteral("netvm"),
                QStringLiteral("--"), QStringLiteral("sh"), QStringLiteral("-c"),
                QStringLiteral("mkdir -p /mnt/src && mount -t virtiofs src /mnt/src && cat "
                               "/mnt/src/hello.txt")});
    QVERIFY2(mounted.code == 0 && mounted.out == QLatin1String("hello from the host\n"),
             qPrintable(mounted.out + mounted.err));
    r = share({QStringLiteral("remove"), QStringLiteral("netvm"), QStringLiteral("src")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("shut it down first")), qPrintable(r.err));
    // Typed text reaches the guest's first VT, whose reader sends each line back as a marker.
    const QString typed = QStringLiteral("Yz 09 !@#$%^&*()_+{}|:<>? end");
    QCOMPARE(
        remote(QStringLiteral("h1"), {QStringLiteral("vm"), QStringLiteral("type"),
                                      QStringLiteral("netvm"), typed, QStringLiteral("--enter")})
            .code,
        0);
    QVERIFY2(
        console
            .waitFor(QRegularExpression::escape(QStringLiteral("VIREO-GUEST: vt-input ") + typed),
                     30000)
            .hasMatch(),
        qPrintable(console.err()));
    // While it runs, as locally: the CD comes out and goes in, and the NIC moves to
    // another network; what QEMU has is what libvirt's live view shows.
    const auto vmVerb = [&](const QStringList& args) {
        return remote(QStringLiteral("h1"), QStringList{QStringLiteral("vm")} + args);
    };
    const auto blockList = [&] {
        return virshOut(kUri1, {QStringLiteral("domblklist"), QStringLiteral("netvm")});
    };
    QCOMPARE(
        vmVerb({QStringLiteral("cdrom"), QStringLiteral("netvm"), QStringLiteral("--eject")}).code,
        0);
    QVERIFY2(!blockList().contains(iso), qPrintable(blockList()));
    r = vmVerb({QStringLiteral("cdrom"), QStringLiteral("netvm"), QStringLiteral("/nowhere.iso")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("is no volume of a storage pool on remote 'h1'")),
             qPrintable(r.err));
    QCOMPARE(vmVerb({QStringLiteral("cdrom"), QStringLiteral("netvm"), iso}).code, 0);
    QVERIFY2(blockList().contains(iso), qPrintable(blockList()));
    QCOMPARE(remote(QStringLiteral("h1"),
                    {QStringLiteral("network"), QStringLiteral("start"), QStringLiteral("quiet")})
                 .code,
             0);
    r = vmVerb({QStringLiteral("nic"), QStringLiteral("netvm"), QStringLiteral("1"),
                QStringLiteral("--network"), QStringLiteral("quiet")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("its NICs are 0 to 0")), qPrintable(r.err));
    QCOMPARE(vmVerb({QStringLiteral("nic"), QStringLiteral("netvm"), QStringLiteral("0"),
                     QStringLiteral("--network"), QStringLiteral("quiet")})
                 .code,
             0);
    const QString nics = virshOut(kUri1, {QStringLiteral("domiflist"), QStringLiteral("netvm")});
    QVERIFY2(nics.contains(QLatin1String("quiet")) && !nics.contains(QLatin1String("lab")),
             qPrintable(nics));
    QVERIFY(virshOut(kUri1, {QStringLiteral("dumpxml"), QStringLiteral("netvm"),
                             QStringLiteral("--inactive")})
                .contains(QLatin1String("network='quiet'")));

    // Disk verbs on the host's volumes, as locally: info, resize (shrinking needs --shrink),
    // convert (by the host's qemu-img), and attach/detach while the VM runs.
    const auto disk = [&](const QStringList& args) {
        return remote(QStringLiteral("h1"), QStringList{QStringLiteral("disk")} + args);
    };
    const auto diskInfo = [&](const QString& path) {
        return QJsonDocument::fromJson(
                   disk({QStringLiteral("info"), path, QStringLiteral("--json")}).out.toUtf8())
            .object();
    };
    const QString extra = QStringLiteral("/var/lib/libvirt/images/extra.qcow2");
    const QString extraRaw = QStringLiteral("/var/lib/libvirt/images/extra.raw");
    QCOMPARE(
        disk({QStringLiteral("create"), extra, QStringLiteral("--size"), QStringLiteral("64M")})
            .code,
        0);
    QCOMPARE(diskInfo(extra).value(QStringLiteral("format")).toString(), QStringLiteral("qcow2"));
    QCOMPARE(diskInfo(extra).value(QStringLiteral("virtualSize")).toInteger(), 64 << 20);
    QCOMPARE(disk({QStringLiteral("resize"), extra, QStringLiteral("128M")}).code, 0);
    QCOMPARE(diskInfo(extra).value(QStringLiteral("virtualSize")).toInteger(), 128 << 20);
    r = disk({QStringLiteral("resize"), extra, QStringLiteral("32M")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("--shrink")), qPrintable(r.err));
    QCOMPARE(diskInfo(extra).value(QStringLiteral("virtualSize")).toInteger(), 128 << 20);
    QCOMPARE(disk({QStringLiteral("convert"), extra, extraRaw, QStringLiteral("--format"),
                   QStringLiteral("raw")})
                 .code,
             0);
    QCOMPARE(diskInfo(extraRaw).value(QStringLiteral("format")).toString(), QStringLiteral("raw"));
    QCOMPARE(diskInfo(extraRaw).value(QStringLiteral("virtualSize")).toInteger(), 128 << 20);
    QCOMPARE(disk({QStringLiteral("attach"), QStringLiteral("netvm"), extraRaw}).code, 0);
    QVERIFY2(blockList().contains(extraRaw), qPrintable(blockList()));
    QVERIFY(virshOut(kUri1, {QStringLiteral("dumpxml"), QStringLiteral("netvm"),
                             QStringLiteral("--inactive")})
                .contains(extraRaw));
    r = disk({QStringLiteral("attach"), QStringLiteral("netvm"), extraRaw});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("is already a disk of VM 'netvm'")), qPrintable(r.err));
    QCOMPARE(disk({QStringLiteral("detach"), QStringLiteral("netvm"), extraRaw}).code, 0);
    // The guest lets go of a hot-unplugged disk in its own time.
    QTRY_VERIFY_WITH_TIMEOUT(!blockList().contains(extraRaw), 20000);
    QVERIFY(!virshOut(kUri1, {QStringLiteral("dumpxml"), QStringLiteral("netvm"),
                              QStringLiteral("--inactive")})
                 .contains(extraRaw));
    for (const QString& path : {extra, extraRaw})
        QCOMPARE(disk({QStringLiteral("delete"), path}).code, 0);

    r = remote(QStringLiteral("h1"),
               {QStringLiteral("network"), QStringLiteral("delete"), QStringLiteral("lab")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("stop it first")), qPrintable(r.err));
    QCOMPARE(remote(QStringLiteral("h1"), {QStringLiteral("vm"), QStringLiteral("delete"),
                                           QStringLiteral("netvm"), QStringLiteral("--force")})
                 .code,
             0);
    QCOMPARE(lease({QStringLiteral("remove"), kMac}).code, 0);
    r = lease({QStringLiteral("remove"), kMac});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("has no static lease for")), qPrintable(r.err));
    QCOMPARE(remote(QStringLiteral("h1"),
                    {QStringLiteral("network"), QStringLiteral("stop"), QStringLiteral("lab")})
                 .code,
             0);
    QCOMPARE(remote(QStringLiteral("h1"),
                    {QStringLiteral("network"), QStringLiteral("delete"), QStringLiteral("lab")})
                 .code,
             0);
    QCOMPARE(remote(QStringLiteral("h1"),
                    {QStringLiteral("network"), QStringLiteral("stop"), QStringLiteral("quiet")})
                 .code,
             0);
    QCOMPARE(remote(QStringLiteral("h1"),
                    {QStringLiteral("network"), QStringLiteral("delete"), QStringLiteral("quiet")})
                 .code,
             0);
    QCOMPARE(
        remote(QStringLiteral("h1"), {QStringLiteral("disk"), QStringLiteral("delete"), iso}).code,
        0);
    QCOMPARE(networks().size(), 0);
    // Port forwards have no libvirt 9 network form: said, with where to forward instead.
    r = remote(QStringLiteral("h1"),
               {QStringLiteral("network"), QStringLiteral("forward"), QStringLiteral("lab"),
                QStringLiteral("add"), QStringLiteral("tcp:8080:10.91.0.50:80")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("has no port forwards")) &&
                 r.err.contains(QLatin1String("hostfwd")),
             qPrintable(r.err));
}

QTEST_GUILESS_MAIN(TestLibvirtResources)
// --cloud-image on a remote, as locally: the image a volume of the host's pool (the test
// guest's disk stands in: its init prints what cloud-init would read from the cidata CD),
// the VM's disk a thin overlay beside it, the seed made here and uploaded into the pool.
void TestLibvirtResources::cloudImageOnARemote() {
    if (QStandardPaths::findExecutable(QStringLiteral("xorriso")).isEmpty())
        QSKIP("xorriso is not installed (package xorriso)");
    const QString images = QStringLiteral("/var/lib/libvirt/images/");
    QCOMPARE(remote(QStringLiteral("h1"), {QStringLiteral("disk"), QStringLiteral("upload"),
                                           kGuest + QStringLiteral("/disk.qcow2"),
                                           images + QStringLiteral("cloud.qcow2")})
                 .code,
             0);
    // A real key: the guest's sshd lets its user in with it (vm ssh below).
    const QString identity = m_lab.path(QStringLiteral("cloud_key"));
    QCOMPARE(
        QProcess::execute(QStringLiteral("ssh-keygen"),
                          {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"),
                           QStringLiteral("-N"), QString(), QStringLiteral("-C"),
                           QStringLiteral("tester@vireo"), QStringLiteral("-f"), identity}),
        0);
    const QString key = identity + QStringLiteral(".pub");
    QFile keyFile(key);
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    const QString keyLine = QString::fromUtf8(keyFile.readAll()).trimmed();
    keyFile.close();
    // On a libvirt network of the host, so that it has an address there.
    QCOMPARE(
        remote(QStringLiteral("h1"),
               {QStringLiteral("network"), QStringLiteral("create"), QStringLiteral("cloudnet"),
                QStringLiteral("--mode"), QStringLiteral("nat-network"), QStringLiteral("--subnet"),
                QStringLiteral("10.93.0.0/24")})
            .code,
        0);
    QCOMPARE(remote(QStringLiteral("h1"), {QStringLiteral("network"), QStringLiteral("start"),
                                           QStringLiteral("cloudnet")})
                 .code,
             0);
    // Not a volume of the host: one line, nothing made.
    const Run missing =
        remote(QStringLiteral("h1"),
               {QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("nocloud"),
                QStringLiteral("--cloud-image"), QStringLiteral("/nowhere/cloud.qcow2"),
                QStringLiteral("--ssh-key"), key});
    QCOMPARE(missing.code, 1);
    QVERIFY2(missing.err.contains(QLatin1String("is no volume of remote 'h1'")),
             qPrintable(missing.err));
    QCOMPARE(
        remote(QStringLiteral("h1"),
               {QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("cloudy"),
                QStringLiteral("--memory"), QStringLiteral("256M"), QStringLiteral("--cloud-image"),
                images + QStringLiteral("cloud.qcow2"), QStringLiteral("--ssh-key"), key,
                QStringLiteral("--nic"), QStringLiteral("network=cloudnet")})
            .code,
        0);
    const QString blk = virshOut(kUri1, {QStringLiteral("domblklist"), QStringLiteral("cloudy")});
    QVERIFY2(blk.contains(images + QStringLiteral("cloudy-disk0.qcow2")) &&
                 blk.contains(images + QStringLiteral("cloudy-seed.iso")),
             qPrintable(blk));
    QVERIFY(virshOut(kUri1, {QStringLiteral("vol-dumpxml"), QStringLiteral("--pool"),
                             QStringLiteral("default"), QStringLiteral("cloudy-disk0.qcow2")})
                .contains(images + QStringLiteral("cloud.qcow2")));
    const QString uuid =
        virshOut(kUri1, {QStringLiteral("domuuid"), QStringLiteral("cloudy")}).trimmed();
    QCOMPARE(remote(QStringLiteral("h1"),
                    {QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("cloudy")})
                 .code,
             0);
    Session console(m_lab.lib(), {QStringLiteral("--remote"), QStringLiteral("h1"),
                                  QStringLiteral("console"), QStringLiteral("cloudy")});
    QVERIFY2(console
                 .waitFor(QStringLiteral("VIREO-GUEST: cidata instance-id=iid-") + uuid +
                              QStringLiteral(" hostname=cloudy"),
                          180000)
                 .hasMatch(),
             qPrintable(console.err()));
    QVERIFY(console
                .waitFor(QRegularExpression::escape(QStringLiteral("VIREO-GUEST: cidata key=") +
                                                    keyLine.section(QLatin1Char(' '), 0, 1)),
                         30000)
                .hasMatch());
    QVERIFY(console.waitFor(QStringLiteral("VIREO-GUEST: sshd user=cloudy"), 60000).hasMatch());
    QVERIFY(console.waitFor(QStringLiteral("VIREO-GUEST: ready"), 60000).hasMatch());

    // vm ssh there: over the ssh remote (its host's one connection carries it, ssh -W to the
    // guest's address on the host's private network) as the user cloud-init made.
    if (!m_sshRemote) {
        qWarning("no ssh remote (dropbear or openssh-client missing): vm ssh on a remote untested");
    } else {
        const QByteArray savedHome = qgetenv("HOME");
        qputenv("HOME", m_lab.path(QStringLiteral("home")).toUtf8()); // its ssh_config
        const QJsonObject where =
            QJsonDocument::fromJson(
                remote(QStringLiteral("h1ssh"),
                       {QStringLiteral("--json"), QStringLiteral("vm"), QStringLiteral("ssh"),
                        QStringLiteral("cloudy"), QStringLiteral("--print")})
                    .out.toUtf8())
                .object();
        QVERIFY2(
            where.value(QStringLiteral("host")).toString().startsWith(QLatin1String("10.93.0.")),
            qPrintable(QJsonDocument(where).toJson()));
        QCOMPARE(where.value(QStringLiteral("user")).toString(), QStringLiteral("cloudy"));
        QVERIFY(!where.value(QStringLiteral("proxy")).toArray().isEmpty());
        const Run ok = remote(QStringLiteral("h1ssh"),
                              {QStringLiteral("vm"), QStringLiteral("ssh"),
                               QStringLiteral("cloudy"), QStringLiteral("--identity"), identity,
                               QStringLiteral("--"), QStringLiteral("echo"), QStringLiteral("-n"),
                               QStringLiteral("ok-$((6*7))-$(id -un)")});
        qputenv("HOME", savedHome);
        QCOMPARE(ok.code, 0);
        QCOMPARE(ok.out, QStringLiteral("ok-42-cloudy"));
    }
    for (const char* verb : {"kill", "delete"})
        QCOMPARE(remote(QStringLiteral("h1"),
                        {QStringLiteral("vm"), QString::fromLatin1(verb), QStringLiteral("cloudy")})
                     .code,
                 0);
    for (const char* verb : {"stop", "delete"})
        QCOMPARE(remote(QStringLiteral("h1"), {QStringLiteral("network"), QString::fromLatin1(verb),
                                               QStringLiteral("cloudnet")})
                     .code,
                 0);
    for (const char* volume : {"cloudy-disk0.qcow2", "cloudy-seed.iso", "cloud.qcow2"})
        QCOMPARE(remote(QStringLiteral("h1"), {QStringLiteral("disk"), QStringLiteral("delete"),
                                               images + QString::fromLatin1(volume)})
                     .code,
                 0);
}

#include "tst_libvirt_resources.moc"
