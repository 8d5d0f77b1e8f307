#include "network/InterfaceStats.h"

#include <QFile>

namespace vireo {

namespace {

qint64 readCounter(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return -1;
    bool ok = false;
    const qint64 v = f.readAll().trimmed().toLongLong(&ok);
    return ok ? v : -1;
}

} // namespace

InterfaceBytes readTapBytes(const QStringList& taps, const QString& sysRoot) {
    InterfaceBytes total;
    for (const auto& tap : taps) {
        const QString dir = QStringLiteral("%1/class/net/%2/statistics/").arg(sysRoot, tap);
        const qint64 rx = readCounter(dir + QStringLiteral("rx_bytes"));
        const qint64 tx = readCounter(dir + QStringLiteral("tx_bytes"));
        if (rx < 0 || tx < 0) continue;
        total.guestSent += rx;
        total.guestReceived += tx;
        ++total.interfaces;
    }
    return total;
}

} // namespace vireo
