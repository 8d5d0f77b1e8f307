#pragma once

#include "core/Result.h"
#include "libvirt/LibvirtConnection.h"

#include <QByteArray>
#include <condition_variable>
#include <memory>
#include <mutex>

namespace vireo {

// A VM's serial console as a libvirt stream (virDomainOpenConsole) over the connection
// already open: no pty on the host, no extra port or ssh session.
class LibvirtConsole {
public:
    // `force` takes the console from another session holding it.
    static Result<std::unique_ptr<LibvirtConsole>> open(const LibvirtConnection& connection,
                                                        const QString& vm, bool force = true);
    ~LibvirtConsole();
    LibvirtConsole(const LibvirtConsole&) = delete;
    LibvirtConsole& operator=(const LibvirtConsole&) = delete;

    // Waits up to timeoutMs for output. Empty with ended() = the stream closed (the VM
    // stopped or moved to another host); empty otherwise = nothing yet.
    Result<QByteArray> receive(int timeoutMs);
    bool ended() const { return m_ended; }
    Status send(const QByteArray& bytes);

    // Called from libvirt's event thread when the stream has data or closed.
    void onStreamEvent(int events);

private:
    LibvirtConsole(const LibvirtConnection& c, virStreamPtr s, QString vm)
        : m_conn(c), m_stream(s), m_vm(std::move(vm)) {}
    const LibvirtConnection& m_conn;
    virStreamPtr m_stream = nullptr;
    QString m_vm;
    bool m_ended = false;
    // Filled by the event thread, drained by receive().
    std::mutex m_mutex;
    std::condition_variable m_wake;
    QByteArray m_pending;
    bool m_closed = false;
    QString m_failure;
};

} // namespace vireo
