// tst_libvirt_resources' access cases: qemu+ssh sharing one login per host, and
// qemu+tls with a test CA's client certificates.
#include "tst_libvirt_resources.h"

#include <QLocalSocket>

void TestLibvirtResources::sshSharesOneConnectionPerHost() {
    for (const char* tool : {"dropbear", "dropbearkey", "ssh", "ssh-keygen"})
        if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty() &&
            !QFile::exists(QStringLiteral("/usr/sbin/") + QString::fromLatin1(tool)))
            QSKIP(qPrintable(QStringLiteral("%1 is not installed (dropbear-bin, openssh-client)")
                                 .arg(QString::fromLatin1(tool))));
    // A key of the test's own, and an ssh_config of Vireo's own in a home of the test's
    // own (vireo-ssh reads $HOME/.config/vireo/ssh_config): the user's files stay untouched.
    const QString home = m_lab.path(QStringLiteral("home"));
    QVERIFY(QDir().mkpath(home + QStringLiteral("/.config/vireo")));
    const QString key = m_lab.path(QStringLiteral("id_test"));
    QCOMPARE(
        QProcess::execute(QStringLiteral("ssh-keygen"),
                          {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"),
                           QStringLiteral("-N"), QString(), QStringLiteral("-f"), key}),
        0);
    QFile config(home + QStringLiteral("/.config/vireo/ssh_config"));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(QStringLiteral("UserKnownHostsFile /dev/null\nStrictHostKeyChecking no\n"
                                "LogLevel ERROR\nIdentityFile %1\n")
                     .arg(key)
                     .toUtf8());
    config.close();
    QCOMPARE(harness({QStringLiteral("sshd"), QStringLiteral("1"), key + QStringLiteral(".pub")}),
             0);
    const QByteArray savedHome = qgetenv("HOME");
    qputenv("HOME", home.toUtf8());
    auto logins = [&] {
        QFile log(m_state + QStringLiteral("/h1/ssh.log"));
        return log.open(QIODevice::ReadOnly) ? int(log.readAll().count("auth succeeded")) : -1;
    };
    QCOMPARE(vireoctl({QStringLiteral("remote"), QStringLiteral("add"), QStringLiteral("h1ssh"),
                       QStringLiteral("qemu+ssh://root@10.77.0.1/system")})
                 .code,
             0);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(
            remote(QStringLiteral("h1ssh"), {QStringLiteral("vm"), QStringLiteral("list")}).code,
            0);
    const Run list =
        vireoctl({QStringLiteral("--json"), QStringLiteral("remote"), QStringLiteral("list")});
    QVERIFY2(list.out.contains(QLatin1String("\"hostname\": \"vh1\"")), qPrintable(list.out));

    // The screen of a VM there comes through the same ssh connection (ssh -W to the VNC
    // server on the host's loopback), served on a local socket for a VNC viewer.
    QCOMPARE(remote(QStringLiteral("h1ssh"),
                    {QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("screen"),
                     QStringLiteral("--memory"), QStringLiteral("128M"), QStringLiteral("--kernel"),
                     kGuest + QStringLiteral("/vmlinuz"), QStringLiteral("--initrd"),
                     kGuest + QStringLiteral("/initramfs.cpio.gz"), QStringLiteral("--append"),
                     kCmdline, QStringLiteral("--display"), QStringLiteral("vnc")})
                 .code,
             0);
    QCOMPARE(remote(QStringLiteral("h1ssh"),
                    {QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("screen")})
                 .code,
             0);
    const QString socket = m_lab.path(QStringLiteral("screen.vnc"));
    {
        Session display(m_lab.lib(), {QStringLiteral("--remote"), QStringLiteral("h1ssh"),
                                      QStringLiteral("display"), QStringLiteral("screen"),
                                      QStringLiteral("--socket"), socket});
        QVERIFY2(display.waitFor(QStringLiteral("vnc\\+unix://(\\S+)"), 30000).hasMatch(),
                 qPrintable(display.err()));
        QLocalSocket viewer;
        viewer.connectToServer(socket);
        QVERIFY(viewer.waitForConnected(5000));
        QByteArray banner;
        for (int i = 0; i < 50 && banner.size() < 12; ++i)
            if (viewer.waitForReadyRead(200)) banner += viewer.readAll();
        QVERIFY2(banner.startsWith("RFB 003.008\n"), banner.constData()); // QEMU's VNC server
        viewer.disconnectFromServer();
        QVERIFY(display.finished(10000));
        QCOMPARE(display.exitCode(), 0);
    }
    QVERIFY(!QFile::exists(socket));
    // A tcp remote has no channel for a screen: one line that names the fix.
    const Run tcp =
        remote(QStringLiteral("h1"), {QStringLiteral("display"), QStringLiteral("screen")});
    QCOMPARE(tcp.code, 1);
    QVERIFY2(tcp.err.contains(QLatin1String("qemu+ssh://")), qPrintable(tcp.err));
    for (const char* verb : {"kill", "delete"})
        QCOMPARE(remote(QStringLiteral("h1ssh"),
                        {QStringLiteral("vm"), QString::fromLatin1(verb), QStringLiteral("screen")})
                     .code,
                 0);
    qputenv("HOME", savedHome);
    // Every connection over ssh (add, lists, the remote list, create, start, the screen,
    // delete) rode one login.
    QCOMPARE(logins(), 1);
    m_sshRemote = true;
}

