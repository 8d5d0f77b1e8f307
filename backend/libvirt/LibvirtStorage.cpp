#include "libvirt/LibvirtStorage.h"

#include "core/Size.h"

#include "libvirt/XmlPath.h"

#include "storage/QemuImg.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QXmlStreamWriter>

namespace vireo {

namespace {

// A new volume's XML: its file name in the pool, size and format.
// A volume's definition; with `backing`, a qcow2 overlay on that volume (of `backingFormat`).
QString volumeXml(const QString& name, std::uint64_t capacity, const QString& format,
                  const QString& backing = {}, const QString& backingFormat = {}) {
    QString xml;
    QXmlStreamWriter w(&xml);
    w.writeStartElement(QStringLiteral("volume"));
    w.writeTextElement(QStringLiteral("name"), name);
    w.writeStartElement(QStringLiteral("capacity"));
    w.writeAttribute(QStringLiteral("unit"), QStringLiteral("bytes"));
    w.writeCharacters(QString::number(capacity));
    w.writeEndElement();
    w.writeStartElement(QStringLiteral("target"));
    w.writeEmptyElement(QStringLiteral("format"));
    w.writeAttribute(QStringLiteral("type"), format);
    // qcow2 v3, as qemu-img makes it here: libvirt would make v2 (compat 0.10), which cannot
    // keep the change bitmaps that incremental backups read.
    if (format == QLatin1String("qcow2"))
        w.writeTextElement(QStringLiteral("compat"), QStringLiteral("1.1"));
    w.writeEndElement();
    if (!backing.isEmpty()) {
        w.writeStartElement(QStringLiteral("backingStore"));
        w.writeTextElement(QStringLiteral("path"), backing);
        w.writeEmptyElement(QStringLiteral("format"));
        w.writeAttribute(QStringLiteral("type"), backingFormat);
        w.writeEndElement();
    }
    w.writeEndElement();
    return xml;
}

QByteArray takeXml(char* xml) {
    const QByteArray out(xml ? xml : "");
    free(xml);
    return out;
}

RemoteVolume describe(virStorageVolPtr vol) {
    RemoteVolume v;
    v.name = QString::fromUtf8(virStorageVolGetName(vol));
    if (virStoragePoolPtr pool = virStoragePoolLookupByVolume(vol)) {
        v.pool = QString::fromUtf8(virStoragePoolGetName(pool));
        virStoragePoolFree(pool);
    }
    if (char* p = virStorageVolGetPath(vol)) {
        v.path = QString::fromUtf8(p);
        free(p);
    }
    const QByteArray xml = takeXml(virStorageVolGetXMLDesc(vol, 0));
    v.format = xmlValueAt(
        xml, {QStringLiteral("volume"), QStringLiteral("target"), QStringLiteral("format")},
        QStringLiteral("type"));
    v.backing = xmlValueAt(
        xml, {QStringLiteral("volume"), QStringLiteral("backingStore"), QStringLiteral("path")});
    v.compat = xmlValueAt(
        xml, {QStringLiteral("volume"), QStringLiteral("target"), QStringLiteral("compat")});
    virStorageVolInfo info;
    if (virStorageVolGetInfo(vol, &info) == 0) {
        v.capacity = info.capacity;
        v.allocation = info.allocation;
    }
    return v;
}

struct VolFree {
    void operator()(virStorageVolPtr v) const { virStorageVolFree(v); }
};
using VolRef = std::unique_ptr<virStorageVol, VolFree>;
struct StreamFree {
    void operator()(virStreamPtr s) const { virStreamFree(s); }
};
using StreamRef = std::unique_ptr<virStream, StreamFree>;
struct PoolFree {
    void operator()(virStoragePoolPtr p) const { virStoragePoolFree(p); }
};
using PoolRef = std::unique_ptr<virStoragePool, PoolFree>;

// A volume that a new one is made from (a copy, an overlay), with its pool.
struct SourceVolume {
    VolRef volume;
    RemoteVolume described;
    PoolRef pool;
};

} // namespace

Result<QVector<RemoteVolume>> LibvirtStorage::list() const {
    virStoragePoolPtr* pools = nullptr;
    const int n =
        virConnectListAllStoragePools(m_conn.get(), &pools, VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE);
    if (n < 0) return m_conn.lastError(QStringLiteral("listing storage pools"));
    QVector<RemoteVolume> out;
    for (int i = 0; i < n; ++i) {
        virStorageVolPtr* vols = nullptr;
        virStoragePoolRefresh(pools[i], 0);
        const int m = virStoragePoolListAllVolumes(pools[i], &vols, 0);
        for (int j = 0; j < m; ++j) {
            out.append(describe(vols[j]));
            virStorageVolFree(vols[j]);
        }
        free(vols);
        virStoragePoolFree(pools[i]);
    }
    free(pools);
    return out;
}

Result<RemoteVolume> LibvirtStorage::volume(const QString& path) const {
    VolRef vol(virStorageVolLookupByPath(m_conn.get(), qPrintable(path)));
    if (!vol)
        return makeError(
            ErrorCode::NotFound,
            QStringLiteral("'%1' is no volume of a storage pool on remote '%2'")
                .arg(path, m_conn.remote().name),
            QStringLiteral("see 'vireoctl --remote %1 disk list'").arg(m_conn.remote().name));
    return describe(vol.get());
}

Result<virStoragePoolPtr> LibvirtStorage::poolFor(const QString& path) const {
    const QString dir = QFileInfo(path).path();
    virStoragePoolPtr* pools = nullptr;
    const int n =
        virConnectListAllStoragePools(m_conn.get(), &pools, VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE);
    if (n < 0) return m_conn.lastError(QStringLiteral("listing storage pools"));
    virStoragePoolPtr found = nullptr;
    for (int i = 0; i < n; ++i) {
        const QByteArray xml = takeXml(virStoragePoolGetXMLDesc(pools[i], 0));
        if (!found && xmlValueAt(xml, {QStringLiteral("pool"), QStringLiteral("target"),
                                       QStringLiteral("path")}) == dir)
            found = pools[i];
        else
            virStoragePoolFree(pools[i]);
    }
    free(pools);
    if (!found)
        return makeError(
            ErrorCode::NotFound,
            QStringLiteral("no active storage pool of remote '%1' holds the folder '%2'")
                .arg(m_conn.remote().name, dir),
            QStringLiteral("put the disk in a pool's folder (e.g. /var/lib/libvirt/images) "
                           "or define a pool there (virsh pool-define-as NAME dir "
                           "--target %1)")
                .arg(dir));
    return found;
}

Result<RemoteVolume> LibvirtStorage::create(const QString& path, std::uint64_t capacity,
                                            const QString& format) const {
    auto pool = poolFor(path);
    if (!pool) return pool.error();
    std::unique_ptr<virStoragePool, decltype(&virStoragePoolFree)> poolRef(*pool,
                                                                           virStoragePoolFree);
    if (VolRef existing{virStorageVolLookupByPath(m_conn.get(), qPrintable(path))})
        return makeError(
            ErrorCode::AlreadyExists,
            QStringLiteral("'%1' already exists on remote '%2'").arg(path, m_conn.remote().name),
            QStringLiteral("pick another name or delete it first"));
    const QString xml = volumeXml(QFileInfo(path).fileName(), capacity, format);
    VolRef vol(virStorageVolCreateXML(poolRef.get(), qPrintable(xml), 0));
    if (!vol) return m_conn.lastError(QStringLiteral("creating volume '%1'").arg(path));
    return describe(vol.get());
}

Result<RemoteVolume> LibvirtStorage::upload(const QString& localPath, const QString& remotePath,
                                            const std::function<void(double)>& progress,
                                            const std::atomic_bool* cancel) const {
    auto info = QemuImg::info(localPath);
    if (!info) return info.error();
    QFile in(localPath);
    if (!in.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot read '%1': %2").arg(localPath, in.errorString()));
    if (!info->backingChain.isEmpty())
        return makeError(
            ErrorCode::InvalidArgument,
            QStringLiteral("'%1' is an overlay on '%2', which the remote does not have")
                .arg(localPath, info->backingChain.first()),
            QStringLiteral("make a standalone copy first (vireoctl disk convert)"));
    // The volume starts as the right format and size; the upload then replaces its bytes
    // with the local file's, exactly.
    auto created = create(remotePath, info->virtualSize, info->format);
    if (!created) return created.error();
    VolRef vol(virStorageVolLookupByPath(m_conn.get(), qPrintable(remotePath)));
    StreamRef st(virStreamNew(m_conn.get(), 0));
    auto fail = [&](const Error& e) -> Error {
        if (st) virStreamAbort(st.get());
        if (vol) virStorageVolDelete(vol.get(), 0);
        return e;
    };
    const qint64 total = in.size();
    if (!vol || !st || virStorageVolUpload(vol.get(), st.get(), 0, quint64(total), 0) < 0)
        return fail(m_conn.lastError(QStringLiteral("uploading '%1'").arg(localPath)));
    QByteArray buf(1 << 20, Qt::Uninitialized);
    qint64 sent = 0;
    while (sent < total) {
        if (cancel && cancel->load())
            return fail(makeError(
                ErrorCode::Cancelled,
                QStringLiteral("upload of '%1' cancelled; nothing was left on remote '%2'")
                    .arg(localPath, m_conn.remote().name)));
        const qint64 n = in.read(buf.data(), buf.size());
        if (n <= 0)
            return fail(
                makeError(ErrorCode::Io, QStringLiteral("reading '%1' failed").arg(localPath)));
        for (qint64 off = 0; off < n;) {
            const int w = virStreamSend(st.get(), buf.constData() + off, size_t(n - off));
            if (w < 0)
                return fail(m_conn.lastError(QStringLiteral("uploading '%1'").arg(localPath)));
            off += w;
        }
        sent += n;
        if (progress) progress(100.0 * double(sent) / double(total));
    }
    if (virStreamFinish(st.get()) < 0)
        return fail(m_conn.lastError(QStringLiteral("uploading '%1'").arg(localPath)));
    return describe(vol.get());
}

Status LibvirtStorage::download(const QString& remotePath, const QString& localPath,
                                const std::function<void(double)>& progress,
                                const std::atomic_bool* cancel) const {
    VolRef vol(virStorageVolLookupByPath(m_conn.get(), qPrintable(remotePath)));
    if (!vol) return volume(remotePath).error();
    // The file's own size (a qcow2's allocation, not its virtual size).
    const QByteArray xml = takeXml(virStorageVolGetXMLDesc(vol.get(), 0));
    const quint64 total =
        xmlValueAt(xml, {QStringLiteral("volume"), QStringLiteral("physical")}).toULongLong();
    QSaveFile out(localPath);
    if (!out.open(QIODevice::WriteOnly))
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot write '%1': %2").arg(localPath, out.errorString()));
    StreamRef st(virStreamNew(m_conn.get(), 0));
    if (!st || virStorageVolDownload(vol.get(), st.get(), 0, 0, 0) < 0)
        return m_conn.lastError(QStringLiteral("downloading '%1'").arg(remotePath));
    QByteArray buf(1 << 20, Qt::Uninitialized);
    quint64 got = 0;
    for (;;) {
        if (cancel && cancel->load()) {
            virStreamAbort(st.get());
            return makeError(ErrorCode::Cancelled,
                             QStringLiteral("download of '%1' cancelled; '%2' is unchanged")
                                 .arg(remotePath, localPath));
        }
        const int n = virStreamRecv(st.get(), buf.data(), size_t(buf.size()));
        if (n < 0) {
            const Error e = m_conn.lastError(QStringLiteral("downloading '%1'").arg(remotePath));
            virStreamAbort(st.get());
            return e;
        }
        if (n == 0) break;
        if (out.write(buf.constData(), n) != n) {
            virStreamAbort(st.get());
            return makeError(
                ErrorCode::Io,
                QStringLiteral("writing '%1' failed: %2").arg(localPath, out.errorString()));
        }
        got += quint64(n);
        if (progress && total > 0) progress(std::min(100.0, 100.0 * double(got) / double(total)));
    }
    if (virStreamFinish(st.get()) < 0)
        return m_conn.lastError(QStringLiteral("downloading '%1'").arg(remotePath));
    if (!out.commit())
        return makeError(
            ErrorCode::Io,
            QStringLiteral("writing '%1' failed: %2").arg(localPath, out.errorString()));
    return {};
}

namespace {

// The volume at `path` and its pool, once `newPath` is known to be a free name in the same
// folder: what a copy and an overlay both check first. `what` names the new volume's kind.
Result<SourceVolume> sourceVolume(const LibvirtStorage& storage, const LibvirtConnection& conn,
                                  const QString& path, const QString& newPath,
                                  const QString& what) {
    SourceVolume out;
    out.volume.reset(virStorageVolLookupByPath(conn.get(), qPrintable(path)));
    if (!out.volume) return storage.volume(path).error();
    if (QFileInfo(newPath).path() != QFileInfo(path).path())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("%1 '%2' stays in its pool's folder").arg(what, path));
    if (VolRef existing{virStorageVolLookupByPath(conn.get(), qPrintable(newPath))})
        return makeError(
            ErrorCode::AlreadyExists,
            QStringLiteral("'%1' already exists on remote '%2'").arg(newPath, conn.remote().name),
            QStringLiteral("delete it first or pick another name"));
    out.described = describe(out.volume.get());
    out.pool.reset(virStoragePoolLookupByVolume(out.volume.get()));
    if (!out.pool) return conn.lastError(QStringLiteral("finding the pool of '%1'").arg(path));
    return out;
}

} // namespace

Result<RemoteVolume> LibvirtStorage::copy(const QString& path, const QString& copyPath,
                                          const QString& format) const {
    auto from = sourceVolume(*this, m_conn, path, copyPath, QStringLiteral("a copy of"));
    if (!from) return from.error();
    const QString xml = volumeXml(QFileInfo(copyPath).fileName(), from->described.capacity,
                                  format.isEmpty() ? from->described.format : format);
    VolRef made(
        virStorageVolCreateXMLFrom(from->pool.get(), qPrintable(xml), from->volume.get(), 0));
    if (!made) return m_conn.lastError(QStringLiteral("copying '%1'").arg(path));
    return describe(made.get());
}

Result<RemoteVolume> LibvirtStorage::overlay(const QString& path,
                                             const QString& overlayPath) const {
    auto base = sourceVolume(*this, m_conn, path, overlayPath, QStringLiteral("an overlay on"));
    if (!base) return base.error();
    const QString xml =
        volumeXml(QFileInfo(overlayPath).fileName(), base->described.capacity,
                  QStringLiteral("qcow2"), base->described.path, base->described.format);
    VolRef made(virStorageVolCreateXML(base->pool.get(), qPrintable(xml), 0));
    if (!made) return m_conn.lastError(QStringLiteral("making an overlay on '%1'").arg(path));
    return describe(made.get());
}

Result<RemoteVolume> LibvirtStorage::resize(const QString& path, std::uint64_t capacity,
                                            bool shrink) const {
    VolRef vol(virStorageVolLookupByPath(m_conn.get(), qPrintable(path)));
    if (!vol) return volume(path).error();
    const RemoteVolume now = describe(vol.get());
    if (capacity < now.capacity && !shrink)
        return makeError(
            ErrorCode::InvalidArgument,
            QStringLiteral("'%1' on remote '%2' is %3: making it %4 cuts off data")
                .arg(path, m_conn.remote().name, formatSize(now.capacity), formatSize(capacity)),
            QStringLiteral("shrink the file systems inside first, then pass --shrink"));
    if (virStorageVolResize(vol.get(), capacity,
                            capacity < now.capacity ? VIR_STORAGE_VOL_RESIZE_SHRINK : 0) < 0)
        return m_conn.lastError(QStringLiteral("resizing '%1'").arg(path));
    return describe(vol.get());
}

Status LibvirtStorage::refresh(const QString& path) const {
    auto pool = poolFor(path);
    if (!pool) return pool.error();
    const int rc = virStoragePoolRefresh(*pool, 0);
    virStoragePoolFree(*pool);
    if (rc < 0) return m_conn.lastError(QStringLiteral("rescanning the pool of '%1'").arg(path));
    return {};
}

Status LibvirtStorage::remove(const QString& path) const {
    VolRef vol(virStorageVolLookupByPath(m_conn.get(), qPrintable(path)));
    if (!vol) return volume(path).error();
    if (virStorageVolDelete(vol.get(), 0) < 0)
        return m_conn.lastError(QStringLiteral("deleting '%1'").arg(path));
    return {};
}

} // namespace vireo
