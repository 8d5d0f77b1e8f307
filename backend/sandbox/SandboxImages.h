#pragma once

#include "core/Result.h"
#include "sandbox/SandboxSpec.h"

#include <QString>
#include <QStringList>

namespace vireo {

// What an image's config asks of a sandbox that runs it.
struct SandboxImage {
    QString name;
    QString source;         // the archive it was imported from
    QStringList entrypoint; // config.Entrypoint
    QStringList cmd;        // config.Cmd
    QStringList env;        // config.Env (KEY=VALUE)
    QString workdir;        // config.WorkingDir ("" = /)
    QString user;           // config.User as written ("" = root)
    int layers = 0;
};

// Runs `spec` on `image`: spec.image set, and the image's config fills what the spec leaves
// out, as Docker does: `arguments` replace Cmd, Entrypoint stays; the image's environment
// and working directory become the defaults, its user unless the spec names one.
void applyImage(const SandboxImage& image, const QStringList& arguments, SandboxSpec* spec);

// The folder holding a sandbox's files as they are before it writes: its rootfs, or its
// image's unpacked rootfs (its users are looked up there).
QString sandboxBaseRootfs(const SandboxSpec& spec, const QString& libraryRoot);

// Root file systems made from container images, kept in the library as
// <library>/.images/NAME/{rootfs/,image.json}: one unpacked, read-only base shared by
// every sandbox made from it (each writes to an overlay of its own). File ownership is
// shifted by the sandbox id base, so root in the image is root in the sandbox.
class SandboxImages {
public:
    explicit SandboxImages(const QString& libraryRoot);

    // Unpacks a `docker save` / `podman save` tarball or an OCI image layout (as a tar or a
    // folder): layers in order, whiteouts and opaque folders applied. Every layer is first
    // unpacked alone into an empty folder, then merged without following a symlink, so no
    // archive can write outside the image; a member with ".." or a path through a link
    // fails the import in one line. Atomic: a failed import leaves nothing.
    Result<SandboxImage> import(const QString& archive, const QString& name) const;
    // A minimal Debian made by debootstrap (--variant=minbase SUITE from MIRROR, plus the
    // `include`d packages) as image NAME: made once, then a read-only base every sandbox
    // of it shares under an overlay of its own. Atomic like import.
    Result<SandboxImage> bootstrapDebian(const QString& name, const QString& suite,
                                         const QString& mirror, const QStringList& include) const;
    Result<SandboxImage> load(const QString& name) const;
    QStringList names() const;
    Status remove(const QString& name) const;
    QString rootfs(const QString& name) const;
    // Makes layerDir's upper/, work/ and root/ (kept when they exist) for a sandbox of
    // image `name`; returns the overlayfs options that put them over the image's rootfs.
    Result<QString> prepareOverlay(const QString& name, const QString& layerDir) const;

    static Status validateName(const QString& name);

private:
    QString dir(const QString& name) const;
    // A fresh staging folder for image `name`, refused when the image exists.
    Result<QString> startStaging(const QString& name) const;
    // Writes image.json into `staging` (which holds rootfs/) and renames it into place.
    Status publish(const QString& staging, const SandboxImage& image) const;
    QString m_root;
};

} // namespace vireo
