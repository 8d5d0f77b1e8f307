#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;
class QTreeWidget;

namespace vireo {

class JobRunner;

// The library's named networks: their mode, subnet and state; create (each mode said in
// one sentence), start, stop, delete; and the selected network's DHCP leases, live.
class NetworksPage : public QDialog {
    Q_OBJECT
public:
    explicit NetworksPage(JobRunner* jobs, QWidget* parent = nullptr);
    // Re-reads the networks and the selected one's leases (off the UI thread).
    void reload();
    QTreeWidget* networks() const { return m_networks; }
    QTreeWidget* leases() const { return m_leases; }
    // Creates a network from the form's fields (the Create button).
    void createFromForm();

Q_SIGNALS:
    void reloaded();

protected:
    // The lease table refreshes only while the page is shown.
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void runOnSelected(const QString& title, int op);
    void updateButtons();
    void updateModeHelp();
    QString selected() const;

    JobRunner* m_jobs;
    QTreeWidget* m_networks;
    QTreeWidget* m_leases;
    QLineEdit* m_name;
    QComboBox* m_mode;
    QLabel* m_modeHelp;
    QLineEdit* m_subnet;
    QLineEdit* m_uplink;
    QCheckBox* m_dhcp;
    QPushButton* m_create;
    QPushButton* m_start;
    QPushButton* m_stop;
    QPushButton* m_delete;
    QTimer* m_refresh;
    int m_generation = 0;
};

} // namespace vireo
