#include "VncKeymap.h"

#include <QKeyEvent>

extern "C" {
#include <rfb/keysym.h>
}

namespace vireo {

quint32 keysymForKeyEvent(const QKeyEvent& event) {
    switch (event.key()) {
    case Qt::Key_Return:
        return XK_Return;
    case Qt::Key_Enter:
        return XK_KP_Enter;
    case Qt::Key_Backspace:
        return XK_BackSpace;
    case Qt::Key_Tab:
    case Qt::Key_Backtab:
        return XK_Tab;
    case Qt::Key_Escape:
        return XK_Escape;
    case Qt::Key_Delete:
        return XK_Delete;
    case Qt::Key_Insert:
        return XK_Insert;
    case Qt::Key_Home:
        return XK_Home;
    case Qt::Key_End:
        return XK_End;
    case Qt::Key_PageUp:
        return XK_Page_Up;
    case Qt::Key_PageDown:
        return XK_Page_Down;
    case Qt::Key_Left:
        return XK_Left;
    case Qt::Key_Right:
        return XK_Right;
    case Qt::Key_Up:
        return XK_Up;
    case Qt::Key_Down:
        return XK_Down;
    case Qt::Key_Shift:
        return XK_Shift_L;
    case Qt::Key_Control:
        return XK_Control_L;
    case Qt::Key_Alt:
        return XK_Alt_L;
    case Qt::Key_AltGr:
        return XK_ISO_Level3_Shift;
    case Qt::Key_Meta:
        return XK_Super_L;
    case Qt::Key_CapsLock:
        return XK_Caps_Lock;
    case Qt::Key_NumLock:
        return XK_Num_Lock;
    case Qt::Key_ScrollLock:
        return XK_Scroll_Lock;
    case Qt::Key_Print:
        return XK_Print;
    case Qt::Key_Pause:
        return XK_Pause;
    case Qt::Key_Menu:
        return XK_Menu;
    case Qt::Key_Space:
        return XK_space;
    default:
        break;
    }
    if (event.key() >= Qt::Key_F1 && event.key() <= Qt::Key_F12)
        return XK_F1 + quint32(event.key() - Qt::Key_F1);
    // Printable keys: Latin-1 characters are their own keysyms, other Unicode characters
    // map to 0x01000000 + code point (the X11 convention).
    const QString text = event.text();
    if (text.size() == 1 && text.at(0).isPrint()) {
        const char16_t c = text.at(0).unicode();
        return c < 0x100 ? quint32(c) : 0x01000000u + c;
    }
    // With Ctrl held, text() is a control character: send the plain letter or digit.
    if (event.key() >= Qt::Key_A && event.key() <= Qt::Key_Z)
        return quint32('a' + (event.key() - Qt::Key_A));
    if (event.key() >= Qt::Key_0 && event.key() <= Qt::Key_9)
        return quint32('0' + (event.key() - Qt::Key_0));
    return 0;
}

} // namespace vireo
