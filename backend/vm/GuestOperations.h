#pragma once

#include "core/Result.h"
#include "qemu/GuestAgentClient.h"
#include "store/Library.h"

#include <QByteArray>
#include <QStringList>
#include <functional>

namespace vireo {

class QmpClient;

struct GuestExecResult {
    int exitCode = 0;
    int signal = 0; // the signal that ended the command, or 0
    QByteArray out;
    QByteArray err;
};

// One request to a guest agent (command, arguments) and its "return" value: through the
// agent's socket for a local VM, through libvirt for a remote one.
using GuestAgentCall =
    std::function<Result<QJsonValue>(const QString& command, const QJsonObject& arguments)>;

// guest-exec, then guest-exec-status until the command ends (polled fast at first), for
// `vm exec` on any VM; argv[0] is looked up in the guest's PATH, `input` is its stdin.
Result<GuestExecResult> execThroughAgent(const GuestAgentCall& call, const QString& vm,
                                         const QStringList& argv, const QByteArray& input,
                                         int timeoutMs);

// `vm copy` on any VM: guest-file-open/write/read/close in chunks. Into the guest the file
// is written in place; out of it the host file is written atomically (whole or untouched).
Status copyToGuestThroughAgent(const GuestAgentCall& call, const QString& hostFile,
                               const QString& guestPath);
Status copyFromGuestThroughAgent(const GuestAgentCall& call, const QString& guestPath,
                                 const QString& hostFile);

struct GuestInfo {
    QString hostname;
    QStringList addresses; // the guest's own view, without loopback
};

// What Vireo does through qemu-guest-agent inside a running guest. Each operation first
// asks QEMU whether the guest has the agent's port open (query-chardev: no waiting on a
// guest that has no agent), and says which feature needs the agent when it is missing.
class GuestOperations {
public:
    GuestOperations(const Library& library, const QString& vm) : m_library(library), m_vm(vm) {}

    // True when the VM runs and an agent in the guest holds its port open. QEMU's monitor
    // takes one client at a time: a caller that holds a QMP connection passes it.
    Result<bool> agentPresent(QmpClient* qmp = nullptr) const;

    // Runs argv[0] (looked up in the guest's PATH) with `input` on its stdin.
    Result<GuestExecResult> exec(const QStringList& argv, const QByteArray& input = {},
                                 int timeoutMs = 300000) const;
    // Copies a host file into the guest (written in place) or a guest file out (written
    // atomically: the host file is whole or untouched).
    Status copyToGuest(const QString& hostFile, const QString& guestPath) const;
    Status copyFromGuest(const QString& guestPath, const QString& hostFile) const;
    Result<GuestInfo> info(int timeoutMs = 3000) const;
    // Asks the guest OS to power off (works without ACPI); returns once it was asked.
    Status shutdown() const;
    // Freezes the guest's filesystems (returns how many) and thaws them. A caller holding
    // the VM's QMP connection passes it (the monitor takes one client at a time).
    Result<int> freeze(QmpClient* qmp = nullptr) const;
    Status thaw(QmpClient* qmp = nullptr) const;
    // Sets the guest's clock from the host's (after resume or restore).
    Status syncClock() const;

private:
    Result<bool> agentPresent(const VmSpec& spec, QmpClient* qmp) const;
    Result<std::unique_ptr<GuestAgentClient>> connect(const QString& feature, int timeoutMs = 10000,
                                                      QmpClient* qmp = nullptr) const;
    const Library& m_library;
    QString m_vm;
};

} // namespace vireo
