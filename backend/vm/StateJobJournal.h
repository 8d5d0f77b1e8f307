#pragma once

#include "core/Result.h"
#include "spec/VmSpec.h"
#include "store/Library.h"

namespace vireo {

class VmRuntime;

// Save and restore stream a VM's whole state between QEMU and a file through the process
// that runs them. When that process dies midway (killed, crashed), a save leaves QEMU
// paused, perhaps still migrating into a socket no one reads, with the file half-written; a
// restore leaves a QEMU waiting for the rest of its state. A journal in the VM's folder says
// which job is under way (and whether the guest ran before a save); the next command that
// finds it without the job's process (which holds the VM's lock throughout) undoes the job.

// Before the VM is paused for a save (`wasRunning`: it ran before).
Status noteSaveStarted(const Library& library, const QString& vm, bool wasRunning);
// Before QEMU is started to take a saved state.
Status noteRestoreStarted(const Library& library, const QString& vm);
// Once the job ended, done or given up.
void noteStateJobEnded(const Library& library, const QString& vm);
bool hasUnfinishedStateJob(const Library& library, const QString& vm);
// True when the journal's job has no process left to finish it.
bool stateJobOwnerGone(const Library& library, const QString& vm);

// Undoes the job the journal records; the caller holds the VM's lock.
// - A save: QEMU's migration is cancelled, a guest that ran before resumes, and the partial
//   (or just completed) state file goes, since a VM that runs on must never be restored to
//   the past. When QEMU is gone, only the partial file goes.
// - A restore: a QEMU still taking the state is ended and the state file stays for another
//   try; one that already runs the guest keeps it, and the state file goes.
// A QEMU that cannot be reached leaves the journal for the next command to try again.
void undoUnfinishedStateJob(const Library& library, const VmSpec& spec, const VmRuntime& rt);

} // namespace vireo
