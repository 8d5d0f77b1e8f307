#pragma once

#include "core/Result.h"
#include "store/Library.h"

namespace vireo {

class VmRuntime;

// A save pauses the VM and streams its state through the saving process into a file. When
// that process dies midway (killed, crashed), QEMU is left paused, perhaps still migrating
// into a socket no one reads, with the file half-written. A journal in the VM's runtime
// folder says that a save is under way and how the VM was before it; the next command that
// finds the journal without a saver (it holds the VM's lock throughout) undoes the save.

// Written before the VM is paused for a save (`wasRunning`: it ran before).
Status noteSaveStarted(const VmRuntime& rt, bool wasRunning);
// Once the save ended, saved or not.
void noteSaveEnded(const VmRuntime& rt);
bool hasUnfinishedSave(const VmRuntime& rt);

// Undoes the save that `rt`'s journal records: cancels QEMU's migration, resumes a guest that
// ran before, removes the partial (or just completed) state file, since a VM that runs on
// must never be restored to the past. The caller holds the VM's lock. A QEMU that is gone
// leaves only the files to remove.
void undoInterruptedSave(const Library& library, const QString& vm, const VmRuntime& rt);

} // namespace vireo
