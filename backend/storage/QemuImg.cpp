#include "storage/QemuImg.h"

#include "core/ProcessRunner.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace vireo {

namespace {
const QString kQemuImg = QStringLiteral("qemu-img");
constexpr int kLongTimeoutMs = 24 * 3600 * 1000;

Status checkFormat(const QString& format) {
    if (format == QLatin1String("qcow2") || format == QLatin1String("raw") ||
        format == QLatin1String("vmdk"))
        return {};
    return makeError(ErrorCode::InvalidArgument,
                     QStringLiteral("disk format '%1' is not supported").arg(format),
                     QStringLiteral("use qcow2, raw or vmdk"));
}

Status mustNotExist(const QString& path) {
    if (QFileInfo::exists(path))
        return makeError(ErrorCode::AlreadyExists,
                         QStringLiteral("disk '%1' already exists").arg(path),
                         QStringLiteral("choose another path or delete the file first"));
    if (!QFileInfo(QFileInfo(path).absolutePath()).isDir())
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("folder of disk '%1' does not exist").arg(path),
                         QStringLiteral("create the folder first"));
    return {};
}
} // namespace

QStringList QemuImg::supportedImportFormats() {
    return {QStringLiteral("qcow2"), QStringLiteral("raw"),  QStringLiteral("vmdk"),
            QStringLiteral("vdi"),   QStringLiteral("vhdx"), QStringLiteral("vpc")};
}

Status QemuImg::create(const DiskCreateOptions& o) {
    VIREO_TRY(checkFormat(o.format));
    VIREO_TRY(mustNotExist(o.path));
    QStringList argv{kQemuImg, QStringLiteral("create"), QStringLiteral("-q"), QStringLiteral("-f"),
                     o.format};
    QStringList opts;
    if (o.format == QLatin1String("vmdk")) {
        if (o.vmdkSubformat != QLatin1String("monolithicSparse") &&
            o.vmdkSubformat != QLatin1String("streamOptimized"))
            return makeError(
                ErrorCode::InvalidArgument,
                QStringLiteral("VMDK subformat '%1' is not supported").arg(o.vmdkSubformat),
                QStringLiteral("use monolithicSparse or streamOptimized"));
        opts << QStringLiteral("subformat=") + o.vmdkSubformat;
    } else if (o.preallocation != Preallocation::Off) {
        opts << QStringLiteral("preallocation=") + (o.preallocation == Preallocation::Full
                                                        ? QStringLiteral("full")
                                                        : QStringLiteral("metadata"));
    }
    if (!o.backingFile.isEmpty()) {
        argv << QStringLiteral("-b") << o.backingFile << QStringLiteral("-F")
             << (o.backingFormat.isEmpty() ? QStringLiteral("qcow2") : o.backingFormat);
    }
    if (!opts.isEmpty()) argv << QStringLiteral("-o") << opts.join(QLatin1Char(','));
    argv << o.path;
    if (o.backingFile.isEmpty() || o.sizeBytes) argv << QString::number(o.sizeBytes);
    auto r = runProcess({argv, kLongTimeoutMs, {}, nullptr});
    if (!r) {
        QFile::remove(o.path); // never leave a half-made disk behind
        return r.error();
    }
    return {};
}

Result<DiskInfo> QemuImg::info(const QString& path) {
    if (!QFileInfo::exists(path))
        return makeError(ErrorCode::NotFound, QStringLiteral("disk '%1' does not exist").arg(path),
                         QStringLiteral("check the path"));
    // -U: read even while a running VM holds the image lock.
    auto r = runProcess({{kQemuImg, QStringLiteral("info"), QStringLiteral("-U"),
                          QStringLiteral("--output=json"), QStringLiteral("--backing-chain"), path},
                         60000,
                         {},
                         nullptr});
    if (!r) return r.error();
    const auto chain = QJsonDocument::fromJson(r->stdoutData).array();
    if (chain.isEmpty())
        return makeError(ErrorCode::Process,
                         QStringLiteral("qemu-img info gave no data for '%1'").arg(path));
    const auto top = chain.first().toObject();
    DiskInfo info;
    info.path = path;
    info.format = top.value(QStringLiteral("format")).toString();
    info.virtualSize =
        static_cast<std::uint64_t>(top.value(QStringLiteral("virtual-size")).toInteger());
    info.actualSize =
        static_cast<std::uint64_t>(top.value(QStringLiteral("actual-size")).toInteger());
    info.snapshots = top.value(QStringLiteral("snapshots")).toArray();
    for (qsizetype i = 1; i < chain.size(); ++i)
        info.backingChain << chain.at(i).toObject().value(QStringLiteral("filename")).toString();
    return info;
}

