#include "vm/SnapshotTree.h"

#include "store/AtomicFile.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace vireo {

Result<SnapshotTree> SnapshotTree::load(const QString& path) {
    SnapshotTree tree;
    if (!QFileInfo::exists(path)) return tree;
    auto bytes = readWholeFile(path);
    if (!bytes) return bytes.error();
    QJsonParseError err;
    const auto doc = QJsonDocument::fromJson(*bytes, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return makeError(
            ErrorCode::Corrupt, QStringLiteral("%1: not valid JSON").arg(path),
            QStringLiteral("fix or restore the file by hand; Vireo will not overwrite it"));
    const auto o = doc.object();
    if (o.value(QStringLiteral("schema")).toInt() > 1)
        return makeError(ErrorCode::Corrupt,
                         QStringLiteral("%1: written by a newer Vireo").arg(path),
                         QStringLiteral("upgrade Vireo; the file is left untouched"));
    tree.m_current = o.value(QStringLiteral("current")).toString();
    for (const auto& v : o.value(QStringLiteral("snapshots")).toArray()) {
        const auto s = v.toObject();
        tree.m_snapshots.append(
            {s.value(QStringLiteral("name")).toString(),
             s.value(QStringLiteral("parent")).toString(),
             QDateTime::fromString(s.value(QStringLiteral("created")).toString(),
                                   Qt::ISODateWithMs),
             s.value(QStringLiteral("description")).toString(),
             s.value(QStringLiteral("memory")).toBool(),
             s.value(QStringLiteral("quiesced")).toBool()});
    }
    return tree;
}

Status SnapshotTree::save(const QString& path) const {
    QJsonArray arr;
    for (const auto& s : m_snapshots)
        arr.append(
            QJsonObject{{QStringLiteral("name"), s.name},
                        {QStringLiteral("parent"), s.parent},
                        {QStringLiteral("created"), s.created.toUTC().toString(Qt::ISODateWithMs)},
                        {QStringLiteral("description"), s.description},
                        {QStringLiteral("memory"), s.hasMemory},
                        {QStringLiteral("quiesced"), s.quiesced}});
    const QJsonObject o{{QStringLiteral("schema"), 1},
                        {QStringLiteral("current"), m_current},
                        {QStringLiteral("snapshots"), arr}};
    return writeFileAtomically(path, QJsonDocument(o).toJson());
}

const SnapshotInfo* SnapshotTree::find(const QString& name) const {
    for (const auto& s : m_snapshots)
        if (s.name == name) return &s;
    return nullptr;
}

void SnapshotTree::add(const SnapshotInfo& info) {
    m_snapshots.append(info);
    m_current = info.name;
}

void SnapshotTree::remove(const QString& name) {
    const SnapshotInfo* gone = find(name);
    if (!gone) return;
    const QString parent = gone->parent;
    for (auto& s : m_snapshots)
        if (s.parent == name) s.parent = parent;
    if (m_current == name) m_current = parent;
    m_snapshots.removeIf([&](const SnapshotInfo& s) { return s.name == name; });
}

QStringList SnapshotTree::childrenOf(const QString& name) const {
    QStringList out;
    for (const auto& s : m_snapshots)
        if (s.parent == name) out << s.name;
    return out;
}

} // namespace vireo
