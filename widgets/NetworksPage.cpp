#include "NetworksPage.h"

#include "JobRunner.h"
#include "network/DpdkSwitch.h"
#include "network/VirtualNetworks.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <memory>

namespace vireo {

namespace {

enum Op { Start, Stop, Delete };

struct Snapshot {
    QVector<NetworkStatus> networks;
    QVector<DhcpLease> leases;
    QJsonArray ports;
    QJsonArray threads;
};

} // namespace

NetworksPage::NetworksPage(JobRunner* jobs, QWidget* parent)
    : RefreshingPage(parent), m_jobs(jobs) {
    setObjectName(QStringLiteral("networksPage"));
    setWindowTitle(tr("Networks"));
    m_networks = new QTreeWidget(this);
    m_networks->setObjectName(QStringLiteral("networkList"));
    m_networks->setRootIsDecorated(false);
    m_networks->setHeaderLabels({tr("Name"), tr("Mode"), tr("Subnet"), tr("DHCP"), tr("State")});
    m_networks->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_leases = new QTreeWidget(this);
    m_leases->setObjectName(QStringLiteral("leaseList"));
    m_leases->setRootIsDecorated(false);
    m_leases->setHeaderLabels({tr("Address"), tr("MAC"), tr("Host name"), tr("VM"), tr("Expires")});
    m_start = new QPushButton(tr("Start"), this);
    m_start->setObjectName(QStringLiteral("startNetwork"));
    m_stop = new QPushButton(tr("Stop"), this);
    m_stop->setObjectName(QStringLiteral("stopNetwork"));
    m_delete = new QPushButton(tr("Delete"), this);
    m_delete->setObjectName(QStringLiteral("deleteNetwork"));

    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("networkName"));
    m_mode = new QComboBox(this);
    m_mode->setObjectName(QStringLiteral("networkMode"));
    m_mode->addItem(tr("NAT network"), int(NetworkMode::NatNetwork));
    m_mode->addItem(tr("Host-only"), int(NetworkMode::HostOnly));
    m_mode->addItem(tr("Internal"), int(NetworkMode::Internal));
    m_mode->addItem(tr("Bridged"), int(NetworkMode::Bridged));
    m_modeHelp = new QLabel(this);
    m_modeHelp->setObjectName(QStringLiteral("networkModeHelp"));
    m_modeHelp->setWordWrap(true);
    m_subnet = new QLineEdit(this);
    m_subnet->setObjectName(QStringLiteral("networkSubnet"));
    m_uplink = new QLineEdit(this);
    m_uplink->setObjectName(QStringLiteral("networkUplink"));
    m_uplink->setPlaceholderText(tr("A host bridge, e.g. br0, or a NIC, e.g. enp3s0"));
    m_createBridge = new QCheckBox(tr("It is a NIC: bridge it while the network runs"), this);
    m_createBridge->setObjectName(QStringLiteral("networkCreateBridge"));
    m_createBridge->setToolTip(
        tr("Vireo puts a bridge over the NIC; the NIC's address and routes move to the bridge "
           "and back when the network stops. Not for Wi-Fi."));
    m_mtu = new QSpinBox(this);
    m_mtu->setObjectName(QStringLiteral("networkMtu"));
    m_mtu->setRange(576, 9000);
    m_mtu->setValue(1500);
    m_mtu->setToolTip(tr("Up to 9000 for jumbo frames; the guests' virtio NICs take it."));
    m_ipv6 =
        new QCheckBox(tr("IPv6 too (a private /64; guests reach the host and each other)"), this);
    m_ipv6->setObjectName(QStringLiteral("networkIpv6"));
    m_dhcp = new QCheckBox(tr("Serve DHCP and DNS"), this);
    m_dhcp->setObjectName(QStringLiteral("networkDhcp"));
    m_dhcp->setChecked(true);
    m_dpdk = new QCheckBox(tr("Accelerated (DPDK)"), this);
    m_dpdk->setObjectName(QStringLiteral("networkDpdk"));
    m_dpdk->setToolTip(
        tr("VM-to-VM traffic is switched in user space by vireo-switch: faster than the kernel "
           "bridge. It costs 128 MiB of hugepages and a CPU core while traffic flows, and "
           "sleeps when the network is idle. Bridged, the switch sends on the NIC itself."));
    m_ports = new QTreeWidget(this);
    m_ports->setObjectName(QStringLiteral("portList"));
    m_ports->setRootIsDecorated(false);
    m_ports->setHeaderLabels(
        {tr("Port"), tr("VM"), tr("Link"), tr("Received/s"), tr("Sent/s"), tr("Drops")});
    m_create = new QPushButton(tr("Create"), this);
    m_create->setObjectName(QStringLiteral("createNetwork"));

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_start);
    buttons->addWidget(m_stop);
    buttons->addStretch(1);
    buttons->addWidget(m_delete);
    auto* form = new QFormLayout;
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Mode:"), m_mode);
    form->addRow(QString(), m_modeHelp);
    form->addRow(tr("Subnet:"), m_subnet);
    form->addRow(tr("Uplink:"), m_uplink);
    form->addRow(QString(), m_createBridge);
    form->addRow(tr("MTU:"), m_mtu);
    form->addRow(QString(), m_dhcp);
    form->addRow(QString(), m_ipv6);
    form->addRow(QString(), m_dpdk);
    form->addRow(QString(), m_create);
    auto* createBox = new QGroupBox(tr("New network"), this);
    createBox->setLayout(form);
    auto* leaseBox = new QGroupBox(tr("DHCP leases of the selected network"), this);
    auto* leaseLayout = new QVBoxLayout(leaseBox);
    leaseLayout->addWidget(m_leases);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_networks, 2);
    layout->addLayout(buttons);
    layout->addWidget(leaseBox, 1);
    auto* portBox = new QGroupBox(tr("Ports of the selected network (packets per second)"), this);
    auto* portLayout = new QVBoxLayout(portBox);
    portLayout->addWidget(m_ports);
    m_switchLoad = new QLabel(this);
    m_switchLoad->setObjectName(QStringLiteral("switchLoad"));
    m_switchLoad->setWordWrap(true);
    m_switchLoad->hide();
    portLayout->addWidget(m_switchLoad);
    layout->addWidget(portBox, 1);
    layout->addWidget(createBox);

    connect(m_mode, &QComboBox::currentIndexChanged, this, &NetworksPage::updateModeHelp);
    connect(m_dpdk, &QCheckBox::toggled, this, &NetworksPage::updateModeHelp);
    connect(m_networks, &QTreeWidget::itemSelectionChanged, this, [this] {
        updateButtons();
        reload();
    });
    connect(m_create, &QPushButton::clicked, this, &NetworksPage::createFromForm);
    connect(m_start, &QPushButton::clicked, this,
            [this] { runOnSelected(tr("Starting network %1"), Start); });
    connect(m_stop, &QPushButton::clicked, this,
            [this] { runOnSelected(tr("Stopping network %1"), Stop); });
    connect(m_delete, &QPushButton::clicked, this,
            [this] { runOnSelected(tr("Deleting network %1"), Delete); });
    updateModeHelp();
    updateButtons();
    resize(720, 640);
    reload();
}