Status QemuImg::convert(const QString& source, const QString& target, const QString& targetFormat,
                        const std::function<void(double)>& progress, const std::atomic_bool* cancel,
                        const QString& vmdkSubformat) {
    VIREO_TRY(checkFormat(targetFormat));
    VIREO_TRY(mustNotExist(target));
    auto srcInfo = info(source);
    if (!srcInfo) return srcInfo.error();
    if (!supportedImportFormats().contains(srcInfo->format))
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral("disk '%1' is %2, which Vireo cannot import")
                             .arg(source, srcInfo->format),
                         QStringLiteral("convert it to qcow2, raw, vmdk, vdi or vhdx first"));
    const QString temp = target + QStringLiteral(".partial");
    QFile::remove(temp);
    QStringList argv{
        kQemuImg,        QStringLiteral("convert"), QStringLiteral("-p"), QStringLiteral("-f"),
        srcInfo->format, QStringLiteral("-O"),      targetFormat};
    if (targetFormat == QLatin1String("vmdk") && !vmdkSubformat.isEmpty())
        argv << QStringLiteral("-o") << QStringLiteral("subformat=") + vmdkSubformat;
    argv << source << temp;
    static const QRegularExpression pct(QStringLiteral("\\((\\d+(?:\\.\\d+)?)/100%\\)"));
    auto r = runProcess({argv, kLongTimeoutMs,
                         [&](const QByteArray& chunk) {
                             if (!progress) return;
                             auto it = pct.globalMatch(QString::fromLatin1(chunk));
                             double last = -1;
                             while (it.hasNext())
                                 last = it.next().captured(1).toDouble();
                             if (last >= 0) progress(last);
                         },
                         cancel});
    if (!r) {
        QFile::remove(temp);
        return r.error();
    }
    if (::rename(QFile::encodeName(temp).constData(), QFile::encodeName(target).constData()) != 0) {
        QFile::remove(temp);
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot move converted disk to '%1'").arg(target));
    }
    return {};
}

Status QemuImg::resize(const QString& path, std::uint64_t newSizeBytes, bool allowShrink) {
    auto current = info(path);
    if (!current) return current.error();
    if (newSizeBytes < current->virtualSize && !allowShrink)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("shrinking disk '%1' would destroy data").arg(path),
                         QStringLiteral("pass --shrink if the guest's partitions already fit"));
    QStringList argv{kQemuImg, QStringLiteral("resize"), QStringLiteral("-q")};
    if (allowShrink) argv << QStringLiteral("--shrink");
    argv << path << QString::number(newSizeBytes);
    auto r = runProcess({argv, 600000, {}, nullptr});
    if (!r) return r.error();
    return {};
}

Status QemuImg::rebase(const QString& path, const QString& backing, bool unsafe) {
    QStringList argv{kQemuImg, QStringLiteral("rebase"), QStringLiteral("-q"), QStringLiteral("-f"),
                     QStringLiteral("qcow2")};
    if (unsafe) argv << QStringLiteral("-u");
    argv << QStringLiteral("-b") << backing;
    if (!backing.isEmpty()) argv << QStringLiteral("-F") << QStringLiteral("qcow2");
    argv << path;
    // Folding a whole disk into an overlay can take long; the header alone is instant.
    auto r = runProcess({argv, 6 * 60 * 60 * 1000, {}, nullptr});
    if (!r) return r.error();
    return {};
}

Status QemuImg::snapshotCreate(const QString& path, const QString& tag) {
    auto r = runProcess({{kQemuImg, QStringLiteral("snapshot"), QStringLiteral("-c"), tag, path},
                         600000,
                         {},
                         nullptr});
    if (!r) return r.error();
    return {};
}

Status QemuImg::snapshotApply(const QString& path, const QString& tag) {
    auto r = runProcess({{kQemuImg, QStringLiteral("snapshot"), QStringLiteral("-a"), tag, path},
                         600000,
                         {},
                         nullptr});
    if (!r) return r.error();
    return {};
}

Status QemuImg::snapshotDelete(const QString& path, const QString& tag) {
    auto r = runProcess({{kQemuImg, QStringLiteral("snapshot"), QStringLiteral("-d"), tag, path},
                         600000,
                         {},
                         nullptr});
    if (!r) return r.error();
    return {};
}

} // namespace vireo
