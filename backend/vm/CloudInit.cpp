#include "vm/CloudInit.h"

#include "core/FileHash.h"
#include "core/ProcessRunner.h"
#include "storage/QemuImg.h"
#include "store/AtomicFile.h"
#include "store/FileLock.h"
#include "vm/VmLifecycle.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>

namespace vireo {

namespace {

Result<QByteArray> sha256Of(const QString& path) {
    auto digest = hashFile(path, QCryptographicHash::Sha256);
    if (!digest) {
        Error e = digest.error();
        e.fix = QStringLiteral("check the --cloud-image path");
        return e;
    }
    return digest;
}

// Which source file this is, without reading it (a sparse 100 GiB image would take
// minutes to hash): its place, size and modification time.
Result<QByteArray> sourceKey(const QString& path) {
    const QFileInfo fi(path);
    if (!fi.isFile())
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("cloud image '%1' does not exist").arg(path),
                         QStringLiteral("check the --cloud-image path"));
    const QByteArray id = fi.canonicalFilePath().toUtf8() + '\0' + QByteArray::number(fi.size()) +
                          '\0' + QByteArray::number(fi.lastModified().toMSecsSinceEpoch());
    return QCryptographicHash::hash(id, QCryptographicHash::Sha256).toHex();
}

Result<QString> readSshKey(const QString& explicitFile) {
    QStringList candidates;
    if (!explicitFile.isEmpty()) {
        candidates << explicitFile;
    } else {
        const QDir ssh(QDir::homePath() + QStringLiteral("/.ssh"));
        for (const auto& f : ssh.entryList({QStringLiteral("*.pub")}, QDir::Files, QDir::Name))
            candidates << ssh.filePath(f);
        if (candidates.isEmpty()) return QString(); // no key: password login or console only
    }
    QFile f(candidates.first());
    if (!f.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("cannot read SSH key '%1'").arg(candidates.first()),
                         QStringLiteral("give a public key with --ssh-key FILE"));
    const QString key = QString::fromUtf8(f.readAll()).trimmed().section(QLatin1Char('\n'), 0, 0);
    if (!key.startsWith(QLatin1String("ssh-")) && !key.startsWith(QLatin1String("ecdsa-")) &&
        !key.startsWith(QLatin1String("sk-")))
        return makeError(
            ErrorCode::InvalidArgument,
            QStringLiteral("'%1' is not an SSH public key").arg(candidates.first()),
            QStringLiteral("give the .pub file, e.g. --ssh-key ~/.ssh/id_ed25519.pub"));
    return key;
}

// network-config v2 when the user gives none: DHCP on every NIC.
constexpr char kDhcpEverywhere[] =
    "version: 2\nethernets:\n  all:\n    match:\n      name: \"e*\"\n    dhcp4: true\n";

Status requireXorriso() {
    if (QStandardPaths::findExecutable(QStringLiteral("xorriso")).isEmpty())
        return makeError(
            ErrorCode::NotFound,
            QStringLiteral("the cloud-init seed needs xorriso, which is not installed"),
            QStringLiteral("install the xorriso package"));
    return {};
}

// Makes the ISO 9660 "cidata" volume of meta-data, user-data and network-config in `folder`.
Status packSeed(const QString& folder, const QString& isoPath);

Status writeText(const QString& path, const QByteArray& text) {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size())
        return makeError(ErrorCode::Io, QStringLiteral("cannot write '%1'").arg(path));
    return {};
}

} // namespace

Result<QString> cachedCloudImage(const Library& library, const QString& image) {
    auto sum = sourceKey(image);
    if (!sum) return sum.error();
    const QString cache = library.root() + QStringLiteral("/.images");
    if (!QDir().mkpath(cache))
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot create the image cache '%1'").arg(cache));
    const QString cached =
        cache + QLatin1Char('/') + QString::fromLatin1(*sum) + QStringLiteral(".qcow2");
    // Two creates from the same image import it once.
    auto lock = FileLock::acquire(cached + QStringLiteral(".lock"),
                                  QStringLiteral("image cache %1").arg(cached), 600000);
    if (!lock) return lock.error();
    if (!QFileInfo::exists(cached)) {
        VIREO_TRY(QemuImg::convert(image, cached, QStringLiteral("qcow2")));
        // The base of every VM made from it: nobody may write to it.
        QFile::setPermissions(cached, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther);
        // Its checksum beside it, so damage to the cache can be found (sha256sum -c).
        auto check = sha256Of(cached);
        if (!check) return check.error();
        VIREO_TRY(
            writeFileAtomically(cached + QStringLiteral(".sha256"),
                                *check + "  " + QFileInfo(cached).fileName().toUtf8() + '\n'));
    }
    return cached;
}