void NetworksPage::updateModeHelp() {
    const auto mode = NetworkMode(m_mode->currentData().toInt());
    switch (mode) {
    case NetworkMode::NatNetwork:
        m_modeHelp->setText(tr("Guests reach each other and the outside through the host; the "
                               "outside reaches them only through port forwards."));
        break;
    case NetworkMode::HostOnly:
        m_modeHelp->setText(tr("Guests reach each other and this computer, nothing outside."));
        break;
    case NetworkMode::Internal:
        m_modeHelp->setText(tr("Guests reach only each other; not even this computer."));
        break;
    case NetworkMode::Bridged:
        m_modeHelp->setText(tr("Guests join the LAN of a host bridge or NIC and get their "
                               "addresses from its DHCP server."));
        break;
    }
    m_subnet->setEnabled(mode != NetworkMode::Bridged);
    m_uplink->setEnabled(mode == NetworkMode::Bridged);
    // A DPDK switch takes the NIC itself: no kernel bridge over it.
    m_createBridge->setEnabled(mode == NetworkMode::Bridged && !m_dpdk->isChecked());
    m_mtu->setEnabled(mode != NetworkMode::Bridged);
    m_dhcp->setEnabled(mode == NetworkMode::NatNetwork || mode == NetworkMode::HostOnly);
    m_ipv6->setEnabled(mode == NetworkMode::NatNetwork || mode == NetworkMode::HostOnly);
    if (!m_ipv6->isEnabled()) m_ipv6->setChecked(false);
    if (!m_createBridge->isEnabled()) m_createBridge->setChecked(false);
    // Every mode runs on the DPDK switch, where it was built.
    m_dpdk->setEnabled(!DpdkSwitch::programPath().isEmpty());
    if (!m_dpdk->isEnabled()) m_dpdk->setChecked(false);
}

