#pragma once

#include <QString>
#include <QStringList>

namespace vireo {

// Bytes through host network interfaces (a VM's taps), from sysfs. A tap's "rx" is what
// the guest sent, its "tx" what the guest received; these are the guest's view.
struct InterfaceBytes {
    qint64 guestSent = 0;
    qint64 guestReceived = 0;
    int interfaces = 0; // how many of the names were found
};

InterfaceBytes readTapBytes(const QStringList& taps,
                            const QString& sysRoot = QStringLiteral("/sys"));

} // namespace vireo
