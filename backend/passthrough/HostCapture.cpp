#include "passthrough/HostCapture.h"

#include "core/ProcessRunner.h"
#include "doctor/Doctor.h"
#include "passthrough/HostRoot.h"
#include "usb/UsbBus.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <sys/stat.h>
#include <unistd.h>

namespace vireo {

namespace {

const char* const kDeviceFiles[] = {
    "class",     "vendor",         "device",       "subsystem_vendor", "subsystem_device",
    "revision",  "boot_vga",       "reset_method", "sriov_totalvfs",   "sriov_numvfs",
    "numa_node", "driver_override"};
const char* const kDeviceLinks[] = {"driver", "iommu_group", "physfn"};
const char* const kModules[] = {"vfio", "vfio_pci",  "vfio_iommu_type1",
                                "kvm",  "kvm_intel", "kvm_amd"};
const char* const kProcFiles[] = {"cmdline",   "mounts",  "swaps",
                                  "net/route", "modules", "interrupts"};

QString parentOf(const QString& path) {
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    return slash < 0 ? QString() : path.left(slash);
}

class Copier {
public:
    Copier(const HostRoot& host, QString out) : m_host(host), m_out(std::move(out)) {}

    // Copies a file's content (the path is resolved in the source).
    void file(const QString& path) { write(path, m_host.readBytes(path)); }

    // `gid` >= 0: the file gets that group (it takes root; without it the group stays ours).
    void write(const QString& path, const QByteArray& data, int mode = -1, int gid = -1) {
        const QString dest = m_out + QLatin1Char('/') + path;
        QDir().mkpath(parentOf(dest));
        QFile f(dest);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            if (!m_error)
                m_error = makeError(ErrorCode::Io, QStringLiteral("cannot write '%1'").arg(dest),
                                    f.errorString());
            return;
        }
        f.write(data);
        f.close();
        if (gid >= 0) (void)::chown(QFile::encodeName(dest).constData(), uid_t(-1), gid_t(gid));
        if (mode >= 0) ::chmod(QFile::encodeName(dest).constData(), mode_t(mode));
    }

    // Copies the link at `path` as a link (or a stand-in file as a file) at its resolved
    // parent; returns where it leads in the source, or empty.
    QString link(const QString& path) {
        const QString parent = m_host.resolve(parentOf(path));
        const QString name = path.section(QLatin1Char('/'), -1);
        const QString inRoot = parent.isEmpty() ? name : parent + QLatin1Char('/') + name;
        const QByteArray source = QFile::encodeName(m_host.absolute(inRoot));
        struct stat st {};
        if (::lstat(source.constData(), &st) != 0) return {};
        if (S_ISLNK(st.st_mode)) {
            char buffer[4096];
            const ssize_t n = ::readlink(source.constData(), buffer, sizeof buffer);
            if (n <= 0 || n == static_cast<ssize_t>(sizeof buffer)) return {};
            const QString dest = m_out + QLatin1Char('/') + inRoot;
            QDir().mkpath(parentOf(dest));
            if (::symlink(QByteArray(buffer, n).constData(), QFile::encodeName(dest).constData()) !=
                    0 &&
                !m_error)
                m_error =
                    makeError(ErrorCode::Io, QStringLiteral("cannot create link '%1'").arg(dest));
        } else if (S_ISREG(st.st_mode)) {
            file(inRoot);
        } else if (S_ISDIR(st.st_mode)) {
            // Hand-made trees may hold a folder where the kernel has a link.
            mkdir(inRoot);
            return inRoot;
        }
        return m_host.readLink(inRoot).value_or(QString());
    }

    void mkdir(const QString& path) { QDir().mkpath(m_out + QLatin1Char('/') + path); }

