#include "vm/MacAddresses.h"

#include <QHash>
#include <QSet>

namespace vireo {

Status assignUniqueMacs(const Library& library, VmSpec& spec) {
    // Every other VM's MACs, each with its VM for the error.
    QHash<QString, QString> owner;
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
        if (owner.contains(nic.mac) || mine.contains(nic.mac))
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
        } while (owner.contains(nic.mac) || mine.contains(nic.mac));
        mine.insert(nic.mac);
    }
    return {};
}

} // namespace vireo
