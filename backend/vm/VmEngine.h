#pragma once

#include "core/Result.h"
#include "spec/VmSpec.h"
#include "vm/VmLifecycle.h"
#include "vm/VmState.h"

#include <QVector>

namespace vireo {

// One VM as a list shows it, whichever engine runs it.
struct VmSummary {
    QString name;
    QUuid uuid;
    VmStatus status;
    int vcpus = 0;
    std::uint64_t memoryMiB = 0;
    bool autostart = false;
    bool isTemplate = false;
    QString error; // the definition could not be read (state "error")
};

// The VM operations every engine offers: Vireo's own managed QEMU on this machine, or a
// libvirt daemon on another. The CLI's --remote and the app's host groups pick one.
class VmEngine {
public:
    virtual ~VmEngine() = default;
    // "local" or the remote's name, for messages.
    virtual QString where() const = 0;

    virtual Result<QVector<VmSummary>> list() const = 0;
    // Validates, fills in UUID and MACs; returns the stored spec.
    virtual Result<VmSpec> create(VmSpec spec) const = 0;
    virtual Status start(const QString& name, const StartOptions& options = {}) const = 0;
    virtual Status stop(const QString& name, const StopOptions& options = {}) const = 0;
    virtual Status kill(const QString& name) const = 0;
    virtual Status pause(const QString& name) const = 0;
    virtual Status resume(const QString& name) const = 0;
    virtual Status reset(const QString& name) const = 0;
    virtual Status save(const QString& name) const = 0;
    virtual Status restore(const QString& name) const = 0;
    virtual Status remove(const QString& name, const DeleteOptions& options = {}) const = 0;
};

// The managed-QEMU engine: VmLifecycle on a library of this machine.
class ManagedVmEngine : public VmEngine {
public:
    explicit ManagedVmEngine(const Library& library) : m_library(library), m_lifecycle(library) {}
    QString where() const override { return QStringLiteral("local"); }
    Result<QVector<VmSummary>> list() const override;
    Result<VmSpec> create(VmSpec spec) const override {
        return m_lifecycle.create(std::move(spec));
    }
    Status start(const QString& n, const StartOptions& o) const override {
        return m_lifecycle.start(n, o);
    }
    Status stop(const QString& n, const StopOptions& o) const override {
        return m_lifecycle.stop(n, o);
    }
    Status kill(const QString& n) const override { return m_lifecycle.kill(n); }
    Status pause(const QString& n) const override { return m_lifecycle.pause(n); }
    Status resume(const QString& n) const override { return m_lifecycle.resume(n); }
    Status reset(const QString& n) const override { return m_lifecycle.reset(n); }
    Status save(const QString& n) const override { return m_lifecycle.save(n); }
    Status restore(const QString& n) const override { return m_lifecycle.restore(n); }
    Status remove(const QString& n, const DeleteOptions& o) const override {
        return m_lifecycle.remove(n, o);
    }

private:
    const Library& m_library;
    VmLifecycle m_lifecycle;
};

} // namespace vireo
