#include "sandbox/SandboxImages.h"

#include "core/ProcessRunner.h"
#include "sandbox/SandboxRunner.h"
#include "store/AtomicFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <cerrno>
#include <ftw.h>
#include <set>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace vireo {

namespace {

QStringList toStringList(const QJsonValue& v) {
    QStringList out;
    for (const auto& e : v.toArray())
        out.append(e.toString());
    return out;
}

Result<QJsonObject> readJsonObject(const QString& path, const QString& what) {
    auto bytes = readWholeFile(path);
    if (!bytes) return bytes.error();
    const QJsonDocument doc = QJsonDocument::fromJson(*bytes);
    if (!doc.isObject() && !doc.isArray())
        return makeError(ErrorCode::Corrupt, QStringLiteral("%1 is not valid JSON").arg(what),
                         QStringLiteral("re-create the image archive"));
    return doc.isObject() ? doc.object() : QJsonObject{{QStringLiteral("array"), doc.array()}};
}

// A path inside the unpacked archive named by the archive itself: relative, no "..",
// an existing regular file (not a link).
Result<QString> archiveFile(const QString& root, const QString& relative) {
    const Error bad = makeError(ErrorCode::Corrupt,
                                QStringLiteral("image archive names an unsafe or missing file "
                                               "'%1'")
                                    .arg(relative),
                                QStringLiteral("re-create it with 'docker save' or 'podman save'"));
    if (relative.isEmpty() || relative.startsWith(QLatin1Char('/'))) return bad;
    for (const auto& part : relative.split(QLatin1Char('/')))
        if (part == QLatin1String("..") || part.isEmpty()) return bad;
    const QString path = root + QLatin1Char('/') + relative;
    struct stat st {};
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0 || !S_ISREG(st.st_mode)) return bad;
    return path;
}

Result<QString> blobPath(const QString& root, const QString& digest) {
    static const QRegularExpression re(QStringLiteral("^(sha256|sha512):([0-9a-f]{64,128})$"));
    const auto m = re.match(digest);
    if (!m.hasMatch())
        return makeError(ErrorCode::Corrupt,
                         QStringLiteral("image archive has a malformed digest '%1'").arg(digest),
                         QStringLiteral("re-create it"));
    return archiveFile(root, QStringLiteral("blobs/%1/%2").arg(m.captured(1), m.captured(2)));
}

struct ArchiveContents {
    QString config;
    QStringList layers;
};

Result<ArchiveContents> readDockerArchive(const QString& root) {
    auto manifest =
        readJsonObject(root + QStringLiteral("/manifest.json"), QStringLiteral("manifest.json"));
    if (!manifest) return manifest.error();
    const QJsonObject first = manifest->value(QStringLiteral("array")).toArray().first().toObject();
    ArchiveContents c;
    auto config = archiveFile(root, first.value(QStringLiteral("Config")).toString());
    if (!config) return config.error();
    c.config = *config;
    for (const auto& l : first.value(QStringLiteral("Layers")).toArray()) {
        auto layer = archiveFile(root, l.toString());
        if (!layer) return layer.error();
        c.layers.append(*layer);
    }
    return c;
}

Result<ArchiveContents> readOciLayout(const QString& root) {
    auto index = readJsonObject(root + QStringLiteral("/index.json"), QStringLiteral("index.json"));
    if (!index) return index.error();
    QJsonObject manifest = *index;
    // index.json → (an image index →) an image manifest.
    for (int depth = 0; depth < 3 && manifest.contains(QStringLiteral("manifests")); ++depth) {
        const QString digest = manifest.value(QStringLiteral("manifests"))
                                   .toArray()
                                   .first()
                                   .toObject()
                                   .value(QStringLiteral("digest"))
                                   .toString();
        auto path = blobPath(root, digest);
        if (!path) return path.error();
        auto next = readJsonObject(*path, QStringLiteral("manifest %1").arg(digest));
        if (!next) return next.error();
        manifest = *next;
    }
    ArchiveContents c;
    auto config = blobPath(root, manifest.value(QStringLiteral("config"))
                                     .toObject()
                                     .value(QStringLiteral("digest"))
                                     .toString());
    if (!config) return config.error();
    c.config = *config;
    for (const auto& l : manifest.value(QStringLiteral("layers")).toArray()) {
        auto layer = blobPath(root, l.toObject().value(QStringLiteral("digest")).toString());
        if (!layer) return layer.error();
        c.layers.append(*layer);
    }
    return c;
}

