#pragma once

#include "core/Result.h"
#include "sandbox/SandboxNetworking.h"

#include <QByteArrayList>

namespace vireo {

// The user-space NAT helpers of --network nat, pasta first and slirp4netns when pasta is
// not installed. Each runs as the runtime's child with PDEATHSIG, so it never outlives
// the runtime, whatever kills it, and is ended when the attachment goes.
class NatHelperAttachment final : public SandboxNetworkAttachment {
public:
    NatHelperAttachment(pid_t pid, QStringList files) : m_pid(pid), m_files(std::move(files)) {}
    ~NatHelperAttachment() override;

private:
    pid_t m_pid;
    QStringList m_files; // pid file, API socket: removed once it ended
};

// Starts `args` (argv[0] absolute) with the network namespace of `sandboxPid` as fd 3
// (/proc/self/fd/3) and `extraFd`, when >= 0, as fd 4; stdin is /dev/null.
Result<pid_t> spawnNatHelper(const QByteArrayList& args, pid_t sandboxPid, int extraFd,
                             const QString& sandbox, const QString& helper);

Result<std::unique_ptr<SandboxNetworkAttachment>> attachPasta(const SandboxSpec& spec, pid_t pid,
                                                              const QString& pasta);
Result<std::unique_ptr<SandboxNetworkAttachment>>
attachSlirp4netns(const SandboxSpec& spec, pid_t pid, const QString& slirp4netns);

} // namespace vireo
