#pragma once

#include "core/Result.h"
#include "sandbox/SandboxSpec.h"

#include <QStringList>

namespace vireo {

// Named volumes (-v NAME:/data): folders in LIBRARY/.volumes/NAME that outlive the
// sandboxes using them, like Docker's. A volume is made on first use, owned by the
// sandbox's root (host uid and gid 100000) so root inside can write it.
class SandboxVolumes {
public:
    explicit SandboxVolumes(const QString& libraryRoot);

    // A volume name: no '/', so "-v data:/x" is a volume and "-v /srv/data:/x" a folder.
    static bool isVolumeName(const QString& text);

    QString path(const QString& name) const;
    // The volume's folder, made (and given to the sandbox's root) when it does not exist.
    Result<QString> ensure(const QString& name) const;
    QStringList names() const;
    // Bytes its files take (for `sandbox volumes`).
    qint64 sizeBytes(const QString& name) const;
    // Refused while a kept sandbox's definition names it (`usedBy`, from the store);
    // renamed away first, so a removal cut short never leaves half a volume.
    Status remove(const QString& name, const QStringList& usedBy) const;

    // "-v" text ("HOST:GUEST[:ro]" or "VOLUME:GUEST[:ro]") as a mount: a volume name
    // becomes its folder here, a relative host path an absolute one.
    Result<BindMount> bindMount(const QString& text) const;
    // Makes the named volumes a definition mounts (once it is known to be good).
    Status ensureAll(const SandboxSpec& spec) const;

private:
    QString m_root; // LIBRARY/.volumes
};

} // namespace vireo