QString NetworksPage::selected() const {
    const auto* item = m_networks->currentItem();
    return item ? item->text(0) : QString();
}

void NetworksPage::updateButtons() {
    const auto* item = m_networks->currentItem();
    const bool active = item && item->data(4, Qt::UserRole).toBool();
    m_start->setEnabled(item && !active);
    m_stop->setEnabled(item && active);
    m_delete->setEnabled(item != nullptr);
}

void NetworksPage::reload() {
    const QString root = m_jobs->libraryRoot(), network = selected();
    const int generation = ++m_generation;
    auto snap = std::make_shared<Snapshot>();
    auto* job = m_jobs->run(tr("Reading networks"), [=](JobContext&) -> Status {
        const Library library(root);
        const VirtualNetworks nets(library);
        snap->networks = nets.list();
        if (!network.isEmpty()) {
            snap->leases = nets.leases(network);
            // One reading of the switch, so the ports' and threads' rates share a clock.
            if (auto counted = nets.counters(network)) {
                snap->ports = counted->ports;
                snap->threads = counted->threads;
            }
        }
        return {};
    });
    connect(job, &Job::finished, this, [this, snap, generation, network] {
        if (generation != m_generation) return;
        // The selection as it is now: the user may have clicked while the job ran.
        const QString keep = selected();
        m_networks->blockSignals(true);
        m_networks->clear();
        for (const auto& n : snap->networks) {
            auto* item = new QTreeWidgetItem(
                m_networks,
                {n.spec.name,
                 n.spec.dpdk ? tr("%1 (DPDK)").arg(toString(n.spec.mode)) : toString(n.spec.mode),
                 n.spec.mode == NetworkMode::Bridged ? n.spec.uplink : n.spec.subnet.cidr(),
                 n.spec.dhcp ? tr("yes") : tr("no"), n.active ? tr("Active") : tr("Stopped")});
            item->setData(4, Qt::UserRole, n.active);
            if (n.spec.name == keep) m_networks->setCurrentItem(item);
        }
        m_networks->blockSignals(false);
        m_leases->clear();
        if (keep != network) {
            reload(); // the leases read were another network's
            return;
        }
        for (const auto& l : snap->leases)
            new QTreeWidgetItem(
                m_leases, {l.ip, l.mac, l.hostname, l.vm,
                           l.expires.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))});
        showSwitchLoad(snap->threads); // before showPorts restarts the rates' clock
        showPorts(snap->ports);
        updateButtons();
        Q_EMIT reloaded();
    });
}

void NetworksPage::showPorts(const QJsonArray& ports) {
    // Rates between two reads; the first read of a port shows no rate yet.
    const double seconds = m_lastCountersAt.isValid() ? m_lastCountersAt.elapsed() / 1000.0 : 0;
    QHash<QString, QPair<double, double>> counters;
    m_ports->clear();
    for (const auto& value : ports) {
        const QJsonObject port = value.toObject();
        const QString name = port.value(QStringLiteral("port")).toString();
        const double rx = port.value(QStringLiteral("rx_packets")).toDouble();
        const double tx = port.value(QStringLiteral("tx_packets")).toDouble();
        counters.insert(name, {rx, tx});
        const auto last = m_lastCounters.constFind(name);
        const bool rated = last != m_lastCounters.cend() && seconds > 0.2;
        const auto rate = [&](double now, double before) {
            return rated ? QString::number(qMax(0.0, now - before) / seconds, 'f', 0) : QString();
        };
        new QTreeWidgetItem(
            m_ports,
            {name, port.value(QStringLiteral("vm")).toString(),
             port.value(QStringLiteral("connected")).toBool() ? tr("up") : tr("down"),
             rated ? rate(rx, last->first) : QString(), rated ? rate(tx, last->second) : QString(),
             QString::number(port.value(QStringLiteral("drops")).toDouble(), 'f', 0)});
    }
    m_lastCounters = counters;
    m_lastCountersAt.start();
}

