// vireoctl sandbox image-import|images|image-rm: container images as sandbox roots;
// sandbox volumes|volume-rm: the named volumes sandboxes keep their data in.
#include "Cli.h"

#include "sandbox/SandboxImages.h"
#include "sandbox/SandboxStore.h"
#include "sandbox/SandboxVolumes.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <cstdio>

namespace vireo::cli {

namespace {

// Volume name → the kept sandboxes whose definitions name it.
QMap<QString, QStringList> volumeUsers(const Cli& cli) {
    QMap<QString, QStringList> users;
    const SandboxStore store(cli.library().root());
    for (const auto& name : store.names()) {
        auto spec = store.load(name);
        if (!spec) continue;
        for (const auto& b : spec->binds)
            if (!b.volume.isEmpty() && !users.value(b.volume).contains(name))
                users[b.volume].append(name);
    }
    return users;
}

int sandboxImageImport(Cli& cli) {
    if (!cli.parse(QStringLiteral("Import a container image ('docker save' / 'podman save' tarball "
                                  "or OCI layout) as NAME for --image."),
                   {QStringLiteral("ARCHIVE"), QStringLiteral("NAME")}))
        return cli.exitCode();
    const SandboxImages images(cli.library().root());
    auto image = images.import(cli.positional().at(0), cli.positional().at(1));
    if (!image) return cli.fail(image.error());
    if (cli.json())
        return cli.printJson(QJsonObject{{QStringLiteral("name"), image->name},
                                         {QStringLiteral("layers"), image->layers}});
    cli.print(
        QStringLiteral("Imported image '%1' (%2 layers)").arg(image->name).arg(image->layers));
    return ExitOk;
}

int sandboxImages(Cli& cli) {
    if (!cli.parse(QStringLiteral("List the imported container images."), {}))
        return cli.exitCode();
    const SandboxImages images(cli.library().root());
    QJsonArray arr;
    for (const auto& name : images.names()) {
        auto img = images.load(name);
        if (!img) {
            cli.warn(img.error().line());
            continue;
        }
        arr.append(
            QJsonObject{{QStringLiteral("name"), img->name},
                        {QStringLiteral("source"), img->source},
                        {QStringLiteral("layers"), img->layers},
                        {QStringLiteral("entrypoint"), QJsonArray::fromStringList(img->entrypoint)},
                        {QStringLiteral("cmd"), QJsonArray::fromStringList(img->cmd)},
                        {QStringLiteral("workdir"), img->workdir},
                        {QStringLiteral("user"), img->user}});
    }
    if (cli.json()) return cli.printJson(arr);
    std::printf("%-24s %-7s %s\n", "NAME", "LAYERS", "COMMAND");
    for (const auto& v : arr) {
        const auto o = v.toObject();
        QStringList cmd;
        for (const auto& key : {QStringLiteral("entrypoint"), QStringLiteral("cmd")})
            for (const auto& c : o.value(key).toArray())
                cmd.append(c.toString());
        std::printf("%-24s %-7d %s\n", qPrintable(o.value(QStringLiteral("name")).toString()),
                    o.value(QStringLiteral("layers")).toInt(),
                    qPrintable(cmd.join(QLatin1Char(' '))));
    }
    return ExitOk;
}

int sandboxImageRm(Cli& cli) {
    if (!cli.parse(
            QStringLiteral("Delete an imported image (sandboxes made from it stop working)."),
            {QStringLiteral("NAME")}))
        return cli.exitCode();
    const QString name = cli.positional().first();
    const SandboxStore store(cli.library().root());
    for (const auto& sb : store.names())
        if (auto spec = store.load(sb); spec && spec->image == name)
            return cli.fail(
                makeError(ErrorCode::InvalidState,
                          QStringLiteral("image '%1' is used by sandbox '%2'").arg(name, sb),
                          QStringLiteral("delete the sandbox first")));
    if (auto s = SandboxImages(cli.library().root()).remove(name); !s) return cli.fail(s.error());
    cli.print(QStringLiteral("Deleted image '%1'").arg(name));
    return ExitOk;
}

int sandboxImageBootstrap(Cli& cli) {
    const QCommandLineOption suite(QStringLiteral("suite"),
                                   QStringLiteral("Debian suite (default bookworm)."),
                                   QStringLiteral("SUITE"), QStringLiteral("bookworm"));
    const QCommandLineOption mirror(
        QStringLiteral("mirror"),
        QStringLiteral("Debian mirror (default http://deb.debian.org/debian)."),
        QStringLiteral("URL"), QStringLiteral("http://deb.debian.org/debian"));
    const QCommandLineOption include(QStringLiteral("include"),
                                     QStringLiteral("Extra packages, comma-separated."),
                                     QStringLiteral("PKGS"));
    if (!cli.parse(QStringLiteral("Make a minimal Debian with debootstrap as image NAME: a base "
                                  "made once and shared by every sandbox run with --image NAME."),
                   {QStringLiteral("NAME")}, {suite, mirror, include}))
        return cli.exitCode();
    const QStringList packages =
        cli.value(QStringLiteral("include")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (!cli.json())
        cli.print(QStringLiteral("Bootstrapping Debian %1 (a few minutes)...")
                      .arg(cli.value(QStringLiteral("suite"))));
    auto image = SandboxImages(cli.library().root())
                     .bootstrapDebian(cli.positional().first(), cli.value(QStringLiteral("suite")),
                                      cli.value(QStringLiteral("mirror")), packages);
    if (!image) return cli.fail(image.error());
    if (cli.json())
        return cli.printJson(QJsonObject{{QStringLiteral("name"), image->name},
                                         {QStringLiteral("source"), image->source}});
    cli.print(QStringLiteral("Made image '%1' (%2)").arg(image->name, image->source));
    return ExitOk;
}

int sandboxVolumes(Cli& cli) {
    if (!cli.parse(QStringLiteral("List named volumes (-v NAME:/path) and the kept sandboxes "
                                  "using each."),
                   {}))
        return cli.exitCode();
    const SandboxVolumes volumes(cli.library().root());
    const auto users = volumeUsers(cli);
    QJsonArray arr;
    for (const auto& name : volumes.names())
        arr.append(QJsonObject{
            {QStringLiteral("name"), name},
            {QStringLiteral("path"), volumes.path(name)},
            {QStringLiteral("bytes"), double(volumes.sizeBytes(name))},
            {QStringLiteral("used_by"), QJsonArray::fromStringList(users.value(name))}});
    if (cli.json()) return cli.printJson(arr);
    if (arr.isEmpty()) cli.print(QStringLiteral("no volumes"));
    for (const auto& v : arr) {
        const QJsonObject o = v.toObject();
        QStringList usedBy;
        for (const auto& u : o.value(QStringLiteral("used_by")).toArray())
            usedBy << u.toString();
        cli.print(QStringLiteral("%1  %2 bytes  %3")
                      .arg(o.value(QStringLiteral("name")).toString(), -24)
                      .arg(qint64(o.value(QStringLiteral("bytes")).toDouble()))
                      .arg(usedBy.isEmpty()
                               ? QStringLiteral("unused")
                               : QStringLiteral("used by ") + usedBy.join(QLatin1String(", "))));
    }
    return ExitOk;
}

int sandboxVolumeRm(Cli& cli) {
    if (!cli.parse(QStringLiteral("Delete a named volume and its files (not while a kept "
                                  "sandbox names it)."),
                   {QStringLiteral("NAME")}))
        return cli.exitCode();
    const QString name = cli.positional().first();
    auto done = SandboxVolumes(cli.library().root()).remove(name, volumeUsers(cli).value(name));
    if (!done) return cli.fail(done.error());
    if (!cli.json()) cli.print(QStringLiteral("volume '%1' deleted").arg(name));
    return ExitOk;
}

} // namespace

const QList<Verb>& sandboxImageVerbs() {
    static const QList<Verb> verbs{
        {QStringLiteral("image-import"), QStringLiteral("import a container image for --image"),
         sandboxImageImport},
        {QStringLiteral("image-bootstrap"),
         QStringLiteral("make a minimal Debian image with debootstrap"), sandboxImageBootstrap},
        {QStringLiteral("images"), QStringLiteral("list imported container images"), sandboxImages},
        {QStringLiteral("image-rm"), QStringLiteral("delete an imported image"), sandboxImageRm},
        {QStringLiteral("volumes"), QStringLiteral("list named volumes and who uses them"),
         sandboxVolumes},
        {QStringLiteral("volume-rm"), QStringLiteral("delete a named volume"), sandboxVolumeRm},
    };
    return verbs;
}

} // namespace vireo::cli
