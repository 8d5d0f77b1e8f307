#include "spec/VmSpecJson.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace vireo {

QJsonObject vmSpecToJson(const VmSpec& s) {
    QJsonArray disks;
    for (const auto& d : s.disks)
        disks.append(QJsonObject{{QStringLiteral("path"), d.path},
                                 {QStringLiteral("format"), d.format},
                                 {QStringLiteral("bus"), toString(d.bus)},
                                 {QStringLiteral("cache"), toString(d.cache)},
                                 {QStringLiteral("readOnly"), d.readOnly}});
    QJsonArray nics;
    for (const auto& n : s.nics)
        nics.append(QJsonObject{
            {QStringLiteral("model"), toString(n.model)},
            {QStringLiteral("mac"), n.mac},
            {QStringLiteral("network"), n.network},
            {QStringLiteral("hostForwards"), QJsonArray::fromStringList(n.hostForwards)},
            {QStringLiteral("vlan"), n.vlan}});
    auto intList = [](const QVector<int>& v) {
        QJsonArray a;
        for (int i : v)
            a.append(i);
        return a;
    };
    QJsonArray shares;
    for (const auto& f : s.shares)
        shares.append(QJsonObject{{QStringLiteral("tag"), f.tag},
                                  {QStringLiteral("hostDir"), f.hostDir},
                                  {QStringLiteral("readOnly"), f.readOnly}});
    QJsonArray sriovVfs;
    for (const auto& v : s.sriovVfs)
        sriovVfs.append(QJsonObject{{QStringLiteral("pf"), v.pf},
                                    {QStringLiteral("vf"), v.vf},
                                    {QStringLiteral("mac"), v.mac},
                                    {QStringLiteral("vlan"), v.vlan}});
    QJsonArray usbFilters;
    for (const auto& f : s.usbFilters)
        usbFilters.append(QJsonObject{{QStringLiteral("vendor"), f.vendor},
                                      {QStringLiteral("product"), f.product},
                                      {QStringLiteral("serial"), f.serial},
                                      {QStringLiteral("port"), f.port}});
    return QJsonObject{
        {QStringLiteral("schema"), kVmSchemaVersion},
        {QStringLiteral("name"), s.name},
        {QStringLiteral("uuid"), s.uuid.toString(QUuid::WithoutBraces)},
        {QStringLiteral("cpu"), QJsonObject{{QStringLiteral("sockets"), s.cpu.sockets},
                                            {QStringLiteral("cores"), s.cpu.cores},
                                            {QStringLiteral("threads"), s.cpu.threads}}},
        {QStringLiteral("memoryMiB"), static_cast<qint64>(s.memoryMiB)},
        {QStringLiteral("firmware"), QJsonObject{{QStringLiteral("type"), toString(s.firmware)},
                                                 {QStringLiteral("secureBoot"), s.secureBoot},
                                                 {QStringLiteral("tpm"), s.tpm}}},
        {QStringLiteral("machine"), s.machine},
        {QStringLiteral("disks"), disks},
        {QStringLiteral("cdrom"), s.cdrom},
        {QStringLiteral("nics"), nics},
        {QStringLiteral("display"), toString(s.display)},
        {QStringLiteral("serial"), s.serial},
        {QStringLiteral("bootOrder"), QJsonArray::fromStringList(s.bootOrder)},
        {QStringLiteral("kernel"), QJsonObject{{QStringLiteral("path"), s.kernel.kernel},
                                               {QStringLiteral("initrd"), s.kernel.initrd},
                                               {QStringLiteral("cmdline"), s.kernel.cmdline}}},
        {QStringLiteral("autostart"), s.autostart},
        {QStringLiteral("notes"), s.notes},
        {QStringLiteral("os"), s.os},
        {QStringLiteral("sharedMemory"), s.sharedMemory},
        {QStringLiteral("shares"), shares},
        {QStringLiteral("guestAgent"), s.guestAgent},
        {QStringLiteral("clipboard"), s.clipboard},
        {QStringLiteral("template"), s.isTemplate},
        {QStringLiteral("machineId"), s.machineId},
        {QStringLiteral("hostPci"), QJsonArray::fromStringList(s.hostPci)},
        {QStringLiteral("sriovVfs"), sriovVfs},
        {QStringLiteral("usb"), s.usb},
        {QStringLiteral("usbFilters"), usbFilters},
        {QStringLiteral("backup"), QJsonObject{{QStringLiteral("folder"), s.backup.folder},
                                               {QStringLiteral("everyHours"), s.backup.everyHours},
                                               {QStringLiteral("keep"), s.backup.keep}}},
        {QStringLiteral("performance"),
         QJsonObject{{QStringLiteral("vcpuPins"), intList(s.perf.vcpuPins)},
                     {QStringLiteral("emulatorPins"), intList(s.perf.emulatorPins)},
                     {QStringLiteral("hugepageKiB"), s.perf.hugepageKiB},
                     {QStringLiteral("ioThreads"), s.perf.ioThreads},
                     {QStringLiteral("queues"), s.perf.queues},
                     {QStringLiteral("preset"), s.perf.preset}}},
    };
}

