#include "MainWindow.h"

// The pages and dialogs the main window opens beside its list (remote hosts, sandboxes,
// networks, the host check), and the sandbox rows' actions, which open the sandboxes page.

#include "HostCheckDialog.h"
#include "NetworksPage.h"
#include "RemoteListPanel.h"
#include "RemotesPage.h"
#include "SandboxesPage.h"
#include "VmListModel.h"

#include <QAction>
#include <QItemSelectionModel>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace vireo {

QAction* MainWindow::sandboxAction(const QString& objectName) const {
    for (QAction* a : m_sandboxActions)
        if (a->objectName() == objectName) return a;
    return nullptr;
}

void MainWindow::createSandboxActions() {
    const auto add = [this](const QString& text, const char* name,
                            std::function<void(const QString&)> act) {
        auto* a = new QAction(text, this);
        a->setObjectName(QString::fromLatin1(name));
        connect(a, &QAction::triggered, this, [this, act] {
            if (const QString name = currentSandbox(); !name.isEmpty()) act(name);
        });
        m_sandboxActions.append(a);
    };
    add(tr("&Open"), "sandboxOpenAction", [this](const QString& name) { openSandbox(name); });
    add(tr("&Start"), "sandboxStartAction",
        [this](const QString& name) { sandboxesPage()->start(name); });
    add(tr("S&top"), "sandboxStopAction",
        [this](const QString& name) { sandboxesPage()->stop(name); });
}

void MainWindow::openSandbox(const QString& name) {
    SandboxesPage* page = sandboxesPage();
    page->show();
    page->raise();
    connect(
        page, &SandboxesPage::reloaded, page, [page, name] { page->select(name); },
        Qt::SingleShotConnection);
    page->reload();
}

QString MainWindow::currentSandbox() const {
    const auto rows = m_view->selectionModel()->selectedRows();
    const QModelIndex one = rows.size() == 1 ? rows.first() : QModelIndex();
    if (!one.isValid() || one.data(VmListModel::KindRole).toInt() != VmListModel::SandboxKind)
        return {};
    return one.data(VmListModel::NameRole).toString();
}

bool MainWindow::selectSandbox(const QString& name) {
    for (int row = 0; row < m_filterModel->rowCount(); ++row) {
        const QModelIndex index = m_filterModel->index(row, 0);
        if (index.data(VmListModel::KindRole).toInt() != VmListModel::SandboxKind ||
            index.data(VmListModel::NameRole).toString() != name)
            continue;
        m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                             QItemSelectionModel::Rows);
        m_view->scrollTo(index);
        return true;
    }
    return false;
}

RemotesPage* MainWindow::remotesPage() {
    if (m_remotesPage) return m_remotesPage;
    m_remotesPage = new RemotesPage(m_jobs, this);
    m_remotePanel = new RemoteListPanel(m_remotesPage, m_leftLayout->parentWidget());
    m_leftLayout->addWidget(m_remotePanel);
    connect(m_remotePanel, &RemoteListPanel::openRequested, this,
            [this](const QString& remote, const QString& vm) {
                RemotesPage* page = remotesPage();
                page->show();
                page->raise();
                page->hosts()->setCurrentItem(vm.isEmpty() ? page->hostItem(remote)
                                                           : page->vmItem(remote, vm));
            });
    return m_remotesPage;
}

SandboxesPage* MainWindow::sandboxesPage() {
    if (!m_sandboxesPage) m_sandboxesPage = new SandboxesPage(m_jobs, this);
    return m_sandboxesPage;
}

HostCheckDialog* MainWindow::showHostCheck() {
    if (!m_hostCheck)
        m_hostCheck = new HostCheckDialog(m_jobs, this);
    else
        m_hostCheck->runChecks();
    m_hostCheck->show();
    m_hostCheck->raise();
    return m_hostCheck;
}

NetworksPage* MainWindow::networksPage() {
    if (!m_networksPage) m_networksPage = new NetworksPage(m_jobs, this);
    return m_networksPage;
}

} // namespace vireo
