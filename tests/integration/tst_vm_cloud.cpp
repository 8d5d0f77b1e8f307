// VMs from a cloud image: the image is imported once, each VM is a linked overlay with a
// NoCloud seed made by xorriso; the seed is read back with xorriso and by the test guest
// (its disk image stands in for the cloud image: it boots through SeaBIOS and SYSLINUX,
// and its init prints what a cloud-init would read from the cidata CD).
#include "GuestTestSupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

using guesttest::kGuest;
using guesttest::Run;

namespace {

const QByteArray kKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGcBe5hFEYZRM9eF3tqiGcalhZwpB9yAb1jp3 "
                        "tester@vireo";

} // namespace

class TestVmCloud : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void cloudImageVm();
    void overlaysDoNotDependOnImageSize();
    void templatesMakeNewMachines();
    void sshReachesTheGuest();

private:
    Run vireoctl(const QStringList& args) { return m_lab.vireoctl(args); }
    QByteArray fromSeed(const QString& vm, const QString& file);
    QString consoleLog(const QString& vm) const { return m_lab.consoleLog(vm); }
    bool waitForMarker(const QString& vm, const QString& text, int already = 0) {
        return m_lab.waitForMarker(vm, QRegularExpression::escape(text), already);
    }
    QString file(const QString& name, const QByteArray& content);

    guesttest::GuestLab m_lab;
    QString m_lib;
};

QByteArray TestVmCloud::fromSeed(const QString& vm, const QString& name) {
    const QString out = m_lab.path(vm + QLatin1Char('-') + name);
    QFile::remove(out);
    QProcess p;
    p.start(QStringLiteral("xorriso"),
            {QStringLiteral("-osirrox"), QStringLiteral("on"), QStringLiteral("-indev"),
             m_lib + QLatin1Char('/') + vm + QStringLiteral("/seed.iso"),
             QStringLiteral("-extract"), QLatin1Char('/') + name, out});
    p.waitForFinished(30000);
    QFile f(out);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString TestVmCloud::file(const QString& name, const QByteArray& content) {
    const QString path = m_lab.path(name);
    QFile f(path);
    if (f.open(QIODevice::WriteOnly)) f.write(content);
    return path;
}

void TestVmCloud::initTestCase() {
    if (!QFile::exists(kGuest + QStringLiteral("/disk.qcow2")))
        QSKIP("the test guest is not built (tests/guest/build.sh failed?)");
    if (QStandardPaths::findExecutable(QStringLiteral("xorriso")).isEmpty())
        QSKIP("xorriso is not installed (package xorriso)");
    QVERIFY(m_lab.init());
    m_lib = m_lab.lib();
}

void TestVmCloud::cleanupTestCase() {
    if (m_lib.isEmpty()) return;
    for (const auto& vm : {QStringLiteral("web"), QStringLiteral("web2"), QStringLiteral("inst-a"),
                           QStringLiteral("sshvm"), QStringLiteral("plain")})
        vireoctl({QStringLiteral("vm"), QStringLiteral("kill"), vm});
}

void TestVmCloud::cloudImageVm() {
    const QString key = file(QStringLiteral("id_test.pub"), kKey + '\n');
    const QString userData =
        file(QStringLiteral("user-data.yaml"), "#cloud-config\nruncmd:\n  - echo from-the-user\n");
    const QStringList create{QStringLiteral("vm"),
                             QStringLiteral("create"),
                             QStringLiteral("web"),
                             QStringLiteral("--memory"),
                             QStringLiteral("256M"),
                             QStringLiteral("--cloud-image"),
                             kGuest + QStringLiteral("/disk.qcow2"),
                             QStringLiteral("--ssh-key"),
                             key,
                             QStringLiteral("--user-data"),
                             userData};
    QCOMPARE(vireoctl(create).code, 0);
    const auto spec =
        QJsonDocument::fromJson(
            vireoctl({QStringLiteral("vm"), QStringLiteral("show"), QStringLiteral("web")})
                .out.toUtf8())
            .object();
    const QString uuid = spec.value(QStringLiteral("uuid")).toString();

    // The seed, read back with the ISO tool: label, meta-data, merged user-data, network.
    QProcess pvd;
    pvd.start(QStringLiteral("xorriso"),
              {QStringLiteral("-indev"), m_lib + QStringLiteral("/web/seed.iso"),
               QStringLiteral("-pvd_info")});
    pvd.waitForFinished(30000);
    QVERIFY(pvd.readAllStandardOutput().contains("Volume Id    : cidata"));
    QCOMPARE(fromSeed(QStringLiteral("web"), QStringLiteral("meta-data")),
             "instance-id: iid-" + uuid.toUtf8() + "\nlocal-hostname: web\n");
    const QByteArray ud = fromSeed(QStringLiteral("web"), QStringLiteral("user-data"));
    QVERIFY2(ud.startsWith("Content-Type: multipart/mixed"), ud.constData());
    QVERIFY(ud.contains("      - " + kKey));
    QVERIFY(ud.contains("echo from-the-user"));
    QVERIFY(
        fromSeed(QStringLiteral("web"), QStringLiteral("network-config")).contains("dhcp4: true"));

    // The guest reads it from its CD drive.
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("web")}).code,
             0);
    QVERIFY(waitForMarker(QStringLiteral("web"),
                          QStringLiteral("VIREO-GUEST: cidata instance-id=iid-") + uuid +
                              QStringLiteral(" hostname=web")));
    QVERIFY(waitForMarker(QStringLiteral("web"),
                          QStringLiteral("VIREO-GUEST: cidata key=") + QString::fromUtf8(kKey)));
    QVERIFY(waitForMarker(QStringLiteral("web"), QStringLiteral("VIREO-GUEST: ready")));

    // Without the seed, the VM still boots from its own disk.
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("kill"), QStringLiteral("web")}).code,
             0);
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("cdrom"), QStringLiteral("web"),
                       QStringLiteral("--eject")})
                 .code,
             0);
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("web")}).code,
             0);
    QVERIFY(waitForMarker(QStringLiteral("web"), QStringLiteral("VIREO-GUEST: ready"), 1));
    QCOMPARE(consoleLog(QStringLiteral("web")).count(QStringLiteral("VIREO-GUEST: cidata key")), 1);
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("kill"), QStringLiteral("web")}).code,
             0);

    // A second VM from the same image: imported once, its own instance-id.
    QStringList second = create;
    second[2] = QStringLiteral("web2");
    QCOMPARE(vireoctl(second).code, 0);
    QCOMPARE(QDir(m_lib + QStringLiteral("/.images")).entryList({QStringLiteral("*.qcow2")}).size(),
             1);
    QVERIFY(fromSeed(QStringLiteral("web2"), QStringLiteral("meta-data")) !=
            fromSeed(QStringLiteral("web"), QStringLiteral("meta-data")));

    // Bad input: one line naming the file, and no half-made VM.
    const Run badKey =
        vireoctl({QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("web3"),
                  QStringLiteral("--cloud-image"), kGuest + QStringLiteral("/disk.qcow2"),
                  QStringLiteral("--ssh-key"), userData});
    QCOMPARE(badKey.code, 1);
    QVERIFY2(badKey.err.contains(QStringLiteral("is not an SSH public key")),
             qPrintable(badKey.err));
    QVERIFY(!QFileInfo::exists(m_lib + QStringLiteral("/web3")));
    const Run noImage =
        vireoctl({QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("web3"),
                  QStringLiteral("--cloud-image"), m_lab.path(QStringLiteral("nope.img"))});
    QCOMPARE(noImage.code, 1);
    QCOMPARE(noImage.err.count(QLatin1Char('\n')), 1);
    QVERIFY(!QFileInfo::exists(m_lib + QStringLiteral("/web3")));
}

