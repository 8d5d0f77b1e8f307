#include "sandbox/SandboxSpec.h"

#include "sandbox/runtime/SandboxDefaults.h"

#include "core/Size.h"

#include <QFileInfo>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <utility>

namespace vireo {

namespace {

constexpr int kSchemaVersion = 1;

const QString networkNames[] = {QStringLiteral("none"), QStringLiteral("nat"),
                                QStringLiteral("named")};

// An absolute path whose components are never "." or "..".
bool isCleanAbsolute(const QString& path) {
    if (!path.startsWith(QLatin1Char('/'))) return false;
    const auto parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (const auto& p : parts)
        if (p == QLatin1String("..") || p == QLatin1String(".")) return false;
    return true;
}

QJsonArray toArray(const QStringList& list) {
    QJsonArray a;
    for (const auto& s : list)
        a.append(s);
    return a;
}

QStringList toStringList(const QJsonValue& v) {
    QStringList out;
    for (const auto& e : v.toArray())
        out.append(e.toString());
    return out;
}

} // namespace

Result<BindMount> parseBindMount(const QString& text) {
    const QString fix = QStringLiteral("use -v HOST:GUEST[:ro] with absolute paths, or "
                                       "-v VOLUME:GUEST[:ro] for a named volume");
    const auto parts = text.split(QLatin1Char(':'));
    if (parts.size() < 2 || parts.size() > 3 || parts[0].isEmpty() || parts[1].isEmpty())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("volume '%1' is not HOST:GUEST[:ro]").arg(text), fix);
    BindMount b{parts[0], parts[1], false, {}};
    if (parts.size() == 3) {
        if (parts[2] == QLatin1String("ro"))
            b.readOnly = true;
        else if (parts[2] != QLatin1String("rw"))
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("volume option '%1' is unknown").arg(parts[2]),
                             QStringLiteral("use ro or rw"));
    }
    return b;
}

Status validateSandboxName(const QString& name) {
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_][A-Za-z0-9._-]{0,62}$"));
    if (!re.match(name).hasMatch())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("sandbox name '%1' is not allowed").arg(name),
                         QStringLiteral("use up to 63 letters, digits, '.', '_' or '-', not "
                                        "starting with '.' or '-'"));
    return {};
}

Status validateSandboxSpec(const SandboxSpec& spec) {
    VIREO_TRY(validateSandboxName(spec.name));
    const QFileInfo root(spec.rootfs);
    if (!spec.image.isEmpty() && !spec.rootfs.isEmpty())
        return makeError(
            ErrorCode::InvalidArgument,
            QStringLiteral("sandbox '%1' has both a rootfs and an image").arg(spec.name),
            QStringLiteral("pass either --rootfs or --image"));
    if (spec.image.isEmpty() && (!root.isAbsolute() || !root.isDir()))
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("rootfs '%1' is not an existing folder").arg(spec.rootfs),
                         QStringLiteral("pass --rootfs with the absolute path of a folder "
                                        "holding the sandbox's /"));
    if (spec.command.isEmpty() || spec.command.first().isEmpty())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("sandbox '%1' has no command").arg(spec.name),
                         QStringLiteral("give the command after '--'"));
    if (!isCleanAbsolute(spec.cwd))
        return makeError(
            ErrorCode::InvalidArgument,
            QStringLiteral("working directory '%1' is not a clean absolute path").arg(spec.cwd),
            QStringLiteral("use an absolute path without '..'"));
    if (spec.hostname.size() > 64)
        return makeError(
            ErrorCode::InvalidArgument,
            QStringLiteral("hostname '%1' is longer than 64 characters").arg(spec.hostname),
            QStringLiteral("use a shorter hostname"));
    if (spec.limits.cpus < 0 || spec.limits.cpus > 4096)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("cpu limit %1 is out of range").arg(spec.limits.cpus),
                         QStringLiteral("use a positive number of CPUs, e.g. --cpus 1.5"));
    if (spec.limits.memoryBytes != 0 && spec.limits.memoryBytes < 4 * 1024 * 1024)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("memory limit of %1 bytes is too small to start anything")
                             .arg(spec.limits.memoryBytes),
                         QStringLiteral("use at least 4M"));
    if (spec.limits.swapBytes != 0 && spec.limits.memoryBytes == 0)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("a swap limit needs a memory limit"),
                         QStringLiteral("add --memory SIZE (swap is what may go beyond it)"));
    for (const auto& [weight, option] : {std::pair{spec.limits.cpuWeight, "--cpu-weight"},
                                         std::pair{spec.limits.ioWeight, "--io-weight"}})
        if (weight > 10000)
            return makeError(
                ErrorCode::InvalidArgument,
                QStringLiteral("%1 %2 is out of range").arg(QLatin1String(option)).arg(weight),
                QStringLiteral("use 1-10000 (100 is the default share)"));
    if (!spec.ports.isEmpty() && spec.network != SandboxNetwork::Nat)
        return makeError(
            ErrorCode::InvalidArgument,
            QStringLiteral("port %1 needs a NAT network").arg(portMappingText(spec.ports.first())),
            QStringLiteral("add --network nat (on a Vireo network the sandbox has "
                           "an address of its own)"));
    if (spec.network == SandboxNetwork::Named && spec.networkName.isEmpty())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("sandbox '%1' names no network").arg(spec.name),
                         QStringLiteral("pass --network NAME"));
    for (const auto& t : spec.tmpfs)
        if (!isCleanAbsolute(t.guest) || t.guest == QLatin1String("/"))
            return makeError(
                ErrorCode::InvalidArgument,
                QStringLiteral("tmpfs target '%1' escapes or replaces the root").arg(t.guest),
                QStringLiteral("use an absolute path below / without '..', e.g. "
                               "--tmpfs /tmp:64M"));
    for (const auto& b : spec.binds) {
        // A named volume's folder is made once the whole definition is known to be good.
        if (!QFileInfo(b.host).isAbsolute() || (b.volume.isEmpty() && !QFileInfo::exists(b.host)))
            return makeError(ErrorCode::NotFound,
                             QStringLiteral("volume source '%1' does not exist").arg(b.host),
                             QStringLiteral("use an absolute path of an existing host folder"));
        if (!isCleanAbsolute(b.guest) || b.guest == QLatin1String("/"))
            return makeError(
                ErrorCode::InvalidArgument,
                QStringLiteral("volume target '%1' escapes or replaces the root").arg(b.guest),
                QStringLiteral("use an absolute path below / without '..'"));
    }
    return {};
}

