#include "vm/VmTemplates.h"

#include "spec/VmSpecValidation.h"
#include "vm/CloudInit.h"
#include "vm/LockedVm.h"
#include "vm/VmCloner.h"
#include "vm/VmLifecycle.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUuid>

namespace vireo {

namespace {

Error notShutOff(const QString& name, VmState state) {
    return makeError(ErrorCode::InvalidState,
                     QStringLiteral("VM '%1' is %2; only a shut-off VM can be a template")
                         .arg(name, toString(state)),
                     QStringLiteral("stop it first with 'vireoctl vm stop %1'").arg(name));
}

} // namespace

Status VmTemplates::mark(const QString& name) const {
    auto locked = lockAndLoad(m_library, name);
    if (!locked) return locked.error();
    if (locked->status.state != VmState::Shutoff) return notShutOff(name, locked->status.state);
    if (locked->spec.isTemplate) return {};
    VmSpec spec = locked->spec;
    spec.isTemplate = true;
    spec.autostart = false;
    return m_library.save(spec);
}

Status VmTemplates::unmark(const QString& name) const {
    auto locked = lockAndLoad(m_library, name);
    if (!locked) return locked.error();
    if (!locked->spec.isTemplate) return {};
    QStringList paths;
    for (const auto& d : locked->spec.disks)
        if (!d.readOnly) paths << QFileInfo(d.path).canonicalFilePath();
    QStringList users;
    for (const auto& use : backingUses(m_library, name, [&](const QString& base) {
             return paths.contains(QFileInfo(base).canonicalFilePath());
         }))
        if (!users.contains(use.vm)) users << use.vm;
    if (!users.isEmpty())
        return makeError(ErrorCode::InvalidState,
                         QStringLiteral("template '%1' is the base of linked instance(s) %2, "
                                        "whose disks would change under them if it ran")
                             .arg(name, users.join(QStringLiteral(", "))),
                         QStringLiteral("delete them first, or keep it a template"));
    VmSpec spec = locked->spec;
    spec.isTemplate = false;
    for (const auto& d : spec.disks)
        if (!d.readOnly)
            QFile::setPermissions(d.path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup |
                                              QFile::ReadOther);
    return m_library.save(spec);
}

Result<VmSpec> VmTemplates::instantiate(const QString& templateName, const QString& name,
                                        bool linked, const std::function<void(double)>& progress,
                                        const std::atomic_bool* cancel) const {
    VIREO_TRY(validateVmName(name));
    VmSpec source;
    {
        auto locked = lockAndLoad(m_library, templateName);
        if (!locked) return locked.error();
        if (!locked->spec.isTemplate)
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("VM '%1' is not a template").arg(templateName),
                             QStringLiteral("mark it with 'vireoctl vm template %1', or copy it "
                                            "with 'vireoctl vm clone'")
                                 .arg(templateName));
        source = locked->spec;
    }
    if (m_library.exists(name) || QFileInfo::exists(m_library.vmDir(name)))
        return makeError(ErrorCode::AlreadyExists,
                         QStringLiteral("VM '%1' already exists").arg(name),
                         QStringLiteral("choose another name"));
    const QString dir = m_library.vmDir(name);
    // A full copy, or a thin overlay on the template's disks (which never change again).
    VIREO_TRY(VmCloner(m_library).clone(templateName, name,
                                        linked ? CloneMode::LinkedToTemplate : CloneMode::Full,
                                        progress, cancel));
    // Now a machine of its own: not a template, a new machine-id, and (cloud images) a new
    // cloud-init instance with its own hostname.
    auto locked = lockAndLoad(m_library, name);
    if (!locked) return locked.error();
    VmSpec spec = locked->spec;
    spec.isTemplate = false;
    spec.autostart = false;
    spec.machineId = QUuid::createUuid().toString(QUuid::Id128);
    const QString templateSeed = m_library.vmDir(templateName) + QStringLiteral("/seed.iso");
    if (!spec.cdrom.isEmpty() &&
        QFileInfo(spec.cdrom).canonicalFilePath() == QFileInfo(templateSeed).canonicalFilePath()) {
        const QString seed = dir + QStringLiteral("/seed.iso");
        if (auto s = reseedNoCloud(templateSeed, spec, seed); !s) {
            // Never a half-made instance: without its own seed it would reuse the template's
            // instance-id and skip cloud-init's first boot.
            QDir(dir).removeRecursively();
            return s.error();
        }
        spec.cdrom = seed;
    }
    if (auto s = m_library.save(spec); !s) return s.error();
    return spec;
}

} // namespace vireo
