// Container images as sandbox root file systems, for real: a `docker save`-style tarball
// and an OCI layout (gzip layer) imported with whiteouts and opaque folders applied, run
// with their config's command, environment and working directory under an overlay that
// keeps the image untouched; hostile archives ("..", links out of the image, within a layer
// and across layers) fail in one line and write nothing outside. Needs root and busybox.
#include "SandboxTestSupport.h"
#include "sandbox/runtime/CgroupLayout.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace vireo;
using namespace vireo::test;

namespace {

bool writeFile(const QString& path, const QByteArray& data) {
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

// tar ARGS in `dir`; true on success.
bool tar(const QString& dir, const QStringList& args) {
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(QStringLiteral("tar"), args);
    return p.waitForFinished() && p.exitCode() == 0;
}

QByteArray sha256(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex();
}

const QByteArray kConfig = R"({"config": {"Env": ["GREETING=hi", "PATH=/bin"],
  "Cmd": ["/bin/sh", "-c", "echo $GREETING; cat /etc/hello; pwd; ls /data"],
  "WorkingDir": "/data"}})";

} // namespace

class TestSandboxImages : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_victim;

    QString path(const QString& name) const { return m_tmp.filePath(name); }
    Run vireoctl(const QStringList& args) { return runVireoctl(path(QStringLiteral("lib")), args); }
    Run sandbox(const QStringList& args) {
        return vireoctl(QStringList{QStringLiteral("sandbox")} + args);
    }

    // Layer 1: busybox, /etc/hello, /data/{a,b}; layer 2 deletes /etc/hello (whiteout) and
    // replaces /data (opaque) with /data/c.
    bool makeLayers(const QString& dir) {
        const QString l1 = dir + QStringLiteral("/l1"), l2 = dir + QStringLiteral("/l2");
        QDir().mkpath(l1 + QStringLiteral("/bin"));
        QDir().mkpath(l1 + QStringLiteral("/tmp"));
        if (!QFile::copy(QStringLiteral("/bin/busybox"), l1 + QStringLiteral("/bin/busybox")))
            return false;
        for (const char* a : {"sh", "echo", "cat", "ls", "touch", "rm", "true", "id"})
            QFile::link(QStringLiteral("busybox"), l1 + QStringLiteral("/bin/") + QLatin1String(a));
        writeFile(l1 + QStringLiteral("/etc/hello"), "hello from layer 1\n");
        writeFile(l1 + QStringLiteral("/etc/passwd"),
                  "root:x:0:0::/root:/bin/sh\napp:x:1234:1234::/:/bin/sh\n");
        writeFile(l1 + QStringLiteral("/etc/group"), "root:x:0:\napp:x:1234:\nstaff:x:50:\n");
        writeFile(l1 + QStringLiteral("/data/a"), "a");
        writeFile(l1 + QStringLiteral("/data/b"), "b");
        writeFile(l2 + QStringLiteral("/etc/.wh.hello"), "");
        writeFile(l2 + QStringLiteral("/data/.wh..wh..opq"), "");
        writeFile(l2 + QStringLiteral("/data/c"), "c");
        return tar(l1,
                   {QStringLiteral("-cf"), dir + QStringLiteral("/l1.tar"), QStringLiteral(".")}) &&
               tar(l2,
                   {QStringLiteral("-cf"), dir + QStringLiteral("/l2.tar"), QStringLiteral(".")});
    }

    // A docker-archive tarball of `layers` (tar files in `dir`) with kConfig.
    QString dockerArchive(const QString& dir, const QStringList& layers,
                          const QString& manifestLayerOverride = {}) {
        writeFile(dir + QStringLiteral("/config.json"), kConfig);
        QJsonArray names;
        for (const auto& l : layers)
            names.append(manifestLayerOverride.isEmpty() ? l : manifestLayerOverride);
        const QJsonArray manifest{
            QJsonObject{{QStringLiteral("Config"), QStringLiteral("config.json")},
                        {QStringLiteral("Layers"), names}}};
        writeFile(dir + QStringLiteral("/manifest.json"), QJsonDocument(manifest).toJson());
        const QString out = dir + QStringLiteral(".tar");
        return tar(dir, QStringList{QStringLiteral("-cf"), out, QStringLiteral("manifest.json"),
                                    QStringLiteral("config.json")} +
                            layers)
                   ? out
                   : QString();
    }

