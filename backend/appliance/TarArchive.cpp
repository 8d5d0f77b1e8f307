#include "appliance/TarArchive.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>

#include <cstring>

namespace vireo {

namespace {

constexpr qint64 kBlock = 512;
constexpr qint64 kCopyChunk = 1 << 20;

struct Header {
    char name[100];
    char mode[8];
    char uid[8];
    char gid[8];
    char size[12];
    char mtime[12];
    char checksum[8];
    char type;
    char linkName[100];
    char magic[6];
    char version[2];
    char uname[32];
    char gname[32];
    char devMajor[8];
    char devMinor[8];
    char prefix[155];
    char pad[12];
};
static_assert(sizeof(Header) == kBlock);

Error bad(const QString& archive, const QString& what) {
    return makeError(ErrorCode::InvalidArgument,
                     QStringLiteral("'%1' is not a valid OVA: %2").arg(archive, what),
                     QStringLiteral("export the appliance again, or check the download"));
}

// Octal numbers, NUL- or space-terminated; GNU's base-256 form for sizes >= 8 GiB.
bool parseNumber(const char* field, int width, std::uint64_t* out) {
    if (static_cast<unsigned char>(field[0]) & 0x80) {
        std::uint64_t v = static_cast<unsigned char>(field[0]) & 0x7f;
        for (int i = 1; i < width; ++i)
            v = (v << 8) | static_cast<unsigned char>(field[i]);
        *out = v;
        return true;
    }
    std::uint64_t v = 0;
    int i = 0;
    while (i < width && field[i] == ' ')
        ++i;
    bool any = false;
    for (; i < width && field[i] >= '0' && field[i] <= '7'; ++i) {
        v = v * 8 + std::uint64_t(field[i] - '0');
        any = true;
    }
    if (i < width && field[i] != '\0' && field[i] != ' ') return false;
    *out = v;
    return any;
}

unsigned headerChecksum(const Header& h) {
    Header copy = h;
    std::memset(copy.checksum, ' ', sizeof copy.checksum);
    unsigned sum = 0;
    const auto* b = reinterpret_cast<const unsigned char*>(&copy);
    for (qint64 i = 0; i < kBlock; ++i)
        sum += b[i];
    return sum;
}

QString fieldString(const char* field, int width) {
    return QString::fromUtf8(field, qstrnlen(field, uint(width)));
}

void putOctal(char* field, int width, std::uint64_t value) {
    const QByteArray digits =
        QByteArray::number(qulonglong(value), 8).rightJustified(width - 1, '0');
    std::memcpy(field, digits.constData(), size_t(width - 1));
    field[width - 1] = '\0';
}

} // namespace

bool TarArchive::isPlainFileName(const QString& name) {
    return !name.isEmpty() && name != QLatin1String(".") && name != QLatin1String("..") &&
           !name.contains(QLatin1Char('/')) && !name.contains(QLatin1Char('\\')) &&
           !name.contains(QChar(0)) && name.size() < 100;
}

Result<QVector<TarEntry>> TarArchive::list(const QString& archive) {
    QFile f(archive);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("cannot open '%1': %2").arg(archive, f.errorString()));
    const qint64 total = f.size();
    QVector<TarEntry> entries;
    qint64 at = 0;
    for (;;) {
        Header h;
        if (f.read(reinterpret_cast<char*>(&h), kBlock) != kBlock) {
            if (entries.isEmpty()) return bad(archive, QStringLiteral("it is not a tar archive"));
            break; // some writers stop without the two zero blocks
        }
        const QByteArray raw(reinterpret_cast<const char*>(&h), kBlock);
        if (raw.count('\0') == kBlock) break; // end of archive
        std::uint64_t size = 0, sum = 0;
        if (!parseNumber(h.checksum, sizeof h.checksum, &sum) || sum != headerChecksum(h))
            return bad(archive,
                       QStringLiteral("a damaged tar header at byte %1 (checksum)").arg(at));
        if (!parseNumber(h.size, sizeof h.size, &size) || at + kBlock + qint64(size) > total)
            return bad(archive, QStringLiteral("a tar member runs past the end of the file"));
        const QString name = fieldString(h.prefix, sizeof h.prefix).isEmpty()
                                 ? fieldString(h.name, sizeof h.name)
                                 : fieldString(h.prefix, sizeof h.prefix) + QLatin1Char('/') +
                                       fieldString(h.name, sizeof h.name);
        const qint64 next = at + kBlock + (qint64(size) + kBlock - 1) / kBlock * kBlock;
        // pax headers carry metadata for the next member (mtime, long names); an OVA's names
        // are short, so they are skipped rather than trusted.
        if (h.type == 'x' || h.type == 'g') {
            at = next;
            f.seek(at);
            continue;
        }
        if (h.type != '0' && h.type != '\0')
            return bad(archive, QStringLiteral("member '%1' is a link, folder or device, not a "
                                               "plain file")
                                    .arg(name));
        if (!isPlainFileName(name))
            return bad(archive,
                       QStringLiteral("member '%1' has a path (an OVA holds plain file names; "
                                      "'/' and '..' could write outside the import folder)")
                           .arg(name));
        for (const auto& e : entries)
            if (e.name == name)
                return bad(archive, QStringLiteral("member '%1' is there twice").arg(name));
        entries.append(TarEntry{name, size, std::uint64_t(at + kBlock)});
        at = next;
        f.seek(at);
    }
    if (entries.isEmpty()) return bad(archive, QStringLiteral("it is empty"));
    return entries;
}

