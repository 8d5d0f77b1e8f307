#pragma once

#include "RefreshingPage.h"
#include "sandbox/SandboxState.h"

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace vireo {

class JobRunner;
class NewSandboxWizard;
class TerminalWidget;

// The terminal of a sandbox running in the background, in a window of its own: the same
// terminal widget as a VM's serial console, on the sandbox's console socket; its size is
// the sandbox terminal's size.
class SandboxTerminalWindow : public QWidget {
    Q_OBJECT
public:
    SandboxTerminalWindow(const QString& name, const QString& socketPath,
                          const QString& sizeSocketPath, QWidget* parent = nullptr);
    TerminalWidget* terminal() const { return m_terminal; }

private:
    void sendSize(int rows, int columns);

    TerminalWidget* m_terminal;
    QString m_sizeSocketPath;
};

// The library's container sandboxes: what each runs on (an image or a folder), its
// network and state, live memory and CPU; create one (the New Sandbox wizard), start it in
// the background, stop, delete; the selected one's output.
class SandboxesPage : public RefreshingPage {
    Q_OBJECT
public:
    explicit SandboxesPage(JobRunner* jobs, QWidget* parent = nullptr);
    // Re-reads sandboxes, images, networks and the selected one's log (off the UI thread).
    void reload() override;
    QTreeWidget* sandboxes() const { return m_sandboxes; }
    QPlainTextEdit* log() const { return m_log; }
    // The New Sandbox wizard (the New Sandbox… button); the list follows when it creates one.
    NewSandboxWizard* openNewSandboxWizard();
    // A window with the selected running sandbox's terminal (sandboxes made with one).
    SandboxTerminalWindow* openTerminal();
    // Makes `name` the selected sandbox (the main window's sandbox list opens it here).
    void select(const QString& name);
    // Start (in the background) or stop one sandbox, as the buttons do for the selected one.
    void start(const QString& name);
    void stop(const QString& name);
    // "Running", "Exited (0)", "Out of memory", ...: what the lists show as the state.
    static QString stateText(const SandboxState& state);

Q_SIGNALS:
    void reloaded();

private:
    void runOnSelected(const QString& title, int op);
    void runOn(const QString& name, const QString& title, int op);
    void updateButtons();
    QString selected() const;

    JobRunner* m_jobs;
    QTreeWidget* m_sandboxes;
    QPlainTextEdit* m_log;
    QPushButton* m_new;
    QPushButton* m_start;
    QPushButton* m_stop;
    QPushButton* m_delete;
    QPushButton* m_terminal;
    QStringList m_images;   // the library's, for the New Sandbox wizard
    QStringList m_networks; // the Vireo networks a sandbox can join
    int m_generation = 0;
};

} // namespace vireo
