#pragma once

#include "core/Result.h"
#include "sandbox/SandboxSpec.h"

#include <QString>
#include <QStringList>

namespace vireo {

// Sandbox definitions inside a VM library: <library>/.sandboxes/NAME/sandbox.json. The
// leading dot keeps the folder out of the VM list (it holds no vm.json).
class SandboxStore {
public:
    explicit SandboxStore(const QString& libraryRoot);

    QString root() const { return m_root; }
    QString libraryRoot() const;
    QString sandboxDir(const QString& name) const;
    QString specPath(const QString& name) const;
    // The runtime's record of the last start (SandboxState), its run lock, and the output
    // of a detached sandbox (stdout and stderr of its last start).
    QString statePath(const QString& name) const;
    QString lockPath(const QString& name) const;
    QString logPath(const QString& name) const;
    // The terminal of a kept sandbox with --tty while it runs in the background, and the
    // socket that takes its window size ("ROWS COLS" lines).
    QString consoleSocketPath(const QString& name) const;
    QString consoleSizeSocketPath(const QString& name) const;

    bool exists(const QString& name) const;
    QStringList names() const;
    Result<SandboxSpec> load(const QString& name) const;
    // Writes the definition atomically (temp file, fsync, rename); replaces an old one.
    Status save(const SandboxSpec& spec) const;
    Status remove(const QString& name) const;

private:
    QString m_root;
};

} // namespace vireo
