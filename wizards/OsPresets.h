#pragma once

#include "spec/VmSpec.h"

#include <QCoreApplication>
#include <QString>
#include <QVector>

namespace vireo {

// Recommended hardware for a guest OS. Names are proper nouns except "generic Linux" and
// "other"; displayName() translates.
struct OsPreset {
    QString id;
    const char* name; // QT_TRANSLATE_NOOP("OsPreset", ...)
    int cpus;
    std::uint64_t memoryMiB;
    std::uint64_t diskGiB;
    Firmware firmware;
    bool secureBoot;
    bool tpm; // only when swtpm is installed
    DiskBus diskBus;
    NicModel nic;
    QStringList labelHints; // lower-case fragments of ISO volume labels

    QString displayName() const { return QCoreApplication::translate("OsPreset", name); }
};

const QVector<OsPreset>& osPresets();
const OsPreset& osPreset(const QString& id); // "other" when unknown
// The preset an ISO's volume label points to ("Debian 12.5.0 amd64 n" → debian), or empty.
QString presetForVolumeLabel(const QString& label);

} // namespace vireo
