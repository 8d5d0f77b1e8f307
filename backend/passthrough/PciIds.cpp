#include "passthrough/PciIds.h"

#include <QFile>
#include <QHash>
#include <QSet>

namespace vireo {

namespace {

// The database mapped, not read: it is ~1.3 MB and a scan must stay in milliseconds.
struct PciIdsFile {
    QFile file;
    QByteArrayView data;
};

bool openPciIds(PciIdsFile& ids) {
    const QByteArray env = qgetenv("VIREO_PCI_IDS");
    const QStringList candidates = env.isEmpty()
                                       ? QStringList{QStringLiteral("/usr/share/misc/pci.ids"),
                                                     QStringLiteral("/usr/share/hwdata/pci.ids"),
                                                     QStringLiteral("/usr/share/pci.ids")}
                                       : QStringList{QString::fromLocal8Bit(env)};
    for (const auto& path : candidates) {
        ids.file.setFileName(path);
        if (!ids.file.open(QIODevice::ReadOnly)) continue;
        const uchar* map = ids.file.map(0, ids.file.size());
        if (!map) {
            ids.file.close();
            continue;
        }
        ids.data = QByteArrayView(reinterpret_cast<const char*>(map), ids.file.size());
        return true;
    }
    return false;
}

// "10de" from "0x10de".
QByteArray bareId(const QString& id) {
    return id.startsWith(QLatin1String("0x")) ? id.mid(2).toLatin1() : id.toLatin1();
}

} // namespace

void fillPciNames(QList<PciDevice>& devices) {
    if (devices.isEmpty()) return;
    PciIdsFile ids;
    if (!openPciIds(ids)) return;
    const QByteArrayView db = ids.data;
    QSet<QByteArray> vendors;
    for (const auto& d : devices)
        vendors.insert(bareId(d.vendorId));
    // One pass over the file keeping only the vendors present: the file is ~1.3 MB and
    // a scan must stay in milliseconds.
    QHash<QByteArray, QString> vendorNames;
    QHash<QByteArray, QString> deviceNames; // "vvvv:dddd"
    QByteArray vendor;
    bool keep = false;
    qsizetype pos = 0;
    while (pos < db.size()) {
        qsizetype end = db.indexOf('\n', pos);
        if (end < 0) end = db.size();
        const QByteArrayView line(db.constData() + pos, end - pos);
        pos = end + 1;
        if (line.isEmpty() || line.front() == '#') continue;
        if (line.startsWith("C ")) break; // the class list follows the vendors
        if (line.front() != '\t') {
            vendor = line.first(4).toByteArray();
            keep = line.size() > 6 && vendors.contains(vendor);
            if (keep) vendorNames.insert(vendor, QString::fromUtf8(line.sliced(6)).trimmed());
        } else if (keep && line.size() > 7 && line.at(1) != '\t') {
            deviceNames.insert(vendor + ':' + line.sliced(1, 4).toByteArray(),
                               QString::fromUtf8(line.sliced(7)).trimmed());
        }
    }
    for (auto& d : devices) {
        const QByteArray v = bareId(d.vendorId);
        d.vendorName = vendorNames.value(v);
        d.deviceName = deviceNames.value(v + ':' + bareId(d.deviceId));
    }
}

} // namespace vireo
