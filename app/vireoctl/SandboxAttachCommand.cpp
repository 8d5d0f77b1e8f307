// vireoctl sandbox attach: join the terminal of a kept sandbox running in the background.
#include "Cli.h"

#include "sandbox/SandboxLifecycle.h"
#include "sandbox/SandboxStore.h"

namespace vireo::cli {

int runSandboxAttach(Cli& cli) {
    if (!cli.parse(QStringLiteral("Join the terminal of a kept sandbox made with --tty. Ctrl-] "
                                  "detaches; the sandbox keeps running."),
                   {QStringLiteral("NAME")}))
        return cli.exitCode();
    const QString name = cli.positional().first();
    const SandboxStore store(cli.library().root());
    auto spec = store.load(name);
    if (!spec) return cli.fail(spec.error());
    if (!spec->tty)
        return cli.fail(makeError(
            ErrorCode::InvalidState, QStringLiteral("sandbox '%1' has no terminal").arg(name),
            QStringLiteral("its output is in 'vireoctl sandbox logs %1'; make a sandbox with "
                           "'sandbox create --tty' to attach to it")
                .arg(name)));
    auto state = sandboxState(store, name);
    if (!state) return cli.fail(state.error());
    if (state->state != SandboxRunState::Running)
        return cli.fail(makeError(
            ErrorCode::InvalidState, QStringLiteral("sandbox '%1' is not running").arg(name),
            QStringLiteral("start it with 'vireoctl sandbox start %1'").arg(name)));
    TerminalSession session;
    session.socketPath = store.consoleSocketPath(name);
    session.sizeSocketPath = store.consoleSizeSocketPath(name);
    session.what = QStringLiteral("sandbox '%1'").arg(name);
    session.detachedWhat = session.what;
    session.connectFix = QStringLiteral("see 'vireoctl sandbox logs %1'").arg(name);
    return attachTerminalToSocket(cli, session);
}

} // namespace vireo::cli