void NetworksPage::showSwitchLoad(const QJsonArray& threads) {
    const double seconds = m_lastCountersAt.isValid() ? m_lastCountersAt.elapsed() / 1000.0 : 0;
    const bool rated = m_lastThreads.size() == threads.size() && seconds > 0.2;
    QStringList parts;
    for (int t = 0; rated && t < threads.size(); ++t) {
        const QJsonObject now = threads[t].toObject(), before = m_lastThreads[t].toObject();
        const auto delta = [&](const char* key) {
            return qMax(0.0, now.value(QLatin1String(key)).toDouble() -
                                 before.value(QLatin1String(key)).toDouble());
        };
        const double polls = delta("polls");
        parts << tr("thread %1: %2% of polls moved frames, %3 sleeps/s")
                     .arg(t)
                     .arg(polls > 0 ? 100.0 * delta("busy_polls") / polls : 0.0, 0, 'f', 0)
                     .arg(delta("sleeps") / seconds, 0, 'f', 0);
    }
    m_lastThreads = threads;
    m_switchLoad->setVisible(!threads.isEmpty());
    m_switchLoad->setText(rated ? tr("DPDK switch load: %1").arg(parts.join(QStringLiteral("; ")))
                                : tr("DPDK switch: %n packet thread(s), load from the next refresh",
                                     nullptr, int(threads.size())));
}

void NetworksPage::createFromForm() {
    NetworkSpec spec;
    spec.name = m_name->text().trimmed();
    spec.mode = NetworkMode(m_mode->currentData().toInt());
    spec.uplink = m_uplink->text().trimmed();
    spec.ownBridge = m_createBridge->isChecked();
    spec.mtu = m_mtu->isEnabled() ? m_mtu->value() : 1500;
    const bool ipv6 = m_ipv6->isChecked();
    spec.dpdk = m_dpdk->isEnabled() && m_dpdk->isChecked();
    spec.dhcp = m_dhcp->isChecked() &&
                (spec.mode == NetworkMode::NatNetwork || spec.mode == NetworkMode::HostOnly);
    const QString subnet = m_subnet->text().trimmed(), root = m_jobs->libraryRoot();
    auto* job =
        m_jobs->run(tr("Creating network %1").arg(spec.name), [=](JobContext&) mutable -> Status {
            const Library library(root);
            const VirtualNetworks nets(library);
            if (subnet.isEmpty()) {
                spec.subnet = nets.freeSubnet();
            } else {
                auto parsed = Ipv4Subnet::parse(subnet);
                if (!parsed) return parsed.error();
                spec.subnet = *parsed;
            }
            if (ipv6) spec.ipv6 = Ipv6Prefix::uniqueLocal(root + QLatin1Char('\n') + spec.name);
            return nets.create(spec);
        });
    connect(job, &Job::finished, this, [this](const Status& s) {
        if (s.ok()) m_name->clear();
        reload();
    });
}

void NetworksPage::runOnSelected(const QString& title, int op) {
    const QString network = selected(), root = m_jobs->libraryRoot();
    if (network.isEmpty()) return;
    auto* job = m_jobs->run(title.arg(network), [=](JobContext&) -> Status {
        const Library library(root);
        const VirtualNetworks nets(library);
        switch (Op(op)) {
        case Start:
            return nets.start(network);
        case Stop:
            return nets.stop(network);
        case Delete:
            return nets.remove(network);
        }
        return {};
    });
    connect(job, &Job::finished, this, [this] { reload(); });
}

} // namespace vireo
