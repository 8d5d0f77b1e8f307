#pragma once
// vireoctl's hardware options (vm create / vm edit): memory, CPUs, firmware, disks, NICs,
// display and the rest of a VM's definition.
#include "Cli.h"

#include "spec/VmSpec.h"

#include <QCommandLineOption>

namespace vireo::cli {

QList<QCommandLineOption> hardwareOptions();
// Changes `spec` only where an option is given; a performance preset's one-line
// explanations go to `explanations`.
Status applyHardwareOptions(Cli& cli, VmSpec& spec, QStringList* explanations = nullptr);

} // namespace vireo::cli
