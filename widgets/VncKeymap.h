#pragma once

#include <QtGlobal>

class QKeyEvent;

namespace vireo {

// The X11 keysym a VNC server expects for a Qt key event (RFB sends keysyms, not scan
// codes); 0 when the key has no keysym.
quint32 keysymForKeyEvent(const QKeyEvent& event);

// Keysyms of the combinations the Display tab's "Send key" menu offers.
namespace keysym {
constexpr quint32 ControlL = 0xffe3, AltL = 0xffe9, Delete = 0xffff, BackSpace = 0xff08,
                  F1 = 0xffbe, Print = 0xff61;
}

} // namespace vireo
