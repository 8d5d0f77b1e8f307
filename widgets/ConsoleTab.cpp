#include "ConsoleTab.h"

#include "DetachableArea.h"
#include "JobRunner.h"
#include "TerminalWidget.h"
#include "vm/VmRuntime.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace vireo {

ConsoleTab::ConsoleTab(JobRunner* jobs, QWidget* parent) : VmTab(jobs, parent) {
    m_terminal = new TerminalWidget;
    m_area = new DetachableArea(m_terminal, this);
    m_status = new QLabel(this);
    m_reconnect = new QPushButton(tr("Reconnect"), this);
    auto* detach = new QPushButton(tr("Own Window"), this);
    detach->setCheckable(true);
    connect(detach, &QPushButton::toggled, m_area, &DetachableArea::setDetached);
    connect(m_area, &DetachableArea::detachedChanged, detach, &QPushButton::setChecked);
    auto* bar = new QHBoxLayout;
    bar->addWidget(m_status, 1);
    bar->addWidget(detach);
    bar->addWidget(m_reconnect);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_area, 1);
    layout->addLayout(bar);
    connect(m_reconnect, &QPushButton::clicked, this, [this] {
        m_terminal->disconnectFromSocket();
        attach();
    });
    connect(m_terminal, &TerminalWidget::connectionChanged, this, [this](bool connected) {
        if (!m_row) return;
        m_status->setText(connected ? tr("Connected to the serial console of %1.").arg(m_row->name)
                                    : tr("Not connected."));
    });
    setVm(nullptr);
}

void ConsoleTab::setVm(const VmRow* row) {
    const bool other = !row || !m_row || m_row->name != row->name;
    m_row = row ? std::optional<VmRow>(*row) : std::nullopt;
    setEnabled(row != nullptr);
    if (row) m_area->setWindowTitleText(tr("%1 — Serial Console").arg(row->name));
    if (!row) {
        m_terminal->disconnectFromSocket();
        m_status->clear();
        return;
    }
    if (other) m_terminal->disconnectFromSocket();
    attach();
}

void ConsoleTab::attach() {
    if (!m_row) return;
    if (!m_row->spec.serial) {
        m_status->setText(tr("%1 has no serial console.").arg(m_row->name));
        return;
    }
    if (!m_row->status.isActive()) {
        if (m_terminal->isConnected()) m_terminal->disconnectFromSocket();
        m_status->setText(
            tr("%1 is not running; its console connects when it starts.").arg(m_row->name));
        return;
    }
    // Connecting a local socket does not block; the path is pure computation.
    const Library library(m_jobs->libraryRoot());
    m_terminal->connectToSocket(VmRuntime(library, m_row->spec).serialSocket());
}

} // namespace vireo
