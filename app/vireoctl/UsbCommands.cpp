// vireoctl usb list | attach | detach | watch: host USB devices for VMs.
#include "Cli.h"

#include "passthrough/PassthroughReport.h"
#include "passthrough/PassthroughVerdicts.h"
#include "usb/UsbAttachments.h"
#include "usb/UsbFilterWatch.h"
#include "usb/UsbFilters.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace vireo::cli {

namespace {

// USB controllers are PCI devices: the whole controller can go to a VM through the PCI
// path (vm edit --pci), with the verdict `host passthrough` gives it.
QJsonArray usbControllers(const HostRoot& host) {
    QJsonArray out;
    auto report = scanPassthrough(host);
    if (!report) return out;
    static const QRegularExpression busRe(QStringLiteral("^usb([0-9]+)$"));
    for (const auto& d : report->inventory.devices) {
        if (d.classWord() != 0x0c03) continue;
        QJsonArray buses;
        const QString dir = host.resolve(QStringLiteral("sys/bus/pci/devices/") + d.address);
        for (const auto& entry : host.list(dir)) {
            const auto m = busRe.match(entry);
            if (m.hasMatch()) buses.append(m.captured(1).toInt());
        }
        QString verdict;
        for (const auto& v : report->verdicts)
            if (v.address == d.address) verdict = verdictName(v.verdict);
        out.append(QJsonObject{{QStringLiteral("address"), d.address},
                               {QStringLiteral("name"), d.deviceName},
                               {QStringLiteral("driver"), d.driver},
                               {QStringLiteral("buses"), buses},
                               {QStringLiteral("verdict"), verdict}});
    }
    return out;
}

// The host (--host-root or this one) and its USB buses.
struct HostBus {
    HostRoot host;
    std::unique_ptr<UsbBus> bus;
};

Result<HostBus> openHostBus(const Cli& cli) {
    auto host = openHostRoot(cli);
    if (!host) return host.error();
    auto bus = openUsbBus(*host);
    if (!bus) return bus.error();
    return HostBus{std::move(*host), std::move(*bus)};
}

int usbList(Cli& cli) {
    if (!cli.parse(QStringLiteral("Host USB devices (not hubs), the VM holding each, and the "
                                  "USB controllers."),
                   {}, {hostRootOption()}))
        return cli.exitCode();
    auto hb = openHostBus(cli);
    if (!hb) return cli.fail(hb.error());
    auto devices = hb->bus->devices();
    if (!devices) return cli.fail(devices.error());
    const auto held = UsbAttachments(cli.library()).held();
    auto holderOf = [&](const QString& port) { return usbHolder(held, port); };
    const QJsonArray controllers = usbControllers(hb->host);
    if (cli.json()) {
        QJsonArray list;
        for (const auto& d : *devices) {
            QJsonObject o = usbDeviceToJson(d);
            const QString vm = holderOf(d.id());
            o.insert(QStringLiteral("attached_to"), vm.isEmpty() ? QJsonValue() : QJsonValue(vm));
            list.append(o);
        }
        return cli.printJson(QJsonObject{{QStringLiteral("devices"), list},
                                         {QStringLiteral("controllers"), controllers}});
    }
    if (devices->isEmpty()) cli.print(QStringLiteral("no USB devices"));
    for (const auto& d : *devices) {
        const QString vm = holderOf(d.id());
        cli.print(QStringLiteral("%1  %2  %3  %4%5")
                      .arg(d.id(), -10)
                      .arg(d.vidPid())
                      .arg(d.speed, -7)
                      .arg(d.displayName(),
                           vm.isEmpty() ? QString() : QStringLiteral("  [VM '%1']").arg(vm)));
    }
    for (const auto& v : controllers) {
        const QJsonObject c = v.toObject();
        QStringList buses;
        for (const auto& b : c.value(QStringLiteral("buses")).toArray())
            buses << QString::number(b.toInt());
        cli.print(QStringLiteral("controller %1  %2  buses %3  %4")
                      .arg(c.value(QStringLiteral("address")).toString(),
                           c.value(QStringLiteral("verdict")).toString(),
                           buses.isEmpty() ? QStringLiteral("-") : buses.join(QLatin1Char(',')),
                           c.value(QStringLiteral("name")).toString()));
    }
    return ExitOk;
}

// DEVICE is a port ("1-2.1") or VENDOR:PRODUCT naming exactly one plugged device.
Result<UsbDevice> findDevice(const QVector<UsbDevice>& devices, const QString& which) {
    QVector<UsbDevice> found;
    for (const auto& d : devices)
        if (d.id() == which || d.vidPid() == which.toLower()) found.append(d);
    if (found.size() == 1) return found.first();
    if (found.isEmpty())
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("no USB device '%1' is plugged in").arg(which.left(40)),
                         QStringLiteral("'vireoctl usb list' shows ports and VENDOR:PRODUCT ids"));
    QStringList ports;
    for (const auto& d : found)
        ports << d.id();
    return makeError(ErrorCode::InvalidArgument,
                     QStringLiteral("%1 USB devices are %2 (at %3)")
                         .arg(found.size())
                         .arg(which, ports.join(QLatin1String(", "))),
                     QStringLiteral("name one by its port"));
}