bool isRealDir(const QString& path) {
    struct stat st {};
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool existsNoFollow(const QString& path) {
    struct stat st {};
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0;
}

// Removes a file, link or folder tree without following a link.
Status removePath(const QString& path) {
    if (isRealDir(path)) {
        if (QDir(path).removeRecursively()) return {};
    } else if (!existsNoFollow(path) || ::unlink(QFile::encodeName(path).constData()) == 0) {
        return {};
    }
    return makeError(ErrorCode::Io, QStringLiteral("cannot remove %1").arg(path));
}

QStringList entriesOf(const QString& dir) {
    return QDir(dir).entryList(
        QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
}

const QString kWhiteout = QStringLiteral(".wh.");
const QString kOpaque = QStringLiteral(".wh..wh..opq");

// Moves one unpacked layer onto the image's root: whiteouts delete, an opaque marker
// empties the folder below, folders merge, everything else replaces. Only real folders
// of `to` are entered, so a link in the image never leads outside it.
Status mergeLayer(const QString& from, const QString& to) {
    QStringList entries = entriesOf(from);
    if (entries.removeAll(kOpaque) > 0)
        for (const auto& old : entriesOf(to))
            VIREO_TRY(removePath(to + QLatin1Char('/') + old));
    for (const auto& e : std::as_const(entries)) {
        const QString src = from + QLatin1Char('/') + e;
        if (e.startsWith(kWhiteout)) {
            const QString victim = e.mid(kWhiteout.size());
            if (victim.isEmpty() || victim == QLatin1String(".") || victim == QLatin1String(".."))
                continue;
            VIREO_TRY(removePath(to + QLatin1Char('/') + victim));
            continue;
        }
        const QString dst = to + QLatin1Char('/') + e;
        if (isRealDir(src) && isRealDir(dst)) {
            struct stat st {};
            ::lstat(QFile::encodeName(src).constData(), &st);
            // The upper layer's folder metadata wins.
            ::lchown(QFile::encodeName(dst).constData(), st.st_uid, st.st_gid);
            ::chmod(QFile::encodeName(dst).constData(), st.st_mode & 07777);
            VIREO_TRY(mergeLayer(src, dst));
            continue;
        }
        VIREO_TRY(removePath(dst));
        if (::rename(QFile::encodeName(src).constData(), QFile::encodeName(dst).constData()) != 0)
            return makeError(ErrorCode::Io, QStringLiteral("cannot move %1 into the image").arg(e));
    }
    return {};
}

// nftw offers no user pointer: the shift in progress reports through these.
int g_shiftError = 0;
char g_shiftPath[512];
// Hard-linked files are met once per name: shifted at the first.
std::set<std::pair<dev_t, ino_t>> g_shiftedLinks;

int shiftOne(const char* path, const struct stat* st, int, struct FTW*) {
    if (!S_ISDIR(st->st_mode) && st->st_nlink > 1 &&
        !g_shiftedLinks.insert({st->st_dev, st->st_ino}).second)
        return 0;
    if (st->st_uid >= kSandboxIdCount || st->st_gid >= kSandboxIdCount) {
        g_shiftError = EOVERFLOW;
    } else if (::lchown(path, st->st_uid + kSandboxIdBase, st->st_gid + kSandboxIdBase) != 0) {
        g_shiftError = errno;
    } else if (!S_ISLNK(st->st_mode) && ::chmod(path, st->st_mode & 07777) != 0) {
        g_shiftError = errno; // chown cleared setuid/setgid bits: put them back
    } else {
        return 0;
    }
    std::snprintf(g_shiftPath, sizeof g_shiftPath, "%s", path);
    return 1;
}

// Root in the image becomes the sandbox's root (host uid kSandboxIdBase), and so on.
// Imported by a user, the files stay the user's, which is root in the user's sandboxes; a
// user may not give files to its subordinate ids, so other owners in the image are lost.
Status shiftOwnership(const QString& rootfs) {
    if (!sandboxRootIdsForCaller().privileged) return {};
    g_shiftError = 0;
    g_shiftedLinks.clear();
    if (::nftw(QFile::encodeName(rootfs).constData(), shiftOne, 32, FTW_PHYS) != 0)
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral("cannot give %1 to the sandbox's ids: %2")
                             .arg(QString::fromLocal8Bit(g_shiftPath),
                                  g_shiftError == EOVERFLOW
                                      ? QStringLiteral("its owner is beyond the 65536 ids a "
                                                       "sandbox maps")
                                      : QString::fromLocal8Bit(std::strerror(g_shiftError))),
                         QStringLiteral("use an image whose files belong to ids below 65536"));
    return {};
}

Status untar(const QString& archive, const QString& into, const QString& what) {
    if (!QDir().mkpath(into))
        return makeError(ErrorCode::Io, QStringLiteral("cannot create %1").arg(into));
    // GNU tar refuses ".." members and defers links that could lead out of the folder.
    ProcessRequest req;
    req.argv = {QStringLiteral("tar"),
                QStringLiteral("-x"),
                QStringLiteral("-f"),
                archive,
                QStringLiteral("-C"),
                into,
                QStringLiteral("--numeric-owner"),
                QStringLiteral("--same-permissions")};
    req.timeoutMs = 30 * 60 * 1000;
    auto out = runProcessAllowFailure(req);
    if (!out) return out.error();
    if (out->exitCode != 0)
        return makeError(
            ErrorCode::Corrupt,
            QStringLiteral("%1 is unsafe or damaged: %2").arg(what, lastLine(out->stderrData)),
            QStringLiteral("re-create the image archive"));
    return {};
}

} // namespace

