#pragma once

#include "core/Result.h"
#include "spec/VmSpec.h"
#include "store/Library.h"
#include "vm/VmState.h"

#include <QString>

namespace vireo {

class QmpClient;

// The runtime folder of one VM ($XDG_RUNTIME_DIR/vireo/<uuid>, short enough for unix
// socket paths): QMP, serial and VNC sockets, QEMU's pid, its stderr and the
// supervisor's exit record. Reading it (plus a QMP query) yields the VM's true state.
class VmRuntime {
public:
    VmRuntime(const Library& library, const VmSpec& spec);

    static QString runtimeRoot();

    QString dir() const { return m_dir; }
    QString qmpSocket() const { return m_dir + QStringLiteral("/qmp.sock"); }
    QString serialSocket() const { return m_dir + QStringLiteral("/serial.sock"); }
    QString vncSocket() const { return m_dir + QStringLiteral("/vnc.sock"); }
    QString pidFile() const { return m_dir + QStringLiteral("/vireo.pid"); }
    QString stderrLog() const { return m_dir + QStringLiteral("/qemu-stderr.log"); }
    QString exitStatusFile() const { return m_dir + QStringLiteral("/exit-status"); }
    QString guestAgentSocket() const { return m_dir + QStringLiteral("/qga.sock"); }
    // A shared folder's virtiofsd: its vhost-user socket, pid record and log.
    QString shareSocket(const QString& tag) const;
    QString sharePidFile(const QString& tag) const;
    QString shareLog(const QString& tag) const;

    // The pid of this VM's QEMU if it is alive (checked against /proc/PID/cmdline).
    pid_t livePid() const;
    // Waits up to `timeoutMs` for this VM's QEMU to be gone; false if it is still there.
    bool waitForExit(int timeoutMs) const;
    // Ends this VM's QEMU: asks it to quit, kills it if it stays, then clears the folder and
    // unplugs the VM's NICs. The caller holds the VM's lock and no QMP connection of its own
    // (QEMU answers one client at a time).
    Status endQemu() const;
    // Full status. `qmp` may be null: then one short QMP connection is made when needed.
    VmStatus status(QmpClient* qmp = nullptr) const;

    // Removes the folder of a VM whose QEMU is gone (sockets, logs, records), after giving
    // back the host devices it held, and kills any virtiofsd it names that is still there.
    void clear() const;
    Status prepare() const;

    // Last lines QEMU wrote to stderr, for crash reports.
    QString stderrTail(int lines = 5) const;

private:
    const Library& m_library;
    VmSpec m_spec;
    QString m_dir;
};

} // namespace vireo
