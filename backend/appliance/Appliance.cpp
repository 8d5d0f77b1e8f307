#include "appliance/Appliance.h"

#include "appliance/OvfDescriptor.h"
#include "appliance/OvfManifest.h"
#include "appliance/TarArchive.h"
#include "spec/VmSpecValidation.h"
#include "storage/QemuImg.h"
#include "store/AtomicFile.h"
#include "vm/LockedVm.h"
#include "vm/MacAddresses.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QUuid>

namespace vireo {

namespace {

// A VM name from whatever the appliance calls itself ("Ubuntu 22.04 Server" ->
// "Ubuntu-22.04-Server").
QString vmNameFrom(const QString& raw) {
    QString n;
    for (const QChar c : raw.trimmed())
        n += (c.isLetterOrNumber() && c.unicode() < 128) || c == QLatin1Char('-') ||
                     c == QLatin1Char('_') || c == QLatin1Char('.')
                 ? c
                 : QLatin1Char('-');
    while (n.startsWith(QLatin1Char('-')) || n.startsWith(QLatin1Char('.')))
        n.remove(0, 1);
    return n.left(60).isEmpty() ? QStringLiteral("imported") : n.left(60);
}

Error missing(const QString& source, const QString& href) {
    return makeError(ErrorCode::NotFound,
                     QStringLiteral("'%1' references '%2', which is not there").arg(source, href),
                     QStringLiteral("the appliance is incomplete; export or download it again"));
}

} // namespace

Result<ImportResult> Appliance::import(const QString& file, const QString& requestedName,
                                       const std::function<void(double)>& progress,
                                       const std::atomic_bool* cancel) const {
    const QFileInfo fi(file);
    if (!fi.isFile())
        return makeError(ErrorCode::NotFound, QStringLiteral("'%1' is not a file").arg(file),
                         QStringLiteral("give the path of an .ova or .ovf file"));
    const bool ova = fi.suffix().compare(QLatin1String("ova"), Qt::CaseInsensitive) == 0;
    const bool ovf = fi.suffix().compare(QLatin1String("ovf"), Qt::CaseInsensitive) == 0;
    if (!ova && !ovf)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("'%1' is neither an .ova nor an .ovf file").arg(file),
                         QStringLiteral("give the path of an .ova or .ovf file"));
    // Unpacked next to the library (same filesystem as the disks it becomes), and always
    // removed: nothing of a failed import stays.
    QDir().mkpath(m_library.root());
    QTemporaryDir staging(m_library.root() + QStringLiteral("/.import-XXXXXX"));
    if (!staging.isValid())
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot make a folder in '%1'").arg(m_library.root()));
    QString dir, descriptorName;
    if (ova) {
        auto entries = TarArchive::list(file);
        if (!entries) return entries.error();
        const TarEntry first = entries->first();
        if (!first.name.endsWith(QLatin1String(".ovf"), Qt::CaseInsensitive))
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("'%1' is not a valid OVA: its first member is '%2', "
                                            "not the .ovf descriptor")
                                 .arg(file, first.name),
                             QStringLiteral("export the appliance again"));
        std::uint64_t total = 0, done = 0;
        for (const auto& e : *entries)
            total += e.size;
        for (const auto& e : *entries) {
            VIREO_TRY(TarArchive::extract(file, e, staging.filePath(e.name), cancel));
            done += e.size;
            if (progress && total) progress(30.0 * double(done) / double(total));
        }
        dir = staging.path();
        descriptorName = first.name;
    } else {
        dir = fi.absolutePath();
        descriptorName = fi.fileName();
    }
    const QString source = ova ? file : fi.filePath();
    QFile descriptorFile(dir + QLatin1Char('/') + descriptorName);
    if (!descriptorFile.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::Io, QStringLiteral("cannot read '%1'").arg(source));
    auto appliance = parseOvf(descriptorFile.readAll(), descriptorName);
    if (!appliance) return appliance.error();

    QStringList referenced{descriptorName};
    for (const auto& f : appliance->files) {
        if (!TarArchive::isPlainFileName(f.href))
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("'%1' references '%2', a path outside the appliance")
                                 .arg(source, f.href),
                             QStringLiteral("an OVF may only name files beside it"));
        if (!QFileInfo(dir + QLatin1Char('/') + f.href).isFile()) return missing(source, f.href);
        referenced << f.href;
    }
    const QString manifest = dir + QLatin1Char('/') + QFileInfo(descriptorName).completeBaseName() +
                             QStringLiteral(".mf");
    if (QFileInfo::exists(manifest))
        VIREO_TRY(OvfManifest::verify(manifest, dir, referenced, cancel));

    // Every disk is what the descriptor says it is before anything is created.
    for (const auto& f : appliance->files) {
        const qint64 actual = QFileInfo(dir + QLatin1Char('/') + f.href).size();
        if (f.size && std::uint64_t(actual) > *f.size)
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("'%1' in '%2' is %3 bytes, larger than the %4 its "
                                            "descriptor declares")
                                 .arg(f.href, source)
                                 .arg(actual)
                                 .arg(*f.size),
                             QStringLiteral("the appliance was changed or damaged; export it "
                                            "again"));
    }
    for (const auto& d : appliance->drives) {
        auto info = QemuImg::info(dir + QLatin1Char('/') + d.href);
        if (!info) return info.error();
        if (d.capacity && info->virtualSize > d.capacity)
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("disk '%1' in '%2' holds %3 bytes, more than the "
                                            "capacity of %4 its descriptor declares")
                                 .arg(d.href, source)
                                 .arg(info->virtualSize)
                                 .arg(d.capacity),
                             QStringLiteral("the appliance was changed or damaged; export it "
                                            "again"));
    }

    VmSpec spec;
    spec.name = requestedName.isEmpty() ? vmNameFrom(appliance->name) : requestedName;
    VIREO_TRY(validateVmName(spec.name));
    if (m_library.exists(spec.name) || QFileInfo::exists(m_library.vmDir(spec.name)))
        return makeError(ErrorCode::AlreadyExists,
                         QStringLiteral("VM '%1' already exists").arg(spec.name),
                         QStringLiteral("import under another name with --name NEW"));
    spec.uuid = QUuid::createUuid();
    spec.cpu = CpuTopology{1, appliance->cpus, 1};
    spec.memoryMiB = appliance->memoryMiB;
    spec.firmware = appliance->firmware;
    spec.os = appliance->os;
    spec.display = appliance->display;
    spec.notes = QStringLiteral("Imported from %1").arg(fi.fileName());
    for (const NicModel m : appliance->nics) {
        NicSpec n;
        n.model = m;
        spec.nics.append(n);
    }
    VIREO_TRY(assignUniqueMacs(m_library, spec));

    const QString vmDir = m_library.vmDir(spec.name);
    if (!QDir().mkpath(vmDir))
        return makeError(ErrorCode::Io, QStringLiteral("cannot create folder '%1'").arg(vmDir));
    auto removeVm = qScopeGuard([&] { QDir(vmDir).removeRecursively(); });
    const int n = int(appliance->drives.size());
    for (int i = 0; i < n; ++i) {
        const OvfDrive& d = appliance->drives[i];
        const QString target = vmDir + QStringLiteral("/disk%1.qcow2").arg(i);
        VIREO_TRY(QemuImg::convert(
            dir + QLatin1Char('/') + d.href, target, QStringLiteral("qcow2"),
            [&](double p) {
                if (progress) progress(30.0 + 70.0 * (i * 100.0 + p) / (100.0 * n));
            },
            cancel));
        DiskSpec disk;
        disk.path = target;
        disk.format = QStringLiteral("qcow2");
        disk.bus = d.bus;
        spec.disks.append(disk);
    }
    VIREO_TRY(validateVmSpec(spec));
    VIREO_TRY(m_library.create(spec));
    removeVm.dismiss();
    if (progress) progress(100.0);
    return ImportResult{spec.name, appliance->unmapped};
}

