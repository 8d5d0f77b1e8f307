// vireoctl sandbox ...: container sandboxes on Linux namespaces (backend/sandbox/).
#include "Cli.h"

#include "core/Size.h"
#include "sandbox/SandboxRunner.h"
#include "sandbox/SandboxStore.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <cstdio>
#include <unistd.h>

namespace vireo::cli {

namespace {

// 128 + SIGKILL, what a shell reports for a process the OOM killer ended.
constexpr int kExitOomKilled = 137;

Result<SandboxSpec> specFromOptions(Cli& cli) {
    SandboxSpec spec;
    spec.name = cli.isSet(QStringLiteral("name")) ? cli.value(QStringLiteral("name"))
                                                  : QStringLiteral("run-%1").arg(::getpid());
    if (!cli.isSet(QStringLiteral("rootfs")))
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("--rootfs is required"),
                         QStringLiteral("pass --rootfs DIR, a folder holding the sandbox's /"));
    spec.rootfs = QFileInfo(cli.value(QStringLiteral("rootfs"))).absoluteFilePath();
    spec.command = cli.positional();
    spec.hostname = cli.value(QStringLiteral("hostname"));
    if (cli.isSet(QStringLiteral("workdir"))) spec.cwd = cli.value(QStringLiteral("workdir"));
    const QStringList env = cli.parser().values(QStringLiteral("env"));
    if (!env.isEmpty()) spec.env = defaultSandboxEnv() + env;
    if (cli.isSet(QStringLiteral("memory"))) {
        auto bytes = parseSize(cli.value(QStringLiteral("memory")), QStringLiteral("memory limit"));
        if (!bytes) return bytes.error();
        spec.limits.memoryBytes = *bytes;
    }
    if (cli.isSet(QStringLiteral("pids"))) {
        bool ok = false;
        const int pids = cli.value(QStringLiteral("pids")).toInt(&ok);
        if (!ok || pids < 1)
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("pids limit '%1' is not a positive number")
                                 .arg(cli.value(QStringLiteral("pids"))),
                             QStringLiteral("use e.g. --pids 64"));
        spec.limits.pids = static_cast<std::uint32_t>(pids);
    }
    if (cli.isSet(QStringLiteral("cpus"))) {
        bool ok = false;
        const double cpus = cli.value(QStringLiteral("cpus")).toDouble(&ok);
        if (!ok || cpus <= 0)
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("cpu limit '%1' is not a positive number")
                                 .arg(cli.value(QStringLiteral("cpus"))),
                             QStringLiteral("use e.g. --cpus 1.5"));
        spec.limits.cpus = cpus;
    }
    if (cli.isSet(QStringLiteral("network")) &&
        cli.value(QStringLiteral("network")) != QLatin1String("none"))
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral("network '%1' is not supported for sandboxes yet")
                             .arg(cli.value(QStringLiteral("network"))),
                         QStringLiteral("use --network none (loopback only)"));
    for (const auto& v : cli.parser().values(QStringLiteral("v"))) {
        auto bind = parseBindMount(v);
        if (!bind) return bind.error();
        bind->host = QFileInfo(bind->host).absoluteFilePath();
        spec.binds.append(*bind);
    }
    VIREO_TRY(validateSandboxSpec(spec));
    return spec;
}

