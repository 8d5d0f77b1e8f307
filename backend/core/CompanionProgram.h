#pragma once

#include <QString>

namespace vireo {

// One of Vireo's own helper programs (vireo-helper, vireo-ssh, vireo-switch): the value of
// `envVar` when it is set, else beside the running program, in the build tree, or in the
// installed libexec folder; empty when none is there.
QString companionProgram(const QString& name, const char* envVar);

} // namespace vireo