private Q_SLOTS:
    void initTestCase() {
        if (*sandboxSkipReason()) QSKIP(sandboxSkipReason());
        QVERIFY(m_tmp.isValid());
        ::chmod(QFile::encodeName(m_tmp.path()).constData(), 0755);
        m_victim = path(QStringLiteral("victim"));
        QVERIFY(QDir().mkpath(m_victim));
        const QString d = path(QStringLiteral("docker"));
        QVERIFY(makeLayers(d));
        const QString archive =
            dockerArchive(d, {QStringLiteral("l1.tar"), QStringLiteral("l2.tar")});
        QVERIFY(!archive.isEmpty());
        const Run r = sandbox({QStringLiteral("image-import"), archive, QStringLiteral("app")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }

    void imageRunsWithItsConfigAndLayers() {
        const Run list = sandbox({QStringLiteral("images"), QStringLiteral("--json")});
        const QJsonObject img =
            QJsonDocument::fromJson(list.out.toUtf8()).array().first().toObject();
        QCOMPARE(img.value(QStringLiteral("name")).toString(), QStringLiteral("app"));
        QCOMPARE(img.value(QStringLiteral("layers")).toInt(), 2);
        // No command given: the image's CMD, ENV and WORKDIR; the whiteout and the opaque
        // folder of layer 2 took effect.
        const Run r =
            sandbox({QStringLiteral("run"), QStringLiteral("--image"), QStringLiteral("app")});
        QCOMPARE(r.out, QStringLiteral("hi\n/data\nc\n"));
        QVERIFY2(r.err.contains(QStringLiteral("/etc/hello")), qPrintable(r.err));
        QCOMPARE(r.exitCode, 0);
        // Root in the image is root in the sandbox: the image's files are its own.
        const Run id =
            sandbox({QStringLiteral("run"), QStringLiteral("--image"), QStringLiteral("app"),
                     QStringLiteral("--"), QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                     QStringLiteral("ls -ln /bin/busybox")});
        QVERIFY2(id.out.contains(QStringLiteral(" 0 ")) &&
                     !id.out.contains(QStringLiteral("65534")),
                 qPrintable(id.out));
    }

    void usersResolveInTheImage_data() {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("ids");
        QTest::newRow("root") << QString() << QStringLiteral("0 0");
        QTest::newRow("numeric") << QStringLiteral("1000:1001") << QStringLiteral("1000 1001");
        QTest::newRow("name") << QStringLiteral("app") << QStringLiteral("1234 1234");
        QTest::newRow("name:group") << QStringLiteral("app:staff") << QStringLiteral("1234 50");
    }

    void usersResolveInTheImage() {
        QFETCH(QString, user);
        QFETCH(QString, ids);
        QStringList args{QStringLiteral("run"), QStringLiteral("--image"), QStringLiteral("app")};
        if (!user.isEmpty()) args << QStringLiteral("--user") << user;
        const Run r = sandbox(args + QStringList{QStringLiteral("--"), QStringLiteral("/bin/sh"),
                                                 QStringLiteral("-c"),
                                                 QStringLiteral("echo $(id -u) $(id -g)")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.out.trimmed(), ids);
        // The host's /etc/passwd is never consulted: a name only it has is refused.
        const Run bad =
            sandbox({QStringLiteral("run"), QStringLiteral("--image"), QStringLiteral("app"),
                     QStringLiteral("--user"), QStringLiteral("daemon"), QStringLiteral("--"),
                     QStringLiteral("/bin/true")});
        QCOMPARE(bad.exitCode, 1);
        QCOMPARE(bad.err.count(QLatin1Char('\n')), 1);
        QVERIFY2(bad.err.contains(QStringLiteral("'daemon'")), qPrintable(bad.err));
    }

    void writesStayInTheSandbox() {
        const QString imageData = path(QStringLiteral("lib/.images/app/rootfs/data"));
        const Run r =
            sandbox({QStringLiteral("run"), QStringLiteral("--image"), QStringLiteral("app"),
                     QStringLiteral("--"), QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                     QStringLiteral("touch /data/new && rm /data/c && ls /data")});
        QCOMPARE(r.out, QStringLiteral("new\n"));
        QCOMPARE(QDir(imageData).entryList(QDir::Files), QStringList{QStringLiteral("c")});
        // An ephemeral sandbox's layer goes with it.
        QCOMPARE(QDir(path(QStringLiteral("lib/.sandboxes")))
                     .entryList({QStringLiteral(".layer-*")}, QDir::Dirs | QDir::Hidden),
                 QStringList());
        // A kept one keeps its writes across starts, and rm takes them.
        QCOMPARE(sandbox({QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("k"),
                          QStringLiteral("--image"), QStringLiteral("app"), QStringLiteral("--"),
                          QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                          QStringLiteral("ls /data; touch /data/mark")})
                     .exitCode,
                 0);
        QCOMPARE(
            sandbox({QStringLiteral("start"), QStringLiteral("--attach"), QStringLiteral("k")}).out,
            QStringLiteral("c\n"));
        QCOMPARE(
            sandbox({QStringLiteral("start"), QStringLiteral("--attach"), QStringLiteral("k")}).out,
            QStringLiteral("c\nmark\n"));
        QCOMPARE(QDir(imageData).entryList(QDir::Files), QStringList{QStringLiteral("c")});
        const Run busy = sandbox({QStringLiteral("image-rm"), QStringLiteral("app")});
        QCOMPARE(busy.exitCode, 1);
        QVERIFY2(busy.err.contains(QStringLiteral("sandbox 'k'")), qPrintable(busy.err));
        QCOMPARE(sandbox({QStringLiteral("rm"), QStringLiteral("k")}).exitCode, 0);
        QVERIFY(!QFile::exists(path(QStringLiteral("lib/.sandboxes/k"))));
    }

    void ociLayoutWithAGzipLayer() {
        const QString d = path(QStringLiteral("oci"));
        QVERIFY(makeLayers(d));
        const QString blobs = d + QStringLiteral("/layout/blobs/sha256");
        QVERIFY(QDir().mkpath(blobs));
        QStringList digests;
        for (const auto& l : {QStringLiteral("l1.tar"), QStringLiteral("l2.tar")}) {
            QProcess gz;
            gz.setStandardOutputFile(d + QLatin1Char('/') + l + QStringLiteral(".gz"));
            gz.start(QStringLiteral("gzip"), {QStringLiteral("-c"), d + QLatin1Char('/') + l});
            QVERIFY(gz.waitForFinished() && gz.exitCode() == 0);
            const QByteArray h = sha256(d + QLatin1Char('/') + l + QStringLiteral(".gz"));
            QVERIFY(QFile::copy(d + QLatin1Char('/') + l + QStringLiteral(".gz"),
                                blobs + QLatin1Char('/') + QString::fromLatin1(h)));
            digests << QStringLiteral("sha256:") + QString::fromLatin1(h);
        }
        const auto blob = [&](const QByteArray& data) {
            const QByteArray h = QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
            writeFile(blobs + QLatin1Char('/') + QString::fromLatin1(h), data);
            return QStringLiteral("sha256:") + QString::fromLatin1(h);
        };
        QJsonArray layers;
        for (const auto& dg : digests)
            layers.append(QJsonObject{{QStringLiteral("digest"), dg}});
        const QString manifest = blob(
            QJsonDocument(QJsonObject{{QStringLiteral("config"),
                                       QJsonObject{{QStringLiteral("digest"),
                                                    blob(QByteArray(kConfig).replace(
                                                        "\"WorkingDir\"",
                                                        "\"User\": \"app\", \"WorkingDir\""))}}},
                                      {QStringLiteral("layers"), layers}})
                .toJson());
        writeFile(d + QStringLiteral("/layout/index.json"),
                  QJsonDocument(
                      QJsonObject{{QStringLiteral("manifests"),
                                   QJsonArray{QJsonObject{{QStringLiteral("digest"), manifest}}}}})
                      .toJson());
        const Run imp = sandbox(
            {QStringLiteral("image-import"), d + QStringLiteral("/layout"), QStringLiteral("oci")});
        QVERIFY2(imp.exitCode == 0, qPrintable(imp.err));
        const Run r =
            sandbox({QStringLiteral("run"), QStringLiteral("--image"), QStringLiteral("oci")});
        QCOMPARE(r.out, QStringLiteral("hi\n/data\nc\n"));
    }

    void hostileArchivesWriteNothingOutside_data() {
        QTest::addColumn<QString>("kind");
        QTest::newRow("dot-dot member") << QStringLiteral("dotdot");
        QTest::newRow("link then a file through it") << QStringLiteral("link");
        QTest::newRow("manifest names a path outside") << QStringLiteral("manifest");
    }

    void hostileArchivesWriteNothingOutside() {
        QFETCH(QString, kind);
        const QString d = path(QStringLiteral("evil-") + kind);
        QVERIFY(QDir().mkpath(d + QStringLiteral("/src/sub")));
        QString archive;
        if (kind == QLatin1String("dotdot")) {
            writeFile(d + QStringLiteral("/pwned"), "x");
            // -P keeps the "../" in the member name.
            QVERIFY(tar(d + QStringLiteral("/src/sub"),
                        {QStringLiteral("-P"), QStringLiteral("-cf"),
                         d + QStringLiteral("/evil.tar"), QStringLiteral("../../pwned")}));
            archive = dockerArchive(d, {QStringLiteral("evil.tar")});
        } else if (kind == QLatin1String("link")) {
            QVERIFY(QFile::link(m_victim, d + QStringLiteral("/src/esc")));
            QVERIFY(tar(
                d + QStringLiteral("/src"),
                {QStringLiteral("-cf"), d + QStringLiteral("/evil.tar"), QStringLiteral("esc")}));
            QFile::remove(d + QStringLiteral("/src/esc"));
            writeFile(d + QStringLiteral("/src/esc/pwned"), "x");
            QVERIFY(tar(d + QStringLiteral("/src"),
                        {QStringLiteral("-cf"), d + QStringLiteral("/two.tar"),
                         QStringLiteral("esc/pwned")}));
            QVERIFY(tar(d, {QStringLiteral("-Af"), d + QStringLiteral("/evil.tar"),
                            d + QStringLiteral("/two.tar")}));
            archive = dockerArchive(d, {QStringLiteral("evil.tar")});
        } else {
            writeFile(d + QStringLiteral("/l.tar"), "");
            archive =
                dockerArchive(d, {QStringLiteral("l.tar")}, QStringLiteral("../../etc/passwd"));
        }
        QVERIFY(!archive.isEmpty());
        const Run r = sandbox({QStringLiteral("image-import"), archive, QStringLiteral("evil")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
        QVERIFY(QDir(m_victim).isEmpty());
        QVERIFY(!QFile::exists(path(QStringLiteral("pwned"))));
        QVERIFY(!QFile::exists(path(QStringLiteral("lib/.images/evil"))));
        QCOMPARE(QDir(path(QStringLiteral("lib/.images")))
                     .entryList({QStringLiteral(".import*")}, QDir::Dirs | QDir::Hidden),
                 QStringList());
    }

    void aLinkInOneLayerDoesNotLeadTheNextOut() {
        // Layer 1 makes /etc a link to a host folder; layer 2 writes /etc/passwd. The image
        // gets a real /etc; the host folder is untouched.
        const QString d = path(QStringLiteral("cross"));
        QVERIFY(QDir().mkpath(d + QStringLiteral("/l1")));
        QVERIFY(QFile::link(m_victim, d + QStringLiteral("/l1/etc")));
        writeFile(d + QStringLiteral("/l2/etc/passwd"), "root:x:0:0::/:/bin/sh\n");
        QVERIFY(tar(d + QStringLiteral("/l1"),
                    {QStringLiteral("-cf"), d + QStringLiteral("/l1.tar"), QStringLiteral(".")}));
        QVERIFY(tar(d + QStringLiteral("/l2"),
                    {QStringLiteral("-cf"), d + QStringLiteral("/l2.tar"), QStringLiteral(".")}));
        const QString archive =
            dockerArchive(d, {QStringLiteral("l1.tar"), QStringLiteral("l2.tar")});
        const Run r = sandbox({QStringLiteral("image-import"), archive, QStringLiteral("cross")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(QDir(m_victim).isEmpty());
        const QFileInfo etc(path(QStringLiteral("lib/.images/cross/rootfs/etc")));
        QVERIFY(etc.isDir() && !etc.isSymLink());
        QVERIFY(QFile::exists(etc.filePath() + QStringLiteral("/passwd")));
    }

    void badInputIsOneLine_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("missing archive")
            << QStringList{QStringLiteral("image-import"), QStringLiteral("/nonexistent.tar"),
                           QStringLiteral("x")}
            << QStringLiteral("/nonexistent.tar");
        QTest::newRow("bad image name")
            << QStringList{QStringLiteral("image-import"), QStringLiteral("/etc/hostname"),
                           QStringLiteral("../x")}
            << QStringLiteral("'../x'");
        QTest::newRow("existing name")
            << QStringList{QStringLiteral("image-import"), QStringLiteral("/etc/hostname"),
                           QStringLiteral("app")}
            << QStringLiteral("already exists");
        QTest::newRow("unknown image")
            << QStringList{QStringLiteral("run"), QStringLiteral("--image"), QStringLiteral("nope")}
            << QStringLiteral("'nope' does not exist");
        QTest::newRow("bad suite")
            << QStringList{QStringLiteral("image-bootstrap"), QStringLiteral("deb"),
                           QStringLiteral("--suite"), QStringLiteral("../sid")}
            << QStringLiteral("not a Debian suite");
        QTest::newRow("bad mirror")
            << QStringList{QStringLiteral("image-bootstrap"), QStringLiteral("deb"),
                           QStringLiteral("--mirror"), QStringLiteral("deb.debian.org --foo")}
            << QStringLiteral("not a mirror URL");
        QTest::newRow("bad package")
            << QStringList{QStringLiteral("image-bootstrap"), QStringLiteral("deb"),
                           QStringLiteral("--include"), QStringLiteral("curl,--x")}
            << QStringLiteral("not a Debian package");
        QTest::newRow("image and rootfs")
            << QStringList{QStringLiteral("run"), QStringLiteral("--image"), QStringLiteral("app"),
                           QStringLiteral("--rootfs"), QStringLiteral("/")}
            << QStringLiteral("--image");
    }

    void badInputIsOneLine() {
        QFETCH(QStringList, args);
        QFETCH(QString, mentions);
        const Run r = sandbox(args);
        QVERIFY(r.exitCode != 0);
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
        QVERIFY2(r.err.contains(mentions), qPrintable(r.err));
    }

    // A minimal Debian from the archive as a shared base: the sandbox is Debian 12 as
    // root inside, writes land in its own overlay, and the base stays as made.
    void debianBaseFromDebootstrap() {
        QTcpSocket probe;
        probe.connectToHost(QStringLiteral("deb.debian.org"), 80);
        if (!probe.waitForConnected(10000)) QSKIP("deb.debian.org is not reachable");
        probe.abort();
        // debootstrap fetches from the mirror: minutes on a slow day, not the default 60 s.
        const Run made = runVireoctl(path(QStringLiteral("lib")),
                                     {QStringLiteral("sandbox"), QStringLiteral("image-bootstrap"),
                                      QStringLiteral("deb"), QStringLiteral("--suite"),
                                      QStringLiteral("bookworm")},
                                     {}, 600000);
        QVERIFY2(made.exitCode == 0, qPrintable(made.err));
        QVERIFY(QDir(path(QStringLiteral("lib/.images/deb/rootfs/var/cache/apt/archives")))
                    .entryList({QStringLiteral("*.deb")}, QDir::Files)
                    .isEmpty()); // the downloaded packages are not kept
        const Run r =
            sandbox({QStringLiteral("run"), QStringLiteral("--image"), QStringLiteral("deb"),
                     QStringLiteral("--"), QStringLiteral("sh"), QStringLiteral("-c"),
                     QStringLiteral("cat /etc/debian_version; id -u; "
                                    "dpkg-query -W -f='${Status}\\n' base-files; "
                                    "echo x > /etc/mine && echo wrote")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);
        QVERIFY2(lines.at(0).startsWith(QStringLiteral("12.")), qPrintable(r.out));
        QCOMPARE(lines.at(1), QStringLiteral("0"));
        QCOMPARE(lines.at(2), QStringLiteral("install ok installed"));
        QCOMPARE(lines.at(3), QStringLiteral("wrote"));
        QVERIFY(!QFile::exists(path(QStringLiteral("lib/.images/deb/rootfs/etc/mine"))));
        // Root in the base is root in the sandbox: host uid 100000.
        struct stat st {};
        QCOMPARE(::stat(QFile::encodeName(path(QStringLiteral("lib/.images/deb/rootfs/etc/passwd")))
                            .constData(),
                        &st),
                 0);
        QCOMPARE(st.st_uid, uid_t(100000));
        // Made once: a second bootstrap under the same name is refused, nothing redone.
        const Run again = sandbox({QStringLiteral("image-bootstrap"), QStringLiteral("deb")});
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains(QStringLiteral("already exists")), qPrintable(again.err));
    }

    void notAnImageIsOneLine() {
        const QString d = path(QStringLiteral("plain"));
        writeFile(d + QStringLiteral("/readme"), "not an image");
        QVERIFY(
            tar(d, {QStringLiteral("-cf"), d + QStringLiteral(".tar"), QStringLiteral("readme")}));
        const Run r = sandbox(
            {QStringLiteral("image-import"), d + QStringLiteral(".tar"), QStringLiteral("plain")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("not a container image")), qPrintable(r.err));
        QVERIFY(!QFile::exists(path(QStringLiteral("lib/.images/plain"))));
    }
};

QTEST_GUILESS_MAIN(TestSandboxImages)
#include "tst_sandbox_images.moc"
