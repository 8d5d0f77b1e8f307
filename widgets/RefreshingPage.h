#pragma once

#include <QDialog>

class QTimer;

namespace vireo {

// A page of live figures (networks, sandboxes): reload() runs when the page is shown and
// every two seconds while it stays shown, never while hidden.
class RefreshingPage : public QDialog {
public:
    explicit RefreshingPage(QWidget* parent = nullptr);
    // Re-reads what the page shows (off the UI thread).
    virtual void reload() = 0;

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    QTimer* m_refresh;
};

} // namespace vireo
