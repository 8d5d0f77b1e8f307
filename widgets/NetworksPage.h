#pragma once

#include "RefreshingPage.h"
#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QPushButton;
class QTreeWidget;

namespace vireo {

class JobRunner;

// The library's named networks: their mode, subnet and state; create (each mode said in
// one sentence, optionally accelerated by DPDK), start, stop, delete; and the selected
// network's DHCP leases and per-port packet rates, live.
class NetworksPage : public RefreshingPage {
    Q_OBJECT
public:
    explicit NetworksPage(JobRunner* jobs, QWidget* parent = nullptr);
    // Re-reads the networks and the selected one's leases (off the UI thread).
    void reload() override;
    QTreeWidget* networks() const { return m_networks; }
    QTreeWidget* leases() const { return m_leases; }
    // The selected network's ports (a DPDK switch's, or a kernel network's taps) with rates.
    QTreeWidget* ports() const { return m_ports; }
    // A running DPDK switch's packet threads: the share of polls that moved frames, sleeps.
    QLabel* switchLoad() const { return m_switchLoad; }
    // Creates a network from the form's fields (the Create button).
    void createFromForm();

Q_SIGNALS:
    void reloaded();

private:
    void runOnSelected(const QString& title, int op);
    void updateButtons();
    void updateModeHelp();
    void showPorts(const QJsonArray& ports);
    void showSwitchLoad(const QJsonArray& threads);
    QString selected() const;

    JobRunner* m_jobs;
    QTreeWidget* m_networks;
    QTreeWidget* m_leases;
    QLineEdit* m_name;
    QComboBox* m_mode;
    QLabel* m_modeHelp;
    QLineEdit* m_subnet;
    QLineEdit* m_uplink;
    QCheckBox* m_createBridge;
    QCheckBox* m_dhcp;
    QCheckBox* m_ipv6;
    QSpinBox* m_mtu;
    QCheckBox* m_dpdk;
    QTreeWidget* m_ports;
    // The last counters seen per port ("rx tx" packets) and when, for the rates.
    QHash<QString, QPair<double, double>> m_lastCounters;
    QElapsedTimer m_lastCountersAt;
    QLabel* m_switchLoad;
    QJsonArray m_lastThreads; // the packet threads' counters at m_lastCountersAt
    QPushButton* m_create;
    QPushButton* m_start;
    QPushButton* m_stop;
    QPushButton* m_delete;
    int m_generation = 0;
};

} // namespace vireo