void applyImage(const SandboxImage& image, const QStringList& arguments, SandboxSpec* spec) {
    spec->image = image.name;
    spec->rootfs.clear();
    spec->command = image.entrypoint + (arguments.isEmpty() ? image.cmd : arguments);
    if (!image.env.isEmpty()) spec->env = image.env;
    if (!image.workdir.isEmpty()) spec->cwd = image.workdir;
    if (spec->user.isEmpty()) spec->user = image.user;
}

QString sandboxBaseRootfs(const SandboxSpec& spec, const QString& libraryRoot) {
    return spec.image.isEmpty() ? spec.rootfs : SandboxImages(libraryRoot).rootfs(spec.image);
}

SandboxImages::SandboxImages(const QString& libraryRoot)
    : m_root(QDir(libraryRoot).absolutePath() + QStringLiteral("/.images")) {}

QString SandboxImages::dir(const QString& name) const {
    return m_root + QLatin1Char('/') + name;
}

QString SandboxImages::rootfs(const QString& name) const {
    return dir(name) + QStringLiteral("/rootfs");
}

Status SandboxImages::validateName(const QString& name) {
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$"));
    if (!re.match(name).hasMatch())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("image name '%1' is not allowed").arg(name),
                         QStringLiteral("use up to 63 letters, digits, '.', '_' or '-'"));
    return {};
}

QStringList SandboxImages::names() const {
    QStringList out;
    for (const auto& e : QDir(m_root).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
        if (QFile::exists(dir(e) + QStringLiteral("/image.json"))) out.append(e);
    return out;
}

Result<SandboxImage> SandboxImages::load(const QString& name) const {
    VIREO_TRY(validateName(name));
    const QString path = dir(name) + QStringLiteral("/image.json");
    if (!QFile::exists(path))
        return makeError(
            ErrorCode::NotFound, QStringLiteral("image '%1' does not exist").arg(name),
            QStringLiteral("import it with 'vireoctl sandbox image import FILE %1'").arg(name));
    auto o = readJsonObject(path, path);
    if (!o) return o.error();
    SandboxImage img;
    img.name = name;
    img.source = o->value(QStringLiteral("source")).toString();
    img.entrypoint = toStringList(o->value(QStringLiteral("entrypoint")));
    img.cmd = toStringList(o->value(QStringLiteral("cmd")));
    img.env = toStringList(o->value(QStringLiteral("env")));
    img.workdir = o->value(QStringLiteral("workdir")).toString();
    img.user = o->value(QStringLiteral("user")).toString();
    img.layers = o->value(QStringLiteral("layers")).toInt();
    return img;
}

Status SandboxImages::remove(const QString& name) const {
    VIREO_TRY(validateName(name));
    if (!QFileInfo::exists(dir(name)))
        return makeError(ErrorCode::NotFound, QStringLiteral("image '%1' does not exist").arg(name),
                         QStringLiteral("see 'vireoctl sandbox image list'"));
    const QString doomed =
        m_root +
        QStringLiteral("/.removing.%1.%2").arg(name).arg(QCoreApplication::applicationPid());
    if (!QDir().rename(dir(name), doomed))
        return makeError(ErrorCode::Io, QStringLiteral("cannot remove %1").arg(dir(name)));
    QDir(doomed).removeRecursively();
    return {};
}

Result<QString> SandboxImages::prepareOverlay(const QString& name, const QString& layerDir) const {
    auto image = load(name);
    if (!image) return image.error();
    const QString lower = rootfs(name);
    const QString upper = layerDir + QStringLiteral("/upper");
    const QString work = layerDir + QStringLiteral("/work");
    for (const QString& path : {lower, upper, work})
        if (path.contains(QLatin1Char(',')) || path.contains(QLatin1Char(':')))
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("path %1 has a ',' or ':', which overlayfs cannot "
                                            "take")
                                 .arg(path),
                             QStringLiteral("use a library folder without them"));
    for (const QString& d : {upper, work, layerDir + QStringLiteral("/root")}) {
        if (!QDir().mkpath(d))
            return makeError(ErrorCode::Io, QStringLiteral("cannot create %1").arg(d),
                             QStringLiteral("check that the library is writable"));
    }
    // The sandbox's root (SandboxIdMap) must reach them, and writes the upper.
    ::chmod(QFile::encodeName(layerDir).constData(), 0755);
    const SandboxIdMap ids = sandboxRootIdsForCaller();
    for (const QString& d : {upper, work})
        if (::chown(QFile::encodeName(d).constData(), ids.rootUid, ids.rootGid) != 0)
            return makeError(ErrorCode::Io, QStringLiteral("cannot give %1 to the sandbox").arg(d),
                             QStringLiteral("run vireoctl as root"));
    // userxattr: the sandbox mounts it in its user namespace, where only user.* xattrs work.
    return QStringLiteral("lowerdir=%1,upperdir=%2,workdir=%3,userxattr").arg(lower, upper, work);
}

