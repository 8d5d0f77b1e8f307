// vireoctl sandbox ...: container sandboxes on Linux namespaces (backend/sandbox/).
#include "Cli.h"
#include "SandboxSpecOptions.h"

#include "core/CompanionProgram.h"
#include "core/Size.h"
#include "core/SizeText.h"
#include "sandbox/SandboxExec.h"
#include "sandbox/SandboxImages.h"
#include "sandbox/SandboxLifecycle.h"
#include "sandbox/SandboxStore.h"
#include "sandbox/SandboxVolumes.h"
#include "sandbox/runtime/SandboxDefaults.h"
#include "store/FileLock.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QThread>
#include <csignal>
#include <cstdio>
#include <optional>
#include <unistd.h>
#include <utility>

namespace vireo::cli {

namespace {

// 128 + SIGKILL, what a shell reports for a process the OOM killer ended.
constexpr int kExitOomKilled = 137;

Error alreadyExists(const QString& name) {
    return makeError(ErrorCode::AlreadyExists,
                     QStringLiteral("sandbox '%1' already exists").arg(name),
                     QStringLiteral("pick another --name or 'vireoctl sandbox rm %1'").arg(name));
}

QString oomMessage(const SandboxSpec& spec) {
    return QString::fromStdString(
        sandboxOomMessage(spec.name.toStdString(), formatSizeText(spec.limits.memoryBytes)));
}

// The exit code of a finished run, after the one line that explains an OOM kill.
int exitCodeOf(const SandboxSpec& spec, const SandboxExit& exit) {
    if (exit.oomKilled) {
        std::fprintf(stderr, "%s\n", qPrintable(oomMessage(spec)));
        return kExitOomKilled;
    }
    return exit.exitCode;
}

int sandboxRun(Cli& cli) {
    if (!cli.parse(
            QStringLiteral("Run CMD in a new sandbox and wait for it; exits with CMD's exit code "
                           "(137 when the memory limit's OOM killer ended it)."),
            {QStringLiteral("[CMD]"), QStringLiteral("[ARGS...]")},
            specOptions() +
                QList<QCommandLineOption>{
                    // "-it" as Docker users type it (vireoctl reads -xy as one option).
                    QCommandLineOption(QStringList{QStringLiteral("t"), QStringLiteral("tty"),
                                                   QStringLiteral("it")},
                                       QStringLiteral("Give CMD a terminal (relayed to this one, "
                                                      "window size included).")),
                    QCommandLineOption(
                        QStringList{QStringLiteral("i"), QStringLiteral("interactive")},
                        QStringLiteral("Pass stdin through (always done; for Docker's -it)."))},
            0))
        return cli.exitCode();
    auto spec = specFromOptions(cli);
    if (!spec) return specFailure(cli, spec.error());
    std::fflush(stdout);
    if (!cli.isSet(QStringLiteral("name"))) {
        SandboxRunHooks hooks;
        hooks.libraryRoot = cli.library().root();
        hooks.terminal = cli.isSet(QStringLiteral("t"));
        // Waiting is left to the small monitor where nothing of ours outlives the run (an
        // image's writable layer does: this process removes it).
        if (spec->image.isEmpty()) {
            hooks.monitorProgram =
                companionProgram(QStringLiteral("vireo-sandbox-monitor"), "VIREO_SANDBOX_MONITOR");
            hooks.oomMessage = oomMessage(*spec);
        }
        // An ephemeral sandbox's writable layer goes with it.
        std::optional<QTemporaryDir> layer;
        if (!spec->image.isEmpty()) {
            QDir().mkpath(SandboxStore(cli.library().root()).root());
            layer.emplace(SandboxStore(cli.library().root()).root() +
                          QStringLiteral("/.layer-XXXXXX"));
            if (!layer->isValid())
                return cli.fail(makeError(ErrorCode::Io,
                                          QStringLiteral("cannot create a writable layer in %1")
                                              .arg(SandboxStore(cli.library().root()).root()),
                                          QStringLiteral("check that the library is writable")));
            hooks.layerDir = layer->path();
        }
        auto exit = runSandbox(*spec, hooks);
        if (!exit) return cli.fail(exit.error());
        return exitCodeOf(*spec, *exit);
    }
    const SandboxStore store(cli.library().root());
    if (store.exists(spec->name)) return cli.fail(alreadyExists(spec->name));
    if (auto s = store.save(*spec); !s) return cli.fail(s.error());
    auto exit = runKeptSandbox(store, *spec, cli.isSet(QStringLiteral("t")));
    if (!exit) return cli.fail(exit.error());
    return exitCodeOf(*spec, *exit);
}

int sandboxCreate(Cli& cli) {
    if (!cli.parse(QStringLiteral("Define a sandbox in the library without starting it; "
                                  "'sandbox start NAME' runs it in the background."),
                   {QStringLiteral("[CMD]"), QStringLiteral("[ARGS...]")},
                   specOptions() +
                       QList<QCommandLineOption>{
                           {QStringLiteral("tty"),
                            QStringLiteral("Give CMD a terminal that stays while it runs in the "
                                           "background: 'sandbox attach NAME' joins it.")}},
                   0))
        return cli.exitCode();
    if (!cli.isSet(QStringLiteral("name")))
        return cli.usage(QStringLiteral("--name is required: a kept sandbox needs a name"));
    auto spec = specFromOptions(cli);
    if (!spec) return specFailure(cli, spec.error());
    spec->tty = cli.isSet(QStringLiteral("tty"));
    const SandboxStore store(cli.library().root());
    if (store.exists(spec->name)) return cli.fail(alreadyExists(spec->name));
    if (auto s = store.save(*spec); !s) return cli.fail(s.error());
    if (cli.json())
        return cli.printJson(QJsonObject{{QStringLiteral("name"), spec->name},
                                         {QStringLiteral("state"), QStringLiteral("created")}});
    cli.print(QStringLiteral("Created sandbox '%1'").arg(spec->name));
    return ExitOk;
}

QJsonObject stateJson(const QString& name, const SandboxState& st) {
    QJsonObject o{{QStringLiteral("name"), name},
                  {QStringLiteral("state"), sandboxRunStateName(st.state)}};
    if (st.state == SandboxRunState::Running) {
        o.insert(QStringLiteral("pid"), st.initPid);
        if (!st.address.isEmpty()) o.insert(QStringLiteral("address"), st.address);
    }
    if (st.startedAt.isValid())
        o.insert(QStringLiteral("startedAt"), st.startedAt.toString(Qt::ISODateWithMs));
    if (st.state == SandboxRunState::Exited) {
        o.insert(QStringLiteral("exitCode"),
                 st.exitCode >= 0 ? QJsonValue(st.exitCode) : QJsonValue());
        o.insert(QStringLiteral("oomKilled"), st.oomKilled);
        if (st.finishedAt.isValid())
            o.insert(QStringLiteral("finishedAt"), st.finishedAt.toString(Qt::ISODateWithMs));
    }
    if (!st.error.isEmpty()) o.insert(QStringLiteral("error"), st.error);
    return o;
}

int sandboxStart(Cli& cli) {
    if (!cli.parse(QStringLiteral("Start a kept sandbox in the background (its output goes to "
                                  "'sandbox logs'), or with --attach in the foreground."),
                   {QStringLiteral("NAME")},
                   {{QStringLiteral("attach"),
                     QStringLiteral("Run in the foreground with this terminal's stdin/stdout; "
                                    "exit with CMD's exit code.")}}))
        return cli.exitCode();
    const SandboxStore store(cli.library().root());
    const QString name = cli.positional().first();
    auto spec = store.load(name);
    if (!spec) return cli.fail(spec.error());
    if (cli.isSet(QStringLiteral("attach"))) {
        std::fflush(stdout);
        auto exit = runKeptSandbox(store, *spec);
        if (!exit) return cli.fail(exit.error());
        return exitCodeOf(*spec, *exit);
    }
    // The sandbox's runtime is this program again, detached, in the foreground mode above.
    const QStringList runtime{vireoctlProgram(),
                              QStringLiteral("--library"),
                              cli.library().root(),
                              QStringLiteral("sandbox"),
                              QStringLiteral("start"),
                              QStringLiteral("--attach"),
                              name};
    auto state = startSandboxDetached(store, name, runtime);
    if (!state) return cli.fail(state.error());
    if (cli.json()) return cli.printJson(stateJson(name, *state));
    if (state->state == SandboxRunState::Running)
        cli.print(QStringLiteral("Started sandbox '%1' (pid %2)").arg(name).arg(state->initPid));
    else
        cli.print(QStringLiteral("Sandbox '%1' started and already exited with code %2")
                      .arg(name)
                      .arg(state->exitCode));
    return ExitOk;
}

int sandboxStop(Cli& cli) {
    if (!cli.parse(QStringLiteral("Stop a running sandbox: SIGTERM to its command, then SIGKILL "
                                  "after the grace period."),
                   {QStringLiteral("NAME")},
                   {{QStringLiteral("time"),
                     QStringLiteral("Seconds to wait before SIGKILL (default 10)."),
                     QStringLiteral("S")}}))
        return cli.exitCode();
    const SandboxStore store(cli.library().root());
    const QString name = cli.positional().first();
    int grace = 10;
    if (cli.isSet(QStringLiteral("time"))) {
        bool ok = false;
        grace = cli.value(QStringLiteral("time")).toInt(&ok);
        if (!ok || grace < 0)
            return cli.usage(QStringLiteral("--time '%1' is not a number of seconds; use e.g. "
                                            "--time 5")
                                 .arg(cli.value(QStringLiteral("time"))));
    }
    const auto before = sandboxState(store, name);
    if (!before) return cli.fail(before.error());
    auto state = stopSandbox(store, name, grace * 1000);
    if (!state) return cli.fail(state.error());
    if (cli.json()) return cli.printJson(stateJson(name, *state));
    if (before->state != SandboxRunState::Running)
        cli.print(QStringLiteral("Sandbox '%1' is not running").arg(name));
    else
        cli.print(
            QStringLiteral("Stopped sandbox '%1' (exit code %2)").arg(name).arg(state->exitCode));
    return ExitOk;
}

Result<int> parseSignal(const QString& text) {
    static const QList<QPair<const char*, int>> names{
        {"KILL", SIGKILL}, {"TERM", SIGTERM},   {"INT", SIGINT},   {"HUP", SIGHUP},
        {"QUIT", SIGQUIT}, {"USR1", SIGUSR1},   {"USR2", SIGUSR2}, {"CONT", SIGCONT},
        {"STOP", SIGSTOP}, {"WINCH", SIGWINCH}, {"ALRM", SIGALRM}};
    QString upper = text.toUpper();
    if (upper.startsWith(QLatin1String("SIG"))) upper = upper.mid(3);
    for (const auto& [n, sig] : names)
        if (upper == QLatin1String(n)) return sig;
    bool ok = false;
    const int number = text.toInt(&ok);
    if (ok && number > 0 && number < NSIG) return number;
    return makeError(ErrorCode::InvalidArgument,
                     QStringLiteral("--signal '%1' is not a signal").arg(text),
                     QStringLiteral("use a name such as TERM, KILL, HUP, USR1, or a number"));
}

int sandboxKill(Cli& cli) {
    if (!cli.parse(
            QStringLiteral("Send a signal to a running sandbox (KILL ends it at once)."),
            {QStringLiteral("NAME")},
            {{QStringLiteral("signal"), QStringLiteral("Signal name or number (default KILL)."),
              QStringLiteral("SIG")}}))
        return cli.exitCode();
    const SandboxStore store(cli.library().root());
    const QString name = cli.positional().first();
    auto sig = parseSignal(cli.isSet(QStringLiteral("signal")) ? cli.value(QStringLiteral("signal"))
                                                               : QStringLiteral("KILL"));
    if (!sig) return cli.usage(sig.error().line());
    if (*sig == SIGKILL) {
        if (auto st = killSandbox(store, name); !st) return cli.fail(st.error());
    } else if (auto s = signalSandbox(store, name, *sig); !s) {
        return cli.fail(s.error());
    }
    cli.print(QStringLiteral("Sent signal %1 to sandbox '%2'").arg(*sig).arg(name));
    return ExitOk;
}

int sandboxLogs(Cli& cli) {
    if (!cli.parse(QStringLiteral("Print what a detached sandbox wrote (stdout and stderr of its "
                                  "last start)."),
                   {QStringLiteral("NAME")},
                   {{QStringLiteral("follow"),
                     QStringLiteral("Keep printing new output until the sandbox ends.")}}))
        return cli.exitCode();
    const SandboxStore store(cli.library().root());
    const QString name = cli.positional().first();
    if (auto st = sandboxState(store, name); !st) return cli.fail(st.error());
    QFile log(store.logPath(name));
    if (!log.open(QIODevice::ReadOnly)) return ExitOk; // never started in the background
    const bool follow = cli.isSet(QStringLiteral("follow"));
    for (;;) {
        const bool running = FileLock::isHeld(store.lockPath(name));
        const QByteArray chunk = log.readAll();
        if (!chunk.isEmpty()) {
            std::fwrite(chunk.constData(), 1, static_cast<size_t>(chunk.size()), stdout);
            std::fflush(stdout);
        }
        if (!follow || !running) break; // read once more after the end: nothing is lost
        QThread::msleep(100);
    }
    return ExitOk;
}

int sandboxExec(Cli& cli) {
    if (!cli.parse(QStringLiteral("Run CMD inside a running sandbox (its namespaces, cgroups and "
                                  "confinement); exits with CMD's exit code."),
                   {QStringLiteral("NAME"), QStringLiteral("CMD"), QStringLiteral("[ARGS...]")},
                   {{QStringLiteral("env"), QStringLiteral("Extra environment variable."),
                     QStringLiteral("KEY=VALUE")},
                    {QStringLiteral("workdir"), QStringLiteral("Working directory inside."),
                     QStringLiteral("DIR")},
                    QCommandLineOption(QStringList{QStringLiteral("t"), QStringLiteral("tty"),
                                                   QStringLiteral("it")},
                                       QStringLiteral("Give CMD a terminal relayed to this one.")),
                    QCommandLineOption(
                        QStringList{QStringLiteral("i"), QStringLiteral("interactive")},
                        QStringLiteral("Pass stdin through (always done; for Docker's -it)."))},
                   2))
        return cli.exitCode();
    const SandboxStore store(cli.library().root());
    const QString name = cli.positional().first();
    auto spec = store.load(name);
    if (!spec) return cli.fail(spec.error());
    QStringList env;
    const QStringList extra = cli.parser().values(QStringLiteral("env"));
    if (!extra.isEmpty()) env = sandboxEnvironment(*spec) + extra;
    auto code = execInSandbox(store, name, cli.positional().mid(1), env,
                              cli.value(QStringLiteral("workdir")), cli.isSet(QStringLiteral("t")));
    if (!code) return cli.fail(code.error());
    return *code;
}

int sandboxStats(Cli& cli) {
    if (!cli.parse(QStringLiteral("Show a running sandbox's memory, process and CPU use."),
                   {QStringLiteral("NAME")}))
        return cli.exitCode();
    const SandboxStore store(cli.library().root());
    const QString name = cli.positional().first();
    auto st = sandboxState(store, name);
    if (!st) return cli.fail(st.error());
    if (st->state != SandboxRunState::Running)
        return cli.fail(makeError(
            ErrorCode::InvalidState, QStringLiteral("sandbox '%1' is not running").arg(name),
            QStringLiteral("start it with 'vireoctl sandbox start %1'").arg(name)));
    const SandboxUsage u = readSandboxUsage(*st);
    QJsonObject o = stateJson(name, *st);
    o.insert(QStringLiteral("memoryBytes"), static_cast<double>(u.memoryBytes));
    o.insert(QStringLiteral("memoryLimit"), static_cast<double>(u.memoryLimit));
    o.insert(QStringLiteral("pids"), static_cast<double>(u.pids));
    o.insert(QStringLiteral("pidsLimit"), static_cast<double>(u.pidsLimit));
    o.insert(QStringLiteral("cpuSeconds"), static_cast<double>(u.cpuNanoseconds) / 1e9);
    o.insert(QStringLiteral("accounted"), u.accounted);
    if (cli.json()) return cli.printJson(o);
    if (!u.accounted) {
        std::printf("%s: no figures: started without root, it has no control groups to count "
                    "in\n",
                    qPrintable(name));
        return ExitOk;
    }
    std::printf("%-24s %-20s %-12s %s\n", "NAME", "MEMORY", "PIDS", "CPU");
    const QString mem =
        formatSize(u.memoryBytes) +
        (u.memoryLimit ? QStringLiteral(" / ") + formatSize(u.memoryLimit) : QString());
    const QString pids = QString::number(u.pids) +
                         (u.pidsLimit ? QStringLiteral(" / %1").arg(u.pidsLimit) : QString());
    std::printf("%-24s %-20s %-12s %.2f s\n", qPrintable(name), qPrintable(mem), qPrintable(pids),
                static_cast<double>(u.cpuNanoseconds) / 1e9);
    return ExitOk;
}

int sandboxList(Cli& cli) {
    if (!cli.parse(QStringLiteral("List the sandboxes kept in the library."), {}))
        return cli.exitCode();
    const SandboxStore store(cli.library().root());
    QJsonArray arr;
    for (const auto& name : store.names()) {
        auto spec = store.load(name);
        if (!spec) {
            cli.warn(spec.error().line());
            continue;
        }
        auto state = sandboxState(store, name);
        if (!state) {
            cli.warn(state.error().line());
            state = SandboxState{};
        }
        QJsonObject o = stateJson(name, *state);
        o.insert(QStringLiteral("kind"), QStringLiteral("sandbox"));
        o.insert(QStringLiteral("rootfs"), spec->rootfs);
        o.insert(QStringLiteral("image"), spec->image);
        o.insert(QStringLiteral("restart"), restartPolicyText(spec->restart));
        o.insert(QStringLiteral("restarts"), state->restarts);
        o.insert(QStringLiteral("command"), QJsonArray::fromStringList(spec->command));
        o.insert(QStringLiteral("memoryBytes"), static_cast<double>(spec->limits.memoryBytes));
        o.insert(QStringLiteral("pids"), static_cast<double>(spec->limits.pids));
        o.insert(QStringLiteral("cpus"), spec->limits.cpus);
        o.insert(QStringLiteral("swapBytes"), static_cast<double>(spec->limits.swapBytes));
        o.insert(QStringLiteral("cpuWeight"), static_cast<double>(spec->limits.cpuWeight));
        o.insert(QStringLiteral("ioWeight"), static_cast<double>(spec->limits.ioWeight));
        o.insert(QStringLiteral("network"), sandboxNetworkText(*spec));
        QJsonArray ports;
        for (const auto& p : spec->ports)
            ports.append(portMappingText(p));
        o.insert(QStringLiteral("ports"), ports);
        arr.append(o);
    }
    if (cli.json()) return cli.printJson(arr);
    std::printf("%-24s %-14s %-10s %s\n", "NAME", "STATE", "MEMORY", "COMMAND");
    for (const auto& v : arr) {
        const auto o = v.toObject();
        const auto mem =
            static_cast<std::uint64_t>(o.value(QStringLiteral("memoryBytes")).toDouble());
        QStringList cmd;
        for (const auto& c : o.value(QStringLiteral("command")).toArray())
            cmd.append(c.toString());
        QString state = o.value(QStringLiteral("state")).toString();
        if (o.value(QStringLiteral("exitCode")).isDouble())
            state += QStringLiteral(" (%1)").arg(o.value(QStringLiteral("exitCode")).toInt());
        std::printf("%-24s %-14s %-10s %s\n",
                    qPrintable(o.value(QStringLiteral("name")).toString()), qPrintable(state),
                    mem ? qPrintable(formatSize(mem)) : "-",
                    qPrintable(cmd.join(QLatin1Char(' '))));
    }
    return ExitOk;
}

int sandboxRm(Cli& cli) {
    if (!cli.parse(QStringLiteral("Delete a kept sandbox definition and its log."),
                   {QStringLiteral("NAME")},
                   {{QStringLiteral("force"), QStringLiteral("Kill it first when it runs.")}}))
        return cli.exitCode();
    const SandboxStore store(cli.library().root());
    const QString name = cli.positional().first();
    if (auto s = removeSandbox(store, name, cli.isSet(QStringLiteral("force"))); !s)
        return cli.fail(s.error());
    cli.print(QStringLiteral("Deleted sandbox '%1'").arg(name));
    return ExitOk;
}

} // namespace

const QList<Verb>& sandboxVerbs() {
    static const QList<Verb> verbs =
        QList<Verb>{
            {QStringLiteral("run"), QStringLiteral("run a command in a new sandbox and wait"),
             sandboxRun},
            {QStringLiteral("create"), QStringLiteral("define a kept sandbox without starting it"),
             sandboxCreate},
            {QStringLiteral("start"), QStringLiteral("start a kept sandbox in the background"),
             sandboxStart},
            {QStringLiteral("stop"), QStringLiteral("stop a sandbox: SIGTERM, then SIGKILL"),
             sandboxStop},
            {QStringLiteral("kill"), QStringLiteral("send a signal to a sandbox"), sandboxKill},
            {QStringLiteral("exec"), QStringLiteral("run a command inside a running sandbox"),
             sandboxExec},
            {QStringLiteral("attach"),
             QStringLiteral("join the terminal of a sandbox made with --tty"), runSandboxAttach},
            {QStringLiteral("logs"), QStringLiteral("print a detached sandbox's output"),
             sandboxLogs},
            {QStringLiteral("stats"),
             QStringLiteral("show a sandbox's memory, process and CPU use"), sandboxStats},
            {QStringLiteral("list"), QStringLiteral("list kept sandboxes and their state"),
             sandboxList},
            {QStringLiteral("rm"), QStringLiteral("delete a kept sandbox"), sandboxRm},
        } +
        sandboxImageVerbs();
    return verbs;
}

} // namespace vireo::cli
