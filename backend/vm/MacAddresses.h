#pragma once

#include "core/Result.h"
#include "spec/VmSpec.h"
#include "store/Library.h"

#include <QSet>

namespace vireo {

// Two NICs with one MAC on a network (bridged above all) break both: every MAC in a
// library is unique. These fill in and check the MACs of one VM against all the others.
QSet<QString> macsInUse(const Library& library, const QString& exceptVm = {});
// Gives every NIC without a MAC a random one no other NIC of the library (or of `spec`)
// has, then refuses a MAC that is set twice.
Status assignUniqueMacs(const Library& library, VmSpec& spec);

} // namespace vireo
