#include "TerminalWidget.h"

#include <QFontDatabase>
#include <QKeyEvent>
#include <QLocalSocket>
#include <QPainter>
#include <QScrollBar>

extern "C" {
#include <vterm.h>
}

namespace vireo {

namespace {

const QColor kDefaultFg(0xd0, 0xd0, 0xd0);
const QColor kDefaultBg(0x1e, 0x1e, 0x1e);

QColor toQColor(VTermScreen* screen, VTermColor c, bool foreground) {
    if (foreground && VTERM_COLOR_IS_DEFAULT_FG(&c)) return kDefaultFg;
    if (!foreground && VTERM_COLOR_IS_DEFAULT_BG(&c)) return kDefaultBg;
    if (VTERM_COLOR_IS_INDEXED(&c)) vterm_screen_convert_color_to_rgb(screen, &c);
    return QColor(c.rgb.red, c.rgb.green, c.rgb.blue);
}

TerminalWidget::Cell toCell(VTermScreen* screen, const VTermScreenCell& vc) {
    TerminalWidget::Cell cell;
    cell.ch = vc.chars[0] ? char32_t(vc.chars[0]) : U' ';
    cell.fg = toQColor(screen, vc.fg, true);
    cell.bg = toQColor(screen, vc.bg, false);
    cell.bold = vc.attrs.bold;
    cell.underline = vc.attrs.underline != 0;
    cell.reverse = vc.attrs.reverse;
    return cell;
}

VTermModifier modifiers(Qt::KeyboardModifiers m) {
    int mod = VTERM_MOD_NONE;
    if (m & Qt::ShiftModifier) mod |= VTERM_MOD_SHIFT;
    if (m & Qt::AltModifier) mod |= VTERM_MOD_ALT;
    if (m & Qt::ControlModifier) mod |= VTERM_MOD_CTRL;
    return VTermModifier(mod);
}

VTermKey specialKey(int key) {
    switch (key) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
        return VTERM_KEY_ENTER;
    case Qt::Key_Tab:
        return VTERM_KEY_TAB;
    case Qt::Key_Backspace:
        return VTERM_KEY_BACKSPACE;
    case Qt::Key_Escape:
        return VTERM_KEY_ESCAPE;
    case Qt::Key_Up:
        return VTERM_KEY_UP;
    case Qt::Key_Down:
        return VTERM_KEY_DOWN;
    case Qt::Key_Left:
        return VTERM_KEY_LEFT;
    case Qt::Key_Right:
        return VTERM_KEY_RIGHT;
    case Qt::Key_Insert:
        return VTERM_KEY_INS;
    case Qt::Key_Delete:
        return VTERM_KEY_DEL;
    case Qt::Key_Home:
        return VTERM_KEY_HOME;
    case Qt::Key_End:
        return VTERM_KEY_END;
    case Qt::Key_PageUp:
        return VTERM_KEY_PAGEUP;
    case Qt::Key_PageDown:
        return VTERM_KEY_PAGEDOWN;
    default:
        break;
    }
    if (key >= Qt::Key_F1 && key <= Qt::Key_F12)
        return VTermKey(VTERM_KEY_FUNCTION(key - Qt::Key_F1 + 1));
    return VTERM_KEY_NONE;
}

} // namespace

// libvterm's C callbacks, bridged to the widget.
struct TerminalCallbacks {
    static int damage(VTermRect, void* user) {
        static_cast<TerminalWidget*>(user)->viewport()->update();
        return 1;
    }
    static int moveCursor(VTermPos pos, VTermPos, int visible, void* user) {
        auto* w = static_cast<TerminalWidget*>(user);
        w->m_cursorRow = pos.row;
        w->m_cursorCol = pos.col;
        w->m_cursorVisible = visible;
        w->viewport()->update();
        return 1;
    }
    static int pushLine(int cols, const VTermScreenCell* cells, void* user) {
        auto* w = static_cast<TerminalWidget*>(user);
        QVector<TerminalWidget::Cell> line;
        line.reserve(cols);
        for (int i = 0; i < cols; ++i)
            line.append(toCell(w->m_screen, cells[i]));
        w->m_scrollback.append(line);
        if (w->m_scrollback.size() > TerminalWidget::kMaxScrollback) w->m_scrollback.removeFirst();
        w->updateScrollBar();
        return 1;
    }
    static int popLine(int cols, VTermScreenCell* cells, void* user) {
        auto* w = static_cast<TerminalWidget*>(user);
        if (w->m_scrollback.isEmpty()) return 0;
        const auto line = w->m_scrollback.takeLast();
        for (int i = 0; i < cols; ++i) {
            VTermScreenCell c{};
            c.chars[0] = i < line.size() ? uint32_t(line.at(i).ch) : ' ';
            c.width = 1;
            vterm_color_rgb(&c.fg, kDefaultFg.red(), kDefaultFg.green(), kDefaultFg.blue());
            vterm_color_rgb(&c.bg, kDefaultBg.red(), kDefaultBg.green(), kDefaultBg.blue());
            cells[i] = c;
        }
        w->updateScrollBar();
        return 1;
    }
    static void output(const char* bytes, size_t len, void* user) {
        auto* w = static_cast<TerminalWidget*>(user);
        if (w->isConnected()) w->m_socket->write(bytes, qint64(len));
    }
};

