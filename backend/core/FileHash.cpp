#include "core/FileHash.h"

#include <QFile>

namespace vireo {

Result<QByteArray> hashFile(const QString& path, QCryptographicHash::Algorithm algorithm,
                            const std::atomic_bool* cancel) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("cannot read '%1': %2").arg(path, f.errorString()));
    QCryptographicHash h(algorithm);
    while (!f.atEnd()) {
        if (cancel && cancel->load())
            return makeError(ErrorCode::Cancelled, QStringLiteral("cancelled"));
        const QByteArray piece = f.read(1 << 20);
        if (piece.isEmpty())
            return makeError(ErrorCode::Io,
                             QStringLiteral("cannot read '%1': %2").arg(path, f.errorString()));
        h.addData(piece);
    }
    return h.result().toHex();
}

} // namespace vireo
