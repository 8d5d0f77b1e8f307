#include "libvirt/LibvirtEngine.h"

#include "libvirt/DomainDocument.h"
#include "libvirt/DomainMetadata.h"
#include "libvirt/DomainXml.h"
#include "libvirt/FirmwareEdit.h"
#include "libvirt/LibvirtStorage.h"
#include "libvirt/LibvirtTemplates.h"
#include "spec/VmSpecValidation.h"

#include <QDomDocument>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSet>
#include <QThread>
#include <QXmlStreamReader>
#include <functional>

namespace vireo {

namespace {

// The names of the domains a virConnectListAllDomains filter selects.
QSet<QString> domainNames(virConnectPtr conn, unsigned int flags) {
    QSet<QString> out;
    virDomainPtr* doms = nullptr;
    const int n = virConnectListAllDomains(conn, &doms, flags);
    for (int i = 0; i < n; ++i) {
        out.insert(QString::fromUtf8(virDomainGetName(doms[i])));
        virDomainFree(doms[i]);
    }
    free(doms);
    return out;
}

QString formatOfVolume(virConnectPtr conn, const QString& path) {
    virStorageVolPtr vol = virStorageVolLookupByPath(conn, qPrintable(path));
    if (!vol) return {};
    char* xml = virStorageVolGetXMLDesc(vol, 0);
    virStorageVolFree(vol);
    if (!xml) return {};
    const QByteArray bytes(xml);
    free(xml);
    QXmlStreamReader r(bytes);
    while (!r.atEnd()) {
        if (r.readNext() != QXmlStreamReader::StartElement) continue;
        if (r.name() == QLatin1String("format") &&
            r.attributes().hasAttribute(QStringLiteral("type")))
            return r.attributes().value(QStringLiteral("type")).toString();
    }
    return {};
}

} // namespace

VmState vmStateFromLibvirt(int state, bool hasManagedSave) {
    switch (state) {
    case VIR_DOMAIN_PAUSED:
    case VIR_DOMAIN_PMSUSPENDED:
        return VmState::Paused;
    case VIR_DOMAIN_SHUTOFF:
        return hasManagedSave ? VmState::Saved : VmState::Shutoff;
    case VIR_DOMAIN_CRASHED:
        return VmState::Crashed;
    default:
        return VmState::Running; // running, blocked, shutting down
    }
}

Result<QVector<VmSummary>> LibvirtEngine::list() const {
    // One round trip for every domain's state, vCPUs and memory (as `virsh list` needs one
    // per domain), plus one each for the autostart and saved sets and one per shut-off
    // domain for the template mark.
    virDomainStatsRecordPtr* records = nullptr;
    const int n = virConnectGetAllDomainStats(
        m_conn->get(), VIR_DOMAIN_STATS_STATE | VIR_DOMAIN_STATS_VCPU | VIR_DOMAIN_STATS_BALLOON,
        &records, 0);
    if (n < 0) return m_conn->lastError(QStringLiteral("listing VMs"));
    const QSet<QString> autostart = domainNames(m_conn->get(), VIR_CONNECT_LIST_DOMAINS_AUTOSTART);
    const QSet<QString> saved = domainNames(m_conn->get(), VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE);
    QVector<virDomainPtr> shutOff; // a template never runs
    for (int i = 0; i < n; ++i) {
        int state = VIR_DOMAIN_NOSTATE;
        virTypedParamsGetInt(records[i]->params, records[i]->nparams, "state.state", &state);
        if (state == VIR_DOMAIN_SHUTOFF) shutOff << records[i]->dom;
    }
    const QSet<QString> templates = templatesAmong(shutOff);
    QVector<VmSummary> out;
    for (int i = 0; i < n; ++i) {
        virDomainStatsRecordPtr r = records[i];
        VmSummary s;
        s.name = QString::fromUtf8(virDomainGetName(r->dom));
        char uuid[VIR_UUID_STRING_BUFLEN];
        if (virDomainGetUUIDString(r->dom, uuid) == 0)
            s.uuid = QUuid::fromString(QLatin1String(uuid));
        int state = VIR_DOMAIN_NOSTATE;
        virTypedParamsGetInt(r->params, r->nparams, "state.state", &state);
        s.status.state = vmStateFromLibvirt(state, saved.contains(s.name));
        unsigned int vcpus = 0;
        virTypedParamsGetUInt(r->params, r->nparams, "vcpu.current", &vcpus);
        s.vcpus = int(vcpus);
        unsigned long long maxKiB = 0;
        virTypedParamsGetULLong(r->params, r->nparams, "balloon.maximum", &maxKiB);
        s.memoryMiB = maxKiB / 1024;
        if (s.vcpus == 0 || maxKiB == 0) { // older daemons leave these out for shut-off domains
            virDomainInfo info;
            if (virDomainGetInfo(r->dom, &info) == 0) {
                s.vcpus = info.nrVirtCpu;
                s.memoryMiB = info.maxMem / 1024;
            }
        }
        s.autostart = autostart.contains(s.name);
        s.isTemplate = templates.contains(s.name);
        out.append(s);
    }
    virDomainStatsRecordListFree(records);
    std::sort(out.begin(), out.end(),
              [](const VmSummary& a, const VmSummary& b) { return a.name < b.name; });
    return out;
}

Result<VmStatus> LibvirtEngine::status(const QString& name) const {
    auto dom = m_conn->domain(name);
    if (!dom) return dom.error();
    int state = 0, reason = 0;
    if (virDomainGetState(dom->get(), &state, &reason, 0) < 0)
        return m_conn->lastError(QStringLiteral("reading the state of VM '%1'").arg(name));
    VmStatus st;
    st.state = vmStateFromLibvirt(state, virDomainHasManagedSaveImage(dom->get(), 0) == 1);
    return st;
}

Result<QString> LibvirtEngine::domainType() const {
    // VIREO_ACCEL=tcg forces software emulation here as for local VMs (KVM that exists
    // but cannot run guests looks usable to libvirt).
    if (qgetenv("VIREO_ACCEL") == "tcg") return QStringLiteral("qemu");
    char* caps =
        virConnectGetDomainCapabilities(m_conn->get(), nullptr, "x86_64", nullptr, "kvm", 0);
    if (caps) {
        free(caps);
        return QStringLiteral("kvm");
    }
    return QStringLiteral("qemu");
}

Status LibvirtEngine::fillDiskFormats(VmSpec& spec) const {
    for (auto& d : spec.disks) {
        if (!d.format.isEmpty()) continue;
        d.format = formatOfVolume(m_conn->get(), d.path);
        if (d.format.isEmpty())
            return makeError(
                ErrorCode::InvalidArgument,
                QStringLiteral("disk '%1' is in no storage pool of remote '%2', so its "
                               "format is unknown")
                    .arg(d.path, where()),
                QStringLiteral("give it, e.g. --disk %1,format=qcow2").arg(d.path));
    }
    return {};
}

Status LibvirtEngine::checkNewName(const QString& name) const {
    VIREO_TRY(validateVmName(name));
    if (DomainRef existing{virDomainLookupByName(m_conn->get(), qPrintable(name))})
        return makeError(
            ErrorCode::AlreadyExists,
            QStringLiteral("a VM named '%1' already exists on remote '%2'").arg(name, where()),
            QStringLiteral("pick another name or delete that VM first"));
    return {};
}

Result<VmSpec> LibvirtEngine::create(VmSpec spec) const {
    VIREO_TRY(checkNewName(spec.name));
    if (!m_conn->isAlive())
        return m_conn->lastError(QStringLiteral("creating VM '%1'").arg(spec.name));
    if (spec.uuid.isNull()) spec.uuid = QUuid::createUuid();
    for (auto& n : spec.nics)
        if (n.mac.isEmpty()) n.mac = randomMac();
    VIREO_TRY(fillDiskFormats(spec));
    VIREO_TRY(validateVmSpec(spec, PathCheck::OtherHost));
    auto type = domainType();
    if (!type) return type.error();
    auto xml = buildDomainXml(spec, {*type});
    if (!xml) return xml.error();
    DomainRef dom(
        virDomainDefineXMLFlags(m_conn->get(), qPrintable(*xml), VIR_DOMAIN_DEFINE_VALIDATE));
    if (!dom)
        return m_conn->lastError(QStringLiteral("defining VM '%1'").arg(spec.name),
                                 QStringLiteral("check that the paths exist on that host"));
    return spec;
}

Status LibvirtEngine::start(const QString& name, const StartOptions& options) const {
    auto dom = m_conn->domain(name);
    if (!dom) return dom.error();
    if (virDomainIsActive(dom->get()) == 1)
        return makeError(
            ErrorCode::InvalidState,
            QStringLiteral("VM '%1' on remote '%2' is already running").arg(name, where()));
    const QSet<QString> flags = domainFlags(dom->get());
    if (flags.contains(kTemplateFlag))
        return makeError(
            ErrorCode::InvalidState,
            QStringLiteral("VM '%1' on remote '%2' is a template, which is never started")
                .arg(name, where()),
            QStringLiteral("make a VM from it with 'vireoctl --remote %1 vm create NEW --from "
                           "%2', or unmark it with 'vireoctl --remote %1 vm template %2 --unset'")
                .arg(where(), name));
    const bool resetUefiStore = flags.contains(kResetUefiStoreFlag); // firmware changed
    const unsigned int startFlags = (options.paused ? unsigned(VIR_DOMAIN_START_PAUSED) : 0u) |
                                    (resetUefiStore ? unsigned(VIR_DOMAIN_START_RESET_NVRAM) : 0u);
    if (virDomainCreateWithFlags(dom->get(), startFlags) < 0)
        return m_conn->lastError(QStringLiteral("starting VM '%1'").arg(name));
    if (resetUefiStore && !setDomainFlag(dom->get(), kResetUefiStoreFlag, false))
        return m_conn->lastError(
            QStringLiteral("clearing the UEFI reset mark of '%1' (it runs)").arg(name));
    return {};
}

Status LibvirtEngine::stop(const QString& name, const StopOptions& options) const {
    auto dom = m_conn->runningDomain(name);
    if (!dom) return dom.error();
    unsigned int flags = 0;
    if (options.method == ShutdownMethod::Agent) flags = VIR_DOMAIN_SHUTDOWN_GUEST_AGENT;
    if (options.method == ShutdownMethod::Acpi) flags = VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN;
    if (virDomainShutdownFlags(dom->get(), flags) < 0)
        return m_conn->lastError(QStringLiteral("shutting down VM '%1'").arg(name));
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < options.timeoutMs) {
        const int active = virDomainIsActive(dom->get());
        if (active == 0) return {};
        if (active < 0) return m_conn->lastError(QStringLiteral("shutting down VM '%1'").arg(name));
        QThread::msleep(100);
    }
    if (!options.force)
        return makeError(ErrorCode::Timeout,
                         QStringLiteral("VM '%1' on remote '%2' did not shut down within %3 s")
                             .arg(name, where())
                             .arg(options.timeoutMs / 1000),
                         QStringLiteral("power it off with 'vireoctl --remote %1 vm kill %2'")
                             .arg(where(), name));
    return kill(name);
}