namespace {
const VTermScreenCallbacks kScreenCallbacks = {
    TerminalCallbacks::damage,
    nullptr, // moverect: damage covers it
    TerminalCallbacks::moveCursor,
    nullptr,
    nullptr,
    nullptr,
    TerminalCallbacks::pushLine,
    TerminalCallbacks::popLine,
};
} // namespace

TerminalWidget::TerminalWidget(QWidget* parent) : QAbstractScrollArea(parent) {
    setObjectName(QStringLiteral("serialTerminal"));
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setStyleHint(QFont::Monospace);
    setFont(font);
    const QFontMetrics fm(font);
    m_cellW = qMax(1, fm.horizontalAdvance(QLatin1Char('M')));
    m_cellH = qMax(1, fm.height());
    m_ascent = fm.ascent();
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_InputMethodEnabled, false);
    viewport()->setAutoFillBackground(false);
    verticalScrollBar()->setRange(0, 0);

    m_vt = vterm_new(m_rows, m_cols);
    vterm_set_utf8(m_vt, 1);
    vterm_output_set_callback(m_vt, TerminalCallbacks::output, this);
    m_screen = vterm_obtain_screen(m_vt);
    vterm_screen_set_callbacks(m_screen, &kScreenCallbacks, this);
    vterm_screen_enable_altscreen(m_screen, 1);
    vterm_screen_set_damage_merge(m_screen, VTERM_DAMAGE_SCROLL);
    vterm_screen_reset(m_screen, 1);

    m_socket = new QLocalSocket(this);
    connect(m_socket, &QLocalSocket::readyRead, this, [this] { feed(m_socket->readAll()); });
    connect(m_socket, &QLocalSocket::connected, this, [this] { Q_EMIT connectionChanged(true); });
    connect(m_socket, &QLocalSocket::disconnected, this,
            [this] { Q_EMIT connectionChanged(false); });
}

TerminalWidget::~TerminalWidget() {
    m_socket->disconnect(this);
    vterm_free(m_vt);
}

void TerminalWidget::connectToSocket(const QString& path) {
    if (m_path == path && isConnected()) return;
    m_socket->abort();
    m_path = path;
    m_socket->connectToServer(path);
}

void TerminalWidget::disconnectFromSocket() {
    m_socket->abort();
    m_path.clear();
    Q_EMIT connectionChanged(false);
}

bool TerminalWidget::isConnected() const {
    return m_socket->state() == QLocalSocket::ConnectedState;
}

void TerminalWidget::feed(const QByteArray& bytes) {
    vterm_input_write(m_vt, bytes.constData(), size_t(bytes.size()));
    vterm_screen_flush_damage(m_screen);
}

TerminalWidget::Cell TerminalWidget::cellAt(int row, int col) const {
    VTermScreenCell vc;
    if (!vterm_screen_get_cell(m_screen, VTermPos{row, col}, &vc)) return Cell{};
    return toCell(m_screen, vc);
}

QString TerminalWidget::screenText() const {
    QStringList lines;
    for (int r = 0; r < m_rows; ++r) {
        QString line;
        for (int c = 0; c < m_cols; ++c) {
            const char32_t ch = cellAt(r, c).ch;
            line += ch == 0 ? QString(QLatin1Char(' ')) : QString::fromUcs4(&ch, 1);
        }
        // Only the right side: indentation is part of what the guest printed.
        while (line.endsWith(QLatin1Char(' ')))
            line.chop(1);
        lines.append(line);
    }
    return lines.join(QLatin1Char('\n'));
}

void TerminalWidget::updateScrollBar() {
    auto* bar = verticalScrollBar();
    const bool atEnd = bar->value() == bar->maximum();
    bar->setRange(0, int(m_scrollback.size()));
    bar->setPageStep(m_rows);
    if (atEnd) bar->setValue(bar->maximum());
}

void TerminalWidget::scrollContentsBy(int, int) {
    viewport()->update();
}

void TerminalWidget::resizeTerminal() {
    const int cols = qMax(20, viewport()->width() / m_cellW);
    const int rows = qMax(5, viewport()->height() / m_cellH);
    if (cols == m_cols && rows == m_rows) return;
    m_cols = cols;
    m_rows = rows;
    vterm_set_size(m_vt, rows, cols);
    vterm_screen_flush_damage(m_screen);
    updateScrollBar();
    Q_EMIT terminalResized(rows, cols);
}

