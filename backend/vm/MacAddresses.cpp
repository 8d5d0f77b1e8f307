#include "vm/MacAddresses.h"

namespace vireo {

QSet<QString> macsInUse(const Library& library, const QString& exceptVm) {
    QSet<QString> macs;
    for (const auto& name : library.vmNames()) {
        if (name == exceptVm) continue;
        auto spec = library.load(name);
        if (!spec) continue; // an unreadable VM is reported elsewhere
        for (const auto& nic : spec->nics)
            macs.insert(nic.mac.toLower());
    }
    return macs;
}

Status assignUniqueMacs(const Library& library, VmSpec& spec) {
    QSet<QString> taken = macsInUse(library, spec.name);
    QHash<QString, QString> owner; // MAC -> VM, for the error
    for (const auto& name : library.vmNames()) {
        if (name == spec.name) continue;
        if (auto other = library.load(name))
            for (const auto& nic : other->nics)
                owner.insert(nic.mac.toLower(), name);
    }
    QSet<QString> mine;
    for (auto& nic : spec.nics) {
        if (nic.mac.isEmpty()) continue;
        nic.mac = nic.mac.toLower();
        if (taken.contains(nic.mac) || mine.contains(nic.mac))
            return makeError(ErrorCode::AlreadyExists,
                             QStringLiteral("MAC %1 is already used by VM '%2'")
                                 .arg(nic.mac, owner.value(nic.mac, spec.name)),
                             QStringLiteral("leave mac= out to get a free one, or choose another"));
        mine.insert(nic.mac);
    }
    for (auto& nic : spec.nics) {
        if (!nic.mac.isEmpty()) continue;
        do {
            nic.mac = randomMac();
        } while (taken.contains(nic.mac) || mine.contains(nic.mac));
        mine.insert(nic.mac);
    }
    return {};
}

} // namespace vireo