Status writeNoCloudSeed(const VmSpec& spec, const CloudInitOptions& options,
                        const QString& isoPath) {
    VIREO_TRY(requireXorriso());
    auto key = readSshKey(options.sshKeyFile);
    if (!key) return key.error();
    QTemporaryDir dir;
    if (!dir.isValid())
        return makeError(ErrorCode::Io, QStringLiteral("cannot create a temporary folder"));
    const QByteArray name = spec.name.toUtf8();
    // A fresh instance-id per VM: cloud-init runs its first-boot steps once per id.
    const QByteArray meta = "instance-id: iid-" +
                            spec.uuid.toString(QUuid::WithoutBraces).toUtf8() +
                            "\nlocal-hostname: " + name + "\n";
    QByteArray config = "#cloud-config\nhostname: " + name +
                        "\nusers:\n  - default\n  - name: " + name +
                        "\n    sudo: ALL=(ALL) NOPASSWD:ALL\n    shell: /bin/bash\n";
    if (!key->isEmpty()) config += "    ssh_authorized_keys:\n      - " + key->toUtf8() + "\n";
    config += options.passwordLogin ? "ssh_pwauth: true\n" : "ssh_pwauth: false\n";
    QByteArray userData = config;
    if (!options.userDataFile.isEmpty()) {
        auto extra = readWholeFile(options.userDataFile);
        if (!extra)
            return makeError(ErrorCode::NotFound,
                             QStringLiteral("cannot read user-data '%1'").arg(options.userDataFile),
                             QStringLiteral("check the --user-data path"));
        // Two MIME parts: cloud-init merges them in order, so the user's own settings
        // come after (and may extend) Vireo's.
        const QByteArray boundary = "VIREO-CLOUD-INIT-BOUNDARY";
        const QByteArray type =
            extra->startsWith("#!") ? "text/x-shellscript" : "text/cloud-config";
        userData = "Content-Type: multipart/mixed; boundary=\"" + boundary +
                   "\"\nMIME-Version: 1.0\n\n--" + boundary +
                   "\nContent-Type: text/cloud-config\nContent-Disposition: attachment; "
                   "filename=\"vireo.cfg\"\n\n" +
                   config + "\n--" + boundary + "\nContent-Type: " + type +
                   "\nContent-Disposition: attachment; filename=\"user-data\"\n\n" + *extra +
                   "\n--" + boundary + "--\n";
    }
    QByteArray network = kDhcpEverywhere;
    if (!options.networkConfigFile.isEmpty()) {
        auto n = readWholeFile(options.networkConfigFile);
        if (!n)
            return makeError(
                ErrorCode::NotFound,
                QStringLiteral("cannot read network-config '%1'").arg(options.networkConfigFile),
                QStringLiteral("check the --network-config path"));
        network = *n;
    }
    VIREO_TRY(writeText(dir.filePath(QStringLiteral("meta-data")), meta));
    VIREO_TRY(writeText(dir.filePath(QStringLiteral("user-data")), userData));
    VIREO_TRY(writeText(dir.filePath(QStringLiteral("network-config")), network));
    return packSeed(dir.path(), isoPath);
}

Status reseedNoCloud(const QString& sourceIso, const VmSpec& spec, const QString& isoPath) {
    VIREO_TRY(requireXorriso());
    QTemporaryDir dir;
    if (!dir.isValid())
        return makeError(ErrorCode::Io, QStringLiteral("cannot create a temporary folder"));
    const QString tree = dir.filePath(QStringLiteral("seed"));
    VIREO_TRY(runProcess({{QStringLiteral("xorriso"), QStringLiteral("-osirrox"),
                           QStringLiteral("on"), QStringLiteral("-indev"), sourceIso,
                           QStringLiteral("-extract"), QStringLiteral("/"), tree},
                          60000,
                          {},
                          nullptr}));
    const auto file = [&](const char* name) {
        return tree + QLatin1Char('/') + QLatin1String(name);
    };
    auto userData = readWholeFile(file("user-data"));
    if (!userData)
        return makeError(
            ErrorCode::NotFound,
            QStringLiteral("'%1' is not a cloud-init seed (no user-data)").arg(sourceIso));
    const QByteArray name = spec.name.toUtf8();
    static const QRegularExpression hostname(QStringLiteral("^hostname: .*$"),
                                             QRegularExpression::MultilineOption);
    QString text = QString::fromUtf8(*userData);
    text.replace(hostname, QStringLiteral("hostname: ") + spec.name);
    const QByteArray meta = "instance-id: iid-" +
                            spec.uuid.toString(QUuid::WithoutBraces).toUtf8() +
                            "\nlocal-hostname: " + name + "\n";
    // xorriso extracts read-only files: replace them rather than write into them.
    for (const char* n : {"meta-data", "user-data"})
        QFile::remove(file(n));
    VIREO_TRY(writeText(file("meta-data"), meta));
    VIREO_TRY(writeText(file("user-data"), text.toUtf8()));
    if (!QFileInfo::exists(file("network-config")))
        VIREO_TRY(writeText(file("network-config"), kDhcpEverywhere));
    return packSeed(tree, isoPath);
}