QByteArray vmSpecToBytes(const VmSpec& spec) {
    return QJsonDocument(vmSpecToJson(spec)).toJson(QJsonDocument::Indented);
}

namespace {

// Schema 1 (the first release) stored memory as a string ("512M") and a single "cpus"
// count. Migrations are pure functions on the JSON so they are easy to test.
QJsonObject migrateFrom1(QJsonObject o) {
    const QString mem = o.take(QStringLiteral("memory")).toString();
    qint64 mib = 512;
    if (mem.endsWith(QLatin1Char('G')))
        mib = mem.chopped(1).toLongLong() * 1024;
    else if (mem.endsWith(QLatin1Char('M')))
        mib = mem.chopped(1).toLongLong();
    o[QStringLiteral("memoryMiB")] = mib;
    const int cpus = o.take(QStringLiteral("cpus")).toInt(1);
    o[QStringLiteral("cpu")] = QJsonObject{{QStringLiteral("sockets"), 1},
                                           {QStringLiteral("cores"), cpus},
                                           {QStringLiteral("threads"), 1}};
    o[QStringLiteral("schema")] = 2;
    return o;
}

Error corrupt(const QString& origin, const QString& why) {
    return makeError(
        ErrorCode::Corrupt, QStringLiteral("%1: %2").arg(origin, why),
        QStringLiteral("fix or restore the file by hand; Vireo will not overwrite it"));
}

template <typename E>
Status readEnum(const QJsonObject& o, const char* key, E* out, bool (*parse)(const QString&, E*),
                const QString& origin) {
    const auto v = o.value(QLatin1String(key));
    if (v.isUndefined()) return {};
    if (!parse(v.toString(), out))
        return corrupt(origin,
                       QStringLiteral("unknown %1 '%2'").arg(QLatin1String(key), v.toString()));
    return {};
}

} // namespace

