// vireoctl's sandbox definition options: from the command line to a SandboxSpec.
#include "SandboxSpecOptions.h"

#include "core/Size.h"
#include "sandbox/SandboxImages.h"
#include "sandbox/SandboxVolumes.h"

#include <QFileInfo>
#include <utility>

namespace vireo::cli {

Result<SandboxSpec> specFromOptions(Cli& cli) {
    SandboxSpec spec;
    spec.name = cli.isSet(QStringLiteral("name")) ? cli.value(QStringLiteral("name"))
                                                  : QStringLiteral("run-%1").arg(::getpid());
    if (cli.isSet(QStringLiteral("image")) == cli.isSet(QStringLiteral("rootfs")))
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("--rootfs or --image is required (one of them)"),
                         QStringLiteral("pass --rootfs DIR, a folder holding the sandbox's /, or "
                                        "--image NAME from 'vireoctl sandbox images'"));
    spec.command = cli.positional();
    spec.user = cli.value(QStringLiteral("user"));
    if (cli.isSet(QStringLiteral("restart"))) {
        auto policy = parseRestartPolicy(cli.value(QStringLiteral("restart")));
        if (!policy) return policy.error();
        spec.restart = *policy;
    }
    if (cli.isSet(QStringLiteral("rootfs"))) {
        spec.rootfs = QFileInfo(cli.value(QStringLiteral("rootfs"))).absoluteFilePath();
    } else {
        auto image = SandboxImages(cli.library().root()).load(cli.value(QStringLiteral("image")));
        if (!image) return image.error();
        applyImage(*image, cli.positional(), &spec);
    }
    spec.hostname = cli.value(QStringLiteral("hostname"));
    if (cli.isSet(QStringLiteral("workdir"))) spec.cwd = cli.value(QStringLiteral("workdir"));
    const QStringList env = cli.parser().values(QStringLiteral("env"));
    if (!env.isEmpty()) spec.env = sandboxEnvironment(spec) + env;
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
    if (cli.isSet(QStringLiteral("swap"))) {
        auto bytes = parseSize(cli.value(QStringLiteral("swap")), QStringLiteral("swap limit"));
        if (!bytes) return bytes.error();
        spec.limits.swapBytes = *bytes;
    }
    for (const auto& [option, field] :
         {std::pair{QStringLiteral("cpu-weight"), &spec.limits.cpuWeight},
          std::pair{QStringLiteral("io-weight"), &spec.limits.ioWeight}}) {
        const QString what = option == QLatin1String("cpu-weight") ? QStringLiteral("CPU weight")
                                                                   : QStringLiteral("I/O weight");
        if (!cli.isSet(option)) continue;
        bool ok = false;
        const int weight = cli.value(option).toInt(&ok);
        if (!ok || weight < 1 || weight > 10000)
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("%1 '%2' is not 1-10000").arg(what, cli.value(option)),
                             QStringLiteral("use 1-10000 (100 is everyone's default share)"));
        *field = static_cast<std::uint32_t>(weight);
    }
    setSandboxNetwork(cli.value(QStringLiteral("network")), &spec);
    if (cli.isSet(QStringLiteral("ip"))) {
        if (spec.network != SandboxNetwork::Named)
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("--ip needs a Vireo network"),
                             QStringLiteral("add --network NAME (on NAT, pasta gives the "
                                            "address)"));
        spec.address = cli.value(QStringLiteral("ip"));
    }
    for (const auto& p : cli.parser().values(QStringLiteral("publish"))) {
        auto port = parsePortMapping(p);
        if (!port) return port.error();
        spec.ports.append(*port);
    }
    for (const auto& t : cli.parser().values(QStringLiteral("tmpfs"))) {
        auto mount = parseTmpfsMount(t);
        if (!mount) return mount.error();
        spec.tmpfs.append(*mount);
    }
    spec.readOnlyRoot = cli.isSet(QStringLiteral("read-only"));
    for (const auto& v : cli.parser().values(QStringLiteral("v"))) {
        auto bind = SandboxVolumes(cli.library().root()).bindMount(v);
        if (!bind) return bind.error();
        spec.binds.append(*bind);
    }
    VIREO_TRY(validateSandboxSpec(spec));
    // Named volumes are made once the definition is known to be good.
    VIREO_TRY(SandboxVolumes(cli.library().root()).ensureAll(spec));
    return spec;
}

