// Two libvirt hosts on this machine (tests/libvirt/two-hosts.sh: network namespaces, each
// with its own libvirtd), driven only through vireoctl --remote: a VM created, booted and
// watched through the console stream, live-migrated there and back while its counter runs,
// events from behind Vireo's back, a daemon killed and restarted (also the target's in the
// middle of a migration), and bad input refused
// with nothing changed on either host.
#include "tst_libvirt_remotes.h"

// The guest on host 1 still runs: its console shows the counter going on or - when that
// console went silent after a move back (twice on fresh CI machines, never here; the
// warning carries what was seen) - its kernel's uptime advances, read through its agent.
bool TestLibvirtRemotes::keepsRunningOnH1(const QString& why) {
    Session console(m_lab.lib(), {QStringLiteral("--remote"), QStringLiteral("h1"),
                                  QStringLiteral("console"), QStringLiteral("web")});
    if (console.waitFor(kTick, m_consoleStalled ? 3000 : 15000, 2).hasMatch()) return true;
    auto uptime = [&] {
        const Run r =
            remote(QStringLiteral("h1"),
                   {QStringLiteral("vm"), QStringLiteral("exec"), QStringLiteral("web"),
                    QStringLiteral("--"), QStringLiteral("cat"), QStringLiteral("/proc/uptime")});
        return r.code == 0 ? r.out.section(QLatin1Char(' '), 0, 0).toDouble() : -1.0;
    };
    const double first = uptime();
    QTest::qWait(1500);
    const double second = uptime();
    qWarning(
        "%s: no tick on h1's console (%s); guest uptime %.2f then %.2f s; %s %s", qPrintable(why),
        qPrintable(console.err()), first, second,
        qPrintable(virshOut(kUri1, {QStringLiteral("ttyconsole"), QStringLiteral("web")})),
        qPrintable(virshOut(kUri1, {QStringLiteral("qemu-monitor-command"), QStringLiteral("web"),
                                    QStringLiteral("{\"execute\":\"query-chardev\"}")})));
    m_consoleStalled = true;
    return first > 0 && second > first + 1.0;
}

void TestLibvirtRemotes::initTestCase() {
    if (const QString why = skipReason(); !why.isEmpty()) QSKIP(qPrintable(why));
    QVERIFY(bringUp());
    // The VM's disk: a volume of host 1's pool (its path exists only on host 1).
    QCOMPARE(virsh(kUri1, {QStringLiteral("vol-create-as"), QStringLiteral("default"),
                           QStringLiteral("web.qcow2"), QStringLiteral("64M"),
                           QStringLiteral("--format"), QStringLiteral("qcow2")}),
             0);
}

void TestLibvirtRemotes::remotesListWithHostFacts() {
    const Run r =
        vireoctl({QStringLiteral("--json"), QStringLiteral("remote"), QStringLiteral("list")});
    QCOMPARE(r.code, 0);
    const QJsonArray remotes = QJsonDocument::fromJson(r.out.toUtf8()).array();
    QCOMPARE(remotes.size(), 2);
    const QJsonObject h2 = remotes.at(1).toObject();
    QCOMPARE(h2.value(QStringLiteral("name")).toString(), QStringLiteral("h2"));
    QCOMPARE(h2.value(QStringLiteral("reachable")).toBool(), true);
    QCOMPARE(h2.value(QStringLiteral("hostname")).toString(), QStringLiteral("vh2"));
    QVERIFY(h2.value(QStringLiteral("libvirtVersion")).toString().startsWith(QLatin1String("9.")));
    QVERIFY(h2.value(QStringLiteral("qemuVersion")).toString().startsWith(QLatin1String("7.")));
    QVERIFY(!h2.value(QStringLiteral("cpuModel")).toString().isEmpty());
    QVERIFY(h2.value(QStringLiteral("freeMemoryMiB")).toInteger() > 0);
    QCOMPARE(h2.value(QStringLiteral("vmCount")).toInt(), 0);
}

