#include "sandbox/SandboxTerminal.h"

#include <QString>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <termios.h>
#include <unistd.h>

namespace vireo {

namespace {

volatile sig_atomic_t g_resized = 0;
void onWinch(int) {
    g_resized = 1;
}

void copyWindowSize(int from, int to) {
    winsize ws{};
    if (::ioctl(from, TIOCGWINSZ, &ws) == 0) ::ioctl(to, TIOCSWINSZ, &ws);
}

bool writeAll(int fd, const char* p, ssize_t n) {
    while (n > 0) {
        const ssize_t w = ::write(fd, p, static_cast<size_t>(n));
        if (w < 0 && errno == EINTR) continue;
        if (w < 0 && errno == EAGAIN) {
            pollfd pfd{fd, POLLOUT, 0};
            ::poll(&pfd, 1, 100);
            continue;
        }
        if (w <= 0) return false;
        p += w;
        n -= w;
    }
    return true;
}

} // namespace

bool attachTerminal(int slaveFd, SysFailure* f) noexcept {
    if (::setsid() < 0 || ::ioctl(slaveFd, TIOCSCTTY, 0) != 0 || ::dup2(slaveFd, 0) < 0 ||
        ::dup2(slaveFd, 1) < 0 || ::dup2(slaveFd, 2) < 0) {
        setSysFailure(f, "attaching the terminal", "", errno);
        return false;
    }
    return true;
}

SandboxTerminal::~SandboxTerminal() {
    if (m_master >= 0) ::close(m_master);
    closeSlave();
}

Result<std::unique_ptr<SandboxTerminal>> SandboxTerminal::open() {
    std::unique_ptr<SandboxTerminal> t(new SandboxTerminal);
    t->m_master = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (t->m_master < 0 || ::grantpt(t->m_master) != 0 || ::unlockpt(t->m_master) != 0)
        return makeError(ErrorCode::Io, QStringLiteral("cannot open a pseudo-terminal"),
                         QStringLiteral("check that /dev/pts is mounted"));
    const char* name = ::ptsname(t->m_master);
    t->m_slave = name ? ::open(name, O_RDWR | O_NOCTTY | O_CLOEXEC) : -1;
    if (t->m_slave < 0)
        return makeError(ErrorCode::Io, QStringLiteral("cannot open a pseudo-terminal's slave"),
                         QStringLiteral("check that /dev/pts is mounted"));
    if (::isatty(STDIN_FILENO)) copyWindowSize(STDIN_FILENO, t->m_master);
    return t;
}

void SandboxTerminal::closeSlave() {
    if (m_slave >= 0) ::close(m_slave);
    m_slave = -1;
}

void SandboxTerminal::relayUntilExit(pid_t pid) {
    const bool interactive = ::isatty(STDIN_FILENO);
    termios saved{};
    if (interactive && ::tcgetattr(STDIN_FILENO, &saved) == 0) {
        termios raw = saved;
        ::cfmakeraw(&raw);
        ::tcsetattr(STDIN_FILENO, TCSANOW, &raw);
    }
    struct sigaction winch {
    }, oldWinch{};
    winch.sa_handler = onWinch; // no SA_RESTART: poll returns and the size is copied
    ::sigaction(SIGWINCH, &winch, &oldWinch);
    const int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
    ::fcntl(m_master, F_SETFL, ::fcntl(m_master, F_GETFL) | O_NONBLOCK);
    bool stdinOpen = true;
    char buf[16384];
    for (;;) {
        if (g_resized) {
            g_resized = 0;
            copyWindowSize(STDIN_FILENO, m_master);
        }
        pollfd fds[3] = {
            {m_master, POLLIN, 0}, {pidfd, POLLIN, 0}, {stdinOpen ? STDIN_FILENO : -1, POLLIN, 0}};
        if (::poll(fds, 3, -1) < 0) {
            if (errno == EINTR) continue;
            break;
        }
        if (fds[0].revents & POLLIN) {
            const ssize_t n = ::read(m_master, buf, sizeof buf);
            if (n > 0) writeAll(STDOUT_FILENO, buf, n);
        }
        if (fds[2].revents & (POLLIN | POLLHUP)) {
            const ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
            if (n > 0)
                writeAll(m_master, buf, n);
            else if (n == 0 || errno != EINTR)
                stdinOpen = false; // end of input; the sandbox keeps running
        }
        if ((fds[1].revents & POLLIN) || pidfd < 0 || (fds[0].revents & POLLHUP)) {
            // Ended: what it wrote last is still in the master.
            ssize_t n;
            while ((n = ::read(m_master, buf, sizeof buf)) > 0)
                writeAll(STDOUT_FILENO, buf, n);
            if ((fds[1].revents & POLLIN) || pidfd < 0) break;
        }
    }
    if (pidfd >= 0) ::close(pidfd);
    ::sigaction(SIGWINCH, &oldWinch, nullptr);
    if (interactive) ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
}

} // namespace vireo
