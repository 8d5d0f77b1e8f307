#include "RemoteListPanel.h"

#include "RemoteTreeItems.h"
#include "RemotesPage.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace vireo {

RemoteListPanel::RemoteListPanel(RemotesPage* page, QWidget* parent)
    : QWidget(parent), m_page(page) {
    setObjectName(QStringLiteral("remotePanel"));
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("mainRemoteList"));
    m_list->setHeaderLabels({tr("Name"), tr("State")});
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Remote hosts"), this));
    layout->addWidget(m_list);
    const auto open = [this](QTreeWidgetItem* item) {
        if (item)
            Q_EMIT openRequested(item->data(0, kRemoteRole).toString(),
                                 item->data(0, kVmRole).toString());
    };
    connect(m_list, &QTreeWidget::itemActivated, this, open);
    m_list->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto* openAction = new QAction(tr("&Open in Remote Hosts"), m_list);
    openAction->setObjectName(QStringLiteral("remoteOpenAction"));
    connect(openAction, &QAction::triggered, this, [this, open] { open(m_list->currentItem()); });
    m_list->addAction(openAction);
    connect(m_page, &RemotesPage::hostChanged, this, &RemoteListPanel::sync);
    for (int i = 0; i < m_page->hosts()->topLevelItemCount(); ++i)
        sync(m_page->hosts()->topLevelItem(i)->text(0));
    setVisible(m_list->topLevelItemCount() > 0);
}

QTreeWidgetItem* RemoteListPanel::hostItem(const QString& remote) const {
    return remoteHostItem(m_list, remote);
}

QTreeWidgetItem* RemoteListPanel::vmItem(const QString& remote, const QString& vm) const {
    return remoteVmItem(m_list, remote, vm);
}

void RemoteListPanel::sync(const QString& remote) {
    const QTreeWidgetItem* source = m_page->hostItem(remote);
    QTreeWidgetItem* host = hostItem(remote);
    if (!source) {
        delete host;
        setVisible(m_list->topLevelItemCount() > 0);
        return;
    }
    if (!host) {
        host = new QTreeWidgetItem(m_list);
        host->setData(0, kRemoteRole, remote);
        host->setExpanded(true);
    }
    host->setText(0, source->text(0));
    host->setText(1, source->text(1));
    host->setToolTip(1, source->toolTip(1));
    const QString current = m_list->currentItem() && m_list->currentItem()->parent() == host
                                ? m_list->currentItem()->data(0, kVmRole).toString()
                                : QString();
    qDeleteAll(host->takeChildren());
    for (int i = 0; i < source->childCount(); ++i) {
        const QTreeWidgetItem* vm = source->child(i);
        auto* item = new QTreeWidgetItem(host, {vm->text(0), vm->text(1)});
        item->setData(0, kRemoteRole, remote);
        item->setData(0, kVmRole, vm->text(0));
        if (vm->text(0) == current) m_list->setCurrentItem(item);
    }
    setVisible(true);
}

} // namespace vireo
