#include "appliance/OvfManifest.h"

#include "core/FileHash.h"
#include "store/AtomicFile.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace vireo {

Status OvfManifest::verify(const QString& manifestPath, const QString& dir,
                           const QStringList& mustCover, const std::atomic_bool* cancel) {
    QFile f(manifestPath);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("cannot read manifest '%1'").arg(manifestPath));
    static const QRegularExpression line(
        QStringLiteral("^(SHA1|SHA256|SHA512)\\s*\\(([^)]+)\\)\\s*=\\s*([0-9a-fA-F]+)\\s*$"));
    const QString mf = QFileInfo(manifestPath).fileName();
    QStringList covered;
    for (const QByteArray& raw : f.readAll().split('\n')) {
        const QString text = QString::fromUtf8(raw).trimmed();
        if (text.isEmpty()) continue;
        const auto m = line.match(text);
        if (!m.hasMatch())
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("manifest '%1' has a line Vireo cannot read: '%2'")
                                 .arg(mf, text.left(80)),
                             QStringLiteral("export the appliance again"));
        const QString name = m.captured(2).trimmed();
        if (name.contains(QLatin1Char('/')) || name.contains(QLatin1String("..")))
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("manifest '%1' names a path ('%2')").arg(mf, name));
        const auto algorithm = m.captured(1) == QLatin1String("SHA1") ? QCryptographicHash::Sha1
                               : m.captured(1) == QLatin1String("SHA256")
                                   ? QCryptographicHash::Sha256
                                   : QCryptographicHash::Sha512;
        auto actual = hashFile(dir + QLatin1Char('/') + name, algorithm, cancel);
        if (!actual) {
            if (actual.error().code == ErrorCode::Cancelled) return actual.error();
            return makeError(
                ErrorCode::NotFound,
                QStringLiteral("manifest '%1' lists '%2', which is not there").arg(mf, name),
                QStringLiteral("the appliance is incomplete; export it again"));
        }
        if (*actual != m.captured(3).toLower().toLatin1())
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("'%1' does not match its %2 in manifest '%3' (damaged "
                                            "or changed)")
                                 .arg(name, m.captured(1), mf),
                             QStringLiteral("download or export the appliance again"));
        covered << name;
    }
    for (const QString& name : mustCover)
        if (!covered.contains(name))
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("manifest '%1' has no checksum for '%2'").arg(mf, name),
                             QStringLiteral("export the appliance again"));
    return {};
}

Status OvfManifest::write(const QString& target, const QStringList& files) {
    QByteArray text;
    for (const QString& path : files) {
        auto h = hashFile(path, QCryptographicHash::Sha256, nullptr);
        if (!h) return h.error();
        text += "SHA256(" + QFileInfo(path).fileName().toUtf8() + ")= " + *h + '\n';
    }
    return writeFileAtomically(target, text);
}

} // namespace vireo
