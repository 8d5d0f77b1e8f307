// pasta (from passt), the NAT of --network nat: a tap in the sandbox's namespace whose
// traffic pasta turns into ordinary sockets of the host. Also the child-process plumbing
// both NAT helpers share.
#include "sandbox/SandboxNat.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QThread>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <linux/close_range.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace vireo {

namespace {

constexpr int kPastaReadyTimeoutMs = 5000;

QStringList pastaArguments(const SandboxSpec& spec, const QString& pidFile) {
    // pasta forwards every bound port both ways by default ("auto"): a sandbox would reach
    // the host's loopback services through its own 127.0.0.1. Only what -p names passes.
    QStringList args{QStringLiteral("--config-net"), QStringLiteral("--quiet"),
                     QStringLiteral("--foreground"), QStringLiteral("--pid"), pidFile,
                     // The namespace as an fd we opened: pasta drops its capabilities
                     // before it opens a target, and a sandbox's process is not dumpable.
                     QStringLiteral("--netns"), QStringLiteral("/proc/self/fd/3"),
                     QStringLiteral("-T"), QStringLiteral("none"), QStringLiteral("-U"),
                     QStringLiteral("none")};
    // As root pasta would switch to "nobody", who may not enter the sandbox's namespace. A
    // user's pasta keeps the user's ids and enters the sandbox's user namespace first (fd 4),
    // where the user holds the capabilities that joining its net namespace takes.
    if (::geteuid() == 0)
        args << QStringLiteral("--netns-only") << QStringLiteral("--runas") << QStringLiteral("0");
    else
        args << QStringLiteral("--userns") << QStringLiteral("/proc/self/fd/4");
    QStringList tcp, udp;
    for (const auto& p : spec.ports) {
        const QString host = p.hostAddress.isEmpty() ? QString() : p.hostAddress + QLatin1Char('/');
        (p.protocol == QLatin1String("udp") ? udp : tcp)
            .append(QStringLiteral("%1%2:%3").arg(host).arg(p.hostPort).arg(p.guestPort));
    }
    args << QStringLiteral("-t")
         << (tcp.isEmpty() ? QStringLiteral("none") : tcp.join(QLatin1Char(',')));
    args << QStringLiteral("-u")
         << (udp.isEmpty() ? QStringLiteral("none") : udp.join(QLatin1Char(',')));
    return args;
}

} // namespace

NatHelperAttachment::~NatHelperAttachment() {
    ::kill(m_pid, SIGTERM);
    while (::waitpid(m_pid, nullptr, 0) < 0 && errno == EINTR) {
    }
    for (const auto& f : m_files)
        QFile::remove(f);
}

Result<pid_t> spawnNatHelper(const QByteArrayList& args, pid_t sandboxPid, int extraFd,
                             const QString& sandbox, const QString& helper) {
    QByteArrayList copy = args;
    std::vector<char*> argv;
    for (auto& a : copy)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    const int nsFd =
        ::open(QStringLiteral("/proc/%1/ns/net").arg(sandboxPid).toLatin1().constData(),
               O_RDONLY | O_CLOEXEC);
    if (nsFd < 0)
        return makeError(ErrorCode::Io,
                         QStringLiteral("sandbox '%1': cannot open its network namespace: %2")
                             .arg(sandbox, QString::fromLocal8Bit(std::strerror(errno))));
    const pid_t child = ::fork();
    if (child == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        ::dup2(nsFd, 3); // dup2 clears close-on-exec on the copy
        if (extraFd >= 0) ::dup2(extraFd, 4);
        ::syscall(SYS_close_range, extraFd >= 0 ? 5U : 4U, ~0U, 0U);
        const int devNull = ::open("/dev/null", O_RDONLY);
        ::dup2(devNull, 0);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    ::close(nsFd);
    if (child < 0)
        return makeError(ErrorCode::Process,
                         QStringLiteral("sandbox '%1': cannot start %2").arg(sandbox, helper));
    return child;
}

Result<std::unique_ptr<SandboxNetworkAttachment>> attachPasta(const SandboxSpec& spec, pid_t pid,
                                                              const QString& pasta) {
    const QString pidFile = QDir::tempPath() + QStringLiteral("/vireo-pasta-%1.pid").arg(pid);
    QFile::remove(pidFile);
    QByteArrayList args{QFile::encodeName(pasta)};
    for (const auto& a : pastaArguments(spec, pidFile))
        args.append(QFile::encodeName(a));
    int userNs = -1;
    if (::geteuid() != 0) {
        userNs = ::open(QStringLiteral("/proc/%1/ns/user").arg(pid).toLatin1().constData(),
                        O_RDONLY | O_CLOEXEC);
        if (userNs < 0)
            return makeError(ErrorCode::Io,
                             QStringLiteral("sandbox '%1': cannot open its user namespace: %2")
                                 .arg(spec.name, QString::fromLocal8Bit(std::strerror(errno))));
    }
    auto child = spawnNatHelper(args, pid, userNs, spec.name, QStringLiteral("pasta"));
    if (userNs >= 0) ::close(userNs);
    if (!child) return child.error();
    // pasta writes its pid file once the namespace's interface, address and routes are set.
    const QDeadlineTimer deadline(kPastaReadyTimeoutMs);
    while (!QFile::exists(pidFile)) {
        int status = 0;
        if (::waitpid(*child, &status, WNOHANG) == *child)
            return makeError(
                ErrorCode::Process,
                QStringLiteral("sandbox '%1': pasta ended before the network was up (exit %2)")
                    .arg(spec.name)
                    .arg(WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status)),
                QStringLiteral("a published host port may be in use; see pasta's message above"));
        if (deadline.hasExpired()) {
            NatHelperAttachment ending(*child, {pidFile});
            return makeError(ErrorCode::Timeout,
                             QStringLiteral("sandbox '%1': pasta did not set up the network "
                                            "within %2 s")
                                 .arg(spec.name)
                                 .arg(kPastaReadyTimeoutMs / 1000));
        }
        QThread::usleep(500);
    }
    return std::unique_ptr<SandboxNetworkAttachment>(
        std::make_unique<NatHelperAttachment>(*child, QStringList{pidFile}));
}

} // namespace vireo
