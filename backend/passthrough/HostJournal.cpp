#include "passthrough/HostJournal.h"

#include "network/HelperClient.h"
#include "passthrough/PassthroughReport.h"
#include "store/AtomicFile.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <sys/stat.h>
#include <unistd.h>

namespace vireo {

namespace {

const QString kJournal = QStringLiteral("var/lib/vireo/host-journal");

class TreeWriter : public HostWriter {
public:
    explicit TreeWriter(HostRoot host) : m_host(std::move(host)) {}
    Status write(const QString& path, const QByteArray& content) override {
        const QString abs = m_host.absolute(path);
        QDir().mkpath(QFileInfo(abs).absolutePath());
        return writeFileAtomically(abs, content);
    }
    Status remove(const QString& path) override {
        QFile f(m_host.absolute(path));
        if (f.exists() && !f.remove())
            return makeError(ErrorCode::Io, QStringLiteral("cannot remove %1").arg(f.fileName()),
                             f.errorString());
        return {};
    }
    Result<QString> run(const QStringList& argv) override {
        return QStringLiteral("not run in a host tree: %1").arg(argv.join(QLatin1Char(' ')));
    }
    // As the kernel would show it: driver_override set, the driver link on vfio-pci. The
    // tree keeps the device's own driver aside to give it back.
    Status detach(const QString& address) override {
        const QString dev =
            m_host.readLink(QStringLiteral("sys/bus/pci/devices/") + address).value_or(QString());
        if (dev.isEmpty())
            return makeError(ErrorCode::NotFound, QStringLiteral("no PCI device %1").arg(address));
        const QString own = m_host.linkName(dev + QStringLiteral("/driver"));
        if (own == QLatin1String("vfio-pci")) return {};
        VIREO_TRY(write(dev + QStringLiteral("/driver_override"), "vfio-pci\n"));
        VIREO_TRY(write(kDetached + address, own.toUtf8()));
        return setDriverLink(dev, QStringLiteral("vfio-pci"));
    }
    Status reattach(const QString& address) override {
        const QString dev =
            m_host.readLink(QStringLiteral("sys/bus/pci/devices/") + address).value_or(QString());
        if (dev.isEmpty())
            return makeError(ErrorCode::NotFound, QStringLiteral("no PCI device %1").arg(address));
        VIREO_TRY(write(dev + QStringLiteral("/driver_override"), "(null)\n"));
        const QString own = m_host.readText(kDetached + address);
        VIREO_TRY(remove(kDetached + address));
        return setDriverLink(dev, own);
    }
    // As the kernel would show it: sriov_numvfs, and virtfnN links only below the count.
    // A tree has no kernel to make VF devices: a VF removed here comes back (at the same
    // address, as the kernel gives it) when the count grows again; more VFs than the tree
    // ever had only change the number.
    Status setVfCount(const QString& pfAddress, int count) override {
        const QString dev =
            m_host.readLink(QStringLiteral("sys/bus/pci/devices/") + pfAddress).value_or(QString());
        if (dev.isEmpty())
            return makeError(ErrorCode::NotFound,
                             QStringLiteral("no PCI device %1").arg(pfAddress));
        VIREO_TRY(write(dev + QStringLiteral("/sriov_numvfs"), QByteArray::number(count) + '\n'));
        const QString stash = kRemovedVfs + pfAddress + QLatin1Char('/');
        for (const auto& entry : m_host.list(dev)) {
            if (!entry.startsWith(QLatin1String("virtfn")) || entry.mid(6).toInt() < count)
                continue;
            VIREO_TRY(write(stash + entry, linkTarget(dev + QLatin1Char('/') + entry)));
            VIREO_TRY(remove(dev + QLatin1Char('/') + entry));
        }
        for (int i = 0; i < count; ++i) {
            const QString name = QStringLiteral("virtfn%1").arg(i);
            const QByteArray target = m_host.readBytes(stash + name);
            if (target.isEmpty() || m_host.exists(dev + QLatin1Char('/') + name)) continue;
            VIREO_TRY(makeLink(dev + QLatin1Char('/') + name, target));
            VIREO_TRY(remove(stash + name));
        }
        return {};
    }
    // A tree has no netlink: the settings are kept where a test (or a bug report) reads
    // them, one file per VF.
    // What is not given stays as it was, as the kernel does.
    Status configureVf(const QString& pfInterface, int vf, const QStringList& settings) override {
        const QString path =
            QStringLiteral("vireo-capture/ip-link-vf/%1/%2").arg(pfInterface).arg(vf);
        QStringList merged = m_host.readText(path).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        for (int i = 0; i + 1 < settings.size(); i += 2) {
            int at = -1;
            for (int j = 0; j + 1 < merged.size() && at < 0; j += 2)
                if (merged.at(j) == settings.at(i)) at = j;
            if (at >= 0)
                merged[at + 1] = settings.at(i + 1);
            else
                merged << settings.at(i) << settings.at(i + 1);
        }
        return write(path, merged.join(QLatin1Char(' ')).toUtf8() + '\n');
    }

private:
    static inline const QString kDetached = QStringLiteral("var/lib/vireo/detached/");
    static inline const QString kRemovedVfs = QStringLiteral("var/lib/vireo/removed-vfs/");

