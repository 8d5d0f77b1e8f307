#include "jobs/LibraryScan.h"

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
        } else {
            row.spec.name = name;
            row.loadError = spec.error().line();
        }
        rows.append(row);
    }
    return rows;
}

} // namespace vireo
