#include "spec/VmSpec.h"

#include <QRandomGenerator>

namespace vireo {

namespace {
template <typename E, std::size_t N>
QString nameOf(E value, const std::pair<E, const char*> (&table)[N]) {
    for (const auto& [e, s] : table)
        if (e == value) return QLatin1String(s);
    return {};
}
template <typename E, std::size_t N>
bool parseOf(const QString& text, E* out, const std::pair<E, const char*> (&table)[N]) {
    for (const auto& [e, s] : table)
        if (text == QLatin1String(s)) {
            *out = e;
            return true;
        }
    return false;
}

const std::pair<DiskBus, const char*> kBus[] = {{DiskBus::Virtio, "virtio"},
                                                {DiskBus::Sata, "sata"},
                                                {DiskBus::Nvme, "nvme"},
                                                {DiskBus::Scsi, "scsi"}};
const std::pair<DiskCache, const char*> kCache[] = {{DiskCache::None, "none"},
                                                    {DiskCache::Writeback, "writeback"},
                                                    {DiskCache::Writethrough, "writethrough"},
                                                    {DiskCache::Unsafe, "unsafe"},
                                                    {DiskCache::Directsync, "directsync"}};
const std::pair<Firmware, const char*> kFirmware[] = {{Firmware::Bios, "bios"},
                                                      {Firmware::Uefi, "uefi"}};
const std::pair<NicModel, const char*> kNic[] = {{NicModel::Virtio, "virtio"},
                                                 {NicModel::E1000e, "e1000e"}};
const std::pair<DisplayType, const char*> kDisplay[] = {{DisplayType::None, "none"},
                                                        {DisplayType::Vnc, "vnc"}};
} // namespace

QString toString(DiskBus v) {
    return nameOf(v, kBus);
}
QString toString(DiskCache v) {
    return nameOf(v, kCache);
}
QString toString(Firmware v) {
    return nameOf(v, kFirmware);
}
QString toString(NicModel v) {
    return nameOf(v, kNic);
}
QString toString(DisplayType v) {
    return nameOf(v, kDisplay);
}
bool parseDiskBus(const QString& s, DiskBus* out) {
    return parseOf(s, out, kBus);
}
bool parseDiskCache(const QString& s, DiskCache* out) {
    return parseOf(s, out, kCache);
}
bool parseFirmware(const QString& s, Firmware* out) {
    return parseOf(s, out, kFirmware);
}
bool parseNicModel(const QString& s, NicModel* out) {
    return parseOf(s, out, kNic);
}
bool parseDisplayType(const QString& s, DisplayType* out) {
    return parseOf(s, out, kDisplay);
}

QString randomMac() {
    const quint32 r = QRandomGenerator::system()->generate();
    return QStringLiteral("52:54:00:%1:%2:%3")
        .arg((r >> 16) & 0xff, 2, 16, QLatin1Char('0'))
        .arg((r >> 8) & 0xff, 2, 16, QLatin1Char('0'))
        .arg(r & 0xff, 2, 16, QLatin1Char('0'));
}

} // namespace vireo
