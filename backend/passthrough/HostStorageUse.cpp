#include "passthrough/HostStorageUse.h"

#include "passthrough/PciInventory.h"

namespace vireo {

namespace {

const QString kBlock = QStringLiteral("sys/class/block/");
// dm on md on dm is real; deeper is a loop in a malformed tree.
constexpr int kMaxStackDepth = 8;

struct MountEntry {
    QString source;
    QString target;
};

// proc/mounts writes space, tab, newline and backslash as \040-style octal.
QString unescapeMount(const QString& text) {
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) == QLatin1Char('\\') && i + 3 < text.size()) {
            bool ok = false;
            const int code = text.mid(i + 1, 3).toInt(&ok, 8);
            if (ok) {
                out.append(QChar(code));
                i += 3;
                continue;
            }
        }
        out.append(text.at(i));
    }
    return out;
}

QList<MountEntry> readMounts(const HostRoot& host) {
    QList<MountEntry> mounts;
    const QStringList lines = host.readText(QStringLiteral("proc/mounts")).split(QLatin1Char('\n'));
    for (const auto& line : lines) {
        const QStringList f = line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (f.size() < 2) continue;
        mounts.append({unescapeMount(f.at(0)), unescapeMount(f.at(1))});
    }
    return mounts;
}

QString cmdlineValue(const HostRoot& host, const QString& key) {
    const QStringList words =
        host.readText(QStringLiteral("proc/cmdline")).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const auto& w : words)
        if (w.startsWith(key + QLatin1Char('='))) return w.mid(key.size() + 1);
    return {};
}

// The sys/class/block name of a /dev path, or empty.
QString blockName(const HostRoot& host, const QString& devPath) {
    if (!devPath.startsWith(QLatin1String("/dev/"))) return {};
    if (devPath == QLatin1String("/dev/root")) {
        // Some kernels show the root filesystem as /dev/root; root= says which it is.
        const QString root = cmdlineValue(host, QStringLiteral("root"));
        return root == devPath ? QString() : blockName(host, root);
    }
    const QString name = devPath.mid(5);
    QString dmName;
    if (name.startsWith(QLatin1String("mapper/"))) {
        dmName = name.mid(7);
    } else if (name.count(QLatin1Char('/')) == 1 && !name.startsWith(QLatin1String("md/")) &&
               !name.startsWith(QLatin1String("disk/"))) {
        // /dev/VG/LV is device-mapper "VG-LV" with dashes inside names doubled.
        const QString vg = name.section(QLatin1Char('/'), 0, 0);
        const QString lv = name.section(QLatin1Char('/'), 1);
        dmName = QString(vg).replace(QLatin1Char('-'), QStringLiteral("--")) + QLatin1Char('-') +
                 QString(lv).replace(QLatin1Char('-'), QStringLiteral("--"));
    }
    if (!dmName.isEmpty()) {
        for (const auto& e : host.list(QStringLiteral("sys/class/block")))
            if (e.startsWith(QLatin1String("dm-")) &&
                host.readText(kBlock + e + QStringLiteral("/dm/name")) == dmName)
                return e;
        return {};
    }
    // /dev/md/NAME and /dev/disk/by-*/X are links on the host's /dev; the last component
    // is right for md (md/0 -> md0 is not, so try both).
    const QString last = name.section(QLatin1Char('/'), -1);
    if (host.exists(kBlock + last)) return last;
    if (name.startsWith(QLatin1String("md/")) && host.exists(kBlock + QStringLiteral("md") + last))
        return QStringLiteral("md") + last;
    return {};
}

struct Carrier {
    QString address;
    QString disk;
};

void collectCarriers(const HostRoot& host, const QString& name, int depth, QList<Carrier>& out) {
    if (depth > kMaxStackDepth) return;
    const auto linked = host.readLink(kBlock + name);
    const QString dir = linked ? *linked : host.resolve(kBlock + name);
    if (dir.isEmpty()) return;
    // A partition's folder sits inside its disk's folder.
    const QString disk = host.exists(dir + QStringLiteral("/partition"))
                             ? dir.section(QLatin1Char('/'), -2, -2)
                             : dir.section(QLatin1Char('/'), -1);
    for (const auto& address : pciAddressesOnPath(dir))
        out.append({address, disk});
    for (const auto& slave : host.list(dir + QStringLiteral("/slaves")))
        collectCarriers(host, slave, depth + 1, out);
}

} // namespace

QStringList pciAddressesOnPath(const QString& inRootPath) {
    QStringList out;
    for (const auto& part : inRootPath.split(QLatin1Char('/'), Qt::SkipEmptyParts))
        if (isPciAddress(part)) out.append(part);
    return out;
}

Result<QList<HostStorageUse>> findHostStorageUse(const HostRoot& host) {
    QList<HostStorageUse> uses;
    const QList<MountEntry> mounts = readMounts(host);
    auto add = [&](const QString& device, const QString& mountPoint, bool critical) {
        QList<Carrier> carriers;
        collectCarriers(host, blockName(host, device), 0, carriers);
        for (const auto& c : carriers) {
            const HostStorageUse use{c.address, c.disk, device, mountPoint, critical};
            bool seen = false;
            for (const auto& u : uses)
                seen = seen || (u.address == use.address && u.mountPoint == use.mountPoint &&
                                u.device == use.device);
            if (!seen) uses.append(use);
        }
    };
    static const QStringList kCritical{QStringLiteral("/"), QStringLiteral("/boot"),
                                       QStringLiteral("/boot/efi")};
    for (const auto& m : mounts)
        if (m.source.startsWith(QLatin1String("/dev/")))
            add(m.source, m.target, kCritical.contains(m.target));

    const QStringList swaps = host.readText(QStringLiteral("proc/swaps")).split(QLatin1Char('\n'));
    for (qsizetype i = 1; i < swaps.size(); ++i) { // line 0 is the header
        const QString path =
            unescapeMount(swaps.at(i).simplified().section(QLatin1Char(' '), 0, 0));
        if (path.isEmpty()) continue;
        if (path.startsWith(QLatin1String("/dev/"))) {
            add(path, QStringLiteral("swap"), true);
            continue;
        }
        // A swap file lives on the filesystem of the longest mount point above it.
        const MountEntry* best = nullptr;
        for (const auto& m : mounts) {
            const bool above =
                m.target == QLatin1String("/") || path.startsWith(m.target + QLatin1Char('/'));
            if (above && m.source.startsWith(QLatin1String("/dev/")) &&
                (!best || m.target.size() > best->target.size()))
                best = &m;
        }
        if (best) add(best->source, QStringLiteral("swap"), true);
    }
    VIREO_TRY(host.status());
    return uses;
}

} // namespace vireo