// A cloud VM made a template: instances (linked and full) get their own UUID, MACs,
// machine-id and cloud-init instance, and boot as new machines.
void TestVmCloud::templatesMakeNewMachines() {
    const QString key = file(QStringLiteral("id_tmpl.pub"), kKey + '\n');
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("base"),
                       QStringLiteral("--memory"), QStringLiteral("256M"),
                       QStringLiteral("--cloud-image"), kGuest + QStringLiteral("/disk.qcow2"),
                       QStringLiteral("--ssh-key"), key})
                 .code,
             0);
    QCOMPARE(
        vireoctl({QStringLiteral("vm"), QStringLiteral("template"), QStringLiteral("base")}).code,
        0);
    const Run start =
        vireoctl({QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("base")});
    QCOMPARE(start.code, 1);
    QVERIFY2(start.err.contains(QStringLiteral("--from base")), qPrintable(start.err));
    QCOMPARE(
        vireoctl({QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("inst-a"),
                  QStringLiteral("--from"), QStringLiteral("base"), QStringLiteral("--linked")})
            .code,
        0);
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("inst-b"),
                       QStringLiteral("--from"), QStringLiteral("base")})
                 .code,
             0);
    // Only a template can be instantiated.
    const Run notTemplate =
        vireoctl({QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("x"),
                  QStringLiteral("--from"), QStringLiteral("inst-b")});
    QCOMPARE(notTemplate.code, 1);
    QVERIFY2(notTemplate.err.contains(QStringLiteral("is not a template")),
             qPrintable(notTemplate.err));
    const auto show = [&](const QString& vm) {
        return QJsonDocument::fromJson(
                   vireoctl({QStringLiteral("vm"), QStringLiteral("show"), vm}).out.toUtf8())
            .object();
    };
    const QJsonObject base = show(QStringLiteral("base")), a = show(QStringLiteral("inst-a")),
                      b = show(QStringLiteral("inst-b"));
    QCOMPARE(base.value(QStringLiteral("template")).toBool(), true);
    QCOMPARE(a.value(QStringLiteral("template")).toBool(), false);
    QVERIFY(a.value(QStringLiteral("uuid")) != base.value(QStringLiteral("uuid")));
    QVERIFY(a.value(QStringLiteral("uuid")) != b.value(QStringLiteral("uuid")));
    const auto mac = [](const QJsonObject& o) {
        return o.value(QStringLiteral("nics"))
            .toArray()
            .at(0)
            .toObject()
            .value(QStringLiteral("mac"));
    };
    QVERIFY(mac(a) != mac(base) && mac(a) != mac(b));
    QCOMPARE(a.value(QStringLiteral("machineId")).toString().size(), 32);
    QVERIFY(a.value(QStringLiteral("machineId")) != b.value(QStringLiteral("machineId")));
    // Each instance has its own seed: fresh instance-id, its own hostname, the same key.
    const QString uuidA = a.value(QStringLiteral("uuid")).toString();
    QCOMPARE(fromSeed(QStringLiteral("inst-a"), QStringLiteral("meta-data")),
             "instance-id: iid-" + uuidA.toUtf8() + "\nlocal-hostname: inst-a\n");
    QVERIFY(fromSeed(QStringLiteral("inst-b"), QStringLiteral("user-data"))
                .contains("hostname: inst-b\n"));
    QVERIFY(fromSeed(QStringLiteral("inst-a"), QStringLiteral("user-data")).contains(kKey));

    // The linked instance boots as a new machine from a thin overlay on the template.
    QCOMPARE(
        vireoctl({QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("inst-a")}).code,
        0);
    QVERIFY(waitForMarker(QStringLiteral("inst-a"),
                          QStringLiteral("VIREO-GUEST: cidata instance-id=iid-") + uuidA +
                              QStringLiteral(" hostname=inst-a")));
    QVERIFY(waitForMarker(QStringLiteral("inst-a"), QStringLiteral("VIREO-GUEST: ready")));
    QCOMPARE(
        vireoctl({QStringLiteral("vm"), QStringLiteral("kill"), QStringLiteral("inst-a")}).code, 0);

    // The template cannot run again while a linked instance reads its disk.
    const Run unset = vireoctl({QStringLiteral("vm"), QStringLiteral("template"),
                                QStringLiteral("base"), QStringLiteral("--unset")});
    QCOMPARE(unset.code, 1);
    QVERIFY2(unset.err.contains(QStringLiteral("inst-a")), qPrintable(unset.err));
    QCOMPARE(
        vireoctl({QStringLiteral("vm"), QStringLiteral("delete"), QStringLiteral("inst-a")}).code,
        0);
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("template"), QStringLiteral("base"),
                       QStringLiteral("--unset")})
                 .code,
             0);
}

