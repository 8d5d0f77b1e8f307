#pragma once

#include "core/Result.h"
#include "store/Library.h"

#include <QString>
#include <QStringList>
#include <atomic>
#include <functional>

namespace vireo {

struct ImportResult {
    QString name;
    QStringList unmapped; // what the appliance had that the VM does not
};

// OVA / OVF in and out of the library. Import: the archive's members are checked before a
// byte is unpacked (plain names only), the manifest (when there is one) is verified, every
// disk is checked against its declared sizes and converted to qcow2 with qemu-img, and
// the VM appears only when all of it worked; a failure leaves nothing behind. Export: a
// shut-off VM becomes an OVA (descriptor first, streamOptimized VMDKs, SHA-256 manifest)
// written beside the target and renamed into place.
class Appliance {
public:
    explicit Appliance(const Library& library) : m_library(library) {}

    Result<ImportResult> import(const QString& file, const QString& name = {},
                                const std::function<void(double)>& progress = {},
                                const std::atomic_bool* cancel = nullptr) const;
    Status exportOva(const QString& vm, const QString& target,
                     const std::function<void(double)>& progress = {},
                     const std::atomic_bool* cancel = nullptr) const;

private:
    const Library& m_library;
};

} // namespace vireo
