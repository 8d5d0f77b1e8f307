#pragma once

#include "core/Result.h"
#include "libvirt/LibvirtConnection.h"
#include "spec/VmSpec.h"

#include <QVector>
#include <memory>

namespace vireo {

// `vm share` on a libvirt host: virtiofs shares of a host folder (a path on that host), in
// the domain's definition, where libvirt starts virtiofsd for them when the VM starts. The
// VM must be shut off to change them; read-only shares are something libvirt 9 cannot do.
class LibvirtShares {
public:
    explicit LibvirtShares(std::shared_ptr<LibvirtConnection> connection)
        : m_conn(std::move(connection)) {}

    Result<QVector<SharedFolder>> list(const QString& vm) const;
    Status add(const QString& vm, const SharedFolder& share) const;
    Status remove(const QString& vm, const QString& tag) const;

private:
    std::shared_ptr<LibvirtConnection> m_conn;
};

} // namespace vireo