void TestLibvirtRemotes::badInputIsOneLineAndChangesNothing() {
    Run r = remote(QStringLiteral("nope"), {QStringLiteral("vm"), QStringLiteral("list")});
    QCOMPARE(r.code, 1);
    QCOMPARE(r.err.trimmed().count(QLatin1Char('\n')), 0);
    QVERIFY2(r.err.contains(QLatin1String("remote 'nope' is not known")), qPrintable(r.err));

    r = vireoctl({QStringLiteral("remote"), QStringLiteral("add"), QStringLiteral("x"),
                  QStringLiteral("http://10.77.0.1/system")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("not a QEMU/KVM driver")), qPrintable(r.err));
    r = vireoctl({QStringLiteral("remote"), QStringLiteral("add"), QStringLiteral("x"),
                  QStringLiteral("qemu+tcp:///system")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("has no host")), qPrintable(r.err));
    r = vireoctl({QStringLiteral("remote"), QStringLiteral("add"), QStringLiteral("h1"), kUri2});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("already exists")), qPrintable(r.err));
    // Nothing listens there: refused before anything is written.
    r = vireoctl({QStringLiteral("remote"), QStringLiteral("add"), QStringLiteral("h3"),
                  QStringLiteral("qemu+tcp://10.77.0.3/system")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("unreachable")), qPrintable(r.err));
    QCOMPARE(QJsonDocument::fromJson(vireoctl({QStringLiteral("--json"), QStringLiteral("remote"),
                                               QStringLiteral("list")})
                                         .out.toUtf8())
                 .array()
                 .size(),
             2);

    // A verb that has no remote form says so (and why, when it is about this machine)
    // instead of acting on the local library.
    r = remote(QStringLiteral("h1"), {QStringLiteral("usb"), QStringLiteral("list")});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(QLatin1String("does not work with --remote yet")), qPrintable(r.err));
    r = remote(QStringLiteral("h1"),
               {QStringLiteral("vm"), QStringLiteral("log"), QStringLiteral("web")});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(QLatin1String("does not work with --remote: libvirt has no call")) &&
                 r.err.contains(QLatin1String("--remote NAME console VM")),
             qPrintable(r.err));
    QCOMPARE(r.err.trimmed().count(QLatin1Char('\n')), 0);
    r = remote(QStringLiteral("h1"),
               {QStringLiteral("vm"), QStringLiteral("migrate"), QStringLiteral("web"),
                QStringLiteral("--to"), QStringLiteral("h1")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("already on 'h1'")), qPrintable(r.err));
    r = remote(QStringLiteral("h1"),
               {QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("ghost")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("VM 'ghost' does not exist on remote 'h1'")),
             qPrintable(r.err));
    // A disk that is in no pool has no known format: refused, nothing defined.
    r = remote(QStringLiteral("h1"),
               {QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("bad"),
                QStringLiteral("--disk"), QStringLiteral("/nowhere/x.img")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("format is unknown")), qPrintable(r.err));
    QVERIFY(vmOn(QStringLiteral("h1"), QStringLiteral("bad")).isEmpty());
}

