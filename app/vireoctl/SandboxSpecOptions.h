#pragma once
// vireoctl's sandbox definition options (sandbox run / sandbox create): root, limits,
// network, ports, volumes, user and the rest of a SandboxSpec.
#include "Cli.h"

#include "sandbox/SandboxSpec.h"

#include <QCommandLineOption>

namespace vireo::cli {

QList<QCommandLineOption> specOptions();
// The sandbox the options define (named volumes made once it is known to be good).
Result<SandboxSpec> specFromOptions(Cli& cli);
// A bad option ("--x ...") is a usage error; anything else fails the verb.
int specFailure(Cli& cli, const Error& error);

} // namespace vireo::cli
