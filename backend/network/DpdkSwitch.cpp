#include "network/DpdkSwitch.h"

#include "core/CompanionProgram.h"
#include "core/ProcessRunner.h"
#include "network/HelperClient.h"
#include "qemu/DetachedLauncher.h"
#include "store/AtomicFile.h"
#include "store/FileLock.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLocalSocket>
#include <QThread>

#include <csignal>

namespace vireo {

namespace {

// A switch without hugepages: DPDK's own memory (its packet buffers) in plain pages.
constexpr int kPlainMemoryMiB = 256;

constexpr int kStartTimeoutMs = 15000;
constexpr int kStopTimeoutMs = 5000;

pid_t readPid(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return 0;
    return static_cast<pid_t>(f.readAll().trimmed().toLong());
}

// The pid still names a vireo-switch (not a reused pid of something else).
bool isSwitchProcess(pid_t pid) {
    if (pid <= 0) return false;
    QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
    return cmdline.open(QIODevice::ReadOnly) && cmdline.readAll().contains("vireo-switch");
}

// DPDK's own run folder of the switch (it makes one even with --in-memory).
QStringList dpdkRunDirs(const QString& prefix) {
    QStringList dirs{QStringLiteral("/var/run/dpdk/") + prefix};
    const QString xdg = QString::fromLocal8Bit(qgetenv("XDG_RUNTIME_DIR"));
    if (!xdg.isEmpty()) dirs << xdg + QStringLiteral("/dpdk/") + prefix;
    return dirs;
}

} // namespace

DpdkSwitch::DpdkSwitch(const QString& networkRunDir)
    : m_networkDir(networkRunDir), m_dir(networkRunDir + QStringLiteral("/switch")) {}

QString DpdkSwitch::programPath() {
    // Checked here: a DPDK network falls back to a kernel bridge when it is not there.
    const QString program = companionProgram(QStringLiteral("vireo-switch"), "VIREO_SWITCH");
    return QFileInfo(program).isExecutable() ? program : QString();
}

QString DpdkSwitch::socketPath(const QString& portName) const {
    return m_networkDir + QLatin1Char('/') + portName + QStringLiteral(".sock");
}

bool DpdkSwitch::running() const {
    return isSwitchProcess(readPid(m_dir + QStringLiteral("/switch.pid")));
}

Status DpdkSwitch::start(const NetworkSpec& spec) {
    if (running()) return {};
    const QString program = programPath();
    if (program.isEmpty())
        return makeError(ErrorCode::NotFound, QStringLiteral("vireo-switch is not installed"),
                         QStringLiteral("install Vireo with DPDK support (libdpdk)"));
    if (!QDir().mkpath(m_dir))
        return makeError(ErrorCode::Io, QStringLiteral("cannot create %1").arg(m_dir));
    // A switch that died with its supervisor keeps its reservation on record: reuse it.
    const QString pagesFile = m_dir + QStringLiteral("/hugepages");
    // No hugepages: the switch runs on plain memory and needs no privilege at all.
    if (spec.hugepages > 0 && !QFileInfo::exists(pagesFile)) {
        VIREO_TRY(HelperClient::run(
            {QStringLiteral("hugepages-reserve"), QString::number(spec.hugepages)}));
        VIREO_TRY(writeFileAtomically(pagesFile, QByteArray::number(spec.hugepages)));
    }
    for (const char* stale : {"control.sock", "worker.pid", "exit", "switch.pid"})
        QFile::remove(m_dir + QLatin1Char('/') + QLatin1String(stale));

    QStringList argv{program, QStringLiteral("--supervise"), QStringLiteral("--run-dir"),
                     m_dir,   QStringLiteral("--name"),      QFileInfo(m_networkDir).fileName()};
    if (!spec.cores.isEmpty()) argv << QStringLiteral("--cores") << spec.cores;
    if (spec.busyPoll) argv << QStringLiteral("--busy-poll");
    if (spec.hugepages == 0)
        argv << QStringLiteral("--no-huge") << QString::number(kPlainMemoryMiB);
    // Host-only and NAT: the host's address, firewall and dnsmasq sit on a tap the switch
    // makes, named as the network's bridge would be.
    if (spec.mode == NetworkMode::HostOnly || spec.mode == NetworkMode::NatNetwork)
        argv << QStringLiteral("--host-port") << QFileInfo(m_networkDir).fileName();
    // Bridged: the switch sends and receives on the NIC itself (af_packet).
    if (spec.mode == NetworkMode::Bridged) argv << QStringLiteral("--uplink") << spec.uplink;
    DetachedLaunch launch;
    launch.argv = argv;
    launch.stderrPath = m_dir + QStringLiteral("/switch.log");
    launch.exitStatusPath = m_dir + QStringLiteral("/exit");
    launch.pidPath = m_dir + QStringLiteral("/switch.pid");
    launch.fix = QStringLiteral("check that %1 runs").arg(program);
    auto pid = launchDetached(launch);
    if (!pid) {
        (void)releaseHugepages();
        return pid.error();
    }
    const QDeadlineTimer deadline(kStartTimeoutMs);
    while (!deadline.hasExpired()) {
        if (query(QStringLiteral("stats"))) return {};
        if (!readExitStatus(launch.exitStatusPath).isEmpty()) break;
        QThread::msleep(20);
    }
    QString why;
    if (auto log = readWholeFile(launch.stderrPath)) why = lastLine(*log);
    (void)stop();
    return makeError(ErrorCode::Process,
                     QStringLiteral("network '%1': the DPDK switch did not start: %2")
                         .arg(spec.name, why.isEmpty() ? QStringLiteral("no answer") : why),
                     QStringLiteral("see %1; or drop --switch dpdk").arg(launch.stderrPath));
}

Status DpdkSwitch::stop() {
    const pid_t supervisor = readPid(m_dir + QStringLiteral("/switch.pid"));
    const pid_t worker = readPid(m_dir + QStringLiteral("/worker.pid"));
    if (isSwitchProcess(supervisor))
        ::kill(supervisor, SIGTERM);
    else if (isSwitchProcess(worker))
        ::kill(worker, SIGTERM);
    const QDeadlineTimer deadline(kStopTimeoutMs);
    while ((isSwitchProcess(supervisor) || isSwitchProcess(worker)) && !deadline.hasExpired())
        QThread::msleep(10);
    for (pid_t pid : {supervisor, worker})
        if (isSwitchProcess(pid)) ::kill(pid, SIGKILL);
    Status result = releaseHugepages();
    for (const QString& dir :
         dpdkRunDirs(QStringLiteral("vireo-") + QFileInfo(m_networkDir).fileName()))
        QDir(dir).removeRecursively();
    QDir(m_dir).removeRecursively();
    return result;
}

Status DpdkSwitch::releaseHugepages() {
    const QString pagesFile = m_dir + QStringLiteral("/hugepages");
    auto pages = readWholeFile(pagesFile);
    if (!pages) return {};
    VIREO_TRY(HelperClient::run(
        {QStringLiteral("hugepages-release"), QString::number(pages->trimmed().toInt())}));
    QFile::remove(pagesFile);
    return {};
}

Status DpdkSwitch::addPorts(const QVector<SwitchPort>& ports) {
    QStringList names;
    for (const auto& p : ports)
        names << p.name;
    return editPorts(ports, names);
}

Status DpdkSwitch::removePorts(const QStringList& names) {
    return editPorts({}, names);
}

Status DpdkSwitch::editPorts(const QVector<SwitchPort>& add, const QStringList& remove) {
    if (!QDir().mkpath(m_dir))
        return makeError(ErrorCode::Io, QStringLiteral("cannot create %1").arg(m_dir));
    auto lock = FileLock::acquire(m_dir + QStringLiteral("/ports.lock"),
                                  QStringLiteral("the switch's ports"), 15000);
    if (!lock) return lock.error();
    // "NAME SOCKET VLAN OWNER" lines (app/vireo-switch/PortsFile.h); "-" is no VLAN.
    QByteArray text;
    if (auto old = readWholeFile(m_dir + QStringLiteral("/ports")))
        for (const QByteArray& line : old->split('\n'))
            if (!line.isEmpty() && !remove.contains(QString::fromUtf8(line.split(' ').value(0))))
                text += line + '\n';
    for (const SwitchPort& p : add)
        text += QStringLiteral("%1 %2 %3 %4\n")
                    .arg(p.name, p.socket, p.vlan.isEmpty() ? QStringLiteral("-") : p.vlan, p.owner)
                    .toUtf8();
    VIREO_TRY(writeFileAtomically(m_dir + QStringLiteral("/ports"), text));
    if (!running()) return {}; // read at its next start
    auto reply = query(QStringLiteral("reload"));
    if (!reply) return reply.error();
    return {};
}

Result<QJsonObject> DpdkSwitch::query(const QString& request) const {
    QLocalSocket socket;
    socket.connectToServer(m_dir + QStringLiteral("/control.sock"));
    const auto unreachable = [&] {
        return makeError(
            ErrorCode::Process,
            QStringLiteral("the DPDK switch does not answer on %1/control.sock").arg(m_dir),
            QStringLiteral("restart the network (vireoctl network stop/start)"));
    };
    if (!socket.waitForConnected(2000)) return unreachable();
    socket.write(request.toUtf8() + '\n');
    QByteArray reply;
    const QDeadlineTimer deadline(5000);
    while (!reply.contains('\n') && !deadline.hasExpired())
        if (socket.waitForReadyRead(int(deadline.remainingTime())) || socket.bytesAvailable())
            reply += socket.readAll();
        else if (socket.state() != QLocalSocket::ConnectedState)
            break;
    reply = reply.trimmed();
    if (reply.startsWith("error: "))
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("DPDK switch: %1").arg(QString::fromUtf8(reply.mid(7))),
                         QStringLiteral("check the VM's NIC options (vlan=...)"));
    if (reply == "ok") return QJsonObject();
    const auto doc = QJsonDocument::fromJson(reply);
    if (!doc.isObject()) return unreachable();
    return doc.object();
}

} // namespace vireo
