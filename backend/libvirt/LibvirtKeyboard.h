#pragma once

#include "core/Result.h"
#include "libvirt/LibvirtConnection.h"
#include "vm/KeyboardTyping.h"

namespace vireo {

// `vm type` on a libvirt host: the same key strokes as locally (keystrokesFor), sent as
// Linux key codes through virDomainSendKey to the running VM's keyboard.
Status typeTextOnRemote(const LibvirtConnection& connection, const QString& vm, const QString& text,
                        KeyboardLayout layout);

} // namespace vireo
