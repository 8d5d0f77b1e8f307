#pragma once

#include "spec/VmSpec.h"
#include "store/Library.h"
#include "vm/ProcessStats.h"
#include "vm/VmState.h"

#include <QDateTime>
#include <QVector>

#include <optional>

namespace vireo {

// One VM as the app lists it: its definition and true state, read without taking the
// VM's lock (a running operation must not stall the list).
struct VmRow {
    QString name;
    VmSpec spec;
    VmStatus status;
    QString loadError;                   // vm.json unreadable: shown instead of the hardware
    QStringList addresses;               // running VMs: the guest's known IPv4 addresses
    QDateTime startedAt;                 // running VMs: when its QEMU started
    std::optional<ProcessSample> sample; // running VMs: CPU, memory and I/O counters now
};

// Reads every VM of the library; blocks (QMP queries for live VMs), so call it off the
// UI thread.
QVector<VmRow> scanLibrary(const Library& library);

} // namespace vireo
