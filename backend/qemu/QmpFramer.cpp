#include "qemu/QmpFramer.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace vireo {

void QmpFramer::feed(const QByteArray& bytes) {
    m_buffer += bytes;
    qsizetype start = 0;
    for (;;) {
        const qsizetype nl = m_buffer.indexOf('\n', start);
        if (nl < 0) break;
        const QByteArray line = m_buffer.mid(start, nl - start).trimmed();
        start = nl + 1;
        if (line.isEmpty()) continue;
        QJsonParseError err;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &err);
        if (err.error != QJsonParseError::NoError)
            m_ready.emplace_back(Malformed{err.errorString(), line});
        else if (!doc.isObject())
            m_ready.emplace_back(Malformed{QStringLiteral("not a JSON object"), line});
        else
            m_ready.emplace_back(doc.object());
    }
    m_buffer.remove(0, start);
}

std::vector<QmpFramer::Message> QmpFramer::take() {
    std::vector<Message> out;
    out.swap(m_ready);
    return out;
}

} // namespace vireo