Status LibvirtEngine::kill(const QString& name) const {
    auto dom = m_conn->runningDomain(name);
    if (!dom) return dom.error();
    if (virDomainDestroy(dom->get()) < 0)
        return m_conn->lastError(QStringLiteral("powering off VM '%1'").arg(name));
    return {};
}

// One libvirt call on a domain: NotFound when it is not there, libvirt's reason when the
// call fails (`what` names the step, e.g. "pausing").
static Status onDomain(const LibvirtConnection& conn, const QString& name, const QString& what,
                       const std::function<int(virDomainPtr)>& call) {
    auto dom = conn.domain(name);
    if (!dom) return dom.error();
    if (call(dom->get()) < 0) return conn.lastError(QStringLiteral("%1 VM '%2'").arg(what, name));
    return {};
}

Status LibvirtEngine::pause(const QString& name) const {
    return onDomain(*m_conn, name, QStringLiteral("pausing"), virDomainSuspend);
}

Status LibvirtEngine::resume(const QString& name) const {
    return onDomain(*m_conn, name, QStringLiteral("resuming"), virDomainResume);
}

Status LibvirtEngine::reset(const QString& name) const {
    return onDomain(*m_conn, name, QStringLiteral("resetting"),
                    [](virDomainPtr d) { return virDomainReset(d, 0); });
}

