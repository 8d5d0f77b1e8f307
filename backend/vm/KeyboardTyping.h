#pragma once

#include "core/Result.h"
#include "store/Library.h"

#include <QStringList>
#include <QVector>

namespace vireo {

// The keyboard layout the guest uses: the same character needs different keys on a US
// and a German keyboard ('z' is where a US keyboard has 'y', '@' is AltGr+Q, ...).
enum class KeyboardLayout { Us, German };
bool parseKeyboardLayout(const QString& name, KeyboardLayout* out);

// The QEMU key codes (qcodes) to press together for each character of `text`, modifiers
// first. A character the layout cannot type is an error naming it.
Result<QVector<QStringList>> keystrokesFor(const QString& text, KeyboardLayout layout);

// The Linux input key code (KEY_*) of a qcode that keystrokesFor uses; -1 for any other.
// libvirt's virDomainSendKey takes these.
int linuxKeycodeOf(const QString& qcode);

// Types `text` into a running VM as key presses on its keyboard (QMP send-key): works with
// any guest, at a login prompt or in a firmware menu, with no agent or clipboard support.
Status typeText(const Library& library, const QString& vm, const QString& text,
                KeyboardLayout layout);

} // namespace vireo
