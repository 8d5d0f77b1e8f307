#pragma once

#include <QString>
#include <sys/types.h>

namespace vireo {

enum class VmState { Shutoff, Running, Paused, Saved, Crashed };

QString toString(VmState state);

// What a VM is doing right now, as observed from its QEMU process, QMP and the files
// it left behind — never from a cached flag, so every fresh process sees the truth.
struct VmStatus {
    VmState state = VmState::Shutoff;
    pid_t pid = 0;
    QString detail; // crashed: how QEMU ended and its last stderr lines
    bool isActive() const { return state == VmState::Running || state == VmState::Paused; }
};

} // namespace vireo