Status LibvirtEngine::save(const QString& name) const {
    return onDomain(*m_conn, name, QStringLiteral("saving"),
                    [](virDomainPtr d) { return virDomainManagedSave(d, 0); });
}

Status LibvirtEngine::restore(const QString& name) const {
    auto dom = m_conn->domain(name);
    if (!dom) return dom.error();
    if (virDomainHasManagedSaveImage(dom->get(), 0) != 1)
        return makeError(
            ErrorCode::InvalidState,
            QStringLiteral("VM '%1' on remote '%2' has no saved state").arg(name, where()),
            QStringLiteral("start it with 'vireoctl --remote %1 vm start %2'").arg(where(), name));
    if (virDomainCreate(dom->get()) < 0)
        return m_conn->lastError(QStringLiteral("restoring VM '%1'").arg(name));
    return {};
}

Status LibvirtEngine::remove(const QString& name, const DeleteOptions& options) const {
    auto dom = m_conn->domain(name);
    if (!dom) return dom.error();
    QStringList volumes; // with removeDisks: its disks and its own cloud-init seed
    if (options.removeDisks) {
        auto doc = domainDocument(*m_conn, dom->get(), name, VIR_DOMAIN_XML_INACTIVE);
        if (!doc) return doc.error();
        volumes = diskFilesOf(*doc);
        for (const QDomElement& cdrom : devicesOf(*doc, QStringLiteral("disk")))
            if (const QString path = cdrom.firstChildElement(QStringLiteral("source"))
                                         .attribute(QStringLiteral("file"));
                QFileInfo(path).fileName() == name + QStringLiteral("-seed.iso"))
                volumes << path;
        // A disk another VM of the host also uses stays.
        const auto files = diskFilesOfAllDomains(*m_conn);
        for (auto it = files.begin(); it != files.end(); ++it)
            if (it.key() != name)
                for (const QString& path : it.value())
                    volumes.removeAll(path);
    }
    if (virDomainIsActive(dom->get()) == 1) {
        if (!options.force)
            return makeError(ErrorCode::InvalidState,
                             QStringLiteral("VM '%1' on remote '%2' is running").arg(name, where()),
                             QStringLiteral("stop it first or add --force"));
        if (virDomainDestroy(dom->get()) < 0)
            return m_conn->lastError(QStringLiteral("powering off VM '%1'").arg(name));
    }
    const unsigned int flags = VIR_DOMAIN_UNDEFINE_MANAGED_SAVE |
                               VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA | VIR_DOMAIN_UNDEFINE_NVRAM |
                               VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA;
    if (virDomainUndefineFlags(dom->get(), flags) < 0)
        return m_conn->lastError(QStringLiteral("deleting VM '%1'").arg(name));
    const LibvirtStorage storage(*m_conn);
    for (const QString& path : volumes)
        if (storage.volume(path)) VIREO_TRY(storage.remove(path)); // a file in no pool stays
    return {};
}

