#pragma once
// vireoctl's performance options (vm create / vm edit): a preset and the single settings.
#include "Cli.h"

#include "spec/VmSpec.h"

#include <QCommandLineOption>

namespace vireo::cli {

QList<QCommandLineOption> performanceOptions();
// The preset first (on this host's topology), then single settings over it; a preset's
// one-line explanations go to `explanations`.
Status applyPerformanceOptions(Cli& cli, VmSpec& spec, QStringList* explanations);

} // namespace vireo::cli
