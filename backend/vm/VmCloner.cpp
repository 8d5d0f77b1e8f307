#include "vm/VmCloner.h"

#include "spec/VmSpecValidation.h"
#include "storage/QemuImg.h"
#include "store/AtomicFile.h"
#include "vm/LockedVm.h"
#include "vm/MacAddresses.h"
#include "vm/VmLifecycle.h"
#include "vm/VmSnapshots.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace vireo {

namespace {

QString diskFileName(int index, const QString& format) {
    return QStringLiteral("disk%1.%2").arg(index).arg(format);
}

// Points `disk` of the source VM at a fresh overlay over its current image, which becomes
// a read-only base. Returns the base's path.
Result<QString> freezeAsBase(const Library& lib, VmSpec& source, int index) {
    DiskSpec& disk = source.disks[index];
    const QString base = disk.path;
    QString overlay;
    for (int n = 1;; ++n) {
        overlay =
            lib.vmDir(source.name) + QStringLiteral("/disk%1-layer%2.qcow2").arg(index).arg(n);
        if (!QFileInfo::exists(overlay)) break;
    }
    DiskCreateOptions o;
    o.path = overlay;
    o.backingFile = base;
    o.backingFormat = disk.format;
    VIREO_TRY(QemuImg::create(o));
    disk.path = overlay;
    disk.format = QStringLiteral("qcow2");
    // The base must never change again: every overlay on it depends on its exact bytes.
    QFile::setPermissions(base, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther);
    return base;
}

} // namespace

Status VmCloner::clone(const QString& sourceName, const QString& targetName, CloneMode mode,
                       const std::function<void(double)>& progress,
                       const std::atomic_bool* cancel) const {
    VIREO_TRY(validateVmName(targetName));
    auto locked = lockAndLoad(m_library, sourceName);
    if (!locked) return locked.error();
    if (locked->status.state != VmState::Shutoff)
        return makeError(
            ErrorCode::InvalidState,
            QStringLiteral("VM '%1' is %2; only a shut-off VM can be cloned")
                .arg(sourceName, toString(locked->status.state)),
            QStringLiteral("stop it first with 'vireoctl vm stop %1'").arg(sourceName));
    if (m_library.exists(targetName))
        return makeError(ErrorCode::AlreadyExists,
                         QStringLiteral("VM '%1' already exists").arg(targetName),
                         QStringLiteral("choose another name for the clone"));
    if (mode == CloneMode::Linked) {
        auto snaps = VmSnapshots(m_library).list(sourceName);
        if (snaps && !snaps->all().isEmpty())
            return makeError(
                ErrorCode::Unsupported,
                QStringLiteral("VM '%1' has snapshots, which a linked clone would hide")
                    .arg(sourceName),
                QStringLiteral("delete its snapshots or make a full clone"));
    }

    VmSpec source = locked->spec;
    VmSpec target = source;
    target.name = targetName;
    target.uuid = QUuid::createUuid();
    target.autostart = false;
    for (auto& nic : target.nics)
        nic.mac.clear(); // new ones, unique in the library
    VIREO_TRY(assignUniqueMacs(m_library, target));
    // The clone's folder holds its disks; it gets its vm.json only once they all exist,
    // so an interrupted clone never shows up as a half-made VM.
    const QString dir = m_library.vmDir(targetName);
    // A folder of that name without a vm.json is what an interrupted clone left (the
    // vm.json comes last): its disks are not a VM, so the clone starts afresh over them.
    if (QFileInfo::exists(dir)) QDir(dir).removeRecursively();
    if (!QDir().mkpath(dir))
        return makeError(ErrorCode::Io, QStringLiteral("cannot create folder '%1'").arg(dir));
    auto cleanup = [&](const Error& e) -> Status {
        QDir(dir).removeRecursively();
        return e;
    };
    for (int i = 0; i < target.disks.size(); ++i) {
        DiskSpec& disk = target.disks[i];
        if (disk.readOnly) continue; // shared read-only media stay shared
        const QString path =
            dir + QLatin1Char('/') +
            diskFileName(i, mode == CloneMode::Full ? disk.format : QStringLiteral("qcow2"));
        if (mode == CloneMode::Full) {
            if (auto s = QemuImg::convert(
                    disk.path, path, disk.format,
                    [&](double p) {
                        if (progress) progress((i * 100.0 + p) / target.disks.size());
                    },
                    cancel);
                !s)
                return cleanup(s.error());
        } else {
            Result<QString> base = QFileInfo(disk.path).absoluteFilePath();
            if (mode == CloneMode::Linked) {
                base = freezeAsBase(m_library, source, i);
                if (!base) return cleanup(base.error());
                // Record the source's new overlay before anything else can fail.
                if (auto s = m_library.save(source); !s) return cleanup(s.error());
            } else {
                // Read-only on disk too, so nothing writes the template's base by mistake.
                QFile::setPermissions(*base,
                                      QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther);
            }
            DiskCreateOptions o;
            o.path = path;
            o.backingFile = *base;
            o.backingFormat = disk.format;
            if (auto s = QemuImg::create(o); !s) return cleanup(s.error());
            disk.format = QStringLiteral("qcow2");
        }
        disk.path = path;
    }
    const QString vars = uefiVarsPath(m_library, sourceName);
    if (QFileInfo::exists(vars)) QFile::copy(vars, uefiVarsPath(m_library, targetName));
    if (auto s = m_library.create(target); !s) return cleanup(s.error());
    return {};
}

} // namespace vireo
