#pragma once

#include <QString>

namespace vireo {

struct AccelChoice {
    QString accel;  // "kvm" or "tcg"
    QString reason; // one line: why this accelerator
    bool fromCache = false;
};

// Decides between KVM and TCG by really starting a KVM vCPU (QEMU with -accel kvm
// -cpu host running SeaBIOS until it reports on its debug port), because /dev/kvm can exist
// and still not run guests (paravirtual backends, nested setups). The verdict is cached in
// $XDG_CACHE_HOME/vireo/accel.json, keyed by kernel, QEMU and /dev/kvm identity.
// VIREO_ACCEL=tcg|kvm overrides the probe.
AccelChoice chooseAccelerator(const QString& qemuBinary = QStringLiteral("qemu-system-x86_64"));

} // namespace vireo