Result<PortMapping> parsePortMapping(const QString& text) {
    static const QRegularExpression re(QStringLiteral(
        R"(^(?:([0-9.]+|\[[0-9a-fA-F:]+\]):)?([0-9]{1,5}):([0-9]{1,5})(?:/(tcp|udp))?$)"));
    const auto m = re.match(text);
    const Error bad = makeError(ErrorCode::InvalidArgument,
                                QStringLiteral("port mapping '%1' is not valid").arg(text),
                                QStringLiteral("use [ADDR:]HOSTPORT:GUESTPORT[/udp], e.g. "
                                               "-p 8080:80 or -p 127.0.0.1:5353:53/udp"));
    if (!m.hasMatch()) return bad;
    PortMapping p;
    p.hostAddress = m.captured(1);
    if (p.hostAddress.startsWith(QLatin1Char('[')))
        p.hostAddress = p.hostAddress.mid(1, p.hostAddress.size() - 2);
    if (!p.hostAddress.isEmpty() && QHostAddress(p.hostAddress).isNull()) return bad;
    const int host = m.captured(2).toInt();
    const int guest = m.captured(3).toInt();
    if (host < 1 || host > 65535 || guest < 1 || guest > 65535) return bad;
    p.hostPort = static_cast<quint16>(host);
    p.guestPort = static_cast<quint16>(guest);
    if (!m.captured(4).isEmpty()) p.protocol = m.captured(4);
    return p;
}

Result<RestartPolicy> parseRestartPolicy(const QString& text) {
    RestartPolicy p;
    static const QRegularExpression re(
        QStringLiteral("^(no|always|on-failure)(?::([0-9]{1,4}))?$"));
    const auto m = re.match(text);
    if (!m.hasMatch() || (!m.captured(2).isEmpty() && m.captured(1) != QLatin1String("on-failure")))
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("restart policy '%1' is not valid").arg(text),
                         QStringLiteral("use no, on-failure, on-failure:N or always"));
    p.kind = m.captured(1) == QLatin1String("always")       ? RestartPolicy::Always
             : m.captured(1) == QLatin1String("on-failure") ? RestartPolicy::OnFailure
                                                            : RestartPolicy::No;
    p.maxRestarts = m.captured(2).toInt();
    return p;
}