    // What the link at `path` says (a symlink, or a stored tree's stand-in file).
    QByteArray linkTarget(const QString& path) const {
        const QByteArray abs = QFile::encodeName(m_host.absolute(path));
        char buf[4096];
        const ssize_t n = ::readlink(abs.constData(), buf, sizeof buf);
        if (n > 0) return QByteArray(buf, int(n));
        return m_host.readBytes(path);
    }
    // A link at `path` in the tree's own style.
    Status makeLink(const QString& path, const QByteArray& target) {
        if (!usesSymlinks()) return write(path, target);
        const QString abs = m_host.absolute(path);
        if (::symlink(target.constData(), QFile::encodeName(abs).constData()) != 0)
            return makeError(ErrorCode::Io, QStringLiteral("cannot link %1").arg(abs));
        return {};
    }

    // Replaces DEV/driver (a symlink, or the stand-in file stored trees use) with one to
    // `driver`, or removes it when `driver` is empty.
    Status setDriverLink(const QString& dev, const QString& driver) {
        const QString link = m_host.absolute(dev + QStringLiteral("/driver"));
        struct stat st {};
        const bool hadLink = ::lstat(QFile::encodeName(link).constData(), &st) == 0;
        const bool symlink = hadLink ? S_ISLNK(st.st_mode) : usesSymlinks();
        if (hadLink) VIREO_TRY(remove(dev + QStringLiteral("/driver")));
        if (driver.isEmpty()) return {};
        const QString target =
            QStringLiteral("../").repeated(int(dev.count(QLatin1Char('/'))) + 1) +
            QStringLiteral("sys/bus/pci/drivers/") + driver;
        if (!symlink) return write(dev + QStringLiteral("/driver"), target.toUtf8());
        if (::symlink(QFile::encodeName(target).constData(), QFile::encodeName(link).constData()) !=
            0)
            return makeError(ErrorCode::Io, QStringLiteral("cannot link %1").arg(link));
        return {};
    }
    bool usesSymlinks() const {
        struct stat st {};
        const QString devices = m_host.absolute(QStringLiteral("sys/bus/pci/devices"));
        for (const auto& name :
             QDir(devices).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::System))
            if (::lstat(QFile::encodeName(devices + QLatin1Char('/') + name).constData(), &st) == 0)
                return S_ISLNK(st.st_mode);
        return true;
    }