void TestLibvirtRemotes::createStartAndConsoleStream() {
    const Run c =
        remote(QStringLiteral("h1"),
               {QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("web"),
                QStringLiteral("--memory"), QStringLiteral("256M"), QStringLiteral("--kernel"),
                kGuest + QStringLiteral("/vmlinuz"), QStringLiteral("--initrd"),
                kGuest + QStringLiteral("/initramfs.cpio.gz"), QStringLiteral("--append"), kCmdline,
                QStringLiteral("--disk"), QStringLiteral("/var/lib/libvirt/images/web.qcow2"),
                QStringLiteral("--nic"), QStringLiteral("none")});
    QCOMPARE(c.code, 0);
    QJsonObject vm = vmOn(QStringLiteral("h1"), QStringLiteral("web"));
    QCOMPARE(vm.value(QStringLiteral("state")).toString(), QStringLiteral("shutoff"));
    // The same fields as a local vm list.
    const QStringList keys = vm.keys();
    QCOMPARE(QSet<QString>(keys.begin(), keys.end()),
             (QSet<QString>{QStringLiteral("name"), QStringLiteral("uuid"), QStringLiteral("state"),
                            QStringLiteral("vcpus"), QStringLiteral("memoryMiB"),
                            QStringLiteral("autostart"), QStringLiteral("template")}));
    QCOMPARE(vm.value(QStringLiteral("memoryMiB")).toInt(), 256);
    QCOMPARE(vm.value(QStringLiteral("vcpus")).toInt(), 1);
    // A second VM of that name on the same host is refused.
    const Run again = remote(QStringLiteral("h1"),
                             {QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("web"),
                              QStringLiteral("--nic"), QStringLiteral("none")});
    QCOMPARE(again.code, 1);
    QVERIFY2(again.err.contains(QLatin1String("already exists on remote 'h1'")),
             qPrintable(again.err));

    QCOMPARE(remote(QStringLiteral("h1"),
                    {QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("web")})
                 .code,
             0);
    Session console(m_lab.lib(), {QStringLiteral("--remote"), QStringLiteral("h1"),
                                  QStringLiteral("console"), QStringLiteral("web")});
    QVERIFY2(console.waitFor(QStringLiteral("VIREO-GUEST: ready"), 120000).hasMatch(),
             qPrintable(console.err()));
    QVERIFY(console.waitFor(QStringLiteral("VIREO-GUEST: ") + kTick, 10000, 3).hasMatch());
    QCOMPARE(
        vmOn(QStringLiteral("h1"), QStringLiteral("web")).value(QStringLiteral("state")).toString(),
        QStringLiteral("running"));
    // vm show on the remote: what its libvirt says, and where; a VM it lacks is one line.
    const Run show = remote(QStringLiteral("h1"), {QStringLiteral("--json"), QStringLiteral("vm"),
                                                   QStringLiteral("show"), QStringLiteral("web")});
    QCOMPARE(show.code, 0);
    const QJsonObject shown = QJsonDocument::fromJson(show.out.toUtf8()).object();
    QCOMPARE(shown.value(QStringLiteral("state")).toString(), QStringLiteral("running"));
    QCOMPARE(shown.value(QStringLiteral("remote")).toString(), QStringLiteral("h1"));
    QCOMPARE(shown.value(QStringLiteral("memoryMiB")).toInt(), 256);
    // The guest's agent through the host's libvirt, the same fields as for a local VM.
    QCOMPARE(shown.value(QStringLiteral("guest"))
                 .toObject()
                 .value(QStringLiteral("hostname"))
                 .toString(),
             QStringLiteral("vireo-guest"));
    // vm exec there: the agent's guest-exec through libvirt, stdout, stderr and exit code
    // as for a local VM.
    const Run exec = remote(QStringLiteral("h1"),
                            {QStringLiteral("vm"), QStringLiteral("exec"), QStringLiteral("web"),
                             QStringLiteral("--"), QStringLiteral("sh"), QStringLiteral("-c"),
                             QStringLiteral("echo out-$(hostname); echo err >&2; exit 3")});
    QCOMPARE(exec.code, 3);
    QCOMPARE(exec.out, QStringLiteral("out-vireo-guest\n"));
    QVERIFY2(exec.err.contains(QLatin1String("err")), qPrintable(exec.err));
    // vm copy there: into the guest and back out through the agent, byte-exact.
    QByteArray payload;
    for (int i = 0; i < 70000; ++i)
        payload.append(char(i * 7 % 256));
    QFile out(m_lab.path(QStringLiteral("payload.bin")));
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(payload);
    out.close();
    QCOMPARE(remote(QStringLiteral("h1"),
                    {QStringLiteral("vm"), QStringLiteral("copy"), QStringLiteral("web"),
                     out.fileName(), QStringLiteral(":/tmp/payload.bin")})
                 .code,
             0);
    const Run sum = remote(QStringLiteral("h1"),
                           {QStringLiteral("vm"), QStringLiteral("exec"), QStringLiteral("web"),
                            QStringLiteral("--"), QStringLiteral("wc"), QStringLiteral("-c"),
                            QStringLiteral("/tmp/payload.bin")});
    QVERIFY2(sum.out.startsWith(QLatin1String("70000")), qPrintable(sum.out + sum.err));
    const QString back = m_lab.path(QStringLiteral("back.bin"));
    QCOMPARE(remote(QStringLiteral("h1"),
                    {QStringLiteral("vm"), QStringLiteral("copy"), QStringLiteral("web"),
                     QStringLiteral(":/tmp/payload.bin"), back})
                 .code,
             0);
    QFile in(back);
    QVERIFY(in.open(QIODevice::ReadOnly));
    QVERIFY(in.readAll() == payload);
    const Run noFile = remote(QStringLiteral("h1"),
                              {QStringLiteral("vm"), QStringLiteral("copy"), QStringLiteral("web"),
                               QStringLiteral(":/nonexistent"), back + QStringLiteral(".x")});
    QCOMPARE(noFile.code, 1);
    QVERIFY(!QFile::exists(back + QStringLiteral(".x")));
    const Run missing = remote(QStringLiteral("h1"), {QStringLiteral("vm"), QStringLiteral("show"),
                                                      QStringLiteral("nope")});
    QCOMPARE(missing.code, 1);
    QVERIFY2(missing.err.contains(QLatin1String("VM 'nope' does not exist on remote 'h1'")) &&
                 missing.err.count(QLatin1Char('\n')) == 1,
             qPrintable(missing.err));
}