// vm ssh reaches dropbear in the test guest through the "any free port" forward a cloud
// VM gets, as the user cloud-init made, with the key from the seed.
void TestVmCloud::sshReachesTheGuest() {
    if (QStandardPaths::findExecutable(QStringLiteral("ssh")).isEmpty() ||
        QStandardPaths::findExecutable(QStringLiteral("ssh-keygen")).isEmpty())
        QSKIP("openssh-client is not installed, so vm ssh has no ssh to run");
    const QString key = m_lab.path(QStringLiteral("id_ssh"));
    QCOMPARE(
        QProcess::execute(QStringLiteral("ssh-keygen"),
                          {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"),
                           QStringLiteral("-N"), QString(), QStringLiteral("-f"), key}),
        0);
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("sshvm"),
                       QStringLiteral("--memory"), QStringLiteral("256M"),
                       QStringLiteral("--cloud-image"), kGuest + QStringLiteral("/disk.qcow2"),
                       QStringLiteral("--ssh-key"), key + QStringLiteral(".pub")})
                 .code,
             0);
    QCOMPARE(
        vireoctl({QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("sshvm")}).code, 0);
    QVERIFY(waitForMarker(QStringLiteral("sshvm"), QStringLiteral("VIREO-GUEST: sshd user=sshvm")));
    QVERIFY(waitForMarker(QStringLiteral("sshvm"), QStringLiteral("VIREO-GUEST: ready")));
    const QJsonObject where =
        QJsonDocument::fromJson(
            vireoctl({QStringLiteral("--json"), QStringLiteral("vm"), QStringLiteral("ssh"),
                      QStringLiteral("sshvm"), QStringLiteral("--print")})
                .out.toUtf8())
            .object();
    QCOMPARE(where.value(QStringLiteral("via")).toString(), QStringLiteral("port forward"));
    QCOMPARE(where.value(QStringLiteral("host")).toString(), QStringLiteral("127.0.0.1"));
    QVERIFY(where.value(QStringLiteral("port")).toInt() > 0);
    QCOMPARE(where.value(QStringLiteral("user")).toString(), QStringLiteral("sshvm"));
    // The guest command keeps its own options; its output and exit code come back.
    const Run ok =
        vireoctl({QStringLiteral("vm"), QStringLiteral("ssh"), QStringLiteral("sshvm"),
                  QStringLiteral("--identity"), key, QStringLiteral("--"), QStringLiteral("echo"),
                  QStringLiteral("-n"), QStringLiteral("ok-$((6*7))-$(id -un)")});
    QCOMPARE(ok.code, 0);
    QCOMPARE(ok.out, QStringLiteral("ok-42-sshvm"));
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("ssh"), QStringLiteral("sshvm"),
                       QStringLiteral("--identity"), key, QStringLiteral("--"),
                       QStringLiteral("exit 7")})
                 .code,
             7);
    // A key the guest does not know: ssh fails at once (no password prompt in a script).
    const QString other = m_lab.path(QStringLiteral("id_other"));
    QCOMPARE(
        QProcess::execute(QStringLiteral("ssh-keygen"),
                          {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"),
                           QStringLiteral("-N"), QString(), QStringLiteral("-f"), other}),
        0);
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("ssh"), QStringLiteral("sshvm"),
                       QStringLiteral("--identity"), other, QStringLiteral("--"),
                       QStringLiteral("true")})
                 .code,
             255);
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("kill"), QStringLiteral("sshvm")}).code,
             0);

    // A VM with no way in: one line naming the fix.
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("plain"),
                       QStringLiteral("--memory"), QStringLiteral("128M"), QStringLiteral("--nic"),
                       QStringLiteral("user")})
                 .code,
             0);
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("plain"),
                       QStringLiteral("--paused")})
                 .code,
             0);
    const Run none =
        vireoctl({QStringLiteral("vm"), QStringLiteral("ssh"), QStringLiteral("plain")});
    QCOMPARE(none.code, 1);
    QVERIFY2(none.err.contains(QStringLiteral("hostfwd=tcp:0-:22")), qPrintable(none.err));
    QCOMPARE(none.err.count(QLatin1Char('\n')), 1);
    QCOMPARE(vireoctl({QStringLiteral("vm"), QStringLiteral("kill"), QStringLiteral("plain")}).code,
             0);
}

