#include "libvirt/LibvirtCloudVm.h"

#include "libvirt/LibvirtEngine.h"
#include "libvirt/LibvirtStorage.h"

#include <QFileInfo>
#include <QScopeGuard>
#include <QTemporaryDir>

namespace vireo {

Result<VmSpec> createRemoteCloudVm(const std::shared_ptr<LibvirtConnection>& connection,
                                   VmSpec spec, const CloudInitOptions& options) {
    const QString where = connection->remote().name;
    const LibvirtEngine engine(connection);
    VIREO_TRY(engine.checkNewName(spec.name)); // before anything is made in the pool
    const LibvirtStorage storage(*connection);
    auto image = storage.volume(options.image);
    if (!image)
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("cloud image '%1' is no volume of remote '%2'")
                             .arg(options.image, where),
                         QStringLiteral("upload it first: 'vireoctl --remote %1 disk upload FILE "
                                        "%2'")
                             .arg(where, options.image));
    if (spec.uuid.isNull()) spec.uuid = QUuid::createUuid();
    const QString folder = QFileInfo(image->path).path() + QLatin1Char('/');
    const QString diskPath = folder + spec.name + QStringLiteral("-disk0.qcow2");
    const QString seedPath = folder + spec.name + QStringLiteral("-seed.iso");

    auto disk = storage.overlay(image->path, diskPath);
    if (!disk) return disk.error();
    auto removeDisk = qScopeGuard([&] { (void)storage.remove(diskPath); });
    QTemporaryDir local;
    if (!local.isValid())
        return makeError(ErrorCode::Io, QStringLiteral("cannot create a temporary folder"));
    const QString seedFile = local.filePath(QStringLiteral("seed.iso"));
    VIREO_TRY(writeNoCloudSeed(spec, options, seedFile));
    auto seed = storage.upload(seedFile, seedPath);
    if (!seed) return seed.error();
    auto removeSeed = qScopeGuard([&] { (void)storage.remove(seedPath); });

    DiskSpec boot;
    boot.path = disk->path;
    boot.format = QStringLiteral("qcow2");
    spec.disks.prepend(boot);
    spec.cdrom = seed->path;
    // The disk boots; the seed is only read by cloud-init.
    spec.bootOrder = {QStringLiteral("disk"), QStringLiteral("cdrom")};
    auto created = engine.create(spec);
    if (!created) return created.error();
    removeDisk.dismiss();
    removeSeed.dismiss();
    return created;
}

} // namespace vireo
