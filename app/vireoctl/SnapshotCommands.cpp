// vireoctl snapshot ...: the snapshot tree of a VM.
#include "Cli.h"

#include "libvirt/LibvirtSnapshots.h"
#include "vm/VmSnapshots.h"

#include <QJsonArray>
#include <QJsonObject>

namespace vireo::cli {

namespace {

// Local snapshots, or a libvirt host's with --remote: the same four operations.
struct SnapshotOps {
    std::shared_ptr<LibvirtConnection> conn; // null = the local library
    const Library* library = nullptr;
    Status create(const QString& vm, const QString& name, const QString& text, bool memory) const {
        return conn ? LibvirtSnapshots(*conn).create(vm, name, text, memory)
                    : VmSnapshots(*library).create(vm, name, text, memory);
    }
    Result<SnapshotTree> list(const QString& vm) const {
        return conn ? LibvirtSnapshots(*conn).list(vm) : VmSnapshots(*library).list(vm);
    }
    Status revert(const QString& vm, const QString& name) const {
        return conn ? LibvirtSnapshots(*conn).revert(vm, name)
                    : VmSnapshots(*library).revert(vm, name);
    }
    Status remove(const QString& vm, const QString& name) const {
        return conn ? LibvirtSnapshots(*conn).remove(vm, name)
                    : VmSnapshots(*library).remove(vm, name);
    }
};

Result<SnapshotOps> snapshotOps(const Cli& cli) {
    SnapshotOps ops;
    ops.library = &cli.library();
    if (cli.remote().isEmpty()) return ops;
    auto conn = openRemote(cli, cli.remote());
    if (!conn) return conn.error();
    ops.conn = *conn;
    return ops;
}

const QString kVm = QStringLiteral("VM");
const QString kSnap = QStringLiteral("SNAPSHOT");

int snapCreate(Cli& cli) {
    if (!cli.parse(
            QStringLiteral(
                "Take a snapshot: live (with memory) if the VM runs, of the disks otherwise."),
            {kVm, kSnap},
            {{QStringLiteral("description"), QStringLiteral("What this snapshot is for."),
              QStringLiteral("TEXT")},
             {QStringLiteral("no-memory"),
              QStringLiteral("Of a running VM, take only the disks (faster, smaller; reverting "
                             "needs the VM off).")}}))
        return cli.exitCode();
    auto ops = snapshotOps(cli);
    if (!ops) return cli.fail(ops.error());
    if (auto s = ops->create(cli.positional().at(0), cli.positional().at(1),
                             cli.value(QStringLiteral("description")),
                             !cli.isSet(QStringLiteral("no-memory")));
        !s)
        return cli.fail(s.error());
    cli.print(QStringLiteral("Created snapshot '%1' of VM '%2'")
                  .arg(cli.positional().at(1), cli.positional().at(0)));
    return ExitOk;
}

void printTree(const Cli& cli, const SnapshotTree& tree, const QString& parent, int depth) {
    for (const auto& s : tree.all()) {
        if (s.parent != parent) continue;
        cli.print(
            QStringLiteral("%1%2%3  %4%5%6")
                .arg(QString(depth * 2, QLatin1Char(' ')), s.name,
                     s.name == tree.current() ? QStringLiteral(" *") : QString(),
                     s.created.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                     s.hasMemory ? QStringLiteral("  [memory]") : QString(),
                     s.description.isEmpty() ? QString() : QStringLiteral("  ") + s.description));
        printTree(cli, tree, s.name, depth + 1);
    }
}

int snapList(Cli& cli) {
    if (!cli.parse(QStringLiteral("List a VM's snapshots as a tree (* marks the current one)."),
                   {kVm}))
        return cli.exitCode();
    auto ops = snapshotOps(cli);
    if (!ops) return cli.fail(ops.error());
    auto tree = ops->list(cli.positional().first());
    if (!tree) return cli.fail(tree.error());
    if (cli.json()) {
        QJsonArray arr;
        for (const auto& s : tree->all())
            arr.append(
                QJsonObject{{QStringLiteral("name"), s.name},
                            {QStringLiteral("parent"),
                             s.parent.isEmpty() ? QJsonValue() : QJsonValue(s.parent)},
                            {QStringLiteral("created"), s.created.toUTC().toString(Qt::ISODate)},
                            {QStringLiteral("description"), s.description},
                            {QStringLiteral("memory"), s.hasMemory},
                            {QStringLiteral("quiesced"), s.quiesced},
                            {QStringLiteral("current"), s.name == tree->current()}});
        return cli.printJson(arr);
    }
    printTree(cli, *tree, QString(), 0);
    return ExitOk;
}

int snapRevert(Cli& cli) {
    if (!cli.parse(
            QStringLiteral("Revert a VM to a snapshot (a running VM needs a live snapshot)."),
            {kVm, kSnap}))
        return cli.exitCode();
    auto ops = snapshotOps(cli);
    if (!ops) return cli.fail(ops.error());
    if (auto s = ops->revert(cli.positional().at(0), cli.positional().at(1)); !s)
        return cli.fail(s.error());
    cli.print(QStringLiteral("Reverted VM '%1' to '%2'")
                  .arg(cli.positional().at(0), cli.positional().at(1)));
    return ExitOk;
}

int snapDelete(Cli& cli) {
    if (!cli.parse(QStringLiteral("Delete a snapshot; its children move up to its parent."),
                   {kVm, kSnap}))
        return cli.exitCode();
    auto ops = snapshotOps(cli);
    if (!ops) return cli.fail(ops.error());
    if (auto s = ops->remove(cli.positional().at(0), cli.positional().at(1)); !s)
        return cli.fail(s.error());
    cli.print(QStringLiteral("Deleted snapshot '%1' of VM '%2'")
                  .arg(cli.positional().at(1), cli.positional().at(0)));
    return ExitOk;
}

} // namespace

const QList<Verb>& snapshotVerbs() {
    static const QList<Verb> verbs{
        {QStringLiteral("create"), QStringLiteral("take a snapshot"), snapCreate},
        {QStringLiteral("list"), QStringLiteral("show the snapshot tree"), snapList},
        {QStringLiteral("revert"), QStringLiteral("go back to a snapshot"), snapRevert},
        {QStringLiteral("delete"), QStringLiteral("delete a snapshot"), snapDelete},
    };
    return verbs;
}

} // namespace vireo::cli
