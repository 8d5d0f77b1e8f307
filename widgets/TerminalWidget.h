#pragma once

#include <QAbstractScrollArea>
#include <QColor>
#include <QVector>

class QLocalSocket;
struct VTerm;
struct VTermScreen;

namespace vireo {

// A terminal emulator on libvterm for a VM's serial console: colours, cursor movement,
// alternate screen, and a local scrollback (Shift+PgUp/PgDn or the scroll bar). It talks
// to QEMU's serial chardev socket; keys typed while it has focus all go to the guest.
class TerminalWidget : public QAbstractScrollArea {
    Q_OBJECT
public:
    explicit TerminalWidget(QWidget* parent = nullptr);
    ~TerminalWidget() override;

    void connectToSocket(const QString& path);
    void disconnectFromSocket();
    bool isConnected() const;
    QString socketPath() const { return m_path; }

    // Feeds bytes as if the guest sent them (also used for status notes).
    void feed(const QByteArray& bytes);
    // The visible screen as plain text, one line per row (tests, copy).
    QString screenText() const;
    int scrollbackLines() const { return int(m_scrollback.size()); }

    struct Cell {
        char32_t ch = U' ';
        QColor fg;
        QColor bg;
        bool bold = false;
        bool underline = false;
        bool reverse = false;
    };

    // One cell of the visible screen (row 0 is the top), as the emulator left it.
    Cell cellAt(int row, int col) const;
    QPoint cursor() const { return {m_cursorCol, m_cursorRow}; }

    int rows() const { return m_rows; }
    int columns() const { return m_cols; }

Q_SIGNALS:
    void connectionChanged(bool connected);
    // The widget now shows a terminal of this size (a sandbox's terminal follows it).
    void terminalResized(int rows, int columns);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool event(QEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;
    void focusInEvent(QFocusEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;

private:
    void updateScrollBar();
    void resizeTerminal();

    VTerm* m_vt = nullptr;
    VTermScreen* m_screen = nullptr;
    QLocalSocket* m_socket = nullptr;
    QString m_path;
    int m_rows = 24;
    int m_cols = 80;
    int m_cursorRow = 0;
    int m_cursorCol = 0;
    bool m_cursorVisible = true;
    int m_cellW = 8;
    int m_cellH = 16;
    int m_ascent = 12;
    QVector<QVector<Cell>> m_scrollback;
    static constexpr int kMaxScrollback = 5000;
    friend struct TerminalCallbacks;
};

} // namespace vireo
