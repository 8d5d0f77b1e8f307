#pragma once

#include "core/Result.h"
#include "libvirt/LibvirtConnection.h"

#include <QVector>
#include <atomic>
#include <functional>

namespace vireo {

// A disk as a volume of one of the host's storage pools.
struct RemoteVolume {
    QString pool;
    QString name;
    QString path;
    QString format; // qcow2, raw, ...
    std::uint64_t capacity = 0;
    std::uint64_t allocation = 0;
    QString backing; // the image under a qcow2 overlay, "" for none
    QString compat;  // qcow2's version: "0.10" (v2) or "1.1" (v3); "" for other formats
};

// Disks on a libvirt host: volumes of its storage pools, named by their path there. A path
// belongs to the active pool whose target folder holds it. Uploads and downloads stream
// over the connection already open (virStorageVolUpload/Download), never scp.
class LibvirtStorage {
public:
    explicit LibvirtStorage(const LibvirtConnection& connection) : m_conn(connection) {}

    Result<QVector<RemoteVolume>> list() const;
    Result<RemoteVolume> volume(const QString& path) const;
    // An empty volume of `capacity` bytes at `path` (a new file in a pool's folder).
    Result<RemoteVolume> create(const QString& path, std::uint64_t capacity,
                                const QString& format) const;
    // Copies a local image (any format qemu-img knows, as it is: a qcow2 stays qcow2) to a
    // new volume at `remotePath`. A failure or cancel removes the half-written volume.
    Result<RemoteVolume> upload(const QString& localPath, const QString& remotePath,
                                const std::function<void(double)>& progress = {},
                                const std::atomic_bool* cancel = nullptr) const;
    // Copies a volume to a local file, atomically (a temp file renamed at the end).
    Status download(const QString& remotePath, const QString& localPath,
                    const std::function<void(double)>& progress = {},
                    const std::atomic_bool* cancel = nullptr) const;
    // A full copy of volume `path` as a new volume `copyPath` of the same pool (on the host,
    // by libvirt; nothing crosses the network).
    // With `format`, the copy is converted to it (by libvirt's qemu-img on the host).
    Result<RemoteVolume> copy(const QString& path, const QString& copyPath,
                              const QString& format = {}) const;
    // Changes the virtual size; making it smaller needs `shrink`, as locally.
    Result<RemoteVolume> resize(const QString& path, std::uint64_t capacity, bool shrink) const;
    // A thin qcow2 volume `overlayPath` over volume `path`, in the same pool.
    Result<RemoteVolume> overlay(const QString& path, const QString& overlayPath) const;
    Status remove(const QString& path) const;
    // Rescans the pool whose folder holds `path`, so that a file the host made there itself
    // (a backup's copy) is a volume; fails, saying how to fix it, when no pool holds it.
    Status refresh(const QString& path) const;

private:
    Result<virStoragePoolPtr> poolFor(const QString& path) const;
    const LibvirtConnection& m_conn;
};

} // namespace vireo
