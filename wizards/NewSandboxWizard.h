#pragma once

#include <QStringList>
#include <QWizard>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace vireo {

// What a new sandbox runs and how it is kept: the library's image or a folder and the
// command; memory, process and CPU limits and a terminal to attach to; its network (none,
// NAT with ports, or a Vireo network beside the VMs) and folders (host folders or named
// volumes). The last page shows the same sandbox as a `vireoctl sandbox create` line, and
// Finish stores it (off the UI thread); a bad choice is one line on the page it belongs to.
class NewSandboxWizard : public QWizard {
    Q_OBJECT
public:
    enum PageId { RootPageId, LimitsPageId, NetworkPageId, SummaryPageId };

    NewSandboxWizard(const QString& libraryRoot, const QStringList& images,
                     const QStringList& networks, QWidget* parent = nullptr);

    // The equivalent command line, as the summary page shows it.
    QString commandLine() const;

Q_SIGNALS:
    void created(const QString& name);

protected:
    bool validateCurrentPage() override;
    void initializePage(int id) override;

private:
    void buildRootPage(const QStringList& images);
    void buildLimitsPage();
    void buildNetworkPage(const QStringList& networks);
    void buildSummaryPage();
    QStringList volumeLines() const;
    QStringList portWords() const;
    void create();

    QString m_root;
    QLineEdit* m_name = nullptr;
    QComboBox* m_image = nullptr;
    QLineEdit* m_rootfs = nullptr;
    QLineEdit* m_command = nullptr;
    QLabel* m_rootStatus = nullptr;
    QLineEdit* m_memory = nullptr;
    QSpinBox* m_pids = nullptr;
    QDoubleSpinBox* m_cpus = nullptr;
    QCheckBox* m_tty = nullptr;
    QLabel* m_limitsStatus = nullptr;
    QComboBox* m_network = nullptr;
    QLineEdit* m_ports = nullptr;
    QPlainTextEdit* m_volumes = nullptr;
    QLabel* m_networkStatus = nullptr;
    QPlainTextEdit* m_summary = nullptr;
    QLabel* m_status = nullptr;
    bool m_creating = false;
};

} // namespace vireo