namespace {

Result<QDomDocument> inactiveXml(const LibvirtConnection& conn, virDomainPtr dom,
                                 const QString& vm) {
    return domainDocument(conn, dom, vm, VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_SECURE);
}

void setText(QDomElement parent, const QString& tag, const QString& text) {
    QDomElement e = parent.firstChildElement(tag);
    if (e.isNull()) e = parent.appendChild(parent.ownerDocument().createElement(tag)).toElement();
    while (e.hasChildNodes())
        e.removeChild(e.firstChild());
    e.appendChild(parent.ownerDocument().createTextNode(text));
}

} // namespace

namespace {

bool isDiskOf(const QDomElement& e, const char* device) {
    return e.attribute(QStringLiteral("device")) == QLatin1String(device);
}

// The definition's virtiofs shares replaced by the builder's for `shares`, and its memory
// made shared when there are any (kept as it is otherwise).
Status replaceShares(QDomDocument& doc, const QVector<SharedFolder>& shares) {
    VmSpec probe = devicesProbe();
    probe.shares = shares;
    probe.sharedMemory = !shares.isEmpty();
    auto wanted = builderDevices(probe);
    if (!wanted) return wanted.error();
    QDomElement root = doc.documentElement();
    replaceDevices(doc, root.firstChildElement(QStringLiteral("devices")),
                   wanted->documentElement().firstChildElement(QStringLiteral("devices")),
                   QStringLiteral("filesystem"), [](const QDomElement& e) {
                       return e.firstChildElement(QStringLiteral("driver"))
                                  .attribute(QStringLiteral("type")) == QLatin1String("virtiofs");
                   });
    if (shares.isEmpty()) return {};
    QDomElement backing = root.firstChildElement(QStringLiteral("memoryBacking"));
    if (backing.isNull()) {
        root.insertAfter(
            doc.importNode(
                wanted->documentElement().firstChildElement(QStringLiteral("memoryBacking")), true),
            root.firstChildElement(QStringLiteral("currentMemory")));
    } else if (backing.firstChildElement(QStringLiteral("access"))
                   .attribute(QStringLiteral("mode")) != QLatin1String("shared")) {
        // Hugepages are shareable as they are; plain memory needs a memfd.
        if (backing.firstChildElement(QStringLiteral("hugepages")).isNull() &&
            backing.firstChildElement(QStringLiteral("source")).isNull()) {
            QDomElement source = doc.createElement(QStringLiteral("source"));
            source.setAttribute(QStringLiteral("type"), QStringLiteral("memfd"));
            backing.appendChild(source);
        }
        backing.removeChild(backing.firstChildElement(QStringLiteral("access")));
        QDomElement access = doc.createElement(QStringLiteral("access"));
        access.setAttribute(QStringLiteral("mode"), QStringLiteral("shared"));
        backing.appendChild(access);
    }
    return {};
}

} // namespace

