#pragma once

#include "core/Error.h"
#include "libvirt/LibvirtConnection.h"
#include "passthrough/HostRoot.h"
#include "store/Library.h"
#include "vm/GuestOperations.h"
#include "vm/VmEngine.h"
#include "vm/VmRuntime.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>
#include <functional>
#include <memory>

namespace vireo::cli {

// Exit codes are part of the CLI contract.
enum Exit { ExitOk = 0, ExitFailed = 1, ExitUsage = 2 };

// One parsed verb: its arguments, the library it acts on and how to answer.
class Cli {
public:
    // `args` starts at the verb's own arguments; `command` is e.g. "vm create".
    // `remote` is the global --remote NAME ("" = this machine's managed engine).
    Cli(QString command, QStringList args, QString globalLibrary, bool globalJson,
        QString remote = {});

    // Declares the verb's options and positional arguments, then parses. Returns false
    // after printing usage or help (exitCode() tells which).
    bool parse(const QString& description, const QStringList& positional,
               const QList<QCommandLineOption>& options = {}, int minPositional = -1);
    int exitCode() const { return m_exit; }

    QCommandLineParser& parser() { return m_parser; }
    // The verb's raw arguments, and a Cli for a sub-verb ("vm share" -> "vm share add").
    const QStringList& rawArgs() const { return m_args; }
    Cli subVerb(const QString& verb, QStringList args) const {
        return Cli(verb.isEmpty() ? m_command : m_command + QLatin1Char(' ') + verb,
                   std::move(args), m_globalLibrary, m_json, m_remote);
    }
    QStringList positional() const { return m_parser.positionalArguments(); }
    bool isSet(const QString& name) const { return m_parser.isSet(name); }
    QString value(const QString& name) const { return m_parser.value(name); }
    bool json() const { return m_json; }
    const Library& library() const { return m_library; }
    const QString& remote() const { return m_remote; }
    const QString& command() const { return m_command; }

    int fail(const Error& error) const;
    int usage(const QString& message) const;
    int printJson(const QJsonValue& value) const;
    void print(const QString& line) const;
    void warn(const QString& line) const;

private:
    QString m_command;
    QStringList m_args;
    QCommandLineParser m_parser;
    QString m_globalLibrary;
    bool m_json = false;
    QString m_remote;
    Library m_library{QString()};
    int m_exit = ExitOk;
};

using Handler = std::function<int(Cli&)>;

struct Verb {
    QString name;
    QString summary;
    Handler run;
};

// Runs the sub-verb a verb's first raw argument names ("vm share add ..."); `usageLine`
// is printed with the list for --help or no sub-verb.
int runSubVerb(Cli& cli, const QList<Verb>& verbs, const QString& usageLine);
// The raw arguments after "--" (a command for the guest); `own` gets those before it.
QStringList splitAtDoubleDash(const Cli& cli, QStringList* own);

// The `vireoctl` program the user runs (the front that exec'd this Qt CLI), for what starts
// vireoctl again: a detached sandbox runtime, the backup timer's unit.
QString vireoctlProgram();

// The runtime of a VM that runs, or one line saying it does not and how to start it.
Result<VmRuntime> runningVm(const Library& library, const VmSpec& spec);
Result<VmRuntime> runningVm(Cli& cli, const QString& name);

// The engine the verb acts on: the remote named by --remote (libvirt), else this
// machine's managed QEMU. A remote is reached with a connection opened for `use`.
Result<std::unique_ptr<VmEngine>> vmEngine(const Cli& cli,
                                           ConnectionUse use = ConnectionUse::Session);
// The connection to a remote of the library, opened (one clear line when it cannot be).
Result<std::shared_ptr<LibvirtConnection>> openRemote(const Cli& cli, const QString& name,
                                                      ConnectionUse use = ConnectionUse::Session);
// Verbs that honour the global --remote ("vm list", "console", ...).
bool acceptsRemote(const QString& command);

int runConsole(Cli& cli);
// A terminal session on a stream socket (a VM's serial console, a sandbox's terminal).
struct TerminalSession {
    QString socketPath;
    QString sizeSocketPath; // told "ROWS COLS" lines when not empty
    QString what;           // "VM 'web' serial console"
    QString detachedWhat;   // "VM 'web'"
    QString connectFix;
};
// Relays this terminal (raw) to the socket until Ctrl-] or the other end closes.
int attachTerminalToSocket(Cli& cli, const TerminalSession& session);
int runSandboxAttach(Cli& cli);
int runRemoteConsole(Cli& cli);
// --remote R display NAME: the screen on a local socket for a VNC viewer.
int runRemoteDisplay(Cli& cli);
// vm create, edit and template (VmDefineCommands.cpp).
int runVmCreate(Cli& cli);
int runVmEdit(Cli& cli);
int runVmTemplate(Cli& cli);
int runVmMigrate(Cli& cli);
int runVmEvents(Cli& cli);
int runVmMove(Cli& cli);
// vm move's work: the shut-off VM `name` of `library` onto remote `to`, its disks copied
// into the pool folder `folder` there, then removed from `library`.
int moveLocalVm(Cli& cli, const Library& library, const QString& name, const QString& to,
                const QString& folder);
int runRemoteDiskCreate(Cli& cli);
int runDiskList(Cli& cli);
int runRemoteDiskInfo(Cli& cli);
int runRemoteDiskConvert(Cli& cli);
int runRemoteDiskResize(Cli& cli, std::uint64_t size);
int runDiskUpload(Cli& cli);
int runDiskDownload(Cli& cli);
int runDiskDelete(Cli& cli);
int runDisplay(Cli& cli);
int runDoctorCommand(Cli& cli);
int runGuestExec(Cli& cli);
int runGuestCopy(Cli& cli);
int runShare(Cli& cli);
int runTypeText(Cli& cli);
int runClipboard(Cli& cli);
int runVmImport(Cli& cli);
int runVmSsh(Cli& cli);
int runBackupSchedule(Cli& cli);
int runBackupRunDue(Cli& cli);
int runBackupTimer(Cli& cli);
int runVmExport(Cli& cli);
int runVmBackup(Cli& cli);
// Hostname and addresses the guest agent reports, or an empty object without an agent.
QJsonObject guestAgentJson(const Library& library, const QString& vm);
// The `guest` object of vm list/show, local or remote: {"hostname", "addresses"}.
QJsonObject guestInfoJson(const GuestInfo& info);

// --host-root DIR (or VIREO_HOST_ROOT): a captured host tree instead of this host.
QCommandLineOption hostRootOption();
Result<HostRoot> openHostRoot(const Cli& cli);

const QList<Verb>& vmVerbs();
const QList<Verb>& diskVerbs();
const QList<Verb>& snapshotVerbs();
const QList<Verb>& hostVerbs();
const QList<Verb>& networkVerbs();
const QList<Verb>& passthroughVerbs();
// host plan | apply | rollback | journal | detach | reattach
const QList<Verb>& hostChangeVerbs();
const QList<Verb>& sandboxVerbs();
// The image verbs of `sandbox` (image-import, images, image-rm), listed with its others.
const QList<Verb>& sandboxImageVerbs();
const QList<Verb>& backupVerbs();
const QList<Verb>& remoteVerbs();
// usb list | attach | detach | watch
const QList<Verb>& usbVerbs();

} // namespace vireo::cli
