#pragma once

#include "sandbox/runtime/CgroupLayout.h"

#include <string>

namespace vireo {

// Notes of the groups a plain `sandbox run` makes: an empty file named after the group in
// /run/vireo/sandbox-groups, made before the groups and removed after them. A run that
// crashed leaves its note, so the next one finds what it left by listing that one folder;
// listing every hierarchy the groups could be in (removeStaleSandboxCgroups) costs
// ~0.1 ms of a ~3.5 ms start here. The Qt CLI's starts still list every hierarchy.

// The note's path for `groupName`.
std::string sandboxCgroupNotePath(const std::string& groupName);

// Makes the note. False when it cannot: the groups are then found by a later start through
// the Qt CLI.
bool noteSandboxCgroups(const std::string& groupName);

// Removes the note, once the groups are gone.
void forgetSandboxCgroups(const std::string& groupName);

// For every note whose run is gone: removes its groups, then the note (a group still busy
// keeps it for later).
void removeNotedStaleSandboxCgroups(const CgroupLayout& layout);

} // namespace vireo
