#pragma once

#include "core/Result.h"
#include "network/NetworkSpec.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>

namespace vireo {

// One vhost-user port of a DPDK switch: QEMU serves `socket`, the switch connects to it.
struct SwitchPort {
    QString name;   // the NIC's tap-style name (vitp…): unique per VM NIC
    QString socket; // absolute
    QString vlan;   // "" | "10" | "trunk:10,20"
    QString owner;  // the VM
};

// The vireo-switch process of one DPDK network and its run folder: the ports file the
// switch reads, its control socket, its pid and log, and the hugepages reserved for it.
// The switch runs under its own supervisor (restarted when it dies) and outlives the
// command that started it, like a VM's QEMU.
class DpdkSwitch {
public:
    explicit DpdkSwitch(const QString& networkRunDir);

    // vireo-switch: $VIREO_SWITCH, beside the running program, in the build tree, or the
    // installed libexec path; empty when DPDK support was not built.
    static QString programPath();

    bool running() const;
    // Reserves the hugepages, starts the switch and waits until it answers.
    Status start(const NetworkSpec& spec);
    // Stops the switch and its supervisor, gives the hugepages back, removes the folder.
    Status stop();

    // Adds (or replaces, by name) ports and removes ports by name; the switch follows at once.
    Status addPorts(const QVector<SwitchPort>& ports);
    Status removePorts(const QStringList& names);
    QString socketPath(const QString& portName) const;

    // The switch's answer to "stats" or "fdb" (see app/vireo-switch/ControlSocket.h).
    Result<QJsonObject> query(const QString& request) const;
    QString folder() const { return m_dir; }

private:
    Status editPorts(const QVector<SwitchPort>& add, const QStringList& remove);
    Status releaseHugepages();
    QString m_networkDir;
    QString m_dir;
};

} // namespace vireo