QString restartPolicyText(const RestartPolicy& p) {
    switch (p.kind) {
    case RestartPolicy::No:
        return QStringLiteral("no");
    case RestartPolicy::OnFailure:
        return p.maxRestarts ? QStringLiteral("on-failure:%1").arg(p.maxRestarts)
                             : QStringLiteral("on-failure");
    case RestartPolicy::Always:
        return QStringLiteral("always");
    }
    return {};
}

QString portMappingText(const PortMapping& p) {
    QString host = p.hostAddress.contains(QLatin1Char(':'))
                       ? QStringLiteral("[%1]:").arg(p.hostAddress)
                       : (p.hostAddress.isEmpty() ? QString() : p.hostAddress + QLatin1Char(':'));
    return QStringLiteral("%1%2:%3/%4").arg(host).arg(p.hostPort).arg(p.guestPort).arg(p.protocol);
}

Result<TmpfsMount> parseTmpfsMount(const QString& text) {
    TmpfsMount t;
    t.guest = text.section(QLatin1Char(':'), 0, 0);
    const QString size = text.section(QLatin1Char(':'), 1);
    if (!size.isEmpty()) {
        auto bytes = parseSize(size, QStringLiteral("tmpfs size"));
        if (!bytes) return bytes.error();
        t.sizeBytes = *bytes;
    }
    return t;
}

QStringList defaultSandboxEnv() {
    QStringList env;
    for (const std::string& e : defaultSandboxEnvironment())
        env.append(QString::fromStdString(e));
    return env;
}

QStringList sandboxEnvironment(const SandboxSpec& spec) {
    return spec.env.isEmpty() ? defaultSandboxEnv() : spec.env;
}

QString sandboxNetworkText(const SandboxSpec& spec) {
    switch (spec.network) {
    case SandboxNetwork::None:
        return QStringLiteral("none");
    case SandboxNetwork::Nat:
        return QStringLiteral("nat");
    case SandboxNetwork::Named:
        return spec.networkName;
    }
    return {};
}

void setSandboxNetwork(const QString& text, SandboxSpec* spec) {
    spec->networkName.clear();
    if (text.isEmpty() || text == QLatin1String("none")) {
        spec->network = SandboxNetwork::None;
    } else if (text == QLatin1String("nat")) {
        spec->network = SandboxNetwork::Nat;
    } else {
        spec->network = SandboxNetwork::Named;
        spec->networkName = text;
    }
}