    Status status() const {
        if (m_error) return *m_error;
        return m_host.status();
    }

private:
    const HostRoot& m_host;
    QString m_out;
    std::optional<Error> m_error;
};

void capturePci(const HostRoot& host, Copier& copy) {
    const QString devices = QStringLiteral("sys/bus/pci/devices/");
    for (const auto& address : host.list(devices)) {
        const QString dir = copy.link(devices + address);
        if (dir.isEmpty()) continue;
        for (const char* f : kDeviceFiles)
            if (host.exists(dir + QLatin1Char('/') + QLatin1String(f)))
                copy.file(dir + QLatin1Char('/') + QLatin1String(f));
        for (const char* l : kDeviceLinks)
            copy.link(dir + QLatin1Char('/') + QLatin1String(l));
        for (const auto& e : host.list(dir))
            if (e.startsWith(QLatin1String("virtfn"))) copy.link(dir + QLatin1Char('/') + e);
        for (const auto& ifname : host.list(dir + QStringLiteral("/net")))
            copy.mkdir(dir + QStringLiteral("/net/") + ifname);
    }
    const QString groups = QStringLiteral("sys/kernel/iommu_groups/");
    for (const auto& g : host.list(groups)) {
        copy.file(groups + g + QStringLiteral("/type"));
        for (const auto& m : host.list(groups + g + QStringLiteral("/devices")))
            copy.link(groups + g + QStringLiteral("/devices/") + m);
    }
}

void captureBlockAndNet(const HostRoot& host, Copier& copy) {
    const QString block = QStringLiteral("sys/class/block/");
    for (const auto& name : host.list(block)) {
        const QString dir = copy.link(block + name);
        if (dir.isEmpty()) continue;
        for (const char* f : {"dev", "partition", "dm/name"})
            if (host.exists(dir + QLatin1Char('/') + QLatin1String(f)))
                copy.file(dir + QLatin1Char('/') + QLatin1String(f));
        for (const auto& s : host.list(dir + QStringLiteral("/slaves")))
            copy.link(dir + QStringLiteral("/slaves/") + s);
    }
    const QString net = QStringLiteral("sys/class/net/");
    for (const auto& ifname : host.list(net)) {
        const QString dir = copy.link(net + ifname);
        if (dir.isEmpty()) continue;
        copy.link(dir + QStringLiteral("/device"));
        if (host.exists(dir + QStringLiteral("/operstate")))
            copy.file(dir + QStringLiteral("/operstate"));
        for (const auto& e : host.list(dir))
            if (e.startsWith(QLatin1String("lower_"))) copy.link(dir + QLatin1Char('/') + e);
        for (const auto& port : host.list(dir + QStringLiteral("/brif")))
            copy.link(dir + QStringLiteral("/brif/") + port);
    }
}

void captureRest(const HostRoot& host, Copier& copy) {
    // Firmware tables are binary and root-only; whether they exist is all the checks read.
    for (const char* t : {"DMAR", "IVRS"}) {
        const QString path = QStringLiteral("sys/firmware/acpi/tables/") + QLatin1String(t);
        if (host.exists(path)) copy.write(path, {});
    }
    for (const char* m : kModules) {
        const QString dir = QStringLiteral("sys/module/") + QLatin1String(m);
        if (!host.exists(dir)) continue;
        copy.mkdir(dir);
        const QString unsafe = dir + QStringLiteral("/parameters/allow_unsafe_interrupts");
        if (host.exists(unsafe)) copy.file(unsafe);
    }
    for (const char* f : kProcFiles) {
        const QString path = QStringLiteral("proc/") + QLatin1String(f);
        if (host.exists(path)) copy.file(path);
    }
    // The first processor's block is enough (flags are per host) and keeps the file small.
    const QByteArray cpuinfo = host.readBytes(QStringLiteral("proc/cpuinfo"));
    const qsizetype end = cpuinfo.indexOf("\n\n");
    copy.write(QStringLiteral("proc/cpuinfo"), end < 0 ? cpuinfo : cpuinfo.left(end + 1));
    if (host.exists(QStringLiteral("dev/kvm"))) copy.write(QStringLiteral("dev/kvm"), {});
}

// The USB devices libusb sees, as the replayable list `usb list --json` and the filter
// tests read (no file when the host has no USB buses).
void captureUsb(const HostRoot& host, Copier& copy) {
    auto bus = openUsbBus(host);
    if (!bus) return;
    auto devices = (*bus)->devices();
    if (!devices) return;
    QJsonArray list;
    for (const auto& d : *devices)
        list.append(usbDeviceToJson(d));
    copy.write(QString::fromLatin1(kUsbCaptureFile),
               QJsonDocument(QJsonObject{{QStringLiteral("devices"), list}}).toJson(), 0644);
}

} // namespace

Status captureHost(const QString& outputPath, const QString& sourceRoot) {
    auto host = HostRoot::open(sourceRoot);
    if (!host) return host.error();
    const QFileInfo out(outputPath);
    if (!out.absoluteDir().exists())
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("folder '%1' does not exist").arg(out.absolutePath()),
                         QStringLiteral("create it or write the capture elsewhere"));
    QTemporaryDir tmp;
    if (!tmp.isValid())
        return makeError(ErrorCode::Io, QStringLiteral("cannot create a temporary folder"),
                         tmp.errorString());
    Copier copy(*host, tmp.path());
    capturePci(*host, copy);
    captureBlockAndNet(*host, copy);
    captureRest(*host, copy);
    captureDoctorFacts(*host, [&copy](const QString& path, const QByteArray& data, int mode,
                                      int gid) { copy.write(path, data, mode, gid); });
    captureUsb(*host, copy);
    VIREO_TRY(copy.status());
    // Numeric ids: the tree's own etc/group names them, not the host that unpacks it.
    auto tar = runProcess(
        {{QStringLiteral("tar"), QStringLiteral("czf"), out.absoluteFilePath(),
          QStringLiteral("--numeric-owner"), QStringLiteral("-C"), tmp.path(), QStringLiteral(".")},
         120000,
         {},
         nullptr});
    if (!tar) return tar.error();
    return {};
}

} // namespace vireo