namespace {

// Removes an image's staging folder unless the import or bootstrap reached its end (and
// cleared `dir`): a failure leaves nothing behind.
struct StagingGuard {
    QString dir;
    ~StagingGuard() {
        if (!dir.isEmpty()) QDir(dir).removeRecursively();
    }
};

} // namespace

Result<QString> SandboxImages::startStaging(const QString& name) const {
    VIREO_TRY(validateName(name));
    if (QFileInfo::exists(dir(name)))
        return makeError(
            ErrorCode::AlreadyExists, QStringLiteral("image '%1' already exists").arg(name),
            QStringLiteral("pick another name or 'vireoctl sandbox image-rm %1'").arg(name));
    const QString staging =
        m_root + QStringLiteral("/.import.%1.%2").arg(name).arg(QCoreApplication::applicationPid());
    QDir(staging).removeRecursively();
    if (!QDir().mkpath(staging))
        return makeError(ErrorCode::Io, QStringLiteral("cannot create %1").arg(staging),
                         QStringLiteral("check that the library is writable"));
    return staging;
}

Status SandboxImages::publish(const QString& staging, const SandboxImage& img) const {
    const QJsonObject record{
        {QStringLiteral("source"), img.source},
        {QStringLiteral("entrypoint"), QJsonArray::fromStringList(img.entrypoint)},
        {QStringLiteral("cmd"), QJsonArray::fromStringList(img.cmd)},
        {QStringLiteral("env"), QJsonArray::fromStringList(img.env)},
        {QStringLiteral("workdir"), img.workdir},
        {QStringLiteral("user"), img.user},
        {QStringLiteral("layers"), img.layers}};
    VIREO_TRY(writeFileAtomically(staging + QStringLiteral("/image.json"),
                                  QJsonDocument(record).toJson()));
    // The whole image appears at once, or not at all.
    if (::rename(QFile::encodeName(staging).constData(),
                 QFile::encodeName(dir(img.name)).constData()) != 0)
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot create image folder %1").arg(dir(img.name)));
    return {};
}

