// vireoctl: the scriptable face of Vireo. Verbs over nouns; every verb is a thin layer
// over the backend, printing one line per error and JSON with --json.
#include "Cli.h"

#include <QCoreApplication>
#include <QHash>
#include <algorithm>
#include <cstdio>

using namespace vireo::cli;

namespace {

struct Noun {
    const char* name;
    const char* summary;
    const QList<Verb>* verbs;
};

const Noun kNouns[] = {
    {"vm", "define and run virtual machines", &vmVerbs()},
    {"disk", "create, inspect, convert and attach disk images", &diskVerbs()},
    {"snapshot", "take, list, revert and delete snapshots", &snapshotVerbs()},
    {"backup", "list, verify and restore backup folders (vm backup makes them)", &backupVerbs()},
    {"network", "named networks: nat-network, host-only, internal, bridged", &networkVerbs()},
    {"host", "what this host offers (accelerator, tools)", &hostVerbs()},
    {"usb", "host USB devices for VMs: list, attach, detach, filters", &usbVerbs()},
    {"sandbox", "container sandboxes on Linux namespaces", &sandboxVerbs()},
    {"remote", "libvirt hosts to drive with --remote NAME", &remoteVerbs()},
};

int refuseRemote(const QString& command) {
    // Verbs that are about this machine's own QEMU or hardware say why, and what does it.
    static const QHash<QString, const char*> kWhy{
        {QStringLiteral("vm log"),
         "libvirt has no call that reads a VM's log from afar; watch its serial console live "
         "with 'vireoctl --remote NAME console VM'"},
        {QStringLiteral("vm clipboard"),
         "the clipboard goes through the QEMU that Vireo runs on this machine; on a libvirt "
         "host use the guest's own tools (spice-vdagent with a SPICE viewer)"},
        {QStringLiteral("vm release-devices"),
         "it hands this machine's passed-through devices back to their drivers; a libvirt "
         "host does that itself for its managed host devices"},
        {QStringLiteral("vm move"),
         "it moves a VM of this machine to a host; between libvirt hosts use 'vireoctl "
         "--remote SRC vm migrate VM --to REMOTE'"},
    };
    if (const char* why = kWhy.value(command)) {
        std::fprintf(stderr, "vireoctl: '%s' does not work with --remote: %s\n",
                     qPrintable(command), why);
        return ExitUsage;
    }
    std::fprintf(stderr,
                 "vireoctl: '%s' does not work with --remote yet; run it on that host, or "
                 "see 'vireoctl --help' for the verbs that do\n",
                 qPrintable(command));
    return ExitUsage;
}

// Verb lists keep two spaces before the summary, however long a verb: completion and the
// docs test read the verbs off this layout.
int verbWidth(const QList<Verb>& verbs) {
    int width = 10;
    for (const auto& v : verbs)
        width = std::max(width, int(v.name.size()));
    return width;
}

void printTopHelp() {
    std::puts("Usage: vireoctl [--library DIR] [--json] [--remote NAME] NOUN VERB [ARGS...]\n"
              "       vireoctl console NAME | display NAME | doctor\n\n"
              "Vireo's command line: QEMU virtual machines from a script.\n");
    for (const auto& n : kNouns) {
        std::printf("%s: %s\n", n.name, n.summary);
        for (const auto& v : *n.verbs)
            std::printf("  %-*s  %s\n", verbWidth(*n.verbs), qPrintable(v.name),
                        qPrintable(v.summary));
    }
    std::puts("console    attach the terminal to a VM's serial console (Ctrl-] detaches)\n"
              "display    print a VM's VNC endpoint\n"
              "doctor     what this host lacks for Vireo, each check with its fix\n\n"
              "Global options: --library DIR (or VIREO_LIBRARY), --json, --help on every verb;\n"
              "--remote NAME acts on a libvirt host (vm create|list|start|stop|kill|pause|resume|\n"
              "reset|save|restore|delete|clone|edit|cdrom|nic|type|migrate|events|exec|copy|\n"
              "share|ssh|import|export|template|backup, snapshot, network, disk, console,\n"
              "display).\n"
              "Exit codes: 0 ok, 1 failed, 2 usage.");
}

void printNounHelp(const Noun& n) {
    std::printf("Usage: vireoctl %s VERB [ARGS...]\n\n", n.name);
    for (const auto& v : *n.verbs)
        std::printf("  %-*s  %s\n", verbWidth(*n.verbs), qPrintable(v.name), qPrintable(v.summary));
    std::printf("\nSee 'vireoctl %s VERB --help'.\n", n.name);
}

int usage(const QString& message) {
    std::fprintf(stderr, "vireoctl: %s (see 'vireoctl --help')\n", qPrintable(message));
    return ExitUsage;
}

} // namespace