// The options that define a sandbox, shared by `run` and `create`.
QList<QCommandLineOption> specOptions() {
    return {
        {QStringLiteral("rootfs"), QStringLiteral("Folder holding the sandbox's /."),
         QStringLiteral("DIR")},
        {QStringLiteral("image"),
         QStringLiteral("An imported image (its rootfs under an overlay of this sandbox's own; "
                        "its command, environment and working directory as defaults)."),
         QStringLiteral("NAME")},
        {QStringLiteral("name"), QStringLiteral("Keep the definition in the library under NAME."),
         QStringLiteral("NAME")},
        {QStringLiteral("memory"), QStringLiteral("Memory limit, e.g. 256M."),
         QStringLiteral("SIZE")},
        {QStringLiteral("pids"), QStringLiteral("Most processes at once."), QStringLiteral("N")},
        {QStringLiteral("cpus"), QStringLiteral("CPU time limit in CPUs, e.g. 0.5."),
         QStringLiteral("N")},
        {QStringLiteral("swap"),
         QStringLiteral("Swap allowed beyond --memory, e.g. 128M (default: none)."),
         QStringLiteral("SIZE")},
        {QStringLiteral("cpu-weight"),
         QStringLiteral("Share of contended CPU time, 1-10000 (100 is the default)."),
         QStringLiteral("N")},
        {QStringLiteral("io-weight"),
         QStringLiteral("Share of contended disk time, 1-10000 (100 is the default)."),
         QStringLiteral("N")},
        {QStringLiteral("network"),
         QStringLiteral("none (loopback only; the default), nat (pasta), or a Vireo network's "
                        "name."),
         QStringLiteral("MODE")},
        {QStringLiteral("ip"),
         QStringLiteral("The sandbox's address on a Vireo network (default: a free one)."),
         QStringLiteral("ADDR")},
        QCommandLineOption(QStringList{QStringLiteral("p"), QStringLiteral("publish")},
                           QStringLiteral("Forward a host port (with --network nat): "
                                          "[ADDR:]HOSTPORT:GUESTPORT[/udp]."),
                           QStringLiteral("PORTS")),
        {QStringLiteral("v"), QStringLiteral("Bind a host path: HOST:GUEST[:ro]."),
         QStringLiteral("HOST:GUEST[:ro]")},
        {QStringLiteral("tmpfs"),
         QStringLiteral("A memory-backed folder inside, gone with the sandbox (default 64M)."),
         QStringLiteral("PATH[:SIZE]")},
        {QStringLiteral("read-only"),
         QStringLiteral("Mount the root file system read-only (volumes and tmpfs stay writable).")},
        {QStringLiteral("hostname"), QStringLiteral("Hostname inside."), QStringLiteral("H")},
        {QStringLiteral("restart"),
         QStringLiteral("When the command ends by itself: no (default), on-failure[:N] or "
                        "always (kept sandboxes; stop and kill never restart)."),
         QStringLiteral("POLICY")},
        {QStringLiteral("user"),
         QStringLiteral("The command's user inside: UID[:GID] or a name of the rootfs's "
                        "/etc/passwd (default: the image's, else root)."),
         QStringLiteral("USER")},
        {QStringLiteral("env"), QStringLiteral("Extra environment variable."),
         QStringLiteral("KEY=VALUE")},
        {QStringLiteral("workdir"), QStringLiteral("Working directory inside."),
         QStringLiteral("DIR")}};
}

int specFailure(Cli& cli, const Error& error) {
    return error.code == ErrorCode::InvalidArgument && error.message.startsWith(QLatin1String("--"))
               ? cli.usage(error.line())
               : cli.fail(error);
}

} // namespace vireo::cli