int sandboxRun(Cli& cli) {
    if (!cli.parse(
            QStringLiteral("Run CMD in a new sandbox and wait for it; exits with CMD's exit code "
                           "(137 when the memory limit's OOM killer ended it)."),
            {QStringLiteral("CMD"), QStringLiteral("[ARGS...]")},
            {{QStringLiteral("rootfs"), QStringLiteral("Folder holding the sandbox's /."),
              QStringLiteral("DIR")},
             {QStringLiteral("name"),
              QStringLiteral("Keep the definition in the library under NAME."),
              QStringLiteral("NAME")},
             {QStringLiteral("memory"), QStringLiteral("Memory limit, e.g. 256M."),
              QStringLiteral("SIZE")},
             {QStringLiteral("pids"), QStringLiteral("Most processes at once."),
              QStringLiteral("N")},
             {QStringLiteral("cpus"), QStringLiteral("CPU time limit in CPUs, e.g. 0.5."),
              QStringLiteral("N")},
             {QStringLiteral("network"), QStringLiteral("none (loopback only; the default)."),
              QStringLiteral("MODE")},
             {QStringLiteral("v"), QStringLiteral("Bind a host path: HOST:GUEST[:ro]."),
              QStringLiteral("HOST:GUEST[:ro]")},
             {QStringLiteral("hostname"), QStringLiteral("Hostname inside."), QStringLiteral("H")},
             {QStringLiteral("env"), QStringLiteral("Extra environment variable."),
              QStringLiteral("KEY=VALUE")},
             {QStringLiteral("workdir"), QStringLiteral("Working directory inside."),
              QStringLiteral("DIR")}},
            1))
        return cli.exitCode();
    auto spec = specFromOptions(cli);
    if (!spec)
        return spec.error().code == ErrorCode::InvalidArgument &&
                       spec.error().message.startsWith(QLatin1String("--"))
                   ? cli.usage(spec.error().line())
                   : cli.fail(spec.error());
    if (cli.isSet(QStringLiteral("name"))) {
        const SandboxStore store(cli.library().root());
        if (store.exists(spec->name))
            return cli.fail(makeError(
                ErrorCode::AlreadyExists,
                QStringLiteral("sandbox '%1' already exists").arg(spec->name),
                QStringLiteral("pick another --name or 'vireoctl sandbox rm %1'").arg(spec->name)));
        if (auto s = store.save(*spec); !s) return cli.fail(s.error());
    }
    std::fflush(stdout);
    auto exit = runSandbox(*spec);
    if (!exit) return cli.fail(exit.error());
    if (exit->oomKilled) {
        std::fprintf(stderr,
                     "vireoctl: sandbox '%s' ran out of memory: the OOM killer ended a process "
                     "at its %s limit; raise --memory\n",
                     qPrintable(spec->name), qPrintable(formatSize(spec->limits.memoryBytes)));
        return kExitOomKilled;
    }
    return exit->exitCode;
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
        arr.append(QJsonObject{
            {QStringLiteral("name"), spec->name},
            {QStringLiteral("kind"), QStringLiteral("sandbox")},
            {QStringLiteral("rootfs"), spec->rootfs},
            {QStringLiteral("command"), QJsonArray::fromStringList(spec->command)},
            {QStringLiteral("memoryBytes"), static_cast<double>(spec->limits.memoryBytes)},
            {QStringLiteral("pids"), static_cast<double>(spec->limits.pids)},
            {QStringLiteral("cpus"), spec->limits.cpus},
            {QStringLiteral("network"), QStringLiteral("none")}});
    }
    if (cli.json()) return cli.printJson(arr);
    std::printf("%-24s %-10s %s\n", "NAME", "MEMORY", "COMMAND");
    for (const auto& v : arr) {
        const auto o = v.toObject();
        const auto mem =
            static_cast<std::uint64_t>(o.value(QStringLiteral("memoryBytes")).toDouble());
        QStringList cmd;
        for (const auto& c : o.value(QStringLiteral("command")).toArray())
            cmd.append(c.toString());
        std::printf("%-24s %-10s %s\n", qPrintable(o.value(QStringLiteral("name")).toString()),
                    mem ? qPrintable(formatSize(mem)) : "-",
                    qPrintable(cmd.join(QLatin1Char(' '))));
    }
    return ExitOk;
}

int sandboxRm(Cli& cli) {
    if (!cli.parse(QStringLiteral("Delete a kept sandbox definition."), {QStringLiteral("NAME")}))
        return cli.exitCode();
    const SandboxStore store(cli.library().root());
    const QString name = cli.positional().first();
    if (auto s = validateSandboxName(name); !s) return cli.fail(s.error());
    if (!store.exists(name))
        return cli.fail(makeError(ErrorCode::NotFound,
                                  QStringLiteral("sandbox '%1' does not exist").arg(name),
                                  QStringLiteral("see 'vireoctl sandbox list'")));
    if (auto s = store.remove(name); !s) return cli.fail(s.error());
    cli.print(QStringLiteral("Deleted sandbox '%1'").arg(name));
    return ExitOk;
}

} // namespace

const QList<Verb>& sandboxVerbs() {
    static const QList<Verb> verbs{
        {QStringLiteral("run"), QStringLiteral("run a command in a new sandbox and wait"),
         sandboxRun},
        {QStringLiteral("list"), QStringLiteral("list kept sandboxes"), sandboxList},
        {QStringLiteral("rm"), QStringLiteral("delete a kept sandbox"), sandboxRm},
    };
    return verbs;
}

} // namespace vireo::cli
