#include "libvirt/LibvirtConnection.h"

#include <QAbstractEventDispatcher>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QUrl>
#include <QUrlQuery>
#include <libvirt/virterror.h>
#include <mutex>
#include <thread>

namespace vireo {

namespace {

// libvirt prints every error to stderr unless a handler takes it; Vireo reports errors
// itself, as one line.
void ignoreLibvirtError(void*, virErrorPtr) {}

void initLibvirtOnce() {
    static std::once_flag once;
    std::call_once(once, [] {
        virInitialize();
        virSetErrorFunc(nullptr, ignoreLibvirtError);
        virEventRegisterDefaultImpl();
        std::thread([] {
            for (;;)
                virEventRunDefaultImpl();
        }).detach();
    });
}

// vireo-ssh beside the running program (build tree or install), or in libexec.
QString sshWrapperPath() {
    const QString env = QString::fromLocal8Bit(qgetenv("VIREO_SSH_COMMAND"));
    if (!env.isEmpty()) return env;
    const QString appDir = QCoreApplication::applicationDirPath();
    for (const QString& candidate :
         {appDir + QStringLiteral("/vireo-ssh"), appDir + QStringLiteral("/../vireo-ssh/vireo-ssh"),
          appDir + QStringLiteral("/../app/vireo-ssh/vireo-ssh"),
          QStringLiteral("/usr/libexec/vireo/vireo-ssh")})
        if (QFileInfo(candidate).isExecutable()) return QDir::cleanPath(candidate);
    return {};
}

} // namespace

QString libvirtUri(const Remote& remote) {
    QUrl url(remote.uri);
    if (url.scheme() != QLatin1String("qemu+ssh")) return remote.uri;
    QUrlQuery query(url);
    if (query.hasQueryItem(QStringLiteral("command"))) return remote.uri; // the user's own
    const QString wrapper = sshWrapperPath();
    if (wrapper.isEmpty()) return remote.uri;
    query.addQueryItem(QStringLiteral("command"), wrapper);
    url.setQuery(query);
    return url.toString();
}

QString lastLibvirtMessage() {
    const virErrorPtr e = virGetLastError();
    return e && e->message ? QString::fromUtf8(e->message) : QString();
}

Result<std::shared_ptr<LibvirtConnection>> LibvirtConnection::open(const Remote& remote) {
    // libvirt's default event loop iterates GLib's default main context from its own thread;
    // Qt's GLib dispatcher owns that context on the main thread, and the loop would hang.
    if (const QAbstractEventDispatcher* d =
            QAbstractEventDispatcher::instance(qApp ? qApp->thread() : nullptr);
        d && QByteArray(d->metaObject()->className()).contains("Glib"))
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral("this program runs Qt's GLib event loop, which libvirt's "
                                        "event loop cannot share"),
                         QStringLiteral("set QT_NO_GLIB=1 before the QCoreApplication is made"));
    initLibvirtOnce();
    VIREO_TRY(validateRemoteUri(remote.uri));
    virConnectPtr conn =
        virConnectOpenAuth(qPrintable(libvirtUri(remote)), virConnectAuthPtrDefault, 0);
    if (!conn)
        return makeError(ErrorCode::Process,
                         QStringLiteral("remote '%1' (%2) is unreachable: %3")
                             .arg(remote.name, remote.uri, lastLibvirtMessage()),
                         QStringLiteral("check that libvirtd runs there and accepts this "
                                        "connection (for tcp/tls: libvirtd --listen or its "
                                        "sockets)"));
    // Ping every 5 s; after 3 missed answers the connection is closed and calls fail fast.
    virConnectSetKeepAlive(conn, 5, 3);
    return std::shared_ptr<LibvirtConnection>(new LibvirtConnection(remote, conn));
}

LibvirtConnection::~LibvirtConnection() {
    if (m_conn) virConnectClose(m_conn);
}

Error LibvirtConnection::lastError(const QString& what, const QString& fix) const {
    const QString reason = lastLibvirtMessage();
    if (!isAlive())
        return makeError(
            ErrorCode::Process,
            QStringLiteral("%1 failed: the connection to remote '%2' (%3) was lost: %4")
                .arg(what, m_remote.name, m_remote.uri, reason),
            QStringLiteral("check that libvirtd runs there; the next command "
                           "connects again"));
    return makeError(
        ErrorCode::Process,
        QStringLiteral("%1 on remote '%2' failed: %3").arg(what, m_remote.name, reason), fix);
}

Result<DomainRef> LibvirtConnection::domain(const QString& name) const {
    DomainRef d(virDomainLookupByName(m_conn, qPrintable(name)));
    if (d) return d;
    const virErrorPtr e = virGetLastError();
    if (e && e->code == VIR_ERR_NO_DOMAIN)
        return makeError(
            ErrorCode::NotFound,
            QStringLiteral("VM '%1' does not exist on remote '%2'").arg(name, m_remote.name),
            QStringLiteral("see 'vireoctl --remote %1 vm list'").arg(m_remote.name));
    return lastError(QStringLiteral("looking up VM '%1'").arg(name));
}

} // namespace vireo