Status Appliance::exportOva(const QString& vm, const QString& target,
                            const std::function<void(double)>& progress,
                            const std::atomic_bool* cancel) const {
    if (!target.endsWith(QLatin1String(".ova"), Qt::CaseInsensitive))
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("'%1' does not end in .ova").arg(target),
                         QStringLiteral("name the file NAME.ova"));
    if (QFileInfo::exists(target))
        return makeError(ErrorCode::AlreadyExists, QStringLiteral("'%1' exists").arg(target),
                         QStringLiteral("remove it or choose another file"));
    auto locked = lockAndLoad(m_library, vm);
    if (!locked) return locked.error();
    if (locked->status.state != VmState::Shutoff)
        return makeError(ErrorCode::InvalidState,
                         QStringLiteral("VM '%1' is %2; only a shut-off VM can be exported")
                             .arg(vm, toString(locked->status.state)),
                         QStringLiteral("stop it first with 'vireoctl vm stop %1'").arg(vm));
    const VmSpec& spec = locked->spec;
    const QString targetDir = QFileInfo(target).absolutePath();
    QTemporaryDir staging(targetDir + QStringLiteral("/.vireo-export-XXXXXX"));
    if (!staging.isValid())
        return makeError(ErrorCode::Io, QStringLiteral("cannot write in '%1'").arg(targetDir),
                         QStringLiteral("choose a folder you can write to"));
    const QString base = QFileInfo(target).completeBaseName();
    QVector<OvfExportDisk> disks;
    QStringList diskFiles;
    int writable = 0;
    for (const auto& d : spec.disks)
        if (!d.readOnly) ++writable;
    for (const auto& d : spec.disks) {
        if (d.readOnly) continue;
        const int i = int(disks.size());
        const QString name = QStringLiteral("%1-disk%2.vmdk").arg(base).arg(i + 1);
        const QString path = staging.filePath(name);
        auto info = QemuImg::info(d.path);
        if (!info) return info.error();
        VIREO_TRY(QemuImg::convert(
            d.path, path, QStringLiteral("vmdk"),
            [&](double p) {
                if (progress) progress(90.0 * (i * 100.0 + p) / (100.0 * writable));
            },
            cancel, QStringLiteral("streamOptimized")));
        disks.append(OvfExportDisk{name, std::uint64_t(QFileInfo(path).size()), info->virtualSize});
        diskFiles << path;
    }
    const QString ovfPath = staging.filePath(base + QStringLiteral(".ovf"));
    VIREO_TRY(writeFileAtomically(ovfPath, writeOvf(spec, disks)));
    const QString mfPath = staging.filePath(base + QStringLiteral(".mf"));
    VIREO_TRY(OvfManifest::write(mfPath, QStringList{ovfPath} + diskFiles));
    // Written under a temporary name and renamed: a cancelled or failed export leaves no
    // half an OVA behind.
    const QString partial = staging.filePath(QStringLiteral("ova.partial"));
    VIREO_TRY(
        TarArchive::write(partial, QStringList{ovfPath} + diskFiles + QStringList{mfPath}, cancel));
    if (::rename(QFile::encodeName(partial).constData(), QFile::encodeName(target).constData()) !=
        0)
        return makeError(ErrorCode::Io, QStringLiteral("cannot create '%1'").arg(target));
    if (progress) progress(100.0);
    return {};
}

} // namespace vireo