    HostRoot m_host; // a copy: callers pass temporaries
};

class HelperWriter : public HostWriter {
public:
    Status write(const QString& path, const QByteArray& content) override {
        return HelperClient::run({QStringLiteral("host-file-write"), QLatin1Char('/') + path},
                                 content);
    }
    Status remove(const QString& path) override {
        return HelperClient::run({QStringLiteral("host-file-remove"), QLatin1Char('/') + path});
    }
    Result<QString> run(const QStringList& argv) override {
        VIREO_TRY(HelperClient::run({QStringLiteral("host-run"), argv.first()}));
        return QStringLiteral("ran %1").arg(argv.join(QLatin1Char(' ')));
    }
    Status detach(const QString& address) override {
        return HelperClient::run({QStringLiteral("pci-detach"), address});
    }
    Status reattach(const QString& address) override {
        return HelperClient::run({QStringLiteral("pci-reattach"), address});
    }
    Status setVfCount(const QString& pfAddress, int count) override {
        return HelperClient::run(
            {QStringLiteral("sriov-numvfs"), pfAddress, QString::number(count)});
    }
    Status configureVf(const QString& pfInterface, int vf, const QStringList& settings) override {
        return HelperClient::run(
            QStringList{QStringLiteral("sriov-vf"), pfInterface, QString::number(vf)} + settings);
    }
};

QJsonObject toJson(const JournalEntry& e) {
    QJsonArray files, commands;
    for (const auto& f : e.files)
        files.append(
            QJsonObject{{QStringLiteral("path"), f.path},
                        {QStringLiteral("existed"), f.existed},
                        {QStringLiteral("before"), QString::fromLatin1(f.before.toBase64())}});
    for (const auto& c : e.commands)
        commands.append(QJsonObject{{QStringLiteral("argv"), QJsonArray::fromStringList(c.argv)},
                                    {QStringLiteral("why"), c.why}});
    return {{QStringLiteral("id"), e.id},
            {QStringLiteral("devices"), QJsonArray::fromStringList(e.devices)},
            {QStringLiteral("files"), files},
            {QStringLiteral("commands"), commands},
            {QStringLiteral("results"), QJsonArray::fromStringList(e.commandResults)},
            {QStringLiteral("rolledBack"), e.rolledBack}};
}

QStringList strings(const QJsonValue& v) {
    QStringList out;
    for (const auto& s : v.toArray())
        out << s.toString();
    return out;
}

JournalEntry fromJson(const QJsonObject& o) {
    JournalEntry e;
    e.id = o.value(QStringLiteral("id")).toString();
    e.devices = strings(o.value(QStringLiteral("devices")));
    for (const auto& v : o.value(QStringLiteral("files")).toArray()) {
        const QJsonObject f = v.toObject();
        e.files.append(
            {f.value(QStringLiteral("path")).toString(),
             f.value(QStringLiteral("existed")).toBool(),
             QByteArray::fromBase64(f.value(QStringLiteral("before")).toString().toLatin1())});
    }
    for (const auto& v : o.value(QStringLiteral("commands")).toArray())
        e.commands.append({strings(v.toObject().value(QStringLiteral("argv"))),
                           v.toObject().value(QStringLiteral("why")).toString()});
    e.commandResults = strings(o.value(QStringLiteral("results")));
    e.rolledBack = o.value(QStringLiteral("rolledBack")).toBool();
    return e;
}

Status saveEntry(const JournalEntry& e, HostWriter& writer) {
    return writer.write(kJournal + QLatin1Char('/') + e.id + QStringLiteral(".json"),
                        QJsonDocument(toJson(e)).toJson(QJsonDocument::Indented));
}

} // namespace

std::unique_ptr<HostWriter> treeWriter(const HostRoot& host) {
    return std::make_unique<TreeWriter>(host);
}

std::unique_ptr<HostWriter> helperWriter() {
    return std::make_unique<HelperWriter>();
}

QString journalDir(const HostRoot& host) {
    return host.absolute(kJournal);
}

Result<QList<JournalEntry>> readJournal(const HostRoot& host) {
    QList<JournalEntry> entries;
    for (const auto& name : host.list(kJournal)) {
        if (!name.endsWith(QLatin1String(".json"))) continue;
        const QString path = kJournal + QLatin1Char('/') + name;
        QJsonParseError err;
        const auto doc = QJsonDocument::fromJson(host.readBytes(path), &err);
        if (err.error != QJsonParseError::NoError || !doc.isObject())
            return makeError(
                ErrorCode::Corrupt,
                QStringLiteral("/%1 is not a journal entry (%2)").arg(path, err.errorString()),
                QStringLiteral("restore the files it names by hand, then remove it"));
        entries.append(fromJson(doc.object()));
    }
    // Oldest first: by time, then by the "-N" a second apply within the same second gets.
    auto key = [](const JournalEntry& e) {
        return std::pair{e.id.section(QLatin1Char('-'), 0, 0),
                         e.id.contains(QLatin1Char('-')) ? e.id.section(QLatin1Char('-'), 1).toInt()
                                                         : 1};
    };
    std::sort(entries.begin(), entries.end(),
              [&](const JournalEntry& a, const JournalEntry& b) { return key(a) < key(b); });
    return entries;
}