int usbAttach(Cli& cli) {
    if (!cli.parse(QStringLiteral("Give a host USB device to a running VM (until it is "
                                  "unplugged, detached, or the VM stops)."),
                   {QStringLiteral("VM"), QStringLiteral("DEVICE")}, {hostRootOption()}))
        return cli.exitCode();
    auto hb = openHostBus(cli);
    if (!hb) return cli.fail(hb.error());
    auto devices = hb->bus->devices();
    if (!devices) return cli.fail(devices.error());
    auto device = findDevice(*devices, cli.positional().at(1));
    if (!device) return cli.fail(device.error());
    const QString vm = cli.positional().first();
    auto done = UsbAttachments(cli.library()).attach(vm, *device, hb->host);
    if (!done) return cli.fail(done.error());
    if (cli.json())
        return cli.printJson(QJsonObject{{QStringLiteral("vm"), vm},
                                         {QStringLiteral("device"), usbDeviceToJson(*device)}});
    cli.print(QStringLiteral("USB device %1 (%2) attached to VM '%3'")
                  .arg(device->id(), device->displayName(), vm));
    return ExitOk;
}

int usbDetach(Cli& cli) {
    if (!cli.parse(QStringLiteral("Take a host USB device back from a running VM."),
                   {QStringLiteral("VM"), QStringLiteral("PORT")}))
        return cli.exitCode();
    const QString vm = cli.positional().first();
    const QString port = cli.positional().at(1);
    if (!isUsbPortId(port))
        return cli.fail(makeError(ErrorCode::InvalidArgument,
                                  QStringLiteral("'%1' is not a USB port").arg(port.left(40)),
                                  QStringLiteral("give it as 'vireoctl usb list' shows it, "
                                                 "e.g. 1-2.1")));
    auto done = UsbAttachments(cli.library()).detach(vm, port);
    if (!done) return cli.fail(done.error());
    if (!cli.json()) cli.print(QStringLiteral("USB device %1 detached from VM '%2'").arg(port, vm));
    return ExitOk;
}

QString actionName(UsbWatchAction::Kind kind) {
    switch (kind) {
    case UsbWatchAction::Kind::Attached:
        return QStringLiteral("attached");
    case UsbWatchAction::Kind::Detached:
        return QStringLiteral("detached");
    case UsbWatchAction::Kind::Failed:
        return QStringLiteral("failed");
    case UsbWatchAction::Kind::Ignored:
        break;
    }
    return QStringLiteral("ignored");
}

int usbWatch(Cli& cli) {
    if (!cli.parse(QStringLiteral("Apply the VMs' USB filters to devices as they are plugged "
                                  "in and out (the vireo-usb-filters user unit runs this)."),
                   {}, {hostRootOption()}))
        return cli.exitCode();
    auto hb = openHostBus(cli);
    if (!hb) return cli.fail(hb.error());
    auto watched = hb->bus->watch([&](const UsbEvent& event) {
        const UsbWatchAction action = handleUsbEvent(cli.library(), event, hb->host);
        // One compact object per line: a stream a script reads line by line.
        if (cli.json())
            cli.print(QString::fromUtf8(
                QJsonDocument(
                    QJsonObject{{QStringLiteral("event"), event.kind == UsbEventKind::Arrived
                                                              ? QStringLiteral("arrived")
                                                              : QStringLiteral("left")},
                                {QStringLiteral("device"), event.device.id()},
                                {QStringLiteral("action"), actionName(action.kind)},
                                {QStringLiteral("vm"),
                                 action.vm.isEmpty() ? QJsonValue() : QJsonValue(action.vm)},
                                {QStringLiteral("message"), action.message}})
                    .toJson(QJsonDocument::Compact)));
        else if (action.kind == UsbWatchAction::Kind::Failed)
            cli.warn(action.message);
        else
            cli.print(action.message);
        return true;
    });
    if (!watched) return cli.fail(watched.error());
    return ExitOk;
}

} // namespace

const QList<Verb>& usbVerbs() {
    static const QList<Verb> verbs{
        {QStringLiteral("list"), QStringLiteral("host USB devices, who holds them, controllers"),
         usbList},
        {QStringLiteral("attach"), QStringLiteral("give a host USB device to a running VM"),
         usbAttach},
        {QStringLiteral("detach"), QStringLiteral("take a host USB device back from a VM"),
         usbDetach},
        {QStringLiteral("watch"),
         QStringLiteral("apply the VMs' USB filters as devices come and go"), usbWatch},
    };
    return verbs;
}

} // namespace vireo::cli
