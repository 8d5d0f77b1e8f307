#pragma once

#include <QWidget>

class QTreeWidget;
class QTreeWidgetItem;

namespace vireo {

class RemotesPage;

// The library's libvirt hosts in the main window, under the VMs: each host a group with its
// state and its VMs' live state, mirrored from the Remote Hosts window's tree whenever a
// host's events change it (no polling of its own). Shown only when the library has hosts;
// activating a VM (or a host) opens it in the Remote Hosts window.
class RemoteListPanel : public QWidget {
    Q_OBJECT
public:
    RemoteListPanel(RemotesPage* page, QWidget* parent = nullptr);
    QTreeWidget* list() const { return m_list; }
    // The group of `remote` and its row for `vm` (nullptr when absent).
    QTreeWidgetItem* hostItem(const QString& remote) const;
    QTreeWidgetItem* vmItem(const QString& remote, const QString& vm) const;

Q_SIGNALS:
    // `vm` is empty for a host.
    void openRequested(const QString& remote, const QString& vm);

private:
    void sync(const QString& remote);

    RemotesPage* m_page;
    QTreeWidget* m_list;
};

} // namespace vireo