Status LibvirtEngine::editHardware(const QString& name, const HardwareEdit& edit) const {
    auto dom = m_conn->domain(name);
    if (!dom) return dom.error();
    const bool changesDefinition = edit.memoryMiB || edit.cpus || edit.notes || edit.display ||
                                   edit.disks || edit.nics || edit.cdrom || edit.shares ||
                                   edit.firmware || edit.tpm;
    if (changesDefinition && virDomainIsActive(dom->get()) == 1)
        return makeError(ErrorCode::InvalidState,
                         QStringLiteral("VM '%1' on remote '%2' is running").arg(name, where()),
                         QStringLiteral("shut it down first"));
    if (changesDefinition) {
        auto doc = inactiveXml(*m_conn, dom->get(), name);
        if (!doc) return doc.error();
        QDomElement root = doc->documentElement();
        if (edit.memoryMiB) {
            for (const QString& tag : {QStringLiteral("memory"), QStringLiteral("currentMemory")}) {
                setText(root, tag, QString::number(*edit.memoryMiB));
                root.firstChildElement(tag).setAttribute(QStringLiteral("unit"),
                                                         QStringLiteral("MiB"));
            }
        }
        if (edit.cpus) {
            setText(root, QStringLiteral("vcpu"), QString::number(*edit.cpus));
            QDomElement topology = root.firstChildElement(QStringLiteral("cpu"))
                                       .firstChildElement(QStringLiteral("topology"));
            if (!topology.isNull()) {
                topology.setAttribute(QStringLiteral("sockets"), QStringLiteral("1"));
                topology.setAttribute(QStringLiteral("dies"), QStringLiteral("1"));
                topology.setAttribute(QStringLiteral("cores"), QString::number(*edit.cpus));
                topology.setAttribute(QStringLiteral("threads"), QStringLiteral("1"));
            }
        }
        if (edit.notes) {
            if (edit.notes->isEmpty())
                root.removeChild(root.firstChildElement(QStringLiteral("description")));
            else
                setText(root, QStringLiteral("description"), *edit.notes);
        }
        QDomElement devices = root.firstChildElement(QStringLiteral("devices"));
        const auto all = [](const QDomElement&) { return true; };
        if (edit.display) {
            VmSpec probe = devicesProbe();
            probe.display = *edit.display;
            auto wanted = builderDevices(probe);
            if (!wanted) return wanted.error();
            const QDomElement from =
                wanted->documentElement().firstChildElement(QStringLiteral("devices"));
            replaceDevices(*doc, devices, from, QStringLiteral("graphics"), all);
            replaceDevices(*doc, devices, from, QStringLiteral("video"), all);
            // Keyboard and mouse inputs are the machine's own (PS/2): they stay.
            replaceDevices(*doc, devices, from, QStringLiteral("input"), [](const QDomElement& e) {
                return e.attribute(QStringLiteral("type")) == QLatin1String("tablet");
            });
        }
        if (edit.disks || edit.nics || edit.cdrom) {
            VmSpec probe = devicesProbe();
            probe.disks = edit.disks.value_or(QVector<DiskSpec>{});
            probe.nics = edit.nics.value_or(QVector<NicSpec>{});
            probe.cdrom = edit.cdrom.value_or(QString());
            VIREO_TRY(fillDiskFormats(probe));
            auto wanted = builderDevices(probe);
            if (!wanted) return wanted.error();
            const QDomElement from =
                wanted->documentElement().firstChildElement(QStringLiteral("devices"));
            if (edit.disks)
                replaceDevices(*doc, devices, from, QStringLiteral("disk"),
                               [](const QDomElement& e) { return isDiskOf(e, "disk"); });
            if (edit.cdrom)
                replaceDevices(*doc, devices, from, QStringLiteral("disk"),
                               [](const QDomElement& e) { return isDiskOf(e, "cdrom"); });
            if (edit.nics) replaceDevices(*doc, devices, from, QStringLiteral("interface"), all);
        }
        if (edit.shares) VIREO_TRY(replaceShares(*doc, *edit.shares));
        bool freshUefiStore = false;
        if (edit.firmware) {
            auto fresh = replaceFirmware(*doc, *edit.firmware, edit.secureBoot);
            if (!fresh) return fresh.error();
            freshUefiStore = *fresh;
        }
        if (edit.tpm) VIREO_TRY(replaceTpm(*doc, *edit.tpm));
        DomainRef redefined(virDomainDefineXMLFlags(m_conn->get(), doc->toByteArray().constData(),
                                                    VIR_DOMAIN_DEFINE_VALIDATE));
        if (!redefined)
            return m_conn->lastError(
                QStringLiteral("changing VM '%1'").arg(name),
                edit.tpm.value_or(false) && lastLibvirtMessage().contains(QLatin1String("TPM"))
                    ? QStringLiteral("a TPM on a libvirt host needs swtpm and swtpm-tools there")
                    : QString());
        // libvirt has no call that resets a store in place; its next start does (start()).
        if (freshUefiStore && !setDomainFlag(redefined.get(), kResetUefiStoreFlag, true))
            return m_conn->lastError(
                QStringLiteral("marking the UEFI variables of '%1' to start afresh").arg(name));
    }
    if (edit.autostart && virDomainSetAutostart(dom->get(), *edit.autostart ? 1 : 0) < 0)
        return m_conn->lastError(QStringLiteral("changing the autostart of VM '%1'").arg(name));
    return {};
}