void TestLibvirtRemotes::eventsFromBehindVireoAndReconnect() {
    Session events(m_lab.lib(),
                   {QStringLiteral("--remote"), QStringLiteral("h1"), QStringLiteral("--json"),
                    QStringLiteral("vm"), QStringLiteral("events")});
    QTest::qWait(500); // registered
    // Someone else powers the VM off: the event arrives, and the list shows it.
    QCOMPARE(virsh(kUri1, {QStringLiteral("destroy"), QStringLiteral("web")}), 0);
    QVERIFY2(
        events
            .waitFor(
                QStringLiteral(
                    "\"event\":\"stopped\",\"remote\":\"h1\",\"state\":\"shutoff\",\"vm\":\"web\""),
                10000)
            .hasMatch(),
        qPrintable(events.err()));
    QCOMPARE(
        vmOn(QStringLiteral("h1"), QStringLiteral("web")).value(QStringLiteral("state")).toString(),
        QStringLiteral("shutoff"));

    // The daemon dies: a command says so in one line; the watcher reconnects when it is back.
    QCOMPARE(harness({QStringLiteral("stop-daemon"), QStringLiteral("1")}), 0);
    const Run down = remote(QStringLiteral("h1"), {QStringLiteral("vm"), QStringLiteral("list")});
    QCOMPARE(down.code, 1);
    QCOMPARE(down.err.trimmed().count(QLatin1Char('\n')), 0);
    QVERIFY2(down.err.contains(
                 QLatin1String("remote 'h1' (qemu+tcp://10.77.0.1/system) is unreachable")),
             qPrintable(down.err));
    QElapsedTimer t;
    t.start();
    while (!events.err().contains(QLatin1String("lost the connection")) && t.elapsed() < 15000)
        QTest::qWait(100);
    QVERIFY2(events.err().contains(QLatin1String("lost the connection to remote 'h1'")),
             qPrintable(events.err()));
    QCOMPARE(harness({QStringLiteral("start-daemon"), QStringLiteral("1")}), 0);
    QVERIFY(events.waitFor(QStringLiteral("\"event\":\"reconnected\""), 15000).hasMatch());
    QCOMPARE(virsh(kUri1, {QStringLiteral("start"), QStringLiteral("web")}), 0);
    QVERIFY(events
                .waitFor(
                    QStringLiteral("\"event\":\"started\",\"remote\":\"h1\",\"state\":\"running\""),
                    10000)
                .hasMatch());
    QCOMPARE(
        vmOn(QStringLiteral("h1"), QStringLiteral("web")).value(QStringLiteral("state")).toString(),
        QStringLiteral("running"));
}

