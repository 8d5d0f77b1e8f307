#include "vm/VmRuntime.h"

#include "network/VirtualNetworks.h"
#include "vm/StateJobJournal.h"
#include "vm/VmHostDevices.h"

#include "qemu/DetachedLauncher.h"
#include "qemu/QemuCommandBuilder.h"
#include "qemu/QmpSync.h"
#include "qemu/VirtiofsdLauncher.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QThread>

#include <csignal>
#include <unistd.h>

namespace vireo {

QString toString(VmState s) {
    switch (s) {
    case VmState::Shutoff:
        return QStringLiteral("shutoff");
    case VmState::Running:
        return QStringLiteral("running");
    case VmState::Paused:
        return QStringLiteral("paused");
    case VmState::Saved:
        return QStringLiteral("saved");
    case VmState::Crashed:
        return QStringLiteral("crashed");
    }
    return {};
}

VmRuntime::VmRuntime(const Library& library, const VmSpec& spec)
    : m_library(library), m_spec(spec),
      m_dir(runtimeRoot() + QLatin1Char('/') + spec.uuid.toString(QUuid::WithoutBraces)) {}

QString VmRuntime::runtimeRoot() {
    const QByteArray xdg = qgetenv("XDG_RUNTIME_DIR");
    if (!xdg.isEmpty()) return QString::fromLocal8Bit(xdg) + QStringLiteral("/vireo");
    if (::getuid() == 0) return QStringLiteral("/run/vireo");
    // A service or `sudo -u` without a session's environment: the user's runtime folder
    // when logind made one, so such commands see the VMs the user's sessions see.
    const QString userRun = QStringLiteral("/run/user/%1").arg(::getuid());
    if (QFileInfo(userRun).isDir() && QFileInfo(userRun).ownerId() == ::getuid())
        return userRun + QStringLiteral("/vireo");
    return QStringLiteral("/tmp/vireo-%1").arg(::getuid());
}

pid_t VmRuntime::livePid() const {
    // vireo.pid is ours; QEMU's own -pidfile covers a vireoctl killed between launching
    // QEMU and recording its pid, so that QEMU is never orphaned unseen.
    QFile f(pidFile());
    if (!f.open(QIODevice::ReadOnly)) {
        f.setFileName(m_dir + QStringLiteral("/qemu.pid"));
        if (!f.open(QIODevice::ReadOnly)) return 0;
    }
    const pid_t pid = f.readAll().trimmed().toInt();
    if (pid <= 0 || ::kill(pid, 0) != 0) return 0;
    // Pids are reused: only a process whose command line carries our UUID is our QEMU.
    QFile cmd(QStringLiteral("/proc/%1/cmdline").arg(pid));
    if (!cmd.open(QIODevice::ReadOnly)) return 0;
    const QByteArray cmdline = cmd.readAll();
    if (!cmdline.contains(m_spec.uuid.toString(QUuid::WithoutBraces).toLatin1())) return 0;
    // A zombie (exited, not yet reaped) is not a running VM.
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (stat.open(QIODevice::ReadOnly)) {
        const QByteArray s = stat.readAll();
        const qsizetype close = s.lastIndexOf(')');
        if (close > 0 && s.size() > close + 2 && s.at(close + 2) == 'Z') return 0;
    }
    return pid;
}

QString VmRuntime::stderrTail(int lines) const {
    QFile f(stderrLog());
    if (!f.open(QIODevice::ReadOnly)) return {};
    QStringList all =
        QString::fromLocal8Bit(f.readAll()).trimmed().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    return all.mid(std::max<qsizetype>(0, all.size() - lines)).join(QStringLiteral(" | "));
}

bool VmRuntime::waitForExit(int timeoutMs) const {
    QDeadlineTimer deadline(timeoutMs);
    while (livePid() != 0) {
        if (deadline.hasExpired()) return false;
        QThread::msleep(50);
    }
    return true;
}

Status VmRuntime::endQemu() const {
    if (auto qmp = QmpSync::connect(qmpSocket(), 2000))
        (void)QmpSync::call(**qmp, QStringLiteral("quit"), {}, 3000);
    if (!waitForExit(5000)) {
        if (const pid_t p = livePid()) ::kill(p, SIGKILL);
        if (!waitForExit(5000))
            return makeError(ErrorCode::Process,
                             QStringLiteral("QEMU of VM '%1' does not die").arg(m_spec.name),
                             QStringLiteral("kill it by hand (pid in %1)").arg(pidFile()));
    }
    clear();
    VirtualNetworks(m_library).unplugNics(m_spec);
    return {};
}

VmStatus VmRuntime::status(QmpClient* qmp) const {
    VmStatus st;
    // A runtime folder without a pid record: a start may be under way in another process
    // (it holds the VM's lock until QEMU's pid is recorded). Wait for it, so a reader never
    // calls shut off a VM that is a moment away from running.
    if (QFileInfo::exists(m_dir) && !QFileInfo::exists(pidFile()))
        (void)m_library.lockVm(m_spec.name, 3000);
    // A save or restore whose process died left the VM paused: whoever reads the state first
    // puts it back (once the lock is free: the QEMU that was started may hold it a moment).
    if (hasUnfinishedStateJob(m_library, m_spec.name) &&
        stateJobOwnerGone(m_library, m_spec.name)) {
        if (auto lock = m_library.lockVm(m_spec.name, 3000))
            undoUnfinishedStateJob(m_library, m_spec, *this);
    }
    if (const pid_t pid = livePid()) {
        st.pid = pid;
        st.state = VmState::Running;
        std::unique_ptr<QmpClient> own;
        if (!qmp) {
            auto c = QmpSync::connect(qmpSocket(), 3000);
            if (c) {
                own = std::move(c.value());
                qmp = own.get();
            }
        }
        if (qmp) {
            auto r = QmpSync::call(*qmp, QStringLiteral("query-status"), {}, 3000);
            if (r) {
                const QString s = r->toObject().value(QStringLiteral("status")).toString();
                if (s == QLatin1String("paused") || s == QLatin1String("suspended") ||
                    s == QLatin1String("postmigrate") || s == QLatin1String("prelaunch") ||
                    s == QLatin1String("inmigrate") || s == QLatin1String("save-vm") ||
                    s == QLatin1String("restore-vm"))
                    st.state = VmState::Paused;
                else if (s == QLatin1String("internal-error") ||
                         s == QLatin1String("guest-panicked")) {
                    st.state = VmState::Crashed;
                    st.detail = QStringLiteral("guest stopped with QEMU status '%1'").arg(s);
                }
            }
        }
        return st;
    }
    const QString exit = readExitStatus(exitStatusFile());
    if (QFileInfo::exists(m_dir) && QFileInfo::exists(pidFile()) &&
        exit != QLatin1String("exit 0")) {
        // QEMU is gone without a clean exit: a crash, a kill, or an internal error.
        st.state = VmState::Crashed;
        st.detail = exit.isEmpty() ? QStringLiteral("QEMU ended without an exit record")
                                   : QStringLiteral("QEMU ended with %1").arg(exit);
        const QString tail = stderrTail();
        if (!tail.isEmpty()) st.detail += QStringLiteral(": ") + tail;
        return st;
    }
    if (QFileInfo::exists(m_library.savedStatePath(m_spec.name))) st.state = VmState::Saved;
    return st;
}

QString VmRuntime::shareSocket(const QString& tag) const {
    return m_dir + QLatin1Char('/') + shareSocketName(tag);
}
QString VmRuntime::sharePidFile(const QString& tag) const {
    return m_dir + QStringLiteral("/virtiofsd-%1.pid").arg(tag);
}
QString VmRuntime::shareLog(const QString& tag) const {
    return m_dir + QStringLiteral("/virtiofsd-%1.log").arg(tag);
}

void VmRuntime::clear() const {
    // Host devices go back before the record of what was taken goes.
    (void)releaseHostDevices(m_dir);
    // virtiofsd ends when QEMU disconnects; one that QEMU never reached would stay.
    for (const auto& pidFile :
         QDir(m_dir).entryList({QStringLiteral("virtiofsd-*.pid")}, QDir::Files))
        stopVirtiofsd(m_dir + QLatin1Char('/') + pidFile);
    QDir(m_dir).removeRecursively();
}

Status VmRuntime::prepare() const {
    clear();
    if (!QDir().mkpath(m_dir))
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot create runtime folder '%1'").arg(m_dir),
                         QStringLiteral("check XDG_RUNTIME_DIR and its permissions"));
    QFile::setPermissions(m_dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return {};
}

} // namespace vireo