Result<JournalEntry> applyHostPlan(const HostRoot& host, const HostPlan& plan, HostWriter& writer) {
    if (plan.files.isEmpty())
        return makeError(
            ErrorCode::InvalidArgument,
            QStringLiteral("nothing to change: the host is already set up for %1")
                .arg(plan.devices.join(QLatin1String(", "))),
            QStringLiteral("'vireoctl host detach --device %1' hands it to vfio-pci now")
                .arg(plan.devices.value(0)));
    JournalEntry e;
    e.id = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    auto existing = readJournal(host);
    if (!existing) return existing.error();
    for (int n = 2; std::any_of(existing->begin(), existing->end(),
                                [&](const JournalEntry& j) { return j.id == e.id; });
         ++n)
        e.id = e.id.section(QLatin1Char('-'), 0, 0) + QStringLiteral("-%1").arg(n);
    e.devices = plan.devices;
    e.commands = plan.commands;
    for (const auto& f : plan.files) {
        // What is on disk now, not what the plan saw: the journal must restore reality.
        const bool existed = host.exists(f.path);
        e.files.append({f.path, existed, existed ? host.readBytes(f.path) : QByteArray()});
    }
    VIREO_TRY(saveEntry(e, writer));
    for (const auto& f : plan.files)
        VIREO_TRY(writer.write(f.path, f.after));
    for (const auto& c : plan.commands) {
        auto r = writer.run(c.argv);
        e.commandResults << (r ? *r : QStringLiteral("failed: %1").arg(r.error().message));
        if (!r) {
            (void)saveEntry(e, writer);
            return r.error();
        }
    }
    VIREO_TRY(saveEntry(e, writer));
    return e;
}

Result<JournalEntry> rollbackHostChanges(const HostRoot& host, const QString& id,
                                         HostWriter& writer) {
    auto entries = readJournal(host);
    if (!entries) return entries.error();
    JournalEntry* target = nullptr;
    for (auto it = entries->rbegin(); it != entries->rend(); ++it)
        if (id.isEmpty() ? !it->rolledBack : it->id == id) {
            target = &*it;
            break;
        }
    if (!target)
        return makeError(
            ErrorCode::NotFound,
            id.isEmpty() ? QStringLiteral("no host change to roll back in %1").arg(journalDir(host))
                         : QStringLiteral("no host change '%1' in %2").arg(id, journalDir(host)),
            QStringLiteral("see 'vireoctl host journal'"));
    if (target->rolledBack)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("host change %1 is already rolled back").arg(target->id),
                         QStringLiteral("see 'vireoctl host journal'"));
    // A newer change to the same files would be lost under the older content.
    for (auto later = entries->begin() + (target - entries->data()) + 1; later != entries->end();
         ++later) {
        if (later->rolledBack) continue;
        for (const auto& f : later->files)
            for (const auto& g : target->files)
                if (f.path == g.path)
                    return makeError(ErrorCode::InvalidArgument,
                                     QStringLiteral("host change %1 also changed /%2 after %3")
                                         .arg(later->id, f.path, target->id),
                                     QStringLiteral("roll back %1 first").arg(later->id));
    }
    // Newest first, so a file changed twice ends as it was before the first change.
    for (auto f = target->files.rbegin(); f != target->files.rend(); ++f)
        VIREO_TRY(f->existed ? writer.write(f->path, f->before) : writer.remove(f->path));
    target->commandResults.clear();
    for (const auto& c : target->commands) {
        auto r = writer.run(c.argv);
        if (!r) return r.error();
        target->commandResults << *r;
    }
    target->rolledBack = true;
    VIREO_TRY(saveEntry(*target, writer));
    return *target;
}

Result<QStringList> detachDevice(const HostRoot& host, const QString& address, HostWriter& writer) {
    auto all = devicesToPass(host, address, true);
    if (!all) return all.error();
    for (const auto& a : *all)
        VIREO_TRY(writer.detach(a));
    return *all;
}

Result<QStringList> reattachDevice(const HostRoot& host, const QString& address,
                                   HostWriter& writer) {
    auto all = devicesToPass(host, address, true);
    if (!all) return all.error();
    for (const auto& a : *all)
        VIREO_TRY(writer.reattach(a));
    return *all;
}

} // namespace vireo