void TestLibvirtRemotes::lifecycleOnRemote() {
    auto state = [&] {
        return vmOn(QStringLiteral("h1"), QStringLiteral("web"))
            .value(QStringLiteral("state"))
            .toString();
    };
    Session console(m_lab.lib(), {QStringLiteral("--remote"), QStringLiteral("h1"),
                                  QStringLiteral("console"), QStringLiteral("web")});
    // Booted by virsh before this console was there: its counter shows it is up.
    QVERIFY(console.waitFor(QStringLiteral("VIREO-GUEST: tick"), 120000).hasMatch());
    // A live snapshot (with memory), and back to it: the counter starts again from there.
    QCOMPARE(
        remote(QStringLiteral("h1"),
               {QStringLiteral("snapshot"), QStringLiteral("create"), QStringLiteral("web"),
                QStringLiteral("s1"), QStringLiteral("--description"), QStringLiteral("counting")})
            .code,
        0);
    const int atSnapshot = lastTick(console.waitFor(kTick, 5000));
    Run r = remote(QStringLiteral("h1"), {QStringLiteral("--json"), QStringLiteral("snapshot"),
                                          QStringLiteral("list"), QStringLiteral("web")});
    QCOMPARE(r.code, 0);
    const QJsonObject snap = QJsonDocument::fromJson(r.out.toUtf8()).array().at(0).toObject();
    QCOMPARE(snap.value(QStringLiteral("name")).toString(), QStringLiteral("s1"));
    QCOMPARE(snap.value(QStringLiteral("memory")).toBool(), true);
    QCOMPARE(snap.value(QStringLiteral("current")).toBool(), true);
    QCOMPARE(snap.value(QStringLiteral("description")).toString(), QStringLiteral("counting"));
    QTest::qWait(3000); // the guest counts on (about 10 a second)
    const int beforeRevert = lastTick(console.waitFor(kTick, 5000));
    QVERIFY2(beforeRevert > atSnapshot + 10,
             qPrintable(QStringLiteral("%1 -> %2").arg(atSnapshot).arg(beforeRevert)));
    QCOMPARE(remote(QStringLiteral("h1"), {QStringLiteral("snapshot"), QStringLiteral("revert"),
                                           QStringLiteral("web"), QStringLiteral("s1")})
                 .code,
             0);
    Session afterRevert(m_lab.lib(), {QStringLiteral("--remote"), QStringLiteral("h1"),
                                      QStringLiteral("console"), QStringLiteral("web")});
    const int resumedAt = lastTick(afterRevert.waitFor(kTick, 10000));
    QVERIFY2(
        resumedAt > 0 && resumedAt < beforeRevert - 5,
        qPrintable(QStringLiteral("%1 after revert, %2 before").arg(resumedAt).arg(beforeRevert)));
    r = remote(QStringLiteral("h1"),
               {QStringLiteral("snapshot"), QStringLiteral("create"), QStringLiteral("web"),
                QStringLiteral("s2"), QStringLiteral("--no-memory")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("includes its memory")), qPrintable(r.err));
    QCOMPARE(remote(QStringLiteral("h1"), {QStringLiteral("snapshot"), QStringLiteral("delete"),
                                           QStringLiteral("web"), QStringLiteral("s1")})
                 .code,
             0);
    QCOMPARE(remote(QStringLiteral("h1"),
                    {QStringLiteral("vm"), QStringLiteral("pause"), QStringLiteral("web")})
                 .code,
             0);
    QCOMPARE(state(), QStringLiteral("paused"));
    QCOMPARE(remote(QStringLiteral("h1"),
                    {QStringLiteral("vm"), QStringLiteral("resume"), QStringLiteral("web")})
                 .code,
             0);
    QCOMPARE(state(), QStringLiteral("running"));
    // A graceful stop: the guest sees the ACPI power button and powers off by itself.
    QCOMPARE(remote(QStringLiteral("h1"),
                    {QStringLiteral("vm"), QStringLiteral("stop"), QStringLiteral("web"),
                     QStringLiteral("--mode"), QStringLiteral("acpi"), QStringLiteral("--no-force"),
                     QStringLiteral("--timeout"), QStringLiteral("60")})
                 .code,
             0);
    QVERIFY(afterRevert.waitFor(QStringLiteral("VIREO-GUEST: acpi-power-button"), 5000).hasMatch());
    QCOMPARE(state(), QStringLiteral("shutoff"));

    // Edit (memory, vCPUs) and a full clone with its own disk, on the host itself.
    QCOMPARE(remote(QStringLiteral("h1"),
                    {QStringLiteral("vm"), QStringLiteral("edit"), QStringLiteral("web"),
                     QStringLiteral("--memory"), QStringLiteral("384M"), QStringLiteral("--cpus"),
                     QStringLiteral("2")})
                 .code,
             0);
    const QJsonObject edited = vmOn(QStringLiteral("h1"), QStringLiteral("web"));
    QCOMPARE(edited.value(QStringLiteral("memoryMiB")).toInt(), 384);
    QCOMPARE(edited.value(QStringLiteral("vcpus")).toInt(), 2);
    // Notes, the screen and autostart too, in place: the rest of the definition stays.
    QCOMPARE(
        remote(QStringLiteral("h1"),
               {QStringLiteral("vm"), QStringLiteral("edit"), QStringLiteral("web"),
                QStringLiteral("--notes"), QStringLiteral("edited from afar"),
                QStringLiteral("--display"), QStringLiteral("vnc"), QStringLiteral("--autostart")})
            .code,
        0);
    const auto dumpxml = [&] {
        QProcess p;
        p.start(QStringLiteral("virsh"), {QStringLiteral("-c"), kUri1, QStringLiteral("dumpxml"),
                                          QStringLiteral("--inactive"), QStringLiteral("web")});
        p.waitForFinished(30000);
        return QString::fromUtf8(p.readAllStandardOutput());
    };
    QString xml = dumpxml();
    QVERIFY2(xml.contains(QLatin1String("<description>edited from afar</description>")) &&
                 xml.contains(QLatin1String("<graphics type='vnc'")) &&
                 xml.contains(QLatin1String("<listen type='address' address='127.0.0.1'/>")) &&
                 xml.contains(QLatin1String("<memory unit='KiB'>393216</memory>")),
             qPrintable(xml));
    QCOMPARE(vmOn(QStringLiteral("h1"), QStringLiteral("web")).value(QStringLiteral("autostart")),
             QJsonValue(true));
    QCOMPARE(remote(QStringLiteral("h1"),
                    {QStringLiteral("vm"), QStringLiteral("edit"), QStringLiteral("web"),
                     QStringLiteral("--display"), QStringLiteral("none"),
                     QStringLiteral("--no-autostart"), QStringLiteral("--notes"), QString()})
                 .code,
             0);
    xml = dumpxml();
    QVERIFY2(!xml.contains(QLatin1String("<graphics")) &&
                 !xml.contains(QLatin1String("<description>")),
             qPrintable(xml));
    QCOMPARE(vmOn(QStringLiteral("h1"), QStringLiteral("web")).value(QStringLiteral("autostart")),
             QJsonValue(false));
    const Run kernel = remote(QStringLiteral("h1"),
                              {QStringLiteral("vm"), QStringLiteral("edit"), QStringLiteral("web"),
                               QStringLiteral("--kernel"), QStringLiteral("/boot/vmlinuz")});
    QCOMPARE(kernel.code, 2);
    QVERIFY2(kernel.err.contains(QLatin1String("--display")), qPrintable(kernel.err));
    // Disks, NICs and the CD-ROM: each list replaced as locally, volumes of that host's pool.
    QCOMPARE(virsh(kUri1, {QStringLiteral("vol-create-as"), QStringLiteral("default"),
                           QStringLiteral("extra.raw"), QStringLiteral("8M"),
                           QStringLiteral("--format"), QStringLiteral("raw")}),
             0);
    const QString images = QStringLiteral("/var/lib/libvirt/images/");
    QCOMPARE(remote(QStringLiteral("h1"),
                    {QStringLiteral("vm"), QStringLiteral("edit"), QStringLiteral("web"),
                     QStringLiteral("--disk"), images + QStringLiteral("web.qcow2"),
                     QStringLiteral("--disk"), images + QStringLiteral("extra.raw"),
                     QStringLiteral("--nic"), QStringLiteral("user"), QStringLiteral("--cdrom"),
                     images + QStringLiteral("extra.raw")})
                 .code,
             0);
    const QString blk =
        virshOut(kUri1, {QStringLiteral("domblklist"), QStringLiteral("web"),
                         QStringLiteral("--details"), QStringLiteral("--inactive")});
    QVERIFY2(blk.contains(QRegularExpression(QStringLiteral("disk\\s+vda\\s+\\S+web.qcow2"))) &&
                 blk.contains(QRegularExpression(QStringLiteral("disk\\s+vdb\\s+\\S+extra.raw"))) &&
                 blk.contains(QRegularExpression(QStringLiteral("cdrom\\s+\\S+\\s+\\S+extra.raw"))),
             qPrintable(blk));
    xml = dumpxml();
    QVERIFY2(xml.contains(QLatin1String("<interface type='user'>")) &&
                 xml.contains(QLatin1String("<driver name='qemu' type='raw'")),
             qPrintable(xml));
    // Back to one disk and no NIC or CD-ROM; a disk in no pool is one line, nothing changed.
    const Run lost = remote(QStringLiteral("h1"),
                            {QStringLiteral("vm"), QStringLiteral("edit"), QStringLiteral("web"),
                             QStringLiteral("--disk"), QStringLiteral("/nowhere/x.img")});
    QCOMPARE(lost.code, 1);
    QVERIFY2(lost.err.contains(QLatin1String("format is unknown")), qPrintable(lost.err));
    QVERIFY(virshOut(kUri1, {QStringLiteral("domblklist"), QStringLiteral("web"),
                             QStringLiteral("--inactive")})
                .contains(QLatin1String("extra.raw")));
    QCOMPARE(
        remote(QStringLiteral("h1"), {QStringLiteral("vm"), QStringLiteral("edit"),
                                      QStringLiteral("web"), QStringLiteral("--disk"),
                                      images + QStringLiteral("web.qcow2"), QStringLiteral("--nic"),
                                      QStringLiteral("none"), QStringLiteral("--cdrom"), QString()})
            .code,
        0);
    xml = dumpxml();
    QVERIFY2(!xml.contains(QLatin1String("extra.raw")) &&
                 !xml.contains(QLatin1String("<interface")),
             qPrintable(xml));
    QCOMPARE(virsh(kUri1, {QStringLiteral("vol-delete"), QStringLiteral("--pool"),
                           QStringLiteral("default"), QStringLiteral("extra.raw")}),
             0);
    QCOMPARE(remote(QStringLiteral("h1"), {QStringLiteral("vm"), QStringLiteral("clone"),
                                           QStringLiteral("web"), QStringLiteral("web2")})
                 .code,
             0);
    const QJsonObject clone = vmOn(QStringLiteral("h1"), QStringLiteral("web2"));
    QCOMPARE(clone.value(QStringLiteral("state")).toString(), QStringLiteral("shutoff"));
    QVERIFY(clone.value(QStringLiteral("uuid")).toString() !=
            edited.value(QStringLiteral("uuid")).toString());
    QCOMPARE(clone.value(QStringLiteral("memoryMiB")).toInt(), 384);
    r = remote(QStringLiteral("h1"),
               {QStringLiteral("--json"), QStringLiteral("disk"), QStringLiteral("list")});
    QVERIFY2(r.out.contains(QLatin1String("/var/lib/libvirt/images/web2-web.qcow2")),
             qPrintable(r.out));
    QCOMPARE(virshOut(kUri1, {QStringLiteral("domblklist"), QStringLiteral("web2")})
                 .contains(QLatin1String("web2-web.qcow2")),
             true);
    QCOMPARE(remote(QStringLiteral("h1"),
                    {QStringLiteral("vm"), QStringLiteral("delete"), QStringLiteral("web2")})
                 .code,
             0);
    QCOMPARE(
        remote(QStringLiteral("h1"), {QStringLiteral("disk"), QStringLiteral("delete"),
                                      QStringLiteral("/var/lib/libvirt/images/web2-web.qcow2")})
            .code,
        0);
    // A linked clone: thin overlays, the source's image the frozen base of both.
    QCOMPARE(remote(QStringLiteral("h1"),
                    {QStringLiteral("vm"), QStringLiteral("clone"), QStringLiteral("web"),
                     QStringLiteral("web3"), QStringLiteral("--linked")})
                 .code,
             0);
    QVERIFY(virshOut(kUri1, {QStringLiteral("domblklist"), QStringLiteral("web3")})
                .contains(QLatin1String("web3-web.qcow2")));
    QVERIFY(virshOut(kUri1, {QStringLiteral("domblklist"), QStringLiteral("web")})
                .contains(QLatin1String("web-layer1.qcow2")));
    for (const char* overlay : {"web3-web.qcow2", "web-layer1.qcow2"}) {
        const QString vol =
            virshOut(kUri1, {QStringLiteral("vol-dumpxml"), images + QLatin1String(overlay)});
        QVERIFY2(vol.contains(QLatin1String("<backingStore>")) &&
                     vol.contains(images + QStringLiteral("web.qcow2")),
                 qPrintable(vol));
    }
    QCOMPARE(remote(QStringLiteral("h1"),
                    {QStringLiteral("vm"), QStringLiteral("delete"), QStringLiteral("web3")})
                 .code,
             0);
    QCOMPARE(remote(QStringLiteral("h1"), {QStringLiteral("disk"), QStringLiteral("delete"),
                                           images + QStringLiteral("web3-web.qcow2")})
                 .code,
             0);
    r = remote(QStringLiteral("h1"),
               {QStringLiteral("vm"), QStringLiteral("kill"), QStringLiteral("web")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("is not running")), qPrintable(r.err));
    QCOMPARE(remote(QStringLiteral("h1"),
                    {QStringLiteral("vm"), QStringLiteral("delete"), QStringLiteral("web")})
                 .code,
             0);
    QVERIFY(vmOn(QStringLiteral("h1"), QStringLiteral("web")).isEmpty());
    // The disk (a pool volume) stays: deleting a VM never deletes what it did not create.
    QCOMPARE(virsh(kUri1, {QStringLiteral("vol-info"), QStringLiteral("--pool"),
                           QStringLiteral("default"), QStringLiteral("web.qcow2")}),
             0);
}

QTEST_GUILESS_MAIN(TestLibvirtRemotes)
#include "tst_libvirt_remotes.moc"
