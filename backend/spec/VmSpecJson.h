#pragma once

#include "core/Result.h"
#include "spec/VmSpec.h"

#include <QByteArray>
#include <QJsonObject>

namespace vireo {

// vm.json carries "schema": kVmSchemaVersion. Older versions are migrated on read (and
// written back in the new form only by the next edit); newer versions are refused so an
// old Vireo never overwrites what a newer one wrote.
inline constexpr int kVmSchemaVersion = 2;

QJsonObject vmSpecToJson(const VmSpec& spec);
QByteArray vmSpecToBytes(const VmSpec& spec);
// `origin` names the file in error messages.
Result<VmSpec> vmSpecFromBytes(const QByteArray& bytes, const QString& origin);

} // namespace vireo
