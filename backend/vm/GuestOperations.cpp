#include "vm/GuestOperations.h"

#include "qemu/QemuCommandBuilder.h"
#include "qemu/QmpSync.h"
#include "store/AtomicFile.h"
#include "vm/VmRuntime.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QThread>

namespace vireo {

namespace {

// A local agent client as the GuestAgentCall that exec and copy take.
GuestAgentCall callsOf(GuestAgentClient& agent) {
    return [&agent](const QString& command, const QJsonObject& arguments) {
        return agent.call(command, arguments);
    };
}

// Raw bytes per guest-file-read/-write: base64 makes messages a third bigger, and the
// agent's JSON parser refuses very large tokens.
constexpr qint64 kChunkBytes = 512 * 1024;

} // namespace

Result<bool> GuestOperations::agentPresent(QmpClient* qmp) const {
    auto spec = m_library.load(m_vm);
    if (!spec) return spec.error();
    return agentPresent(*spec, qmp);
}

Result<bool> GuestOperations::agentPresent(const VmSpec& spec, QmpClient* qmp) const {
    if (!spec.guestAgent) return false;
    VmRuntime rt(m_library, spec);
    std::unique_ptr<QmpClient> own;
    if (!qmp) {
        if (!rt.status().isActive()) return false;
        auto connected = QmpSync::connect(rt.qmpSocket(), 5000);
        if (!connected) return connected.error();
        own = std::move(*connected);
        qmp = own.get();
    }
    auto chardevs = QmpSync::call(*qmp, QStringLiteral("query-chardev"));
    if (!chardevs) return chardevs.error();
    for (const auto& c : chardevs->toArray()) {
        const auto o = c.toObject();
        if (o.value(QStringLiteral("label")).toString() == QLatin1String(kGuestAgentChardev))
            return o.value(QStringLiteral("frontend-open")).toBool();
    }
    return false;
}

Result<std::unique_ptr<GuestAgentClient>>
GuestOperations::connect(const QString& feature, int timeoutMs, QmpClient* qmp) const {
    auto spec = m_library.load(m_vm);
    if (!spec) return spec.error();
    if (!spec->guestAgent)
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral("%1 needs a guest agent, and VM '%2' has no agent channel")
                             .arg(feature, m_vm),
                         QStringLiteral("add one with 'vireoctl vm edit %1 --guest-agent' while it "
                                        "is shut off")
                             .arg(m_vm));
    VmRuntime rt(m_library, *spec);
    const VmStatus st = rt.status(qmp);
    if (st.state != VmState::Running)
        return makeError(ErrorCode::InvalidState,
                         QStringLiteral("%1 needs VM '%2' running; it is %3")
                             .arg(feature, m_vm, toString(st.state)),
                         QStringLiteral("start it with 'vireoctl vm start %1'").arg(m_vm));
    auto present = agentPresent(*spec, qmp);
    if (!present) return present.error();
    const auto notRunning = [&] {
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral("%1 needs the guest agent, which is not running in VM '%2'")
                             .arg(feature, m_vm),
                         QStringLiteral("install and start qemu-guest-agent in the guest"));
    };
    if (!*present) return notRunning();
    auto agent = GuestAgentClient::connect(rt.guestAgentSocket(), timeoutMs);
    // An agent that stops between the presence check and its greeting is "not running",
    // not "slow": ask QEMU again before calling it a timeout.
    if (!agent && agent.error().code == ErrorCode::Timeout) {
        if (auto again = agentPresent(*spec, qmp); again && !*again) return notRunning();
    }
    return agent;
}

Result<GuestExecResult> execThroughAgent(const GuestAgentCall& call, const QString& vm,
                                         const QStringList& argv, const QByteArray& input,
                                         int timeoutMs) {
    QJsonObject args{{QStringLiteral("path"), argv.first()},
                     {QStringLiteral("arg"), QJsonArray::fromStringList(argv.mid(1))},
                     {QStringLiteral("capture-output"), true}};
    if (!input.isEmpty())
        args.insert(QStringLiteral("input-data"), QString::fromLatin1(input.toBase64()));
    auto started = call(QStringLiteral("guest-exec"), args);
    if (!started) return started.error();
    const qint64 pid = started->toObject().value(QStringLiteral("pid")).toInteger();
    QElapsedTimer clock;
    clock.start();
    // Poll fast at first (most commands end within milliseconds), then back off.
    int waitMs = 1;
    for (;;) {
        auto status =
            call(QStringLiteral("guest-exec-status"), QJsonObject{{QStringLiteral("pid"), pid}});
        if (!status) return status.error();
        const auto o = status->toObject();
        if (o.value(QStringLiteral("exited")).toBool()) {
            GuestExecResult r;
            r.exitCode = o.value(QStringLiteral("exitcode")).toInt();
            r.signal = o.value(QStringLiteral("signal")).toInt();
            r.out =
                QByteArray::fromBase64(o.value(QStringLiteral("out-data")).toString().toLatin1());
            r.err =
                QByteArray::fromBase64(o.value(QStringLiteral("err-data")).toString().toLatin1());
            return r;
        }
        if (clock.elapsed() > timeoutMs)
            return makeError(ErrorCode::Timeout,
                             QStringLiteral("'%1' in VM '%2' did not finish within %3 s")
                                 .arg(argv.join(QLatin1Char(' ')), vm)
                                 .arg(timeoutMs / 1000),
                             QStringLiteral("it keeps running in the guest (pid %1)").arg(pid));
        QThread::msleep(static_cast<unsigned long>(waitMs));
        waitMs = qMin(waitMs * 2, 50);
    }
}

