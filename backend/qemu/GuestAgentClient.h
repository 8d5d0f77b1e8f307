#pragma once

#include "core/Result.h"
#include "qemu/QmpFramer.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QLocalSocket>
#include <memory>

namespace vireo {

// A blocking client for qemu-guest-agent on the VM's virtio-serial socket (for the CLI and
// job threads). The agent speaks QMP's JSON lines but has no greeting and no ids, and a
// previous client may have left a half-sent command or an unread reply in the channel, so
// every connection starts with guest-sync-delimited: a 0xFF byte resets the agent's
// parser, and everything before the 0xFF it sends back, and every reply to another sync
// id, is stale and dropped.
class GuestAgentClient {
public:
    // Connects and synchronises; a guest with no agent running gives a Timeout error.
    static Result<std::unique_ptr<GuestAgentClient>> connect(const QString& socketPath,
                                                             int timeoutMs);

    Result<QJsonValue> call(const QString& command, const QJsonObject& arguments = {},
                            int timeoutMs = 10000);
    // For the commands that never answer when they succeed (guest-shutdown).
    Status send(const QString& command, const QJsonObject& arguments = {});

private:
    GuestAgentClient() = default;
    Status synchronise(int timeoutMs);
    Result<QJsonObject> nextMessage(int timeoutMs);
    Status write(const QByteArray& bytes);

    QLocalSocket m_socket;
    QmpFramer m_framer;
};

} // namespace vireo
