#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <variant>
#include <vector>

namespace vireo {

// QMP's wire format: one JSON object per line. Bytes arrive in arbitrary chunks (split
// reads, several messages at once); the framer reassembles lines and parses each. A
// malformed line is reported and skipped so one bad message never wedges the stream.
class QmpFramer {
public:
    struct Malformed {
        QString reason;
        QByteArray line;
    };
    using Message = std::variant<QJsonObject, Malformed>;

    void feed(const QByteArray& bytes);
    std::vector<Message> take();
    // Bytes of an unfinished line; a huge value means a peer that never ends its line.
    qsizetype pendingBytes() const { return m_buffer.size(); }

private:
    QByteArray m_buffer;
    std::vector<Message> m_ready;
};

} // namespace vireo
