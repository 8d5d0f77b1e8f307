#include "jobs/HostResources.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStorageInfo>
#include <QThread>

namespace vireo {

std::uint64_t hostMemoryMiB() {
    QFile f(QStringLiteral("/proc/meminfo"));
    if (!f.open(QIODevice::ReadOnly)) return 0;
    // /proc files report size 0, so atEnd() is true at once: read them whole.
    const auto lines = f.readAll().split('\n');
    for (const QByteArray& line : lines) {
        if (line.startsWith("MemTotal:")) {
            const auto parts = line.simplified().split(' ');
            if (parts.size() >= 2) return parts.at(1).toULongLong() / 1024;
        }
    }
    return 0;
}

int hostCpuCount() {
    return QThread::idealThreadCount();
}

std::uint64_t freeDiskBytes(const QString& path) {
    // The folder may not exist yet: measure its nearest existing ancestor.
    QFileInfo fi(path);
    QDir dir(fi.isDir() ? fi.absoluteFilePath() : fi.absolutePath());
    while (!dir.exists() && dir.cdUp()) {
    }
    const QStorageInfo storage(dir.absolutePath());
    return storage.isValid() ? std::uint64_t(storage.bytesAvailable()) : 0;
}

QString isoVolumeLabel(const QString& isoPath) {
    // The primary volume descriptor sits in sector 16; the volume id is bytes 40..71.
    QFile f(isoPath);
    if (!f.open(QIODevice::ReadOnly) || !f.seek(16 * 2048)) return {};
    const QByteArray pvd = f.read(72);
    if (pvd.size() < 72 || pvd.at(0) != 1 || pvd.mid(1, 5) != "CD001") return {};
    return QString::fromLatin1(pvd.mid(40, 32)).trimmed();
}

} // namespace vireo