QByteArray sandboxSpecToJson(const SandboxSpec& spec) {
    QJsonArray binds;
    for (const auto& b : spec.binds)
        binds.append(QJsonObject{{QStringLiteral("host"), b.host},
                                 {QStringLiteral("guest"), b.guest},
                                 {QStringLiteral("readOnly"), b.readOnly},
                                 {QStringLiteral("volume"), b.volume}});
    QJsonArray tmpfs;
    for (const auto& t : spec.tmpfs)
        tmpfs.append(QJsonObject{{QStringLiteral("guest"), t.guest},
                                 {QStringLiteral("sizeBytes"), static_cast<double>(t.sizeBytes)}});
    QJsonArray ports;
    for (const auto& p : spec.ports)
        ports.append(portMappingText(p));
    const QJsonObject limits{
        {QStringLiteral("memoryBytes"), static_cast<double>(spec.limits.memoryBytes)},
        {QStringLiteral("pids"), static_cast<double>(spec.limits.pids)},
        {QStringLiteral("cpus"), spec.limits.cpus},
        {QStringLiteral("swapBytes"), static_cast<double>(spec.limits.swapBytes)},
        {QStringLiteral("cpuWeight"), static_cast<double>(spec.limits.cpuWeight)},
        {QStringLiteral("ioWeight"), static_cast<double>(spec.limits.ioWeight)}};
    const QJsonObject o{{QStringLiteral("schemaVersion"), kSchemaVersion},
                        {QStringLiteral("name"), spec.name},
                        {QStringLiteral("rootfs"), spec.rootfs},
                        {QStringLiteral("image"), spec.image},
                        {QStringLiteral("command"), toArray(spec.command)},
                        {QStringLiteral("env"), toArray(spec.env)},
                        {QStringLiteral("cwd"), spec.cwd},
                        {QStringLiteral("hostname"), spec.hostname},
                        {QStringLiteral("user"), spec.user},
                        {QStringLiteral("restart"), restartPolicyText(spec.restart)},
                        {QStringLiteral("limits"), limits},
                        {QStringLiteral("network"), networkNames[static_cast<int>(spec.network)]},
                        {QStringLiteral("networkName"), spec.networkName},
                        {QStringLiteral("address"), spec.address},
                        {QStringLiteral("ports"), ports},
                        {QStringLiteral("binds"), binds},
                        {QStringLiteral("tty"), spec.tty},
                        {QStringLiteral("tmpfs"), tmpfs},
                        {QStringLiteral("readOnlyRoot"), spec.readOnlyRoot}};
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

Result<SandboxSpec> sandboxSpecFromJson(const QByteArray& bytes, const QString& path) {
    QJsonParseError perr;
    const auto doc = QJsonDocument::fromJson(bytes, &perr);
    if (!doc.isObject())
        return makeError(
            ErrorCode::Corrupt,
            QStringLiteral("%1 is not a sandbox definition (%2)").arg(path, perr.errorString()),
            QStringLiteral("restore it or delete the sandbox's folder"));
    const auto o = doc.object();
    const int version = o.value(QStringLiteral("schemaVersion")).toInt();
    if (version != kSchemaVersion)
        return makeError(ErrorCode::Corrupt,
                         QStringLiteral("%1 has schema version %2, this Vireo reads %3")
                             .arg(path)
                             .arg(version)
                             .arg(kSchemaVersion),
                         QStringLiteral("use the Vireo version that wrote it"));
    SandboxSpec s;
    s.name = o.value(QStringLiteral("name")).toString();
    s.rootfs = o.value(QStringLiteral("rootfs")).toString();
    s.image = o.value(QStringLiteral("image")).toString();
    s.command = toStringList(o.value(QStringLiteral("command")));
    s.env = toStringList(o.value(QStringLiteral("env")));
    s.cwd = o.value(QStringLiteral("cwd")).toString(QStringLiteral("/"));
    s.hostname = o.value(QStringLiteral("hostname")).toString();
    s.user = o.value(QStringLiteral("user")).toString();
    auto restart =
        parseRestartPolicy(o.value(QStringLiteral("restart")).toString(QStringLiteral("no")));
    if (!restart) return restart.error();
    s.restart = *restart;
    const auto limits = o.value(QStringLiteral("limits")).toObject();
    s.limits.memoryBytes =
        static_cast<std::uint64_t>(limits.value(QStringLiteral("memoryBytes")).toDouble());
    s.limits.pids = static_cast<std::uint32_t>(limits.value(QStringLiteral("pids")).toDouble());
    s.limits.cpus = limits.value(QStringLiteral("cpus")).toDouble();
    s.limits.swapBytes =
        static_cast<std::uint64_t>(limits.value(QStringLiteral("swapBytes")).toDouble());
    s.limits.cpuWeight =
        static_cast<std::uint32_t>(limits.value(QStringLiteral("cpuWeight")).toDouble());
    s.limits.ioWeight =
        static_cast<std::uint32_t>(limits.value(QStringLiteral("ioWeight")).toDouble());
    const QString network = o.value(QStringLiteral("network")).toString(QStringLiteral("none"));
    bool knownNetwork = false;
    for (int i = 0; i < 3; ++i)
        if (network == networkNames[i]) {
            s.network = static_cast<SandboxNetwork>(i);
            knownNetwork = true;
        }
    if (!knownNetwork)
        return makeError(ErrorCode::Corrupt,
                         QStringLiteral("%1: unknown network kind '%2'").arg(path, network),
                         QStringLiteral("use none, nat or named"));
    s.networkName = o.value(QStringLiteral("networkName")).toString();
    s.address = o.value(QStringLiteral("address")).toString();
    for (const auto& v : o.value(QStringLiteral("ports")).toArray()) {
        auto port = parsePortMapping(v.toString());
        if (!port) return port.error();
        s.ports.append(*port);
    }
    for (const auto& v : o.value(QStringLiteral("tmpfs")).toArray())
        s.tmpfs.append({v.toObject().value(QStringLiteral("guest")).toString(),
                        static_cast<std::uint64_t>(
                            v.toObject().value(QStringLiteral("sizeBytes")).toDouble())});
    s.readOnlyRoot = o.value(QStringLiteral("readOnlyRoot")).toBool();
    s.tty = o.value(QStringLiteral("tty")).toBool();
    for (const auto& v : o.value(QStringLiteral("binds")).toArray()) {
        const auto b = v.toObject();
        s.binds.append({b.value(QStringLiteral("host")).toString(),
                        b.value(QStringLiteral("guest")).toString(),
                        b.value(QStringLiteral("readOnly")).toBool(),
                        b.value(QStringLiteral("volume")).toString()});
    }
    return s;
}

} // namespace vireo
