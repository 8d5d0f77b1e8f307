#pragma once

#include "core/Result.h"
#include "sandbox/runtime/SandboxLimits.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <cstdint>

namespace vireo {

// A host folder (or file) made visible inside the sandbox.
struct BindMount {
    QString host;  // absolute host path; must exist
    QString guest; // absolute path inside the sandbox; no ".." components
    bool readOnly = false;
    QString volume; // a named volume's name (host is then its folder), else empty
};

// A tmpfs inside the sandbox (memory-backed, gone with it).
struct TmpfsMount {
    QString guest;               // absolute path inside; no ".." components
    std::uint64_t sizeBytes = 0; // 0: 64 MiB
};

// none: loopback only. nat: pasta gives the sandbox the host's addresses and routes, NATed
// through the host's sockets (no privileges, no bridge). named: a veth into a Vireo
// network's bridge, beside the VMs on it.
enum class SandboxNetwork { None, Nat, Named };

// A host port forwarded to the sandbox (NAT only): [ADDR:]HOSTPORT:GUESTPORT[/tcp|/udp].
struct PortMapping {
    QString protocol = QStringLiteral("tcp");
    QString hostAddress; // empty: every host address
    quint16 hostPort = 0;
    quint16 guestPort = 0;
};

// What a kept sandbox's runtime does when the command ends by itself (a stop or a kill
// through vireoctl never restarts it): nothing, restart after a failure (at most
// maxRestarts times; 0 = no bound), or restart whatever the exit.
struct RestartPolicy {
    enum Kind { No, OnFailure, Always } kind = No;
    int maxRestarts = 0;
};

// "no", "on-failure[:N]" or "always".
Result<RestartPolicy> parseRestartPolicy(const QString& text);
QString restartPolicyText(const RestartPolicy& policy);

// The definition of one sandbox: what runs, in which root file system, with which limits.
// Stored as <library>/.sandboxes/NAME/sandbox.json.
struct SandboxSpec {
    QString name;
    QString rootfs; // absolute folder holding the sandbox's "/" (empty with an image)
    QString image;  // an image of the library: its rootfs under an overlay of the sandbox's own
    QStringList command;
    QStringList env; // KEY=VALUE; empty means the default environment
    QString cwd = QStringLiteral("/");
    QString hostname;
    QString user; // the command's user inside (Docker's USER forms); "" = root
    // Kept sandboxes: the command gets a terminal that outlives any client, reached with
    // `sandbox attach` or the app (its output also goes to `sandbox logs`).
    bool tty = false;
    RestartPolicy restart;
    SandboxLimits limits;
    SandboxNetwork network = SandboxNetwork::None;
    QString networkName; // SandboxNetwork::Named
    QString address;     // named: the sandbox's ADDR/PREFIX on that network
    QList<PortMapping> ports;
    QList<BindMount> binds;
    QList<TmpfsMount> tmpfs;
    bool readOnlyRoot = false; // the root file system mounted read-only (volumes stay as set)
};

// "GUEST" or "GUEST:SIZE", as given to --tmpfs.
Result<TmpfsMount> parseTmpfsMount(const QString& text);

// "HOST:GUEST" or "HOST:GUEST:ro" / ":rw", as given to -v.
Result<BindMount> parseBindMount(const QString& text);

Result<PortMapping> parsePortMapping(const QString& text);
QString portMappingText(const PortMapping& port);

Status validateSandboxName(const QString& name);
// Checks everything a start needs that can be known before starting: the rootfs exists,
// the command is not empty, guest paths are absolute and do not escape with "..".
Status validateSandboxSpec(const SandboxSpec& spec);

QStringList defaultSandboxEnv();
// The command's environment: spec.env, or the default one when the spec sets none.
QStringList sandboxEnvironment(const SandboxSpec& spec);

// "none", "nat" or the Vireo network's name, as --network takes and `list` shows it.
QString sandboxNetworkText(const SandboxSpec& spec);
void setSandboxNetwork(const QString& text, SandboxSpec* spec);

QByteArray sandboxSpecToJson(const SandboxSpec& spec);
// `path` only names the file in errors.
Result<SandboxSpec> sandboxSpecFromJson(const QByteArray& bytes, const QString& path);

} // namespace vireo
