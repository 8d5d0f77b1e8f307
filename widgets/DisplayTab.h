#pragma once

#include "VmTab.h"
#include "vm/KeyboardTyping.h"

class QLabel;
class QAction;
class QToolButton;

namespace vireo {

class DetachableArea;
class VncView;
class ClipboardBridge;

// The VM's screen over VNC (its unix socket), with the actions a console needs: send key
// combinations, screenshot, scale to window, and a window of its own.
class DisplayTab : public VmTab {
    Q_OBJECT
public:
    explicit DisplayTab(JobRunner* jobs, QWidget* parent = nullptr);
    void setVm(const VmRow* row) override;
    VncView* view() const { return m_view; }
    ClipboardBridge* clipboard() const { return m_clipboard; }
    DetachableArea* area() const { return m_area; }
    // Saves the current screen as PNG; false (and a message) when there is none.
    bool saveScreenshot(const QString& path);
    // Types the host clipboard's text into the guest as key presses on `layout` (works
    // with any guest: a login prompt, a firmware menu).
    void typeClipboard(KeyboardLayout layout);

private:
    void attach();
    void updateStatus();

    std::optional<VmRow> m_row;
    VncView* m_view;
    DetachableArea* m_area;
    QLabel* m_status;
    QToolButton* m_keys;
    QToolButton* m_typeClipboard;
    QAction* m_scale;
    QAction* m_screenshot;
    QAction* m_detach;
    QString m_socket;
    ClipboardBridge* m_clipboard;
};

} // namespace vireo
