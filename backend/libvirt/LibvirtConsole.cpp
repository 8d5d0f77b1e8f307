#include "libvirt/LibvirtConsole.h"

#include <QElapsedTimer>
#include <QThread>
#include <chrono>

namespace vireo {

Result<std::unique_ptr<LibvirtConsole>> LibvirtConsole::open(const LibvirtConnection& connection,
                                                             const QString& vm, bool force) {
    auto dom = connection.runningDomain(vm);
    if (!dom) return dom.error();
    // Non-blocking, driven from one thread: libvirt's event thread fills the stream.
    virStreamPtr st = virStreamNew(connection.get(), VIR_STREAM_NONBLOCK);
    if (!st) return connection.lastError(QStringLiteral("opening the console of VM '%1'").arg(vm));
    if (virDomainOpenConsole(dom->get(), nullptr, st, force ? VIR_DOMAIN_CONSOLE_FORCE : 0) < 0) {
        const Error e =
            connection.lastError(QStringLiteral("opening the console of VM '%1'").arg(vm),
                                 QStringLiteral("another console session may hold it"));
        virStreamFree(st);
        return e;
    }
    std::unique_ptr<LibvirtConsole> console(new LibvirtConsole(connection, st, vm));
    // A non-blocking stream is read when libvirt's event loop says it is readable.
    if (virStreamEventAddCallback(
            st, VIR_STREAM_EVENT_READABLE | VIR_STREAM_EVENT_ERROR | VIR_STREAM_EVENT_HANGUP,
            [](virStreamPtr, int events, void* opaque) {
                static_cast<LibvirtConsole*>(opaque)->onStreamEvent(events);
            },
            console.get(), nullptr) < 0)
        return connection.lastError(QStringLiteral("opening the console of VM '%1'").arg(vm));
    return console;
}

void LibvirtConsole::onStreamEvent(int events) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_closed) return;
    if (events & VIR_STREAM_EVENT_READABLE) {
        char buf[4096];
        for (;;) {
            const int n = virStreamRecv(m_stream, buf, sizeof buf);
            if (n > 0) {
                m_pending.append(buf, n);
                continue;
            }
            if (n == 0) m_closed = true;
            if (n == -1) {
                m_closed = true;
                m_failure = lastLibvirtMessage();
            }
            break; // -2: drained for now
        }
    }
    if (events & (VIR_STREAM_EVENT_ERROR | VIR_STREAM_EVENT_HANGUP)) m_closed = true;
    if (m_closed) virStreamEventRemoveCallback(m_stream);
    m_wake.notify_all();
}

LibvirtConsole::~LibvirtConsole() {
    if (!m_stream) return;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (!m_closed) virStreamEventRemoveCallback(m_stream);
        m_closed = true;
    }
    if (!m_ended) virStreamAbort(m_stream);
    virStreamFree(m_stream);
}

Result<QByteArray> LibvirtConsole::receive(int timeoutMs) {
    std::unique_lock<std::mutex> lock(m_mutex);
    m_wake.wait_for(lock, std::chrono::milliseconds(timeoutMs),
                    [&] { return !m_pending.isEmpty() || m_closed; });
    QByteArray out;
    out.swap(m_pending);
    if (!out.isEmpty() || !m_closed) return out;
    if (!m_ended) {
        m_ended = true;
        if (m_failure.isEmpty()) virStreamFinish(m_stream);
    }
    if (!m_failure.isEmpty())
        return makeError(ErrorCode::Process,
                         QStringLiteral("reading the console of VM '%1' on remote '%2' failed: %3")
                             .arg(m_vm, m_conn.remote().name, m_failure));
    return out;
}

Status LibvirtConsole::send(const QByteArray& bytes) {
    qsizetype off = 0;
    QElapsedTimer t;
    t.start();
    while (off < bytes.size()) {
        const int n = virStreamSend(m_stream, bytes.constData() + off, size_t(bytes.size() - off));
        if (n > 0) {
            off += n;
            continue;
        }
        if (n != -2 || t.elapsed() > 5000)
            return m_conn.lastError(QStringLiteral("writing to the console of VM '%1'").arg(m_vm));
        QThread::msleep(5);
    }
    return {};
}

} // namespace vireo
