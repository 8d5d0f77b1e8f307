#include "jobs/LibraryScan.h"

#include "network/VirtualNetworks.h"
#include "vm/ProcessStats.h"
#include "vm/VmRuntime.h"

namespace vireo {

QVector<VmRow> scanLibrary(const Library& library) {
    QVector<VmRow> rows;
    const QStringList names = library.vmNames();
    rows.reserve(names.size());
    for (const auto& name : names) {
        VmRow row;
        row.name = name;
        auto spec = library.load(name);
        if (spec) {
            row.spec = *spec;
            row.status = VmRuntime(library, row.spec).status();
            if (row.status.isActive()) {
                row.addresses = VirtualNetworks(library).guestAddresses(row.spec);
                if (auto at = processStartTime(row.status.pid)) row.startedAt = *at;
                if (auto sample = sampleProcess(row.status.pid)) row.sample = *sample;
            }
        } else {
            row.spec.name = name;
            row.loadError = spec.error().line();
        }
        rows.append(row);
    }
    return rows;
}

} // namespace vireo