void TestLibvirtResources::tlsWithClientCertificates() {
    // Host 1 also speaks TLS (qemu+tls, port 16514) with certificates of a test CA.
    QCOMPARE(harness({QStringLiteral("tls"), QStringLiteral("1")}), 0);
    const QString pki = m_state + QStringLiteral("/pki-1");
    QCOMPARE(vireoctl({QStringLiteral("remote"), QStringLiteral("add"), QStringLiteral("h1tls"),
                       QStringLiteral("qemu+tls://10.77.0.1/system?pkipath=") + pki})
                 .code,
             0);
    const Run list =
        vireoctl({QStringLiteral("--json"), QStringLiteral("remote"), QStringLiteral("list")});
    bool reachable = false;
    for (const auto& v : QJsonDocument::fromJson(list.out.toUtf8()).array())
        if (v.toObject().value(QStringLiteral("name")).toString() == QStringLiteral("h1tls"))
            reachable =
                v.toObject().value(QStringLiteral("reachable")).toBool() &&
                v.toObject().value(QStringLiteral("hostname")).toString() == QStringLiteral("vh1");
    QVERIFY2(reachable, qPrintable(list.out));
    // The same VMs as over tcp (a VM defined for the comparison).
    QCOMPARE(remote(QStringLiteral("h1"),
                    {QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("tlsvm"),
                     QStringLiteral("--memory"), QStringLiteral("128M"), QStringLiteral("--nic"),
                     QStringLiteral("none")})
                 .code,
             0);
    const auto names = [&](const QString& remoteName) {
        QStringList out;
        const Run r = remote(
            remoteName, {QStringLiteral("--json"), QStringLiteral("vm"), QStringLiteral("list")});
        for (const auto& v : QJsonDocument::fromJson(r.out.toUtf8()).array())
            out << v.toObject().value(QStringLiteral("name")).toString();
        out.sort();
        return out;
    };
    QVERIFY(names(QStringLiteral("h1tls")).contains(QStringLiteral("tlsvm")));
    QCOMPARE(names(QStringLiteral("h1tls")), names(QStringLiteral("h1")));
    QCOMPARE(remote(QStringLiteral("h1tls"),
                    {QStringLiteral("vm"), QStringLiteral("delete"), QStringLiteral("tlsvm")})
                 .code,
             0);
    QVERIFY(vireoctl({QStringLiteral("remote"), QStringLiteral("remove"), QStringLiteral("h1tls")})
                .code == 0);

    // A CA the host's certificate does not come from: refused at add, in one line.
    const QString other = m_state + QStringLiteral("/pki-other");
    QVERIFY(QDir().mkpath(other));
    for (const char* f : {"clientcert.pem", "clientkey.pem"})
        QVERIFY(QFile::copy(pki + QLatin1Char('/') + QLatin1String(f),
                            other + QLatin1Char('/') + QLatin1String(f)));
    QProcess ca;
    ca.start(QStringLiteral("openssl"),
             {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
              QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
              QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
              QStringLiteral("-keyout"), other + QStringLiteral("/ca.key"), QStringLiteral("-out"),
              other + QStringLiteral("/cacert.pem"), QStringLiteral("-days"), QStringLiteral("1"),
              QStringLiteral("-subj"), QStringLiteral("/CN=Another CA")});
    QVERIFY(ca.waitForFinished() && ca.exitCode() == 0);
    const Run bad =
        vireoctl({QStringLiteral("remote"), QStringLiteral("add"), QStringLiteral("h1bad"),
                  QStringLiteral("qemu+tls://10.77.0.1/system?pkipath=") + other});
    QCOMPARE(bad.code, 1);
    QCOMPARE(bad.err.trimmed().count(QLatin1Char('\n')), 0);
    QVERIFY2(bad.err.contains(QLatin1String("TLS certificates do not fit")) &&
                 bad.err.contains(QLatin1String("pkipath")),
             qPrintable(bad.err));
    QVERIFY(!vireoctl({QStringLiteral("remote"), QStringLiteral("list")})
                 .out.contains(QLatin1String("h1bad")));
}
