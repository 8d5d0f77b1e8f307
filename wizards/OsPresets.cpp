#include "OsPresets.h"

#include <QStandardPaths>

namespace vireo {

const QVector<OsPreset>& osPresets() {
    static const QVector<OsPreset> presets = [] {
        const bool swtpm = !QStandardPaths::findExecutable(QStringLiteral("swtpm")).isEmpty();
        auto v = NicModel::Virtio;
        auto virtio = DiskBus::Virtio;
        return QVector<OsPreset>{
            {QStringLiteral("debian"),
             QT_TRANSLATE_NOOP("OsPreset", "Debian"),
             2,
             2048,
             20,
             Firmware::Uefi,
             false,
             false,
             virtio,
             v,
             {QStringLiteral("debian")}},
            {QStringLiteral("ubuntu"),
             QT_TRANSLATE_NOOP("OsPreset", "Ubuntu"),
             2,
             4096,
             25,
             Firmware::Uefi,
             false,
             false,
             virtio,
             v,
             {QStringLiteral("ubuntu")}},
            {QStringLiteral("fedora"),
             QT_TRANSLATE_NOOP("OsPreset", "Fedora"),
             2,
             4096,
             30,
             Firmware::Uefi,
             false,
             false,
             virtio,
             v,
             {QStringLiteral("fedora")}},
            {QStringLiteral("arch"),
             QT_TRANSLATE_NOOP("OsPreset", "Arch Linux"),
             2,
             2048,
             20,
             Firmware::Uefi,
             false,
             false,
             virtio,
             v,
             {QStringLiteral("arch")}},
            {QStringLiteral("win10"),
             QT_TRANSLATE_NOOP("OsPreset", "Windows 10"),
             2,
             4096,
             64,
             Firmware::Uefi,
             false,
             false,
             DiskBus::Sata,
             NicModel::E1000e,
             {QStringLiteral("win10"), QStringLiteral("ccsa_x64fre")}},
            {QStringLiteral("win11"),
             QT_TRANSLATE_NOOP("OsPreset", "Windows 11"),
             4,
             8192,
             64,
             Firmware::Uefi,
             true,
             swtpm,
             DiskBus::Sata,
             NicModel::E1000e,
             {QStringLiteral("win11"), QStringLiteral("cpba_x64fre")}},
            {QStringLiteral("freebsd"),
             QT_TRANSLATE_NOOP("OsPreset", "FreeBSD"),
             2,
             2048,
             20,
             Firmware::Bios,
             false,
             false,
             virtio,
             v,
             // FreeBSD's own labels read like "14_1_RELEASE_AMD64_CD".
             {QStringLiteral("freebsd"), QStringLiteral("_release_amd64"),
              QStringLiteral("_release_arm64")}},
            {QStringLiteral("linux"),
             QT_TRANSLATE_NOOP("OsPreset", "Generic Linux"),
             1,
             1024,
             10,
             Firmware::Bios,
             false,
             false,
             virtio,
             v,
             {}},
            {QStringLiteral("other"),
             QT_TRANSLATE_NOOP("OsPreset", "Other"),
             1,
             1024,
             10,
             Firmware::Bios,
             false,
             false,
             DiskBus::Sata,
             NicModel::E1000e,
             {}},
        };
    }();
    return presets;
}

const OsPreset& osPreset(const QString& id) {
    for (const auto& p : osPresets())
        if (p.id == id) return p;
    return osPresets().last();
}

QString presetForVolumeLabel(const QString& label) {
    const QString l = label.toLower();
    if (l.isEmpty()) return {};
    for (const auto& p : osPresets())
        for (const auto& hint : p.labelHints)
            if (l.contains(hint)) return p.id;
    return {};
}

} // namespace vireo