Result<GuestExecResult> GuestOperations::exec(const QStringList& argv, const QByteArray& input,
                                              int timeoutMs) const {
    if (argv.isEmpty())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("no command to run"),
                         QStringLiteral("use 'vireoctl vm exec VM -- CMD ARGS...'"));
    auto agent = connect(QStringLiteral("'vm exec'"));
    if (!agent) return agent.error();
    return execThroughAgent(callsOf(**agent), m_vm, argv, input, timeoutMs);
}

Status copyToGuestThroughAgent(const GuestAgentCall& call, const QString& hostFile,
                               const QString& guestPath) {
    QFile in(hostFile);
    if (!in.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("cannot read '%1': %2").arg(hostFile, in.errorString()),
                         QStringLiteral("check the host path"));
    auto handle = call(QStringLiteral("guest-file-open"),
                       QJsonObject{{QStringLiteral("path"), guestPath},
                                   {QStringLiteral("mode"), QStringLiteral("w")}});
    if (!handle) return handle.error();
    const QJsonObject h{{QStringLiteral("handle"), handle->toInteger()}};
    Status result;
    while (result) {
        const QByteArray chunk = in.read(kChunkBytes);
        if (chunk.isEmpty()) break;
        QJsonObject w = h;
        w.insert(QStringLiteral("buf-b64"), QString::fromLatin1(chunk.toBase64()));
        auto written = call(QStringLiteral("guest-file-write"), w);
        if (!written) result = written.error();
    }
    auto closed = call(QStringLiteral("guest-file-close"), h);
    if (result && !closed) result = closed.error();
    return result;
}

Status copyFromGuestThroughAgent(const GuestAgentCall& call, const QString& guestPath,
                                 const QString& hostFile) {
    auto handle = call(QStringLiteral("guest-file-open"),
                       QJsonObject{{QStringLiteral("path"), guestPath},
                                   {QStringLiteral("mode"), QStringLiteral("r")}});
    if (!handle) return handle.error();
    const QJsonObject h{{QStringLiteral("handle"), handle->toInteger()}};
    QByteArray data;
    Status result;
    for (;;) {
        QJsonObject r = h;
        r.insert(QStringLiteral("count"), kChunkBytes);
        auto read = call(QStringLiteral("guest-file-read"), r);
        if (!read) {
            result = read.error();
            break;
        }
        const auto o = read->toObject();
        data += QByteArray::fromBase64(o.value(QStringLiteral("buf-b64")).toString().toLatin1());
        if (o.value(QStringLiteral("eof")).toBool()) break;
    }
    (void)call(QStringLiteral("guest-file-close"), h);
    if (!result) return result;
    return writeFileAtomically(hostFile, data);
}

Status GuestOperations::copyToGuest(const QString& hostFile, const QString& guestPath) const {
    auto agent = connect(QStringLiteral("'vm copy'"));
    if (!agent) return agent.error();
    return copyToGuestThroughAgent(callsOf(**agent), hostFile, guestPath);
}

Status GuestOperations::copyFromGuest(const QString& guestPath, const QString& hostFile) const {
    auto agent = connect(QStringLiteral("'vm copy'"));
    if (!agent) return agent.error();
    return copyFromGuestThroughAgent(callsOf(**agent), guestPath, hostFile);
}

Result<GuestInfo> GuestOperations::info(int timeoutMs) const {
    auto agent = connect(QStringLiteral("guest information"), timeoutMs);
    if (!agent) return agent.error();
    GuestInfo info;
    auto name = (*agent)->call(QStringLiteral("guest-get-host-name"), {}, timeoutMs);
    if (!name) return name.error();
    info.hostname = name->toObject().value(QStringLiteral("host-name")).toString();
    auto nics = (*agent)->call(QStringLiteral("guest-network-get-interfaces"), {}, timeoutMs);
    if (!nics) return nics.error();
    for (const auto& n : nics->toArray()) {
        const auto nic = n.toObject();
        if (nic.value(QStringLiteral("name")).toString() == QLatin1String("lo")) continue;
        for (const auto& a : nic.value(QStringLiteral("ip-addresses")).toArray()) {
            const QString ip = a.toObject().value(QStringLiteral("ip-address")).toString();
            // Link-local IPv6 addresses are not reachable without a scope: leave them out.
            if (!ip.isEmpty() && !ip.startsWith(QLatin1String("fe80:"))) info.addresses << ip;
        }
    }
    return info;
}

Status GuestOperations::shutdown() const {
    auto agent = connect(QStringLiteral("a shutdown through the agent"));
    if (!agent) return agent.error();
    return (*agent)->send(QStringLiteral("guest-shutdown"),
                          QJsonObject{{QStringLiteral("mode"), QStringLiteral("powerdown")}});
}

Result<int> GuestOperations::freeze(QmpClient* qmp) const {
    auto agent = connect(QStringLiteral("a filesystem freeze"), 10000, qmp);
    if (!agent) return agent.error();
    auto n = (*agent)->call(QStringLiteral("guest-fsfreeze-freeze"), {}, 60000);
    if (!n) return n.error();
    return n->toInt();
}

Status GuestOperations::thaw(QmpClient* qmp) const {
    auto agent = connect(QStringLiteral("a filesystem thaw"), 10000, qmp);
    if (!agent) return agent.error();
    auto n = (*agent)->call(QStringLiteral("guest-fsfreeze-thaw"), {}, 60000);
    if (!n) return n.error();
    return {};
}

Status GuestOperations::syncClock() const {
    auto agent = connect(QStringLiteral("a clock sync"), 3000);
    if (!agent) return agent.error();
    const qint64 ns = QDateTime::currentMSecsSinceEpoch() * 1000000;
    auto r =
        (*agent)->call(QStringLiteral("guest-set-time"), QJsonObject{{QStringLiteral("time"), ns}});
    if (!r) return r.error();
    return {};
}

} // namespace vireo
