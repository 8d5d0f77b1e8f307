#include "vm/MigrationStream.h"

#include "qemu/QmpSync.h"
#include "store/AtomicFile.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QFile>
#include <QLocalServer>
#include <QLocalSocket>
#include <QThread>

#include <unistd.h>

namespace vireo {

namespace {

constexpr int kMigrationTimeoutMs = 10 * 60 * 1000;

Status setFastMigration(QmpClient& qmp) {
    // The default bandwidth cap (128 MiB/s) is meant for networks; this is a local file.
    auto r = QmpSync::call(qmp, QStringLiteral("migrate-set-parameters"),
                           QJsonObject{{QStringLiteral("max-bandwidth"), qint64(1) << 40}});
    if (!r) return r.error();
    return {};
}

Result<QString> migrationStatus(QmpClient& qmp) {
    auto r = QmpSync::call(qmp, QStringLiteral("query-migrate"), {}, 10000);
    if (!r) return r.error();
    const auto o = r->toObject();
    const QString s = o.value(QStringLiteral("status")).toString();
    if (s == QLatin1String("failed"))
        return makeError(ErrorCode::Process,
                         QStringLiteral("QEMU could not migrate the VM state: %1")
                             .arg(o.value(QStringLiteral("error-desc")).toString()));
    return s;
}

} // namespace

Status saveMigrationStream(QmpClient& qmp, const QString& socketPath, const QString& targetPath) {
    const QString partial = targetPath + QStringLiteral(".partial");
    QFile out(partial);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot create '%1': %2").arg(partial, out.errorString()));
    QLocalServer server;
    QLocalServer::removeServer(socketPath);
    if (!server.listen(socketPath))
        return makeError(
            ErrorCode::Io,
            QStringLiteral("cannot listen on '%1': %2").arg(socketPath, server.errorString()));
    QLocalSocket* peer = nullptr;
    bool peerClosed = false;
    bool writeFailed = false;
    auto drain = [&] {
        if (!peer) return;
        const QByteArray data = peer->readAll();
        if (!data.isEmpty() && out.write(data) != data.size()) writeFailed = true;
    };
    QObject::connect(&server, &QLocalServer::newConnection, [&] {
        peer = server.nextPendingConnection();
        QObject::connect(peer, &QLocalSocket::readyRead, drain);
        QObject::connect(peer, &QLocalSocket::disconnected, [&] {
            drain();
            peerClosed = true;
        });
    });
    auto fail = [&](const Error& e) -> Status {
        out.close();
        QFile::remove(partial);
        return e;
    };
    if (auto s = setFastMigration(qmp); !s) return fail(s.error());
    auto started =
        QmpSync::call(qmp, QStringLiteral("migrate"),
                      QJsonObject{{QStringLiteral("uri"), QStringLiteral("unix:") + socketPath}});
    if (!started) return fail(started.error());
    QDeadlineTimer deadline(kMigrationTimeoutMs);
    QEventLoop loop;
    for (;;) {
        loop.processEvents(QEventLoop::AllEvents, 50);
        auto st = migrationStatus(qmp);
        if (!st) return fail(st.error());
        if (*st == QLatin1String("completed") && (peerClosed || !peer)) break;
        if (*st == QLatin1String("cancelled"))
            return fail(makeError(ErrorCode::Cancelled, QStringLiteral("saving was cancelled")));
        if (writeFailed)
            return fail(
                makeError(ErrorCode::Io,
                          QStringLiteral("cannot write '%1': %2").arg(partial, out.errorString()),
                          QStringLiteral("free some disk space and save again")));
        if (deadline.hasExpired())
            return fail(
                makeError(ErrorCode::Timeout, QStringLiteral("saving the VM state took too long")));
        QThread::msleep(20);
    }
    drain();
    if (writeFailed || !out.flush() || ::fsync(out.handle()) != 0)
        return fail(makeError(ErrorCode::Io, QStringLiteral("cannot write '%1'").arg(partial),
                              QStringLiteral("free some disk space and save again")));
    out.close();
    if (::rename(QFile::encodeName(partial).constData(),
                 QFile::encodeName(targetPath).constData()) != 0)
        return fail(makeError(ErrorCode::Io, QStringLiteral("cannot rename '%1'").arg(partial)));
    return {};
}

Status loadMigrationStream(QmpClient& qmp, const QString& socketPath, const QString& sourcePath) {
    QFile in(sourcePath);
    if (!in.open(QIODevice::ReadOnly))
        return makeError(
            ErrorCode::Io,
            QStringLiteral("cannot read saved state '%1': %2").arg(sourcePath, in.errorString()));
    if (auto s = setFastMigration(qmp); !s) return s;
    auto r =
        QmpSync::call(qmp, QStringLiteral("migrate-incoming"),
                      QJsonObject{{QStringLiteral("uri"), QStringLiteral("unix:") + socketPath}});
    if (!r) return r.error();
    QLocalSocket sock;
    sock.connectToServer(socketPath);
    if (!sock.waitForConnected(10000))
        return makeError(
            ErrorCode::Process,
            QStringLiteral("QEMU did not accept the saved state: %1").arg(sock.errorString()));
    constexpr qint64 kChunk = 1 << 20;
    QDeadlineTimer deadline(kMigrationTimeoutMs);
    while (!in.atEnd()) {
        if (sock.state() != QLocalSocket::ConnectedState)
            return makeError(
                ErrorCode::Process,
                QStringLiteral("QEMU rejected the saved state '%1'").arg(sourcePath),
                QStringLiteral("the file may be damaged or from another QEMU version"));
        if (sock.bytesToWrite() < 4 * kChunk) sock.write(in.read(kChunk));
        sock.waitForBytesWritten(100);
        if (deadline.hasExpired())
            return makeError(ErrorCode::Timeout,
                             QStringLiteral("restoring the VM state took too long"));
    }
    while (sock.bytesToWrite() > 0 && sock.state() == QLocalSocket::ConnectedState)
        sock.waitForBytesWritten(100);
    for (;;) {
        auto st = migrationStatus(qmp);
        if (!st) return st.error();
        if (*st == QLatin1String("completed")) break;
        if (deadline.hasExpired())
            return makeError(ErrorCode::Timeout,
                             QStringLiteral("restoring the VM state took too long"));
        QThread::msleep(20);
    }
    sock.disconnectFromServer();
    auto status = QmpSync::call(qmp, QStringLiteral("query-status"));
    if (!status) return status.error();
    if (status->toObject().value(QStringLiteral("status")).toString() != QLatin1String("running"))
        (void)QmpSync::call(qmp, QStringLiteral("cont"));
    return {};
}

} // namespace vireo