namespace {

Status packSeed(const QString& folder, const QString& isoPath) {
    const QString temp = isoPath + QStringLiteral(".tmp");
    QFile::remove(temp);
    auto made = runProcess(
        {{QStringLiteral("xorriso"), QStringLiteral("-as"), QStringLiteral("mkisofs"),
          QStringLiteral("-quiet"), QStringLiteral("-output"), temp, QStringLiteral("-volid"),
          QStringLiteral("cidata"), QStringLiteral("-joliet"), QStringLiteral("-rock"),
          folder + QStringLiteral("/meta-data"), folder + QStringLiteral("/user-data"),
          folder + QStringLiteral("/network-config")},
         60000,
         {},
         nullptr});
    if (!made) {
        QFile::remove(temp);
        return made.error();
    }
    QFile::remove(isoPath);
    if (!QFile::rename(temp, isoPath))
        return makeError(ErrorCode::Io, QStringLiteral("cannot write '%1'").arg(isoPath));
    return {};
}

} // namespace

Result<VmSpec> createCloudVm(const Library& library, VmSpec spec, const CloudInitOptions& options) {
    if (library.exists(spec.name))
        return makeError(ErrorCode::AlreadyExists,
                         QStringLiteral("VM '%1' already exists").arg(spec.name),
                         QStringLiteral("choose another name or delete the old VM first"));
    auto cached = cachedCloudImage(library, options.image);
    if (!cached) return cached.error();
    if (spec.uuid.isNull()) spec.uuid = QUuid::createUuid();
    const QString dir = library.vmDir(spec.name);
    if (!QDir().mkpath(dir))
        return makeError(ErrorCode::Io, QStringLiteral("cannot create '%1'").arg(dir));
    auto cleanup = qScopeGuard([&] { QDir(dir).removeRecursively(); });
    auto info = QemuImg::info(*cached);
    if (!info) return info.error();
    DiskCreateOptions overlay;
    overlay.path = dir + QStringLiteral("/disk0.qcow2");
    overlay.sizeBytes = info->virtualSize;
    overlay.backingFile = *cached;
    overlay.backingFormat = QStringLiteral("qcow2");
    VIREO_TRY(QemuImg::create(overlay));
    const QString seed = dir + QStringLiteral("/seed.iso");
    VIREO_TRY(writeNoCloudSeed(spec, options, seed));
    DiskSpec disk;
    disk.path = overlay.path;
    disk.format = QStringLiteral("qcow2");
    spec.disks.prepend(disk);
    spec.cdrom = seed;
    // SSH from the host (vm ssh): a loopback forward to the guest's port 22 on the first
    // per-VM NAT NIC, on whatever port is free when the VM starts.
    for (auto& nic : spec.nics)
        if (nic.network == QLatin1String("user")) {
            if (!nic.hostForwards.contains(QStringLiteral("tcp:0-:22")) &&
                std::none_of(nic.hostForwards.begin(), nic.hostForwards.end(),
                             [](const QString& f) { return f.endsWith(QLatin1String("-:22")); }))
                nic.hostForwards.append(QStringLiteral("tcp:0-:22"));
            break;
        }
    // The disk boots; the seed is only read by cloud-init, and may be ejected later.
    spec.bootOrder = {QStringLiteral("disk"), QStringLiteral("cdrom")};
    auto created = VmLifecycle(library).create(spec);
    if (!created) return created.error();
    cleanup.dismiss();
    return created;
}

} // namespace vireo
