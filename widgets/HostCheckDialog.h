#pragma once

#include <QDialog>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace vireo {

class JobRunner;

// "Check This Host": the doctor's checks (what `vireoctl doctor` prints), each with its
// status, one line of explanation and the exact fix. Shown once at the first start, and
// from the Help menu.
class HostCheckDialog : public QDialog {
    Q_OBJECT
public:
    explicit HostCheckDialog(JobRunner* jobs, QWidget* parent = nullptr);
    // Runs the checks again (off the UI thread); checked() follows.
    void runChecks();
    QTreeWidget* checks() const { return m_checks; }

Q_SIGNALS:
    void checked();

private:
    JobRunner* m_jobs;
    QTreeWidget* m_checks;
    QLabel* m_summary;
    QPushButton* m_again;
    int m_generation = 0;
};

} // namespace vireo
