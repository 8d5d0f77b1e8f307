#include "sandbox/SandboxState.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace vireo {

namespace {

const char* const kStateNames[] = {"created", "running", "exited"};

QJsonValue timeValue(const QDateTime& t) {
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

} // namespace

QString sandboxRunStateName(SandboxRunState state) {
    return QLatin1String(kStateNames[static_cast<int>(state)]);
}

QByteArray sandboxStateToJson(const SandboxState& s) {
    QJsonObject o{{QStringLiteral("state"), sandboxRunStateName(s.state)},
                  {QStringLiteral("runtimePid"), s.runtimePid},
                  {QStringLiteral("initPid"), s.initPid},
                  {QStringLiteral("startedAt"), timeValue(s.startedAt)},
                  {QStringLiteral("finishedAt"), timeValue(s.finishedAt)},
                  {QStringLiteral("exitCode"), s.exitCode},
                  {QStringLiteral("oomKilled"), s.oomKilled},
                  {QStringLiteral("restarts"), s.restarts},
                  {QStringLiteral("cgroups"), QJsonArray::fromStringList(s.cgroups)}};
    if (!s.error.isEmpty()) o.insert(QStringLiteral("error"), s.error);
    if (!s.address.isEmpty()) o.insert(QStringLiteral("address"), s.address);
    return QJsonDocument(o).toJson();
}

Result<SandboxState> sandboxStateFromJson(const QByteArray& bytes, const QString& path) {
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (!doc.isObject())
        return makeError(ErrorCode::Corrupt,
                         QStringLiteral("%1 is not a sandbox state record: %2")
                             .arg(path, parseError.errorString()),
                         QStringLiteral("delete it; the sandbox then shows as created"));
    const QJsonObject o = doc.object();
    SandboxState s;
    const QString name = o.value(QStringLiteral("state")).toString();
    bool known = false;
    for (int i = 0; i < 3; ++i)
        if (name == QLatin1String(kStateNames[i])) {
            s.state = static_cast<SandboxRunState>(i);
            known = true;
        }
    if (!known)
        return makeError(ErrorCode::Corrupt,
                         QStringLiteral("%1: unknown sandbox state '%2'").arg(path, name),
                         QStringLiteral("delete it; the sandbox then shows as created"));
    s.runtimePid = o.value(QStringLiteral("runtimePid")).toInteger();
    s.initPid = o.value(QStringLiteral("initPid")).toInteger();
    s.startedAt =
        QDateTime::fromString(o.value(QStringLiteral("startedAt")).toString(), Qt::ISODateWithMs);
    s.finishedAt =
        QDateTime::fromString(o.value(QStringLiteral("finishedAt")).toString(), Qt::ISODateWithMs);
    s.exitCode = o.value(QStringLiteral("exitCode")).toInt(-1);
    s.oomKilled = o.value(QStringLiteral("oomKilled")).toBool();
    s.restarts = o.value(QStringLiteral("restarts")).toInt();
    s.error = o.value(QStringLiteral("error")).toString();
    s.address = o.value(QStringLiteral("address")).toString();
    for (const auto& c : o.value(QStringLiteral("cgroups")).toArray())
        s.cgroups.append(c.toString());
    return s;
}

} // namespace vireo
