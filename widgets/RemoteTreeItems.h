#pragma once

// The tree of remote hosts and their VMs, as the Remote Hosts page and the main window's
// remote groups both show it: a top-level item per host, a child per VM, found by name.
#include <QString>
#include <QTreeWidget>

namespace vireo {

constexpr int kRemoteRole = Qt::UserRole + 1; // on a host item: the remote's name
constexpr int kVmRole = Qt::UserRole + 2;     // on a VM item: the VM's name

QTreeWidgetItem* remoteHostItem(const QTreeWidget* tree, const QString& remote);
QTreeWidgetItem* remoteVmItem(const QTreeWidget* tree, const QString& remote, const QString& vm);

} // namespace vireo
