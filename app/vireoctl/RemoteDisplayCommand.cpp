// vireoctl --remote R display NAME: a remote VM's screen served on a local unix socket, for
// any VNC viewer (vncviewer, remote-viewer vnc+unix://...). The screen comes through the
// host's libvirt or ssh connection (openRemoteDisplay); no port opens anywhere.
#include "Cli.h"

#include "libvirt/LibvirtDisplay.h"
#include "vm/VmRuntime.h"

#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <cerrno>
#include <cstring>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace vireo::cli {

namespace {

// A listening unix socket at `path` that only this user may connect to.
Result<int> listenAt(const QString& path) {
    const QByteArray p = QFile::encodeName(path);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (static_cast<size_t>(p.size()) >= sizeof addr.sun_path)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("socket path %1 is too long for a unix socket").arg(path),
                         QStringLiteral("pass a shorter --socket"));
    std::memcpy(addr.sun_path, p.constData(), static_cast<size_t>(p.size()));
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    ::unlink(p.constData());
    const mode_t old = ::umask(077);
    const bool bound = fd >= 0 && ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::umask(old);
    if (!bound || ::listen(fd, 1) != 0) {
        const int err = errno;
        if (fd >= 0) ::close(fd);
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot listen on %1: %2").arg(path, qt_error_string(err)),
                         QStringLiteral("pass a --socket in a folder you may write"));
    }
    return fd;
}

// Copies what `from` has to `to`; false once either end is closed.
bool pass(int from, int to) {
    char buffer[65536];
    const ssize_t n = ::read(from, buffer, sizeof buffer);
    if (n <= 0) return n < 0 && errno == EINTR;
    for (ssize_t done = 0; done < n;) {
        const ssize_t w = ::write(to, buffer + done, static_cast<size_t>(n - done));
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return false;
        done += w;
    }
    return true;
}

} // namespace

int runRemoteDisplay(Cli& cli) {
    if (!cli.parse(QStringLiteral("Serve the screen of a VM on the --remote host on a local unix "
                                  "socket for one VNC viewer, until it disconnects."),
                   {QStringLiteral("NAME")},
                   {QCommandLineOption(QStringLiteral("socket"),
                                       QStringLiteral("Where to listen (default: a socket in "
                                                      "Vireo's runtime folder)."),
                                       QStringLiteral("PATH"))}))
        return cli.exitCode();
    const QString name = cli.positional().first();
    QString path = cli.value(QStringLiteral("socket"));
    if (path.isEmpty()) {
        const QString dir = VmRuntime::runtimeRoot() + QStringLiteral("/remote-displays");
        QDir().mkpath(dir);
        path = dir + QStringLiteral("/%1-%2.vnc").arg(cli.remote(), name);
    }
    auto conn = openRemote(cli, cli.remote());
    if (!conn) return cli.fail(conn.error());
    auto screen = openRemoteDisplay(**conn, name);
    if (!screen) return cli.fail(screen.error());
    const int remoteFd = *screen;
    auto listening = listenAt(path);
    if (!listening) {
        ::close(remoteFd);
        return cli.fail(listening.error());
    }
    if (cli.json())
        cli.printJson(QJsonObject{{QStringLiteral("type"), QStringLiteral("vnc")},
                                  {QStringLiteral("socket"), path},
                                  {QStringLiteral("uri"), QStringLiteral("vnc+unix://") + path}});
    else
        cli.print(QStringLiteral("vnc+unix://%1").arg(path));
    std::fflush(stdout);
    int viewer = -1;
    while (viewer < 0) {
        viewer = ::accept4(*listening, nullptr, nullptr, SOCK_CLOEXEC);
        if (viewer < 0 && errno != EINTR) break;
    }
    ::close(*listening);
    ::unlink(QFile::encodeName(path).constData());
    if (viewer < 0) {
        ::close(remoteFd);
        return cli.fail(makeError(
            ErrorCode::Io,
            QStringLiteral("accepting a viewer on %1: %2").arg(path, qt_error_string(errno))));
    }
    pollfd fds[2] = {{viewer, POLLIN, 0}, {remoteFd, POLLIN, 0}};
    for (bool open = true; open;) {
        if (::poll(fds, 2, -1) < 0) {
            open = errno == EINTR;
            continue;
        }
        if (fds[0].revents) open = pass(viewer, remoteFd);
        if (open && fds[1].revents) open = pass(remoteFd, viewer);
    }
    ::close(viewer);
    ::close(remoteFd);
    return ExitOk;
}

} // namespace vireo::cli
