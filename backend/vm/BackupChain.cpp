#include "vm/BackupChain.h"

#include "storage/QemuImg.h"
#include "store/AtomicFile.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

namespace vireo {

namespace {
const QString kFile = QStringLiteral("/backup.json");
} // namespace

Result<BackupChain> BackupChain::load(const QString& folder) {
    BackupChain c;
    c.m_folder = QDir(folder).absolutePath();
    if (!QFileInfo::exists(c.m_folder + kFile)) return c;
    auto bytes = readWholeFile(c.m_folder + kFile);
    if (!bytes) return bytes.error();
    QJsonParseError perr;
    const auto doc = QJsonDocument::fromJson(*bytes, &perr);
    if (perr.error != QJsonParseError::NoError || !doc.isObject())
        return makeError(
            ErrorCode::Corrupt,
            QStringLiteral("%1 is not valid JSON (%2)").arg(c.m_folder + kFile, perr.errorString()),
            QStringLiteral("restore the file by hand; Vireo will not overwrite it"));
    const auto o = doc.object();
    c.vmName = o.value(QStringLiteral("vm")).toString();
    c.vmUuid = o.value(QStringLiteral("uuid")).toString();
    c.vmSpec = o.value(QStringLiteral("spec")).toObject();
    for (const auto& v : o.value(QStringLiteral("points")).toArray()) {
        const auto p = v.toObject();
        BackupPoint point;
        point.id = p.value(QStringLiteral("id")).toString();
        point.parent = p.value(QStringLiteral("parent")).toString();
        point.created =
            QDateTime::fromString(p.value(QStringLiteral("created")).toString(), Qt::ISODate);
        point.complete = p.value(QStringLiteral("complete")).toBool();
        point.quiesced = p.value(QStringLiteral("quiesced")).toBool();
        for (const auto& d : p.value(QStringLiteral("disks")).toArray()) {
            const auto disk = d.toObject();
            point.disks.append(
                {disk.value(QStringLiteral("file")).toString(),
                 std::uint64_t(disk.value(QStringLiteral("virtualSize")).toInteger()),
                 std::uint64_t(disk.value(QStringLiteral("bytes")).toInteger())});
        }
        c.points.append(point);
    }
    return c;
}

Status BackupChain::save() const {
    QJsonArray pts;
    for (const auto& p : points) {
        QJsonArray disks;
        for (const auto& d : p.disks)
            disks.append(QJsonObject{{QStringLiteral("file"), d.file},
                                     {QStringLiteral("virtualSize"), qint64(d.virtualSize)},
                                     {QStringLiteral("bytes"), qint64(d.bytes)}});
        pts.append(QJsonObject{{QStringLiteral("id"), p.id},
                               {QStringLiteral("parent"), p.parent},
                               {QStringLiteral("created"), p.created.toUTC().toString(Qt::ISODate)},
                               {QStringLiteral("complete"), p.complete},
                               {QStringLiteral("quiesced"), p.quiesced},
                               {QStringLiteral("disks"), disks}});
    }
    const QJsonObject o{{QStringLiteral("schema"), 1},
                        {QStringLiteral("vm"), vmName},
                        {QStringLiteral("uuid"), vmUuid},
                        {QStringLiteral("spec"), vmSpec},
                        {QStringLiteral("points"), pts}};
    return writeFileAtomically(m_folder + kFile, QJsonDocument(o).toJson());
}

const BackupPoint* BackupChain::find(const QString& id) const {
    for (const auto& p : points)
        if (p.id == id) return &p;
    return nullptr;
}

const BackupPoint* BackupChain::lastComplete() const {
    for (auto it = points.crbegin(); it != points.crend(); ++it)
        if (it->complete) return &*it;
    return nullptr;
}

Result<std::pair<FileLock, BackupChain>> BackupChain::lockForBackup(const QString& folder) {
    if (!QDir().mkpath(folder))
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot create backup folder '%1'").arg(folder),
                         QStringLiteral("check the path and its permissions"));
    auto lock = FileLock::acquire(QDir(folder).absoluteFilePath(QStringLiteral(".lock")),
                                  QStringLiteral("backup folder %1").arg(folder), 15000);
    if (!lock) return lock.error();
    auto chain = load(folder);
    if (!chain) return chain.error();
    return std::pair{std::move(*lock), std::move(*chain)};
}

QString BackupChain::newPointId() const {
    QString id = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    for (int n = 2; find(id); ++n)
        id = id.section(QLatin1Char('-'), 0, 0) + QStringLiteral("-%1").arg(n);
    return id;
}

QString BackupChain::diskFile(const QString& point, int i) {
    return QStringLiteral("%1/disk%2.qcow2").arg(point).arg(i);
}

Status BackupChain::checkOwner(const QString& vm, const QString& uuid) const {
    if (!vmUuid.isEmpty() && vmUuid != uuid)
        return makeError(
            ErrorCode::InvalidArgument,
            QStringLiteral("'%1' holds backups of VM '%2', not of '%3'").arg(m_folder, vmName, vm),
            QStringLiteral("give each VM its own backup folder"));
    return {};
}

QStringList BackupChain::discardIncomplete() {
    QStringList gone;
    for (qsizetype i = points.size() - 1; i >= 0; --i) {
        if (points[i].complete) continue;
        QDir(absolute(points[i].id)).removeRecursively();
        gone << points[i].id;
        points.removeAt(i);
    }
    return gone;
}

Status BackupChain::applyRetention(int keep) {
    if (keep <= 0) return {};
    while (points.size() > keep) {
        const BackupPoint oldest = points.first();
        if (points.size() > 1 && points[1].parent == oldest.id) {
            BackupPoint& next = points[1];
            for (const auto& d : next.disks)
                VIREO_TRY(QemuImg::rebase(absolute(d.file), QString(), false));
            next.parent.clear();
        }
        points.removeFirst();
        VIREO_TRY(save()); // recorded before the files go: never a dangling point
        QDir(absolute(oldest.id)).removeRecursively();
    }
    return {};
}

} // namespace vireo