// vireoctl-cli: exec'd by the Qt-free front (front/main.cpp) for every command it does not
// run itself, with the front's arguments.
int main(int argc, char** argv) {
    // libvirt's event loop runs GLib's default main context in a thread of its own; Qt's
    // GLib dispatcher would own that context on the main thread and starve it.
    qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("vireoctl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(VIREO_VERSION));
    QStringList args = app.arguments().mid(1);

    // Global options may come before the noun.
    QString library;
    QString remote;
    bool json = false;
    while (!args.isEmpty() && args.first().startsWith(QLatin1Char('-'))) {
        const QString a = args.takeFirst();
        if (a == QLatin1String("--library") && !args.isEmpty())
            library = args.takeFirst();
        else if (a.startsWith(QLatin1String("--library=")))
            library = a.mid(10);
        else if (a == QLatin1String("--remote") && !args.isEmpty())
            remote = args.takeFirst();
        else if (a.startsWith(QLatin1String("--remote=")))
            remote = a.mid(9);
        else if (a == QLatin1String("--json"))
            json = true;
        else if (a == QLatin1String("--help") || a == QLatin1String("-h")) {
            printTopHelp();
            return ExitOk;
        } else if (a == QLatin1String("--version")) {
            std::printf("vireoctl %s\n", VIREO_VERSION);
            return ExitOk;
        } else
            return usage(QStringLiteral("unknown option '%1'").arg(a));
    }
    if (args.isEmpty()) {
        printTopHelp();
        return ExitUsage;
    }
    const QString noun = args.takeFirst();
    if (noun == QLatin1String("doctor")) {
        if (!remote.isEmpty()) return refuseRemote(noun);
        Cli cli(noun, args, library, json, remote);
        return runDoctorCommand(cli);
    }
    if (noun == QLatin1String("console") || noun == QLatin1String("display")) {
        if (!remote.isEmpty() && !acceptsRemote(noun)) return refuseRemote(noun);
        Cli cli(noun, args, library, json, remote);
        if (!remote.isEmpty())
            return noun == QLatin1String("console") ? runRemoteConsole(cli) : runRemoteDisplay(cli);
        return noun == QLatin1String("console") ? runConsole(cli) : runDisplay(cli);
    }
    for (const auto& n : kNouns) {
        if (noun != QLatin1String(n.name)) continue;
        if (args.isEmpty() || args.first() == QLatin1String("--help") ||
            args.first() == QLatin1String("-h")) {
            printNounHelp(n);
            return args.isEmpty() ? ExitUsage : ExitOk;
        }
        const QString verb = args.takeFirst();
        for (const auto& v : *n.verbs) {
            if (v.name == verb) {
                const QString command = noun + QLatin1Char(' ') + verb;
                if (!remote.isEmpty() && !acceptsRemote(command)) return refuseRemote(command);
                Cli cli(command, args, library, json, remote);
                return v.run(cli);
            }
        }
        return usage(QStringLiteral("'%1' is not a verb of '%2'").arg(verb, noun));
    }
    return usage(QStringLiteral("unknown command '%1'").arg(noun));
}
