#include "libvirt/LibvirtConnection.h"

#include "libvirt/LibvirtLoader.h"

#include "core/CompanionProgram.h"

#include <QAbstractEventDispatcher>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QUrl>
#include <QUrlQuery>
#include <cstring>
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
    });
}

void runEventLoopOnce() {
    static std::once_flag once;
    std::call_once(once, [] {
        virEventRegisterDefaultImpl();
        std::thread([] {
            for (;;)
                virEventRunDefaultImpl();
        }).detach();
    });
}

// vireo-ssh: $VIREO_SSH_COMMAND, beside the running program (build tree or install), or in
// libexec.
QString sshWrapperPath() {
    return companionProgram(QStringLiteral("vireo-ssh"), "VIREO_SSH_COMMAND");
}

struct AuthContext {
    const Remote* remote = nullptr;
    const CredentialPrompt* prompt = nullptr;
    bool cancelled = false;
};

// libvirt's credential callback: each answer is handed over in a malloc'd buffer libvirt
// frees; Vireo keeps no copy.
int answerCredentials(virConnectCredentialPtr creds, unsigned int count, void* opaque) {
    auto* ctx = static_cast<AuthContext*>(opaque);
    for (unsigned int i = 0; i < count; ++i) {
        CredentialRequest request;
        request.prompt = QString::fromUtf8(creds[i].prompt ? creds[i].prompt : "");
        switch (creds[i].type) {
        case VIR_CRED_AUTHNAME:
        case VIR_CRED_USERNAME:
            request.userName = true;
            break;
        case VIR_CRED_PASSPHRASE:
        case VIR_CRED_NOECHOPROMPT:
            request.secret = true;
            break;
        case VIR_CRED_ECHOPROMPT:
        case VIR_CRED_REALM:
            break;
        default:
            return -1;
        }
        std::optional<QString> answer = (*ctx->prompt)(*ctx->remote, request);
        if (!answer) {
            ctx->cancelled = true;
            return -1;
        }
        QByteArray bytes = answer->toUtf8();
        creds[i].result = static_cast<char*>(malloc(size_t(bytes.size()) + 1));
        if (!creds[i].result) return -1;
        memcpy(creds[i].result, bytes.constData(), size_t(bytes.size()) + 1);
        creds[i].resultlen = static_cast<unsigned int>(bytes.size());
        bytes.fill('\0');
        answer->fill(QChar(u'\0'));
    }
    return 0;
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

Result<std::shared_ptr<LibvirtConnection>>
LibvirtConnection::open(const Remote& remote, const CredentialPrompt& prompt, ConnectionUse use) {
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
    if (use == ConnectionUse::Session) runEventLoopOnce();
    VIREO_TRY(validateRemoteUri(remote.uri));
    int credentialTypes[] = {VIR_CRED_AUTHNAME,   VIR_CRED_USERNAME,     VIR_CRED_PASSPHRASE,
                             VIR_CRED_ECHOPROMPT, VIR_CRED_NOECHOPROMPT, VIR_CRED_REALM};
    AuthContext ctx{&remote, &prompt};
    virConnectAuth auth{credentialTypes, sizeof credentialTypes / sizeof credentialTypes[0],
                        answerCredentials, &ctx};
    virConnectPtr conn = virConnectOpenAuth(
        qPrintable(libvirtUri(remote)),
        prompt ? &auth
               : *static_cast<virConnectAuthPtr*>(libvirtSymbol("virConnectAuthPtrDefault")),
        0);
    if (!conn && ctx.cancelled)
        return makeError(
            ErrorCode::Cancelled,
            QStringLiteral("logging in to remote '%1' was cancelled").arg(remote.name));
    if (!conn &&
        lastLibvirtMessage().contains(QLatin1String("authentication"), Qt::CaseInsensitive))
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("remote '%1' (%2) refused the login: %3")
                             .arg(remote.name, remote.uri, lastLibvirtMessage()),
                         QStringLiteral("check the user name and password"));
    if (!conn && lastLibvirtMessage().contains(QLatin1String("certificate"), Qt::CaseInsensitive))
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("remote '%1' (%2): the TLS certificates do not fit: %3")
                             .arg(remote.name, remote.uri, lastLibvirtMessage()),
                         QStringLiteral("give this machine a client certificate and key signed "
                                        "by the CA the host trusts, with that CA, in the URI's "
                                        "pkipath= folder (cacert.pem, clientcert.pem, "
                                        "clientkey.pem) or /etc/pki/CA and /etc/pki/libvirt"));
    if (!conn)
        return makeError(ErrorCode::Process,
                         QStringLiteral("remote '%1' (%2) is unreachable: %3")
                             .arg(remote.name, remote.uri, lastLibvirtMessage()),
                         QStringLiteral("check that libvirtd runs there and accepts this "
                                        "connection (for tcp/tls: libvirtd --listen or its "
                                        "sockets)"));
    // Ping every 5 s; after 3 missed answers the connection is closed and calls fail fast.
    if (use == ConnectionUse::Session) virConnectSetKeepAlive(conn, 5, 3);
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

Result<DomainRef> LibvirtConnection::runningDomain(const QString& name) const {
    auto dom = domain(name);
    if (!dom) return dom.error();
    if (virDomainIsActive(dom->get()) != 1)
        return makeError(
            ErrorCode::InvalidState,
            QStringLiteral("VM '%1' on remote '%2' is not running").arg(name, m_remote.name),
            QStringLiteral("start it with 'vireoctl --remote %1 vm start %2'")
                .arg(m_remote.name, name));
    return dom;
}

qint64 typedParamValue(virTypedParameterPtr params, int n, const char* key) {
    unsigned long long v = 0;
    if (virTypedParamsGetULLong(params, n, key, &v) == 1) return qint64(v);
    return -1;
}

} // namespace vireo