Status LibvirtEngine::clone(const QString& source, const QString& target, CloneMode mode,
                            const CloneFinish& finish) const {
    VIREO_TRY(checkNewName(target));
    auto dom = m_conn->domain(source);
    if (!dom) return dom.error();
    if (virDomainIsActive(dom->get()) == 1)
        return makeError(
            ErrorCode::InvalidState,
            QStringLiteral("VM '%1' on remote '%2' is running").arg(source, where()),
            QStringLiteral("shut it down first (a clone copies its disks as they are)"));
    auto doc = inactiveXml(*m_conn, dom->get(), source);
    if (!doc) return doc.error();
    const QByteArray sourceXml = doc->toByteArray();
    QDomDocument sourceDoc = doc->cloneNode(true).toDocument(); // redefined onto overlays
    QDomElement root = doc->documentElement();
    setText(root, QStringLiteral("name"), target);
    root.removeChild(root.firstChildElement(QStringLiteral("uuid")));
    QDomElement os = root.firstChildElement(QStringLiteral("os"));
    if (!os.firstChildElement(QStringLiteral("nvram")).isNull()) // a fresh UEFI store of its own
        os.removeChild(os.firstChildElement(QStringLiteral("nvram")));
    QDomElement devices = root.firstChildElement(QStringLiteral("devices"));
    for (QDomElement nic = devices.firstChildElement(QStringLiteral("interface")); !nic.isNull();
         nic = nic.nextSiblingElement(QStringLiteral("interface")))
        if (QDomElement mac = nic.firstChildElement(QStringLiteral("mac")); !mac.isNull())
            mac.setAttribute(QStringLiteral("address"), randomMac());

    const LibvirtStorage storage(*m_conn);
    QStringList made;
    bool sourceRedefined = false;
    auto undo = [&](const Error& e) -> Status {
        // Best effort; the first error is the one reported.
        if (sourceRedefined)
            DomainRef(virDomainDefineXMLFlags(m_conn->get(), sourceXml.constData(), 0));
        for (const auto& path : made)
            (void)storage.remove(path);
        return e;
    };
    // Each disk of the clone (and when Linked, of the source) in document order.
    QDomElement sourceDisk = sourceDoc.documentElement()
                                 .firstChildElement(QStringLiteral("devices"))
                                 .firstChildElement(QStringLiteral("disk"));
    for (QDomElement disk = devices.firstChildElement(QStringLiteral("disk")); !disk.isNull();
         disk = disk.nextSiblingElement(QStringLiteral("disk")),
                     sourceDisk = sourceDisk.nextSiblingElement(QStringLiteral("disk"))) {
        if (disk.attribute(QStringLiteral("device")) != QLatin1String("disk"))
            continue; // ISOs are shared
        QDomElement src = disk.firstChildElement(QStringLiteral("source"));
        const QString path = src.attribute(QStringLiteral("file"));
        if (path.isEmpty()) continue;
        const QString folder = QFileInfo(path).path() + QLatin1Char('/');
        const QString file = QFileInfo(path).completeBaseName();
        if (mode == CloneMode::Full) {
            auto copied =
                storage.copy(path, folder + target + QLatin1Char('-') + QFileInfo(path).fileName());
            if (!copied) return undo(copied.error());
            made << copied->path;
            src.setAttribute(QStringLiteral("file"), copied->path);
            continue;
        }
        // The image becomes a base that never changes again: both VMs write overlays on it.
        auto mine = storage.overlay(path, folder + target + QLatin1Char('-') + file +
                                              QStringLiteral(".qcow2"));
        if (!mine) return undo(mine.error());
        made << mine->path;
        src.setAttribute(QStringLiteral("file"), mine->path);
        disk.firstChildElement(QStringLiteral("driver"))
            .setAttribute(QStringLiteral("type"), QStringLiteral("qcow2"));
        if (mode == CloneMode::LinkedToTemplate) continue;
        QString layer;
        for (int n = 1;; ++n) {
            layer = folder + QStringLiteral("%1-layer%2.qcow2").arg(file).arg(n);
            if (!storage.volume(layer)) break;
        }
        auto theirs = storage.overlay(path, layer);
        if (!theirs) return undo(theirs.error());
        made << theirs->path;
        sourceDisk.firstChildElement(QStringLiteral("source"))
            .setAttribute(QStringLiteral("file"), theirs->path);
        sourceDisk.firstChildElement(QStringLiteral("driver"))
            .setAttribute(QStringLiteral("type"), QStringLiteral("qcow2"));
    }
    if (finish)
        if (auto s = finish(*doc, made); !s) return undo(s.error());
    if (mode == CloneMode::Linked) {
        DomainRef redefined(virDomainDefineXMLFlags(
            m_conn->get(), sourceDoc.toByteArray().constData(), VIR_DOMAIN_DEFINE_VALIDATE));
        if (!redefined)
            return undo(
                m_conn->lastError(QStringLiteral("moving VM '%1' onto its overlays").arg(source)));
        sourceRedefined = true;
    }
    DomainRef defined(virDomainDefineXMLFlags(m_conn->get(), doc->toByteArray().constData(),
                                              VIR_DOMAIN_DEFINE_VALIDATE));
    if (!defined)
        return undo(m_conn->lastError(QStringLiteral("defining the clone '%1'").arg(target)));
    return {};
}

} // namespace vireo