Result<SandboxImage> SandboxImages::import(const QString& archive, const QString& name) const {
    const QFileInfo source(archive);
    if (!source.exists())
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("image archive '%1' does not exist").arg(archive),
                         QStringLiteral("give a 'docker save' tarball or an OCI layout"));
    auto started = startStaging(name);
    if (!started) return started.error();
    const QString staging = *started;
    StagingGuard cleanup{staging};

    QString unpacked = source.absoluteFilePath();
    if (!source.isDir()) {
        unpacked = staging + QStringLiteral("/archive");
        VIREO_TRY(untar(source.absoluteFilePath(), unpacked,
                        QStringLiteral("image archive '%1'").arg(archive)));
    }
    Result<ArchiveContents> contents =
        QFile::exists(unpacked + QStringLiteral("/manifest.json")) ? readDockerArchive(unpacked)
        : QFile::exists(unpacked + QStringLiteral("/index.json"))
            ? readOciLayout(unpacked)
            : Result<ArchiveContents>(makeError(
                  ErrorCode::Corrupt,
                  QStringLiteral("'%1' is not a container image archive (no manifest.json or "
                                 "index.json)")
                      .arg(archive),
                  QStringLiteral("give a 'docker save' / 'podman save' tarball or an OCI layout")));
    if (!contents) return contents.error();
    auto config = readJsonObject(contents->config, QStringLiteral("the image's config"));
    if (!config) return config.error();

    const QString rootfs = staging + QStringLiteral("/rootfs");
    QDir().mkpath(rootfs);
    ::chmod(QFile::encodeName(rootfs).constData(), 0755);
    for (int i = 0; i < contents->layers.size(); ++i) {
        const QString layerDir = staging + QStringLiteral("/layer");
        VIREO_TRY(untar(contents->layers[i], layerDir,
                        QStringLiteral("layer %1 of '%2'").arg(i + 1).arg(archive)));
        VIREO_TRY(mergeLayer(layerDir, rootfs));
        VIREO_TRY(removePath(layerDir));
    }
    VIREO_TRY(shiftOwnership(rootfs));

    const QJsonObject c = config->value(QStringLiteral("config")).toObject();
    SandboxImage img;
    img.name = name;
    img.source = source.absoluteFilePath();
    img.entrypoint = toStringList(c.value(QStringLiteral("Entrypoint")));
    img.cmd = toStringList(c.value(QStringLiteral("Cmd")));
    img.env = toStringList(c.value(QStringLiteral("Env")));
    img.workdir = c.value(QStringLiteral("WorkingDir")).toString();
    img.user = c.value(QStringLiteral("User")).toString();
    img.layers = static_cast<int>(contents->layers.size());
    if (!source.isDir()) VIREO_TRY(removePath(unpacked));
    VIREO_TRY(publish(staging, img));
    cleanup.dir.clear();
    return img;
}

Result<SandboxImage> SandboxImages::bootstrapDebian(const QString& name, const QString& suite,
                                                    const QString& mirror,
                                                    const QStringList& include) const {
    static const QRegularExpression suiteRe(QStringLiteral("^[a-z][a-z0-9-]{1,30}$"));
    static const QRegularExpression mirrorRe(QStringLiteral("^(https?|file)://[^\\s,'\"]+$"));
    static const QRegularExpression packageRe(QStringLiteral("^[a-z0-9][a-z0-9+.-]{0,62}$"));
    if (!suiteRe.match(suite).hasMatch())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("'%1' is not a Debian suite name").arg(suite.left(40)),
                         QStringLiteral("use e.g. --suite bookworm"));
    if (!mirrorRe.match(mirror).hasMatch())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("'%1' is not a mirror URL").arg(mirror.left(80)),
                         QStringLiteral("use e.g. --mirror http://deb.debian.org/debian"));
    for (const auto& p : include)
        if (!packageRe.match(p).hasMatch())
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("'%1' is not a Debian package name").arg(p.left(40)),
                             QStringLiteral("list packages as --include a,b"));
    auto started = startStaging(name);
    if (!started) return started.error();
    const QString staging = *started;
    StagingGuard cleanup{staging};
    const QString rootfs = staging + QStringLiteral("/rootfs");
    ProcessRequest req;
    req.argv = {QStringLiteral("debootstrap"), QStringLiteral("--variant=minbase")};
    if (!include.isEmpty())
        req.argv << QStringLiteral("--include=") + include.join(QLatin1Char(','));
    req.argv << suite << rootfs << mirror;
    req.timeoutMs = 30 * 60 * 1000;
    auto out = runProcessAllowFailure(req);
    if (!out)
        return makeError(out.error().code, out.error().message,
                         QStringLiteral("install debootstrap (apt install debootstrap)"));
    if (out->exitCode != 0)
        return makeError(ErrorCode::Process,
                         QStringLiteral("debootstrap of %1 from %2 failed: %3")
                             .arg(suite, mirror, lastLine(out->stdoutData + out->stderrData)),
                         QStringLiteral("check the suite and that the mirror is reachable"));
    // The downloaded packages are not part of the base.
    for (const auto& deb : QDir(rootfs + QStringLiteral("/var/cache/apt/archives"))
                               .entryList({QStringLiteral("*.deb")}, QDir::Files))
        QFile::remove(rootfs + QStringLiteral("/var/cache/apt/archives/") + deb);
    ::chmod(QFile::encodeName(rootfs).constData(), 0755);
    VIREO_TRY(shiftOwnership(rootfs));
    SandboxImage img;
    img.name = name;
    img.source = QStringLiteral("debootstrap %1 %2").arg(suite, mirror);
    img.cmd = {QStringLiteral("/bin/bash")};
    img.env = {QStringLiteral("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")};
    VIREO_TRY(publish(staging, img));
    cleanup.dir.clear();
    return img;
}

} // namespace vireo
