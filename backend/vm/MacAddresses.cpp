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
            if (auto other = library.load(name)) {
                for (const auto& nic : other->nics)
                    owner.insert(nic.mac.toLower(), name);
                for (const auto& vf : other->sriovVfs)
                    owner.insert(vf.mac.toLower(), name);
            }
    }
    // The VM's NICs and its SR-IOV VFs: both are the guest's MACs on some network.
    QList<QString*> macs;
    for (auto& nic : spec.nics)
        macs << &nic.mac;
    for (auto& vf : spec.sriovVfs)
        macs << &vf.mac;
    QSet<QString> mine;
    for (QString* mac : macs) {
        if (mac->isEmpty()) continue;
        *mac = mac->toLower();
        if (owner.contains(*mac) || mine.contains(*mac))
            return makeError(ErrorCode::AlreadyExists,
                             QStringLiteral("MAC %1 is already used by VM '%2'")
                                 .arg(*mac, owner.value(*mac, spec.name)),
                             QStringLiteral("leave mac= out to get a free one, or choose another"));
        mine.insert(*mac);
    }
    for (QString* mac : macs) {
        if (!mac->isEmpty()) continue;
        do {
            *mac = randomMac();
        } while (owner.contains(*mac) || mine.contains(*mac));
        mine.insert(*mac);
    }
    return {};
}

} // namespace vireo
