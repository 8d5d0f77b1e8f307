#include "libvirt/SshChannel.h"

#include "core/CompanionProgram.h"
#include "core/PreparedCommand.h"

#include <QUrl>
#include <QUrlQuery>
#include <cerrno>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace vireo {

QStringList sshForwardCommand(const Remote& remote, const QString& target) {
    const QUrl url(remote.uri);
    const QString wrapper = companionProgram(QStringLiteral("vireo-ssh"), "VIREO_SSH_COMMAND");
    QStringList argv{wrapper.isEmpty() ? QStringLiteral("ssh") : wrapper};
    argv << QStringLiteral("-o") << QStringLiteral("BatchMode=yes");
    if (url.port() > 0) argv << QStringLiteral("-p") << QString::number(url.port());
    if (!url.userName().isEmpty()) argv << QStringLiteral("-l") << url.userName();
    const QUrlQuery query(url);
    if (const QString key = query.queryItemValue(QStringLiteral("keyfile")); !key.isEmpty())
        argv << QStringLiteral("-i") << key;
    if (query.queryItemValue(QStringLiteral("no_verify")) == QLatin1String("1"))
        argv << QStringLiteral("-o") << QStringLiteral("StrictHostKeyChecking=no");
    if (const QString known = query.queryItemValue(QStringLiteral("known_hosts")); !known.isEmpty())
        argv << QStringLiteral("-o") << QStringLiteral("UserKnownHostsFile=") + known;
    argv << QStringLiteral("-W") << target << QStringLiteral("--") << url.host();
    return argv;
}

Result<int> openCommandChannel(const QStringList& arguments) {
    // Prepared before fork: between fork and exec only system calls.
    PreparedCommand command;
    command.prepare(arguments, {});

    int pair[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0)
        return makeError(ErrorCode::Io, QStringLiteral("cannot create a socket pair for %1: %2")
                                            .arg(arguments.first(), qt_error_string(errno)));
    int execFailed[2]; // the grandchild's exec errno, or EOF once exec succeeded
    if (::pipe2(execFailed, O_CLOEXEC) != 0) {
        ::close(pair[0]);
        ::close(pair[1]);
        return makeError(ErrorCode::Io, QStringLiteral("cannot create a pipe for %1: %2")
                                            .arg(arguments.first(), qt_error_string(errno)));
    }
    const pid_t child = ::fork();
    if (child == 0) {
        // The middle process exits at once, so the command is init's to reap, never a
        // zombie of a long-running app.
        if (::fork() == 0) {
            ::setsid();
            ::dup2(pair[1], STDIN_FILENO);
            ::dup2(pair[1], STDOUT_FILENO);
            ::execvp(command.argvPtrs[0], command.argvPtrs.data());
            const int err = errno;
            (void)!::write(execFailed[1], &err, sizeof err);
        }
        ::_exit(0);
    }
    ::close(pair[1]);
    ::close(execFailed[1]);
    if (child > 0) {
        int status = 0;
        while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
        }
    }
    int err = child < 0 ? errno : 0;
    if (child > 0 && ::read(execFailed[0], &err, sizeof err) != sizeof err) err = 0;
    ::close(execFailed[0]);
    if (err != 0) {
        ::close(pair[0]);
        return makeError(
            ErrorCode::Process,
            QStringLiteral("cannot run %1: %2").arg(arguments.first(), qt_error_string(err)),
            QStringLiteral("install openssh-client"));
    }
    return pair[0];
}

} // namespace vireo
