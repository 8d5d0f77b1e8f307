#include "RemoteTreeItems.h"

namespace vireo {

QTreeWidgetItem* remoteHostItem(const QTreeWidget* tree, const QString& remote) {
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        if (tree->topLevelItem(i)->data(0, kRemoteRole).toString() == remote)
            return tree->topLevelItem(i);
    return nullptr;
}

QTreeWidgetItem* remoteVmItem(const QTreeWidget* tree, const QString& remote, const QString& vm) {
    QTreeWidgetItem* host = remoteHostItem(tree, remote);
    for (int i = 0; host && i < host->childCount(); ++i)
        if (host->child(i)->data(0, kVmRole).toString() == vm) return host->child(i);
    return nullptr;
}

} // namespace vireo
