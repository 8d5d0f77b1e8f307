#pragma once

#include "jobs/LibraryScan.h"

#include <QWidget>
#include <optional>

namespace vireo {

class JobRunner;

// A details tab: shows one VM (or none) and acts on it through the JobRunner.
class VmTab : public QWidget {
    Q_OBJECT
public:
    VmTab(JobRunner* jobs, QWidget* parent = nullptr) : QWidget(parent), m_jobs(jobs) {}
    // Called with the VM's latest row whenever it changes; nullptr when none is selected.
    virtual void setVm(const VmRow* row) = 0;

Q_SIGNALS:
    void vmModified(); // a job changed the VM: the list should rescan now

protected:
    JobRunner* m_jobs;
};

} // namespace vireo
