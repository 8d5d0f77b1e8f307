// vireoctl console / display: reaching a running VM's serial console and screen.
#include "Cli.h"

#include "libvirt/LibvirtConsole.h"
#include "vm/VmRuntime.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QLocalSocket>
#include <QSocketNotifier>
#include <QTimer>

#include <QElapsedTimer>
#include <cstdio>
#include <poll.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

namespace vireo::cli {

namespace {

constexpr char kDetachKey = 0x1d; // Ctrl-]

// Puts the terminal in raw mode for the session and restores it on every exit path.
class RawTerminal {
public:
    RawTerminal() {
        if (!::isatty(STDIN_FILENO) || ::tcgetattr(STDIN_FILENO, &m_saved) != 0) return;
        termios raw = m_saved;
        ::cfmakeraw(&raw);
        m_active = ::tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0;
    }
    ~RawTerminal() {
        if (m_active) ::tcsetattr(STDIN_FILENO, TCSANOW, &m_saved);
    }

private:
    termios m_saved{};
    bool m_active = false;
};

} // namespace

Result<VmRuntime> runningVm(const Library& library, const VmSpec& spec) {
    VmRuntime rt(library, spec);
    if (rt.livePid() == 0)
        return makeError(ErrorCode::InvalidState,
                         QStringLiteral("VM '%1' is not running").arg(spec.name),
                         QStringLiteral("start it with 'vireoctl vm start %1'").arg(spec.name));
    return rt;
}

Result<VmRuntime> runningVm(Cli& cli, const QString& name) {
    auto spec = cli.library().load(name);
    if (!spec) return spec.error();
    return runningVm(cli.library(), *spec);
}

int attachTerminalToSocket(Cli& cli, const TerminalSession& session) {
    QLocalSocket sock;
    sock.connectToServer(session.socketPath);
    if (!sock.waitForConnected(5000))
        return cli.fail(makeError(
            ErrorCode::Busy,
            QStringLiteral("cannot attach to %1: %2").arg(session.what, sock.errorString()),
            session.connectFix));
    // The window size, now and whenever it changes (checked twice a second: no signal
    // handler in a Qt loop), for a peer that has a terminal of its own to size.
    QLocalSocket sizeSock;
    winsize lastSize{};
    QTimer sizeTimer;
    if (!session.sizeSocketPath.isEmpty() && ::isatty(STDIN_FILENO)) {
        sizeSock.connectToServer(session.sizeSocketPath);
        if (sizeSock.waitForConnected(2000)) {
            auto sendSize = [&] {
                winsize ws{};
                if (::ioctl(STDIN_FILENO, TIOCGWINSZ, &ws) != 0 ||
                    (ws.ws_row == lastSize.ws_row && ws.ws_col == lastSize.ws_col))
                    return;
                lastSize = ws;
                sizeSock.write(QStringLiteral("%1 %2\n").arg(ws.ws_row).arg(ws.ws_col).toLatin1());
                sizeSock.flush();
            };
            sendSize();
            QObject::connect(&sizeTimer, &QTimer::timeout, sendSize);
            sizeTimer.start(500);
        }
    }
    const bool tty = ::isatty(STDIN_FILENO);
    if (tty)
        std::fprintf(stderr, "Connected to %s. Press Ctrl-] to detach.\r\n",
                     qPrintable(session.what));
    RawTerminal raw;
    QSocketNotifier input(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&input, &QSocketNotifier::activated, [&] {
        char buf[4096];
        const ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
        if (n <= 0) {
            // Input ended (a script fed us): give the other end a moment to answer, then leave.
            input.setEnabled(false);
            QTimer::singleShot(1500, qApp, &QCoreApplication::quit);
            return;
        }
        for (ssize_t i = 0; i < n; ++i)
            if (buf[i] == kDetachKey) {
                sock.write(buf, i);
                sock.flush();
                QCoreApplication::quit();
                return;
            }
        sock.write(buf, n);
        sock.flush();
    });
    QObject::connect(&sock, &QLocalSocket::readyRead, [&] {
        const QByteArray data = sock.readAll();
        std::fwrite(data.constData(), 1, data.size(), stdout);
        std::fflush(stdout);
    });
    QObject::connect(&sock, &QLocalSocket::disconnected, [&] { QCoreApplication::quit(); });
    QCoreApplication::exec();
    if (tty) std::fprintf(stderr, "\r\nDetached from %s.\r\n", qPrintable(session.detachedWhat));
    return ExitOk;
}

int runConsole(Cli& cli) {
    if (!cli.parse(QStringLiteral(
                       "Attach this terminal to a running VM's serial console. Ctrl-] detaches."),
                   {QStringLiteral("NAME")}))
        return cli.exitCode();
    const QString name = cli.positional().first();
    auto rt = runningVm(cli, name);
    if (!rt) return cli.fail(rt.error());
    TerminalSession session;
    session.socketPath = rt->serialSocket();
    session.what = QStringLiteral("VM '%1' serial console").arg(name);
    session.detachedWhat = QStringLiteral("VM '%1'").arg(name);
    session.connectFix = QStringLiteral("another console session may be attached; detach it first");
    return attachTerminalToSocket(cli, session);
}

// The same on a libvirt host, through the connection's console stream.
int runRemoteConsole(Cli& cli) {
    if (!cli.parse(QStringLiteral("Attach this terminal to the serial console of a VM on the "
                                  "--remote host (a libvirt stream). Ctrl-] detaches."),
                   {QStringLiteral("NAME")}))
        return cli.exitCode();
    const QString name = cli.positional().first();
    auto conn = openRemote(cli, cli.remote());
    if (!conn) return cli.fail(conn.error());
    auto console = LibvirtConsole::open(**conn, name);
    if (!console) return cli.fail(console.error());
    const bool tty = ::isatty(STDIN_FILENO);
    if (tty)
        std::fprintf(stderr, "Connected to VM '%s' on '%s'. Press Ctrl-] to detach.\r\n",
                     qPrintable(name), qPrintable(cli.remote()));
    RawTerminal raw;
    bool inputOpen = true;
    QElapsedTimer sinceInputEnded;
    for (;;) {
        auto out = (*console)->receive(20);
        if (!out) return cli.fail(out.error());
        if (!out->isEmpty()) {
            std::fwrite(out->constData(), 1, out->size(), stdout);
            std::fflush(stdout);
        }
        if ((*console)->ended()) {
            std::fprintf(stderr, "%sThe console of VM '%s' closed (it stopped or moved).%s",
                         tty ? "\r\n" : "", qPrintable(name), tty ? "\r\n" : "\n");
            return ExitOk;
        }
        if (!inputOpen) {
            if (sinceInputEnded.elapsed() > 1500) break;
            continue;
        }
        pollfd p{STDIN_FILENO, POLLIN, 0};
        if (::poll(&p, 1, 0) <= 0) continue;
        char buf[4096];
        const ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
        if (n <= 0) { // input ended (a script fed us): let the guest answer, then leave
            inputOpen = false;
            sinceInputEnded.start();
            continue;
        }
        const QByteArray in(buf, int(n));
        const int detach = in.indexOf(kDetachKey);
        if (auto sent = (*console)->send(detach < 0 ? in : in.left(detach)); !sent)
            return cli.fail(sent.error());
        if (detach >= 0) break;
    }
    if (tty) std::fprintf(stderr, "\r\nDetached from VM '%s'.\r\n", qPrintable(name));
    return ExitOk;
}

int runDisplay(Cli& cli) {
    if (!cli.parse(QStringLiteral("Print where a running VM's VNC display listens (a unix socket, "
                                  "never an open TCP port)."),
                   {QStringLiteral("NAME")}))
        return cli.exitCode();
    const QString name = cli.positional().first();
    auto spec = cli.library().load(name);
    if (!spec) return cli.fail(spec.error());
    if (spec->display != DisplayType::Vnc)
        return cli.fail(makeError(
            ErrorCode::InvalidState, QStringLiteral("VM '%1' has no display").arg(name),
            QStringLiteral("add one with 'vireoctl vm edit %1 --display vnc'").arg(name)));
    auto rt = runningVm(cli, name);
    if (!rt) return cli.fail(rt.error());
    if (cli.json())
        return cli.printJson(
            QJsonObject{{QStringLiteral("type"), QStringLiteral("vnc")},
                        {QStringLiteral("socket"), rt->vncSocket()},
                        {QStringLiteral("uri"), QStringLiteral("vnc+unix://") + rt->vncSocket()}});
    cli.print(QStringLiteral("vnc+unix://%1").arg(rt->vncSocket()));
    return ExitOk;
}

} // namespace vireo::cli
