#include "appliance/OvfDescriptor.h"

#include <QDomDocument>
#include <QHash>
#include <QRegularExpression>
#include <QXmlStreamWriter>

namespace vireo {

namespace {

// CIM resource types (DSP1041 / CIM_ResourceAllocationSettingData).
enum ResourceType {
    kOther = 1,
    kCpu = 3,
    kMemory = 4,
    kIdeController = 5,
    kScsiController = 6,
    kEthernet = 10,
    kFloppy = 14,
    kCdDrive = 15,
    kDvdDrive = 16,
    kDiskDrive = 17,
    kOtherStorage = 20, // SATA (AHCI), NVMe
    kUsbController = 23,
    kGraphics = 24,
    kSound = 35,
};

const QString kVireoNs = QStringLiteral("https://vireo.dev/ovf/1");

QList<QDomElement> children(const QDomElement& e, const QString& local = {}) {
    QList<QDomElement> out;
    for (QDomElement c = e.firstChildElement(); !c.isNull(); c = c.nextSiblingElement())
        if (local.isEmpty() || c.localName() == local || c.tagName() == local) out.append(c);
    return out;
}

QDomElement child(const QDomElement& e, const QString& local) {
    const auto all = children(e, local);
    return all.isEmpty() ? QDomElement() : all.first();
}

// Attributes by local name, whatever their namespace (ovf:, vmw:, none).
QString attr(const QDomElement& e, const QString& local) {
    const QDomNamedNodeMap attrs = e.attributes();
    for (int i = 0; i < attrs.count(); ++i) {
        const QDomAttr a = attrs.item(i).toAttr();
        const QString n = a.localName().isEmpty() ? a.name() : a.localName();
        if (n == local) return a.value();
    }
    return {};
}

QString text(const QDomElement& e, const QString& local) {
    return child(e, local).text().trimmed();
}

// "byte * 2^20", "byte*1024", "MegaBytes", "KB": the multiplier to bytes; 0 if unknown.
std::uint64_t unitBytes(const QString& units, std::uint64_t fallback) {
    const QString u = units.trimmed();
    if (u.isEmpty()) return fallback;
    static const QRegularExpression power(
        QStringLiteral("^byte\\s*(?:\\*\\s*(\\d+)\\s*(?:\\^\\s*(\\d+))?)?$"),
        QRegularExpression::CaseInsensitiveOption);
    if (const auto m = power.match(u); m.hasMatch()) {
        if (m.captured(1).isEmpty()) return 1;
        std::uint64_t base = m.captured(1).toULongLong();
        const int exp = m.captured(2).isEmpty() ? 1 : m.captured(2).toInt();
        std::uint64_t v = 1;
        for (int i = 0; i < exp && v < (std::uint64_t(1) << 50); ++i)
            v *= base;
        return v;
    }
    const QString l = u.toLower();
    if (l == QLatin1String("kilobytes") || l == QLatin1String("kb")) return 1ull << 10;
    if (l == QLatin1String("megabytes") || l == QLatin1String("mb")) return 1ull << 20;
    if (l == QLatin1String("gigabytes") || l == QLatin1String("gb")) return 1ull << 30;
    if (l == QLatin1String("terabytes") || l == QLatin1String("tb")) return 1ull << 40;
    return 0;
}

// The OS words of VirtualBox (Debian_64), VMware (debian11_64Guest) and CIM ids.
QString osPreset(const QString& words, int cimId) {
    const QString w = words.toLower();
    const struct {
        const char* needle;
        const char* preset;
    } table[] = {{"windows11", "win11"}, {"windows 11", "win11"}, {"win11", "win11"},
                 {"windows10", "win10"}, {"windows 10", "win10"}, {"win10", "win10"},
                 {"windows9", "win10"},  {"debian", "debian"},    {"ubuntu", "ubuntu"},
                 {"fedora", "fedora"},   {"arch", "arch"},        {"freebsd", "freebsd"}};
    for (const auto& t : table)
        if (w.contains(QLatin1String(t.needle))) return QString::fromLatin1(t.preset);
    // CIM_OperatingSystem ids, where no words help.
    switch (cimId) {
    case 95:
    case 96:
        return QStringLiteral("debian");
    case 93:
    case 94:
        return QStringLiteral("ubuntu");
    case 42:
    case 78:
        return QStringLiteral("freebsd");
    case 36:
    case 79:
    case 80:
    case 81:
    case 82:
    case 83:
    case 99:
    case 100:
    case 101:
    case 102:
    case 106:
    case 107:
        return QStringLiteral("linux");
    default:
        break;
    }
    if (w.contains(QLatin1String("linux"))) return QStringLiteral("linux");
    return QStringLiteral("other");
}

NicModel nicModel(const QString& subType, QStringList* unmapped) {
    const QString s = subType.toLower();
    if (s.startsWith(QLatin1String("virtio"))) return NicModel::Virtio;
    if (s == QLatin1String("e1000e")) return NicModel::E1000e;
    unmapped->append(QStringLiteral("network adapter '%1' becomes an Intel e1000e")
                         .arg(subType.isEmpty() ? QStringLiteral("unnamed") : subType));
    return NicModel::E1000e;
}

Error invalid(const QString& source, const QString& what) {
    return makeError(ErrorCode::InvalidArgument,
                     QStringLiteral("OVF descriptor '%1': %2").arg(source, what),
                     QStringLiteral("export the appliance again, or fix the descriptor"));
}

struct Item {
    int type = 0;
    QString subType, id, parent, hostResource, name, units;
    std::uint64_t quantity = 0;
};

Item readItem(const QDomElement& e) {
    Item i;
    i.type = text(e, QStringLiteral("ResourceType")).toInt();
    i.subType = text(e, QStringLiteral("ResourceSubType"));
    i.id = text(e, QStringLiteral("InstanceID"));
    i.parent = text(e, QStringLiteral("Parent"));
    i.hostResource = text(e, QStringLiteral("HostResource"));
    i.name = text(e, QStringLiteral("ElementName"));
    i.units = text(e, QStringLiteral("AllocationUnits"));
    i.quantity = text(e, QStringLiteral("VirtualQuantity")).toULongLong();
    return i;
}

} // namespace

Result<OvfAppliance> parseOvf(const QByteArray& xml, const QString& source) {
    QDomDocument doc;
    QString message;
    int line = 0, column = 0;
    if (!doc.setContent(xml, true, &message, &line, &column))
        return invalid(source, QStringLiteral("malformed XML at line %1, column %2: %3")
                                   .arg(line)
                                   .arg(column)
                                   .arg(message));
    const QDomElement envelope = doc.documentElement();
    if (envelope.localName() != QLatin1String("Envelope") ||
        !envelope.namespaceURI().startsWith(QLatin1String("http://schemas.dmtf.org/ovf/envelope/")))
        return invalid(source, QStringLiteral("the root element is not an OVF Envelope"));

    OvfAppliance a;
    for (const auto& f :
         children(child(envelope, QStringLiteral("References")), QStringLiteral("File"))) {
        OvfFileRef ref{attr(f, QStringLiteral("id")), attr(f, QStringLiteral("href")), {}};
        bool ok = false;
        const std::uint64_t size = attr(f, QStringLiteral("size")).toULongLong(&ok);
        if (ok) ref.size = size;
        if (ref.href.contains(QLatin1String("://")))
            return invalid(source, QStringLiteral("file '%1' is a URL; Vireo imports local "
                                                  "files only")
                                       .arg(ref.href));
        a.files.append(ref);
    }
    struct Disk {
        QString fileRef;
        std::uint64_t capacity = 0;
    };
    QHash<QString, Disk> disks;
    for (const auto& d :
         children(child(envelope, QStringLiteral("DiskSection")), QStringLiteral("Disk"))) {
        bool ok = false;
        const std::uint64_t cap = attr(d, QStringLiteral("capacity")).toULongLong(&ok);
        if (!ok)
            return invalid(source, QStringLiteral("disk '%1' has no numeric capacity ('%2')")
                                       .arg(attr(d, QStringLiteral("diskId")),
                                            attr(d, QStringLiteral("capacity"))));
        const std::uint64_t unit = unitBytes(attr(d, QStringLiteral("capacityAllocationUnits")), 1);
        if (unit == 0)
            return invalid(source, QStringLiteral("disk '%1' has capacity units '%2' Vireo "
                                                  "does not know")
                                       .arg(attr(d, QStringLiteral("diskId")),
                                            attr(d, QStringLiteral("capacityAllocationUnits"))));
        disks.insert(attr(d, QStringLiteral("diskId")),
                     Disk{attr(d, QStringLiteral("fileRef")), cap * unit});
    }

    QList<QDomElement> systems = children(envelope, QStringLiteral("VirtualSystem"));
    if (systems.isEmpty()) {
        const QDomElement collection = child(envelope, QStringLiteral("VirtualSystemCollection"));
        const int n = children(collection, QStringLiteral("VirtualSystem")).size();
        if (n > 0)
            return makeError(
                ErrorCode::Unsupported,
                QStringLiteral("OVF descriptor '%1' holds %2 virtual machines").arg(source).arg(n),
                QStringLiteral("Vireo imports appliances of one VM"));
        return invalid(source, QStringLiteral("it describes no virtual machine"));
    }
    const QDomElement vs = systems.first();
    a.name = text(vs, QStringLiteral("Name"));
    if (a.name.isEmpty()) a.name = attr(vs, QStringLiteral("id"));

    const QDomElement os = child(vs, QStringLiteral("OperatingSystemSection"));
    a.osType = attr(os, QStringLiteral("osType"));
    if (a.osType.isEmpty()) a.osType = text(os, QStringLiteral("Description"));
    // VirtualBox keeps its own words in vbox:Machine (OSType); use them when present.
    const QDomElement vboxMachine = child(vs, QStringLiteral("Machine"));
    const QString vboxOs = attr(vboxMachine, QStringLiteral("OSType"));
    const QString vboxOsText = text(os, QStringLiteral("OSType"));
    if (!vboxOsText.isEmpty())
        a.osType = vboxOsText;
    else if (!vboxOs.isEmpty())
        a.osType = vboxOs;
    a.os = osPreset(a.osType, attr(os, QStringLiteral("id")).toInt());

    const QDomElement hw = child(vs, QStringLiteral("VirtualHardwareSection"));
    if (hw.isNull()) return invalid(source, QStringLiteral("it has no VirtualHardwareSection"));
    QHash<QString, Item> controllers;
    QVector<Item> items;
    for (const auto& e : children(hw)) {
        const QString n = e.localName();
        if (n != QLatin1String("Item") && n != QLatin1String("StorageItem") &&
            n != QLatin1String("EthernetPortItem"))
            continue;
        const Item i = readItem(e);
        items.append(i);
        if (i.type == kIdeController || i.type == kScsiController || i.type == kOtherStorage)
            controllers.insert(i.id, i);
    }
    const auto busOf = [&](const Item& drive, QString* note) {
        const Item c = controllers.value(drive.parent);
        const QString sub = c.subType.toLower();
        if (c.type == kScsiController) return DiskBus::Scsi;
        if (c.type == kOtherStorage && sub.contains(QLatin1String("nvme"))) return DiskBus::Nvme;
        if (c.type == kIdeController)
            *note = QStringLiteral("IDE controller '%1' becomes SATA (the q35 machine has no IDE)")
                        .arg(c.name.isEmpty() ? c.id : c.name);
        return DiskBus::Sata;
    };
    for (const Item& i : items) {
        switch (i.type) {
        case kCpu:
            a.cpus = int(qMax<std::uint64_t>(1, i.quantity));
            break;
        case kMemory: {
            const std::uint64_t unit = unitBytes(i.units, 1ull << 20);
            if (unit == 0)
                return invalid(source,
                               QStringLiteral("memory units '%1' are unknown").arg(i.units));
            a.memoryMiB = i.quantity * unit >> 20;
            break;
        }
        case kIdeController:
        case kScsiController:
        case kOtherStorage:
            break;
        case kDiskDrive: {
            static const QRegularExpression ref(QStringLiteral("^(?:ovf:)?/disk/(.+)$"));
            const auto m = ref.match(i.hostResource);
            if (!m.hasMatch() || !disks.contains(m.captured(1)))
                return invalid(source, QStringLiteral("disk drive '%1' names no disk of the "
                                                      "DiskSection ('%2')")
                                           .arg(i.name, i.hostResource));
            const Disk d = disks.value(m.captured(1));
            QString href;
            for (const auto& f : a.files)
                if (f.id == d.fileRef) href = f.href;
            if (href.isEmpty())
                return invalid(source, QStringLiteral("disk '%1' names file '%2', which References "
                                                      "does not list")
                                           .arg(m.captured(1), d.fileRef));
            QString note;
            a.drives.append(OvfDrive{href, d.capacity, busOf(i, &note)});
            if (!note.isEmpty() && !a.unmapped.contains(note)) a.unmapped.append(note);
            break;
        }
        case kCdDrive:
        case kDvdDrive:
            a.cdrom = true;
            a.unmapped.append(QStringLiteral("CD/DVD drive '%1': insert an image later with "
                                             "'vireoctl vm edit NAME --cdrom FILE'")
                                  .arg(i.name));
            break;
        case kEthernet:
            a.nics.append(nicModel(i.subType, &a.unmapped));
            break;
        case kGraphics:
            a.unmapped.append(QStringLiteral("video card '%1': a VM with a display gets a "
                                             "standard VGA")
                                  .arg(i.name));
            break;
        default: {
            static const QHash<int, QString> kinds{
                {kUsbController, QStringLiteral("USB controller")},
                {kSound, QStringLiteral("sound card")},
                {kFloppy, QStringLiteral("floppy drive")},
                {21, QStringLiteral("serial port")},
                {22, QStringLiteral("parallel port")},
                {kOther, QStringLiteral("device")}};
            a.unmapped.append(
                QStringLiteral("%1 '%2' (resource type %3%4) has no Vireo counterpart and is left "
                               "out")
                    .arg(kinds.value(i.type, QStringLiteral("device")), i.name)
                    .arg(i.type)
                    .arg(i.subType.isEmpty() ? QString() : QStringLiteral(", ") + i.subType));
            break;
        }
        }
    }
    // Firmware: VMware says it in vmw:Config, VirtualBox in vbox:Machine's Hardware.
    for (const auto& c : children(hw, QStringLiteral("Config"))) {
        const QString key = attr(c, QStringLiteral("key"));
        if (key == QLatin1String("firmware")) {
            if (attr(c, QStringLiteral("value")).toLower() == QLatin1String("efi"))
                a.firmware = Firmware::Uefi;
        } else {
            a.unmapped.append(QStringLiteral("VMware setting '%1' is left out").arg(key));
        }
    }
    const QDomElement vboxFirmware =
        child(child(vboxMachine, QStringLiteral("Hardware")), QStringLiteral("Firmware"));
    if (attr(vboxFirmware, QStringLiteral("type")).toLower().startsWith(QLatin1String("efi")))
        a.firmware = Firmware::Uefi;
    // Vireo's own exact hints, when Vireo wrote the descriptor.
    const QDomElement hints = child(vs, QStringLiteral("VireoHints"));
    if (!hints.isNull() && hints.namespaceURI() == kVireoNs) {
        const auto hd = children(hints, QStringLiteral("Disk"));
        for (int k = 0; k < hd.size() && k < a.drives.size(); ++k)
            parseDiskBus(attr(hd[k], QStringLiteral("bus")), &a.drives[k].bus);
        const auto hn = children(hints, QStringLiteral("Nic"));
        for (int k = 0; k < hn.size() && k < a.nics.size(); ++k)
            parseNicModel(attr(hn[k], QStringLiteral("model")), &a.nics[k]);
        if (const QString f = attr(hints, QStringLiteral("firmware")); !f.isEmpty())
            parseFirmware(f, &a.firmware);
        if (const QString o = attr(hints, QStringLiteral("os")); !o.isEmpty()) a.os = o;
        DisplayType display;
        if (parseDisplayType(attr(hints, QStringLiteral("display")), &display)) a.display = display;
        a.unmapped.removeIf([](const QString& s) {
            return s.startsWith(QLatin1String("network adapter")) ||
                   s.startsWith(QLatin1String("IDE controller"));
        });
    }
    if (a.drives.isEmpty() && a.files.isEmpty())
        a.unmapped.append(QStringLiteral("the appliance has no disk"));
    return a;
}

QByteArray writeOvf(const VmSpec& spec, const QVector<OvfExportDisk>& disks) {
    QByteArray out;
    QXmlStreamWriter w(&out);
    w.setAutoFormatting(true);
    w.setAutoFormattingIndent(2);
    const QString ovf = QStringLiteral("http://schemas.dmtf.org/ovf/envelope/1");
    const QString rasd = QStringLiteral(
        "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData");
    const QString vssd = QStringLiteral(
        "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData");
    const QString vmw = QStringLiteral("http://www.vmware.com/schema/ovf");
    w.writeStartDocument();
    w.writeNamespace(ovf, QStringLiteral("ovf"));
    w.writeNamespace(rasd, QStringLiteral("rasd"));
    w.writeNamespace(vssd, QStringLiteral("vssd"));
    w.writeNamespace(vmw, QStringLiteral("vmw"));
    w.writeNamespace(kVireoNs, QStringLiteral("vireo"));
    w.writeDefaultNamespace(ovf);
    w.writeStartElement(ovf, QStringLiteral("Envelope"));
    w.writeAttribute(ovf, QStringLiteral("version"), QStringLiteral("1.0"));

    w.writeStartElement(ovf, QStringLiteral("References"));
    for (int i = 0; i < disks.size(); ++i) {
        w.writeEmptyElement(ovf, QStringLiteral("File"));
        w.writeAttribute(ovf, QStringLiteral("href"), disks[i].fileName);
        w.writeAttribute(ovf, QStringLiteral("id"), QStringLiteral("file%1").arg(i + 1));
        w.writeAttribute(ovf, QStringLiteral("size"), QString::number(disks[i].fileSize));
    }
    w.writeEndElement();

    w.writeStartElement(ovf, QStringLiteral("DiskSection"));
    w.writeTextElement(ovf, QStringLiteral("Info"), QStringLiteral("Virtual disks"));
    for (int i = 0; i < disks.size(); ++i) {
        w.writeEmptyElement(ovf, QStringLiteral("Disk"));
        w.writeAttribute(ovf, QStringLiteral("capacity"), QString::number(disks[i].capacity));
        w.writeAttribute(ovf, QStringLiteral("diskId"), QStringLiteral("vmdisk%1").arg(i + 1));
        w.writeAttribute(ovf, QStringLiteral("fileRef"), QStringLiteral("file%1").arg(i + 1));
        w.writeAttribute(
            ovf, QStringLiteral("format"),
            QStringLiteral(
                "http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized"));
    }
    w.writeEndElement();

    w.writeStartElement(ovf, QStringLiteral("NetworkSection"));
    w.writeTextElement(ovf, QStringLiteral("Info"), QStringLiteral("Logical networks"));
    w.writeStartElement(ovf, QStringLiteral("Network"));
    w.writeAttribute(ovf, QStringLiteral("name"), QStringLiteral("NAT"));
    w.writeTextElement(ovf, QStringLiteral("Description"), QStringLiteral("The NAT network"));
    w.writeEndElement();
    w.writeEndElement();

    w.writeStartElement(ovf, QStringLiteral("VirtualSystem"));
    w.writeAttribute(ovf, QStringLiteral("id"), spec.name);
    w.writeTextElement(ovf, QStringLiteral("Info"), QStringLiteral("A virtual machine"));
    w.writeTextElement(ovf, QStringLiteral("Name"), spec.name);
    if (!spec.notes.isEmpty()) {
        w.writeStartElement(ovf, QStringLiteral("AnnotationSection"));
        w.writeTextElement(ovf, QStringLiteral("Info"), QStringLiteral("Notes"));
        w.writeTextElement(ovf, QStringLiteral("Annotation"), spec.notes);
        w.writeEndElement();
    }
    w.writeStartElement(ovf, QStringLiteral("OperatingSystemSection"));
    static const QHash<QString, std::pair<int, QString>> osIds{
        {QStringLiteral("debian"), {96, QStringLiteral("Debian_64")}},
        {QStringLiteral("ubuntu"), {94, QStringLiteral("Ubuntu_64")}},
        {QStringLiteral("fedora"), {101, QStringLiteral("Fedora_64")}},
        {QStringLiteral("arch"), {101, QStringLiteral("ArchLinux_64")}},
        {QStringLiteral("freebsd"), {78, QStringLiteral("FreeBSD_64")}},
        {QStringLiteral("win10"), {103, QStringLiteral("Windows10_64")}},
        {QStringLiteral("win11"), {103, QStringLiteral("Windows11_64")}},
        {QStringLiteral("linux"), {101, QStringLiteral("Linux_64")}}};
    const auto os = osIds.value(spec.os, {1, QStringLiteral("Other_64")});
    w.writeAttribute(ovf, QStringLiteral("id"), QString::number(os.first));
    w.writeTextElement(ovf, QStringLiteral("Info"), QStringLiteral("The guest operating system"));
    w.writeTextElement(ovf, QStringLiteral("Description"), os.second);
    w.writeEndElement();

    w.writeStartElement(ovf, QStringLiteral("VirtualHardwareSection"));
    w.writeTextElement(ovf, QStringLiteral("Info"), QStringLiteral("Virtual hardware"));
    w.writeStartElement(ovf, QStringLiteral("System"));
    w.writeTextElement(vssd, QStringLiteral("ElementName"),
                       QStringLiteral("Virtual Hardware Family"));
    w.writeTextElement(vssd, QStringLiteral("InstanceID"), QStringLiteral("0"));
    w.writeTextElement(vssd, QStringLiteral("VirtualSystemIdentifier"), spec.name);
    w.writeTextElement(vssd, QStringLiteral("VirtualSystemType"), QStringLiteral("vmx-14"));
    w.writeEndElement();
    int id = 0;
    // rasd elements in the schema's (alphabetical) order: VMware validates it.
    const auto item = [&](const QList<std::pair<QString, QString>>& fields) {
        w.writeStartElement(ovf, QStringLiteral("Item"));
        for (const auto& [k, v] : fields)
            w.writeTextElement(rasd, k, v);
        w.writeEndElement();
    };
    item(
        {{QStringLiteral("AllocationUnits"), QStringLiteral("hertz * 10^6")},
         {QStringLiteral("Description"), QStringLiteral("Number of virtual CPUs")},
         {QStringLiteral("ElementName"), QStringLiteral("%1 virtual CPU(s)").arg(spec.cpu.count())},
         {QStringLiteral("InstanceID"), QString::number(++id)},
         {QStringLiteral("ResourceType"), QString::number(kCpu)},
         {QStringLiteral("VirtualQuantity"), QString::number(spec.cpu.count())}});
    item({{QStringLiteral("AllocationUnits"), QStringLiteral("byte * 2^20")},
          {QStringLiteral("Description"), QStringLiteral("Memory size")},
          {QStringLiteral("ElementName"), QStringLiteral("%1 MB of memory").arg(spec.memoryMiB)},
          {QStringLiteral("InstanceID"), QString::number(++id)},
          {QStringLiteral("ResourceType"), QString::number(kMemory)},
          {QStringLiteral("VirtualQuantity"), QString::number(spec.memoryMiB)}});
    const int sata = ++id;
    item({{QStringLiteral("Address"), QStringLiteral("0")},
          {QStringLiteral("Description"), QStringLiteral("SATA Controller")},
          {QStringLiteral("ElementName"), QStringLiteral("sataController0")},
          {QStringLiteral("InstanceID"), QString::number(sata)},
          {QStringLiteral("ResourceSubType"), QStringLiteral("AHCI")},
          {QStringLiteral("ResourceType"), QString::number(kOtherStorage)}});
    int scsi = 0;
    for (const auto& d : spec.disks)
        if (d.bus == DiskBus::Scsi && !scsi) {
            scsi = ++id;
            item({{QStringLiteral("Address"), QStringLiteral("0")},
                  {QStringLiteral("Description"), QStringLiteral("SCSI Controller")},
                  {QStringLiteral("ElementName"), QStringLiteral("scsiController0")},
                  {QStringLiteral("InstanceID"), QString::number(scsi)},
                  {QStringLiteral("ResourceSubType"), QStringLiteral("lsilogic")},
                  {QStringLiteral("ResourceType"), QString::number(kScsiController)}});
        }
    int sataPort = 0, scsiUnit = 0, exported = 0;
    for (const auto& d : spec.disks) {
        if (d.readOnly || exported >= disks.size()) continue;
        ++exported;
        const bool onScsi = d.bus == DiskBus::Scsi;
        item(
            {{QStringLiteral("AddressOnParent"), QString::number(onScsi ? scsiUnit++ : sataPort++)},
             {QStringLiteral("ElementName"), QStringLiteral("disk%1").arg(exported)},
             {QStringLiteral("HostResource"), QStringLiteral("ovf:/disk/vmdisk%1").arg(exported)},
             {QStringLiteral("InstanceID"), QString::number(++id)},
             {QStringLiteral("Parent"), QString::number(onScsi ? scsi : sata)},
             {QStringLiteral("ResourceType"), QString::number(kDiskDrive)}});
    }
    if (!spec.cdrom.isEmpty())
        item({{QStringLiteral("AddressOnParent"), QString::number(sataPort++)},
              {QStringLiteral("AutomaticAllocation"), QStringLiteral("false")},
              {QStringLiteral("ElementName"), QStringLiteral("cdrom1")},
              {QStringLiteral("InstanceID"), QString::number(++id)},
              {QStringLiteral("Parent"), QString::number(sata)},
              {QStringLiteral("ResourceType"), QString::number(kCdDrive)}});
    for (int n = 0; n < spec.nics.size(); ++n)
        item({{QStringLiteral("AddressOnParent"), QString::number(n)},
              {QStringLiteral("AutomaticAllocation"), QStringLiteral("true")},
              {QStringLiteral("Connection"), QStringLiteral("NAT")},
              {QStringLiteral("ElementName"), QStringLiteral("ethernet%1").arg(n)},
              {QStringLiteral("InstanceID"), QString::number(++id)},
              {QStringLiteral("ResourceSubType"), spec.nics[n].model == NicModel::E1000e
                                                      ? QStringLiteral("E1000e")
                                                      : QStringLiteral("E1000")},
              {QStringLiteral("ResourceType"), QString::number(kEthernet)}});
    if (spec.firmware == Firmware::Uefi) {
        w.writeEmptyElement(vmw, QStringLiteral("Config"));
        w.writeAttribute(ovf, QStringLiteral("required"), QStringLiteral("false"));
        w.writeAttribute(vmw, QStringLiteral("key"), QStringLiteral("firmware"));
        w.writeAttribute(vmw, QStringLiteral("value"), QStringLiteral("efi"));
    }
    w.writeEndElement(); // VirtualHardwareSection

    w.writeStartElement(kVireoNs, QStringLiteral("VireoHints"));
    w.writeAttribute(ovf, QStringLiteral("required"), QStringLiteral("false"));
    w.writeAttribute(QStringLiteral("firmware"), toString(spec.firmware));
    if (!spec.os.isEmpty()) w.writeAttribute(QStringLiteral("os"), spec.os);
    w.writeAttribute(QStringLiteral("display"), toString(spec.display));
    w.writeTextElement(ovf, QStringLiteral("Info"),
                       QStringLiteral("Vireo's exact disk buses and NIC models"));
    exported = 0;
    for (const auto& d : spec.disks) {
        if (d.readOnly || exported++ >= disks.size()) continue;
        w.writeEmptyElement(kVireoNs, QStringLiteral("Disk"));
        w.writeAttribute(QStringLiteral("bus"), toString(d.bus));
    }
    for (const auto& n : spec.nics) {
        w.writeEmptyElement(kVireoNs, QStringLiteral("Nic"));
        w.writeAttribute(QStringLiteral("model"), toString(n.model));
    }
    w.writeEndElement();

    w.writeEndElement(); // VirtualSystem
    w.writeEndElement(); // Envelope
    w.writeEndDocument();
    return out;
}

} // namespace vireo