void TerminalWidget::resizeEvent(QResizeEvent* event) {
    QAbstractScrollArea::resizeEvent(event);
    resizeTerminal();
}

void TerminalWidget::paintEvent(QPaintEvent*) {
    QPainter p(viewport());
    p.fillRect(viewport()->rect(), kDefaultBg);
    p.setFont(font());
    QFont bold = font();
    bold.setBold(true);
    auto* bar = verticalScrollBar();
    const int back = bar->maximum() - bar->value(); // lines scrolled into history
    for (int y = 0; y < m_rows; ++y) {
        const int source = y - back; // < 0: a scrollback line
        const QVector<Cell>* history = nullptr;
        if (source < 0) {
            const int i = int(m_scrollback.size()) + source;
            if (i < 0) continue;
            history = &m_scrollback.at(i);
        }
        // Draw runs of cells that share their attributes in one drawText call.
        int col = 0;
        while (col < m_cols) {
            const Cell first =
                history ? (col < history->size() ? history->at(col) : Cell{}) : cellAt(source, col);
            QString run;
            int end = col;
            while (end < m_cols) {
                const Cell c = history ? (end < history->size() ? history->at(end) : Cell{})
                                       : cellAt(source, end);
                if (end > col && (c.fg != first.fg || c.bg != first.bg || c.bold != first.bold ||
                                  c.reverse != first.reverse || c.underline != first.underline))
                    break;
                run += QString::fromUcs4(&c.ch, 1);
                ++end;
            }
            QColor fg = first.fg.isValid() ? first.fg : kDefaultFg;
            QColor bg = first.bg.isValid() ? first.bg : kDefaultBg;
            if (first.reverse) std::swap(fg, bg);
            const QRect rect(col * m_cellW, y * m_cellH, (end - col) * m_cellW, m_cellH);
            if (bg != kDefaultBg) p.fillRect(rect, bg);
            p.setFont(first.bold ? bold : font());
            p.setPen(fg);
            p.drawText(rect.x(), rect.y() + m_ascent, run);
            if (first.underline)
                p.drawLine(rect.left(), rect.bottom() - 1, rect.right(), rect.bottom() - 1);
            col = end;
        }
    }
    if (back == 0 && m_cursorVisible && m_cursorRow < m_rows) {
        const QRect cursor(m_cursorCol * m_cellW, m_cursorRow * m_cellH, m_cellW, m_cellH);
        if (hasFocus()) {
            p.fillRect(cursor, QColor(0xd0, 0xd0, 0xd0, 160));
        } else {
            p.setPen(kDefaultFg);
            p.drawRect(cursor.adjusted(0, 0, -1, -1));
        }
    }
}

bool TerminalWidget::event(QEvent* event) {
    // Every key combo belongs to the guest while the console has focus, not to the
    // window's shortcuts (Ctrl+C, Ctrl+D, Ctrl+R are everyday terminal keys).
    if (event->type() == QEvent::ShortcutOverride) {
        event->accept();
        return true;
    }
    return QAbstractScrollArea::event(event);
}

void TerminalWidget::keyPressEvent(QKeyEvent* event) {
    auto* bar = verticalScrollBar();
    if (event->modifiers() == Qt::ShiftModifier &&
        (event->key() == Qt::Key_PageUp || event->key() == Qt::Key_PageDown)) {
        bar->setValue(bar->value() + (event->key() == Qt::Key_PageUp ? -m_rows : m_rows));
        return;
    }
    const VTermModifier mod = modifiers(event->modifiers());
    const VTermKey key = specialKey(event->key());
    if (key != VTERM_KEY_NONE) {
        vterm_keyboard_key(m_vt, key, mod);
    } else if ((event->modifiers() & Qt::ControlModifier) && event->key() >= Qt::Key_A &&
               event->key() <= Qt::Key_Z) {
        vterm_keyboard_unichar(m_vt, uint32_t('a' + (event->key() - Qt::Key_A)), mod);
    } else {
        const QString text = event->text();
        if (text.isEmpty()) return QAbstractScrollArea::keyPressEvent(event);
        const auto ucs4 = text.toUcs4();
        const VTermModifier charMod = VTermModifier(mod & ~VTERM_MOD_SHIFT);
        for (uint c : ucs4)
            vterm_keyboard_unichar(m_vt, c, charMod);
    }
    bar->setValue(bar->maximum());
}

void TerminalWidget::focusInEvent(QFocusEvent* event) {
    QAbstractScrollArea::focusInEvent(event);
    viewport()->update();
}

void TerminalWidget::focusOutEvent(QFocusEvent* event) {
    QAbstractScrollArea::focusOutEvent(event);
    viewport()->update();
}

} // namespace vireo