Status TarArchive::extract(const QString& archive, const TarEntry& entry, const QString& target,
                           const std::atomic_bool* cancel) {
    QFile in(archive);
    if (!in.open(QIODevice::ReadOnly) || !in.seek(qint64(entry.dataOffset)))
        return makeError(ErrorCode::Io, QStringLiteral("cannot read '%1'").arg(archive));
    QFile out(target);
    if (out.exists())
        return makeError(ErrorCode::AlreadyExists, QStringLiteral("'%1' exists").arg(target));
    if (!out.open(QIODevice::WriteOnly))
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot write '%1': %2").arg(target, out.errorString()));
    std::uint64_t left = entry.size;
    QByteArray buf;
    while (left > 0) {
        if (cancel && cancel->load())
            return makeError(ErrorCode::Cancelled, QStringLiteral("cancelled"));
        buf = in.read(qint64(qMin<std::uint64_t>(left, kCopyChunk)));
        if (buf.isEmpty() || out.write(buf) != buf.size())
            return makeError(
                ErrorCode::Io,
                QStringLiteral("cannot extract '%1' from '%2'").arg(entry.name, archive));
        left -= std::uint64_t(buf.size());
    }
    if (!out.flush())
        return makeError(ErrorCode::Io, QStringLiteral("cannot write '%1'").arg(target));
    return {};
}

Status TarArchive::write(const QString& target, const QStringList& files,
                         const std::atomic_bool* cancel) {
    QFile out(target);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot write '%1': %2").arg(target, out.errorString()));
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    for (const QString& path : files) {
        const QString name = QFileInfo(path).fileName();
        if (!isPlainFileName(name))
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("'%1' cannot be stored in an OVA").arg(name));
        QFile in(path);
        if (!in.open(QIODevice::ReadOnly))
            return makeError(ErrorCode::Io, QStringLiteral("cannot read '%1'").arg(path));
        Header h;
        std::memset(&h, 0, sizeof h);
        const QByteArray n = name.toUtf8();
        std::memcpy(h.name, n.constData(), size_t(n.size()));
        putOctal(h.mode, sizeof h.mode, 0644);
        putOctal(h.uid, sizeof h.uid, 0);
        putOctal(h.gid, sizeof h.gid, 0);
        putOctal(h.size, sizeof h.size, std::uint64_t(in.size()));
        putOctal(h.mtime, sizeof h.mtime, std::uint64_t(now));
        h.type = '0';
        std::memcpy(h.magic, "ustar", 6);
        std::memcpy(h.version, "00", 2);
        putOctal(h.checksum, 7, headerChecksum(h));
        h.checksum[7] = ' ';
        if (out.write(reinterpret_cast<const char*>(&h), kBlock) != kBlock)
            return makeError(ErrorCode::Io, QStringLiteral("cannot write '%1'").arg(target));
        while (!in.atEnd()) {
            if (cancel && cancel->load())
                return makeError(ErrorCode::Cancelled, QStringLiteral("cancelled"));
            const QByteArray buf = in.read(kCopyChunk);
            if (out.write(buf) != buf.size())
                return makeError(ErrorCode::Io, QStringLiteral("cannot write '%1'").arg(target));
        }
        const qint64 pad = (kBlock - in.size() % kBlock) % kBlock;
        out.write(QByteArray(pad, '\0'));
    }
    out.write(QByteArray(2 * kBlock, '\0'));
    if (!out.flush())
        return makeError(ErrorCode::Io, QStringLiteral("cannot write '%1'").arg(target));
    return {};
}

} // namespace vireo
