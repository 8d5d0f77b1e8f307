#include "sandbox/SandboxTerminal.h"

#include <QFile>
#include <QString>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <string>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
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

// A listening unix socket only this user may connect to; -1 and `error` on failure.
int listenOn(const QString& path, QString* error) {
    const QByteArray p = QFile::encodeName(path);
    sockaddr_un addr{};
    if (p.size() >= static_cast<qsizetype>(sizeof addr.sun_path)) {
        *error = QStringLiteral("socket path %1 is too long").arg(path);
        return -1;
    }
    addr.sun_family = AF_UNIX;
    std::memcpy(addr.sun_path, p.constData(), static_cast<size_t>(p.size()));
    ::unlink(p.constData());
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::chmod(p.constData(), 0600) != 0 || ::listen(fd, 4) != 0) {
        *error = QStringLiteral("cannot listen on %1: %2")
                     .arg(path, QString::fromLocal8Bit(std::strerror(errno)));
        if (fd >= 0) ::close(fd);
        return -1;
    }
    return fd;
}

// "ROWS COLS" lines; applies the last complete one.
void applySizeLines(std::string& pending, int master) {
    std::size_t end;
    while ((end = pending.find('\n')) != std::string::npos) {
        const std::string line = pending.substr(0, end);
        pending.erase(0, end + 1);
        unsigned rows = 0, cols = 0;
        if (std::sscanf(line.c_str(), "%u %u", &rows, &cols) == 2 && rows > 0 && rows < 1000 &&
            cols > 0 && cols < 1000) {
            winsize ws{};
            ws.ws_row = static_cast<unsigned short>(rows);
            ws.ws_col = static_cast<unsigned short>(cols);
            ::ioctl(master, TIOCSWINSZ, &ws);
        }
    }
    if (pending.size() > 256) pending.clear(); // not a size line: drop it
}

} // namespace

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

Status SandboxTerminal::serveUntilExit(pid_t pid, const QString& socketPath,
                                       const QString& sizeSocketPath) {
    QString error;
    const int listener = listenOn(socketPath, &error);
    if (listener < 0) return makeError(ErrorCode::Io, error);
    const int sizeListener = listenOn(sizeSocketPath, &error);
    if (sizeListener < 0) {
        ::close(listener);
        return makeError(ErrorCode::Io, error);
    }
    // A client that leaves while output is on its way must cost the write (EPIPE, and the
    // client is dropped), not the runtime: SIGPIPE would end it and the sandbox with it.
    struct sigaction ignorePipe {
    }, oldPipe{};
    ignorePipe.sa_handler = SIG_IGN;
    ::sigaction(SIGPIPE, &ignorePipe, &oldPipe);
    const int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
    ::fcntl(m_master, F_SETFL, ::fcntl(m_master, F_GETFL) | O_NONBLOCK);
    constexpr std::size_t kReplay = 64 * 1024;
    std::string recent; // the last output, for the next client
    std::string sizePending;
    int client = -1;
    int sizeClient = -1;
    char buf[16384];
    auto dropClient = [&](int& fd) {
        if (fd >= 0) ::close(fd);
        fd = -1;
    };
    for (;;) {
        pollfd fds[6] = {{m_master, POLLIN, 0}, {pidfd, POLLIN, 0},        {listener, POLLIN, 0},
                         {client, POLLIN, 0},   {sizeListener, POLLIN, 0}, {sizeClient, POLLIN, 0}};
        if (::poll(fds, 6, -1) < 0) {
            if (errno == EINTR) continue;
            break;
        }
        if (fds[0].revents & POLLIN) {
            const ssize_t n = ::read(m_master, buf, sizeof buf);
            if (n > 0) {
                writeAll(STDOUT_FILENO, buf, n);
                if (client >= 0 && !writeAll(client, buf, n)) dropClient(client);
                recent.append(buf, static_cast<std::size_t>(n));
                if (recent.size() > kReplay) recent.erase(0, recent.size() - kReplay);
            }
        }
        if (fds[2].revents & POLLIN) {
            const int fresh = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
            if (fresh >= 0) {
                dropClient(client); // the newest client has the terminal
                client = fresh;
                if (!writeAll(client, recent.data(), static_cast<ssize_t>(recent.size())))
                    dropClient(client);
            }
        }
        if (client >= 0 && (fds[3].revents & (POLLIN | POLLHUP | POLLERR))) {
            const ssize_t n = ::read(client, buf, sizeof buf);
            if (n > 0)
                writeAll(m_master, buf, n);
            else if (n == 0 || (errno != EINTR && errno != EAGAIN))
                dropClient(client); // detached; the sandbox keeps running
        }
        if (fds[4].revents & POLLIN) {
            const int fresh =
                ::accept4(sizeListener, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
            if (fresh >= 0) {
                dropClient(sizeClient);
                sizeClient = fresh;
                sizePending.clear();
            }
        }
        if (sizeClient >= 0 && (fds[5].revents & (POLLIN | POLLHUP | POLLERR))) {
            const ssize_t n = ::read(sizeClient, buf, sizeof buf);
            if (n > 0) {
                sizePending.append(buf, static_cast<std::size_t>(n));
                applySizeLines(sizePending, m_master);
            } else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
                dropClient(sizeClient);
            }
        }
        if ((fds[1].revents & POLLIN) || pidfd < 0 || (fds[0].revents & POLLHUP)) {
            ssize_t n;
            while ((n = ::read(m_master, buf, sizeof buf)) > 0) {
                writeAll(STDOUT_FILENO, buf, n);
                if (client >= 0) writeAll(client, buf, n);
            }
            if ((fds[1].revents & POLLIN) || pidfd < 0) break;
        }
    }
    dropClient(client);
    dropClient(sizeClient);
    ::close(listener);
    ::close(sizeListener);
    ::unlink(QFile::encodeName(socketPath).constData());
    ::unlink(QFile::encodeName(sizeSocketPath).constData());
    if (pidfd >= 0) ::close(pidfd);
    ::sigaction(SIGPIPE, &oldPipe, nullptr);
    return {};
}

} // namespace vireo
