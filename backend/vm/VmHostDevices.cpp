#include "vm/VmHostDevices.h"

#include "passthrough/HostJournal.h"
#include "passthrough/HostPlan.h"
#include "passthrough/HostRoot.h"
#include "passthrough/PassthroughReport.h"
#include "passthrough/SriovConfig.h"
#include "store/AtomicFile.h"
#include "store/FileLock.h"
#include "vm/VmRuntime.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <optional>

namespace vireo {

namespace {

const QString kRecord = QStringLiteral("/host-devices.json");
const QString kLock = QStringLiteral("/host-devices.lock");

struct HeldVf {
    QString pf;
    int vf = -1;
    QString address;
    QStringList before; // `ip link set ... vf N` arguments that restore it
};

struct Record {
    QString vm;
    QString hostRoot;
    QStringList pci; // handed to vfio-pci by this start
    QList<HeldVf> vfs;
};

QJsonObject toJson(const Record& r) {
    QJsonArray vfs;
    for (const auto& v : r.vfs)
        vfs.append(QJsonObject{{QStringLiteral("pf"), v.pf},
                               {QStringLiteral("vf"), v.vf},
                               {QStringLiteral("address"), v.address},
                               {QStringLiteral("before"), QJsonArray::fromStringList(v.before)}});
    return {{QStringLiteral("vm"), r.vm},
            {QStringLiteral("hostRoot"), r.hostRoot},
            {QStringLiteral("pci"), QJsonArray::fromStringList(r.pci)},
            {QStringLiteral("vfs"), vfs}};
}

std::optional<Record> readRecord(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return std::nullopt;
    const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
    if (o.isEmpty()) return std::nullopt;
    Record r{o.value(QStringLiteral("vm")).toString(),
             o.value(QStringLiteral("hostRoot")).toString(),
             o.value(QStringLiteral("pci")).toVariant().toStringList(),
             {}};
    for (const auto& v : o.value(QStringLiteral("vfs")).toArray()) {
        const QJsonObject e = v.toObject();
        r.vfs.append({e.value(QStringLiteral("pf")).toString(),
                      e.value(QStringLiteral("vf")).toInt(-1),
                      e.value(QStringLiteral("address")).toString(),
                      e.value(QStringLiteral("before")).toVariant().toStringList()});
    }
    return r;
}

Status saveRecord(const QString& runtimeDir, const Record& r) {
    return writeFileAtomically(runtimeDir + kRecord,
                               QJsonDocument(toJson(r)).toJson(QJsonDocument::Indented));
}

QString driverOf(const HostRoot& host, const QString& address) {
    const auto dev = host.readLink(QStringLiteral("sys/bus/pci/devices/") + address);
    return dev ? host.linkName(*dev + QStringLiteral("/driver")) : QString();
}

std::unique_ptr<HostWriter> writerFor(const HostRoot& host) {
    return host.isRealHost() ? helperWriter() : treeWriter(host);
}

Error forVm(const VmSpec& spec, const Error& e) {
    return makeError(e.code, QStringLiteral("VM '%1': %2").arg(spec.name, e.message), e.fix);
}

// The VF index of `want` on `pf`: the one named, or the first the pool offers.
Result<int> chooseVf(const PassthroughReport& report, const SriovPf& pf, const SriovVfSpec& want,
                     const QHash<QString, QString>& held) {
    if (want.vf >= 0) {
        VIREO_TRY(checkVfIndex(pf, want.vf));
        const QString address = pf.vfs.at(want.vf);
        if (held.contains(address))
            return makeError(
                ErrorCode::Busy,
                QStringLiteral("VF %1 (%2) of %3 is held by VM '%4'")
                    .arg(want.vf)
                    .arg(address, pf.address, held.value(address)),
                QStringLiteral("stop that VM, or take any free VF: --sriov-vf %1").arg(pf.address));
        auto alone = devicesToPass(report, address, true);
        if (!alone) return alone.error();
        return want.vf;
    }
    QString lastWhy; // why the last VF the host itself keeps from VMs cannot go
    for (int i = 0; i < pf.vfs.size(); ++i) {
        if (pf.vfs.at(i).isEmpty()) continue;
        const Status free = pooledVfAvailable(report, pf.vfs.at(i), held);
        if (free) return i;
        if (free.error().code != ErrorCode::Busy) lastWhy = free.error().message;
    }
    return makeError(
        ErrorCode::Busy,
        QStringLiteral("%1 has no free VF that can go to a VM%2")
            .arg(pf.address, lastWhy.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(lastWhy)),
        QStringLiteral("stop a VM that holds one, or make more with 'vireoctl host "
                       "sriov-vfs %1 N'")
            .arg(pf.address));
}

Status takeVfs(const VmSpec& spec, const HostRoot& host, HostWriter& writer,
               const QString& runtimeDir, Record& record, TakenHostDevices& taken) {
    auto report = scanPassthrough(host);
    if (!report) return report.error();
    QHash<QString, QString> held = heldVfs();
    for (const auto& want : spec.sriovVfs) {
        auto pf = readSriovPf(host, want.pf);
        if (!pf) return pf.error();
        auto index = chooseVf(*report, *pf, want, held);
        if (!index) return index.error();
        const QString address = pf->vfs.at(*index);
        auto before = readVfSettings(host, *pf, *index);
        if (!before) return before.error();
        // Recorded before anything changes: a crash from here on is undone at release.
        record.vfs.append({want.pf, *index, address, vfSettingsArguments(*before)});
        held.insert(address, spec.name);
        VIREO_TRY(saveRecord(runtimeDir, record));
        VfSettings mine;
        mine.mac = want.mac;
        mine.vlan = want.vlan;
        mine.spoofCheck = 1; // the guest keeps the MAC it was given
        VIREO_TRY(configureVf(host, want.pf, *index, mine, writer));
        if (driverOf(host, address) != QLatin1String("vfio-pci")) VIREO_TRY(writer.detach(address));
        taken.vfAddresses << address;
    }
    return {};
}

} // namespace

Status pooledVfAvailable(const PassthroughReport& report, const QString& address,
                         const QHash<QString, QString>& held) {
    if (held.contains(address))
        return makeError(
            ErrorCode::Busy,
            QStringLiteral("VF %1 is held by VM '%2'").arg(address, held.value(address)));
    const PciDevice* dev = report.inventory.find(address);
    if (dev && dev->driver == QLatin1String("vfio-pci"))
        return makeError(ErrorCode::Busy,
                         QStringLiteral("VF %1 is with vfio-pci for another use").arg(address));
    auto alone = devicesToPass(report, address, true);
    if (!alone) return alone.error();
    if (alone->size() != 1)
        return makeError(ErrorCode::Busy,
                         QStringLiteral("VF %1 must go to a VM with %2")
                             .arg(address, alone->mid(1).join(QLatin1String(", "))));
    return {};
}

QHash<QString, QString> heldVfs() {
    QHash<QString, QString> held;
    const QDir root(VmRuntime::runtimeRoot());
    for (const auto& dir : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        if (auto r = readRecord(root.filePath(dir) + kRecord))
            for (const auto& v : r->vfs)
                held.insert(v.address, r->vm);
    return held;
}

Result<TakenHostDevices> takeHostDevices(const VmSpec& spec, const QString& runtimeDir) {
    TakenHostDevices taken;
    if (spec.hostPci.isEmpty() && spec.sriovVfs.isEmpty()) return taken;
    auto host = HostRoot::open(HostRoot::defaultDir());
    if (!host) return host.error();
    auto writer = writerFor(*host);
    Record record{spec.name, HostRoot::defaultDir(), {}, {}};
    auto undo = [&](const Error& e) -> Error {
        (void)releaseHostDevices(runtimeDir);
        return forVm(spec, e);
    };
    for (const auto& address : spec.hostPci) {
        const auto dev = host->readLink(QStringLiteral("sys/bus/pci/devices/") + address);
        if (!dev)
            return undo(
                makeError(ErrorCode::NotFound,
                          QStringLiteral("host PCI device %1 does not exist here").arg(address),
                          QStringLiteral("remove it: vireoctl vm edit %1 --remove-pci %2")
                              .arg(spec.name, address)));
        if (driverOf(*host, address) == QLatin1String("vfio-pci")) continue;
        auto moved = detachDevice(*host, address, *writer);
        if (!moved) return undo(moved.error());
        for (const auto& m : *moved)
            if (!record.pci.contains(m)) record.pci << m;
        if (auto s = saveRecord(runtimeDir, record); !s) return undo(s.error());
    }
    if (auto s = takeVfs(spec, *host, *writer, runtimeDir, record, taken); !s)
        return undo(s.error());
    return taken;
}

QStringList releaseHostDevices(const QString& runtimeDir) {
    if (!QFileInfo::exists(runtimeDir + kRecord)) return {};
    auto lock =
        FileLock::acquire(runtimeDir + kLock, QStringLiteral("the VM's host devices"), 60000);
    if (!lock) return {lock.error().line()};
    auto record = readRecord(runtimeDir + kRecord);
    if (!record) return {}; // given back by whoever held the lock before us
    QStringList failed;
    auto host = HostRoot::open(record->hostRoot);
    if (!host) return {host.error().line()};
    auto writer = writerFor(*host);
    Record left{record->vm, record->hostRoot, {}, {}};
    // Newest first: the reverse of how they were taken.
    for (auto v = record->vfs.rbegin(); v != record->vfs.rend(); ++v) {
        Status s;
        if (driverOf(*host, v->address) == QLatin1String("vfio-pci"))
            s = writer->reattach(v->address);
        if (s) s = configureVf(*host, v->pf, v->vf, vfSettingsFromArguments(v->before), *writer);
        if (!s) {
            failed << QStringLiteral("VF %1 of %2: %3").arg(v->vf).arg(v->pf, s.error().line());
            left.vfs.prepend(*v);
        }
    }
    for (const auto& address : record->pci)
        if (driverOf(*host, address) == QLatin1String("vfio-pci"))
            if (auto s = writer->reattach(address); !s) {
                failed << QStringLiteral("%1: %2").arg(address, s.error().line());
                left.pci << address;
            }
    if (left.pci.isEmpty() && left.vfs.isEmpty())
        QFile::remove(runtimeDir + kRecord);
    else
        (void)saveRecord(runtimeDir, left);
    return failed;
}

} // namespace vireo
