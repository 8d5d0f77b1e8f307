#include "libvirt/LibvirtKeyboard.h"

#include <vector>

namespace vireo {

Status typeTextOnRemote(const LibvirtConnection& connection, const QString& vm, const QString& text,
                        KeyboardLayout layout) {
    auto keys = keystrokesFor(text, layout);
    if (!keys) return keys.error();
    auto dom = connection.runningDomain(vm);
    if (!dom) return dom.error();
    for (const QStringList& chord : *keys) {
        std::vector<unsigned int> codes;
        for (const QString& key : chord)
            codes.push_back(static_cast<unsigned int>(linuxKeycodeOf(key)));
        // Held 20 ms, as locally.
        if (virDomainSendKey(dom->get(), VIR_KEYCODE_SET_LINUX, 20, codes.data(),
                             static_cast<int>(codes.size()), 0) < 0)
            return connection.lastError(QStringLiteral("typing into VM '%1'").arg(vm));
    }
    return {};
}

} // namespace vireo