void TestVmCloud::overlaysDoNotDependOnImageSize() {
    const QString key = file(QStringLiteral("id_size.pub"), kKey + '\n');
    for (const auto& size : {QStringLiteral("1G"), QStringLiteral("100G")}) {
        const QString image = m_lab.path(QStringLiteral("sparse-%1.raw").arg(size));
        QProcess::execute(QStringLiteral("qemu-img"),
                          {QStringLiteral("create"), QStringLiteral("-q"), QStringLiteral("-f"),
                           QStringLiteral("raw"), image, size});
        for (int i = 0; i < 2; ++i) { // the first imports, the second only makes an overlay
            const QString vm = QStringLiteral("sparse-%1-%2").arg(size.toLower()).arg(i);
            QElapsedTimer t;
            t.start();
            QCOMPARE(
                vireoctl({QStringLiteral("vm"), QStringLiteral("create"), vm,
                          QStringLiteral("--cloud-image"), image, QStringLiteral("--ssh-key"), key})
                    .code,
                0);
            qInfo().noquote() << QStringLiteral("%1 image, %2: %3 ms")
                                     .arg(size, i == 0 ? QStringLiteral("import + overlay")
                                                       : QStringLiteral("overlay only"))
                                     .arg(t.elapsed());
            // The overlay holds no data of the image: a few hundred KiB whatever its size.
            QVERIFY(
                QFileInfo(m_lib + QLatin1Char('/') + vm + QStringLiteral("/disk0.qcow2")).size() <
                1 << 20);
        }
    }
}

QTEST_GUILESS_MAIN(TestVmCloud)
#include "tst_vm_cloud.moc"