Result<VmSpec> vmSpecFromBytes(const QByteArray& bytes, const QString& origin) {
    QJsonParseError perr;
    const auto doc = QJsonDocument::fromJson(bytes, &perr);
    if (perr.error != QJsonParseError::NoError || !doc.isObject())
        return corrupt(origin, QStringLiteral("not valid JSON (%1 at byte %2)")
                                   .arg(perr.errorString())
                                   .arg(perr.offset));
    QJsonObject o = doc.object();
    const int schema = o.value(QStringLiteral("schema")).toInt(0);
    if (schema > kVmSchemaVersion)
        return makeError(
            ErrorCode::Corrupt,
            QStringLiteral("%1: written by a newer Vireo (schema %2, this one reads up to %3)")
                .arg(origin)
                .arg(schema)
                .arg(kVmSchemaVersion),
            QStringLiteral("upgrade Vireo; the file is left untouched"));
    if (schema < 1) return corrupt(origin, QStringLiteral("has no schema version"));
    if (schema == 1) o = migrateFrom1(o);

    VmSpec s;
    s.name = o.value(QStringLiteral("name")).toString();
    s.uuid = QUuid::fromString(o.value(QStringLiteral("uuid")).toString());
    if (s.name.isEmpty() || s.uuid.isNull())
        return corrupt(origin, QStringLiteral("has no name or uuid"));
    const auto cpu = o.value(QStringLiteral("cpu")).toObject();
    s.cpu.sockets = cpu.value(QStringLiteral("sockets")).toInt(1);
    s.cpu.cores = cpu.value(QStringLiteral("cores")).toInt(1);
    s.cpu.threads = cpu.value(QStringLiteral("threads")).toInt(1);
    s.memoryMiB = static_cast<std::uint64_t>(o.value(QStringLiteral("memoryMiB")).toInteger(512));
    const auto fw = o.value(QStringLiteral("firmware")).toObject();
    VIREO_TRY(readEnum(fw, "type", &s.firmware, parseFirmware, origin));
    s.secureBoot = fw.value(QStringLiteral("secureBoot")).toBool();
    s.tpm = fw.value(QStringLiteral("tpm")).toBool();
    s.machine = o.value(QStringLiteral("machine")).toString(QStringLiteral("q35"));
    for (const auto& v : o.value(QStringLiteral("disks")).toArray()) {
        const auto d = v.toObject();
        DiskSpec disk;
        disk.path = d.value(QStringLiteral("path")).toString();
        disk.format = d.value(QStringLiteral("format")).toString();
        VIREO_TRY(readEnum(d, "bus", &disk.bus, parseDiskBus, origin));
        VIREO_TRY(readEnum(d, "cache", &disk.cache, parseDiskCache, origin));
        disk.readOnly = d.value(QStringLiteral("readOnly")).toBool();
        s.disks.append(disk);
    }
    s.cdrom = o.value(QStringLiteral("cdrom")).toString();
    for (const auto& v : o.value(QStringLiteral("nics")).toArray()) {
        const auto n = v.toObject();
        NicSpec nic;
        VIREO_TRY(readEnum(n, "model", &nic.model, parseNicModel, origin));
        nic.mac = n.value(QStringLiteral("mac")).toString();
        nic.network = n.value(QStringLiteral("network")).toString(QStringLiteral("user"));
        for (const auto& f : n.value(QStringLiteral("hostForwards")).toArray())
            nic.hostForwards.append(f.toString());
        nic.vlan = n.value(QStringLiteral("vlan")).toString();
        s.nics.append(nic);
    }
    VIREO_TRY(readEnum(o, "display", &s.display, parseDisplayType, origin));
    s.serial = o.value(QStringLiteral("serial")).toBool(true);
    if (o.contains(QStringLiteral("bootOrder"))) {
        s.bootOrder.clear();
        for (const auto& v : o.value(QStringLiteral("bootOrder")).toArray())
            s.bootOrder.append(v.toString());
    }
    const auto k = o.value(QStringLiteral("kernel")).toObject();
    s.kernel.kernel = k.value(QStringLiteral("path")).toString();
    s.kernel.initrd = k.value(QStringLiteral("initrd")).toString();
    s.kernel.cmdline = k.value(QStringLiteral("cmdline")).toString();
    s.autostart = o.value(QStringLiteral("autostart")).toBool();
    s.notes = o.value(QStringLiteral("notes")).toString();
    s.os = o.value(QStringLiteral("os")).toString();
    s.sharedMemory = o.value(QStringLiteral("sharedMemory")).toBool();
    for (const auto& v : o.value(QStringLiteral("shares")).toArray()) {
        const auto f = v.toObject();
        s.shares.append(SharedFolder{f.value(QStringLiteral("tag")).toString(),
                                     f.value(QStringLiteral("hostDir")).toString(),
                                     f.value(QStringLiteral("readOnly")).toBool()});
    }
    s.guestAgent = o.value(QStringLiteral("guestAgent")).toBool();
    s.clipboard = o.value(QStringLiteral("clipboard")).toBool();
    s.isTemplate = o.value(QStringLiteral("template")).toBool();
    s.machineId = o.value(QStringLiteral("machineId")).toString();
    for (const auto& v : o.value(QStringLiteral("hostPci")).toArray())
        s.hostPci.append(v.toString());
    for (const auto& v : o.value(QStringLiteral("sriovVfs")).toArray()) {
        const auto f = v.toObject();
        s.sriovVfs.append(SriovVfSpec{
            f.value(QStringLiteral("pf")).toString(), f.value(QStringLiteral("vf")).toInt(-1),
            f.value(QStringLiteral("mac")).toString(), f.value(QStringLiteral("vlan")).toInt()});
    }
    s.usb = o.value(QStringLiteral("usb")).toBool();
    for (const auto& v : o.value(QStringLiteral("usbFilters")).toArray()) {
        const auto f = v.toObject();
        s.usbFilters.append(UsbFilterSpec{f.value(QStringLiteral("vendor")).toString(),
                                          f.value(QStringLiteral("product")).toString(),
                                          f.value(QStringLiteral("serial")).toString(),
                                          f.value(QStringLiteral("port")).toString()});
    }
    const QJsonObject backup = o.value(QStringLiteral("backup")).toObject();
    s.backup.folder = backup.value(QStringLiteral("folder")).toString();
    s.backup.everyHours = backup.value(QStringLiteral("everyHours")).toInt();
    s.backup.keep = backup.value(QStringLiteral("keep")).toInt();
    const auto perf = o.value(QStringLiteral("performance")).toObject();
    for (const auto& v : perf.value(QStringLiteral("vcpuPins")).toArray())
        s.perf.vcpuPins.append(v.toInt());
    for (const auto& v : perf.value(QStringLiteral("emulatorPins")).toArray())
        s.perf.emulatorPins.append(v.toInt());
    s.perf.hugepageKiB = perf.value(QStringLiteral("hugepageKiB")).toInt();
    s.perf.ioThreads = perf.value(QStringLiteral("ioThreads")).toInt();
    s.perf.queues = perf.value(QStringLiteral("queues")).toInt(1);
    s.perf.preset = perf.value(QStringLiteral("preset")).toString();
    return s;
}

} // namespace vireo
