#include "libvirt/Remotes.h"

#include "spec/VmSpecValidation.h"
#include "store/AtomicFile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace vireo {

namespace {

const QStringList kSchemes{QStringLiteral("qemu"),       QStringLiteral("qemu+ssh"),
                           QStringLiteral("qemu+tls"),   QStringLiteral("qemu+tcp"),
                           QStringLiteral("qemu+unix"),  QStringLiteral("qemu+libssh2"),
                           QStringLiteral("qemu+libssh")};

Error uriError(const QString& uri, const QString& why) {
    return makeError(ErrorCode::InvalidArgument, QStringLiteral("remote URI '%1' %2").arg(uri, why),
                     QStringLiteral("use e.g. qemu+ssh://user@host/system or "
                                    "qemu+tcp://10.0.0.2/system"));
}

} // namespace

QString Remote::host() const {
    return QUrl(uri).host();
}

Status validateRemoteUri(const QString& uri) {
    const QUrl url(uri, QUrl::StrictMode);
    if (!url.isValid() || url.scheme().isEmpty())
        return uriError(uri, QStringLiteral("is not a URI"));
    if (!kSchemes.contains(url.scheme()))
        return uriError(
            uri,
            QStringLiteral("has scheme '%1', not a QEMU/KVM driver of libvirt").arg(url.scheme()));
    if (url.path() != QLatin1String("/system") && url.path() != QLatin1String("/session"))
        return uriError(uri, QStringLiteral("names no /system or /session daemon"));
    const bool needsHost =
        url.scheme() != QLatin1String("qemu") && url.scheme() != QLatin1String("qemu+unix");
    if (needsHost && url.host().isEmpty()) return uriError(uri, QStringLiteral("has no host"));
    return {};
}

QString Remotes::path() const {
    return m_library.root() + QStringLiteral("/remotes.json");
}

Result<QVector<Remote>> Remotes::list() const {
    QVector<Remote> out;
    if (!QFile::exists(path())) return out;
    auto bytes = readWholeFile(path());
    if (!bytes) return bytes.error();
    QJsonParseError perr;
    const auto doc = QJsonDocument::fromJson(*bytes, &perr);
    if (perr.error != QJsonParseError::NoError || !doc.isObject())
        return makeError(ErrorCode::Corrupt,
                         QStringLiteral("%1 is not valid JSON: %2").arg(path(), perr.errorString()),
                         QStringLiteral("fix or delete the file, then add the remotes again"));
    for (const auto& v : doc.object().value(QStringLiteral("remotes")).toArray()) {
        const auto o = v.toObject();
        out.append({o.value(QStringLiteral("name")).toString(),
                    o.value(QStringLiteral("uri")).toString()});
    }
    return out;
}

Result<Remote> Remotes::find(const QString& name) const {
    auto all = list();
    if (!all) return all.error();
    for (const auto& r : *all)
        if (r.name == name) return r;
    return makeError(ErrorCode::NotFound, QStringLiteral("remote '%1' is not known").arg(name),
                     QStringLiteral("add it with 'vireoctl remote add %1 URI' or see 'vireoctl "
                                    "remote list'")
                         .arg(name));
}

Status Remotes::write(const QVector<Remote>& remotes) const {
    QJsonArray arr;
    for (const auto& r : remotes)
        arr.append(QJsonObject{{QStringLiteral("name"), r.name}, {QStringLiteral("uri"), r.uri}});
    return writeFileAtomically(
        path(), QJsonDocument(QJsonObject{{QStringLiteral("remotes"), arr}}).toJson());
}

Status Remotes::add(const Remote& remote) const {
    if (auto s = validateVmName(remote.name); !s)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("remote name '%1' is not valid").arg(remote.name),
                         QStringLiteral("use letters, digits, '.', '_' and '-'"));
    VIREO_TRY(validateRemoteUri(remote.uri));
    VIREO_TRY(m_library.ensureRoot());
    auto lock = FileLock::acquire(path() + QStringLiteral(".lock"),
                                  QStringLiteral("the remote list"), 15000);
    if (!lock) return lock.error();
    auto all = list();
    if (!all) return all.error();
    for (const auto& r : *all)
        if (r.name == remote.name)
            return makeError(
                ErrorCode::AlreadyExists,
                QStringLiteral("remote '%1' already exists (%2)").arg(r.name, r.uri),
                QStringLiteral("remove it first with 'vireoctl remote remove %1'").arg(r.name));
    all->append(remote);
    return write(*all);
}

Status Remotes::remove(const QString& name) const {
    auto lock = FileLock::acquire(path() + QStringLiteral(".lock"),
                                  QStringLiteral("the remote list"), 15000);
    if (!lock) return lock.error();
    auto all = list();
    if (!all) return all.error();
    for (int i = 0; i < all->size(); ++i)
        if (all->at(i).name == name) {
            all->remove(i);
            return write(*all);
        }
    return find(name).error();
}

} // namespace vireo
