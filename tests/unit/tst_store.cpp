// The library on disk: round trips, migration, corrupt and future files, and several
// writers at once.
#include "spec/VmSpecJson.h"
#include "store/AtomicFile.h"
#include "store/FileLock.h"
#include "store/Library.h"
#include "store/LibraryMigration.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <thread>

#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

using namespace vireo;

namespace {
VmSpec sampleSpec(const QString& name) {
    VmSpec s;
    s.name = name;
    s.uuid = QUuid::createUuid();
    s.cpu = {1, 4, 2};
    s.memoryMiB = 3072;
    s.firmware = Firmware::Uefi;
    s.secureBoot = true;
    s.disks = {{QStringLiteral("/d/a.qcow2"), QStringLiteral("qcow2"), DiskBus::Nvme,
                DiskCache::None, true}};
    s.cdrom = QStringLiteral("/iso/x.iso");
    s.nics = {
        {NicModel::E1000e, QStringLiteral("52:54:00:01:02:03"), QStringLiteral("user"), {}, {}}};
    s.display = DisplayType::Vnc;
    s.bootOrder = {QStringLiteral("cdrom"), QStringLiteral("disk")};
    s.kernel = {QStringLiteral("/k"), QStringLiteral("/i"), QStringLiteral("console=ttyS0")};
    s.autostart = true;
    s.notes = QStringLiteral("line one\nline \"two\" ünïcode");
    s.sharedMemory = true;
    return s;
}
} // namespace

class TestStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTrip();
    void migratesSchema1();
    void migratesLibraryWithBackup();
    void corruptFileIsReportedAndKept();
    void futureVersionIsRefusedAndKept();
    void duplicateNameRefused();
    void concurrentWritersLoseNothing();
    void lockIsReleasedWhenHolderDies();
    void atomicWriteLeavesNoTempFiles();
};

void TestStore::roundTrip() {
    QTemporaryDir dir;
    Library lib(dir.path());
    const VmSpec s = sampleSpec(QStringLiteral("rt"));
    QVERIFY(lib.create(s).ok());
    auto back = lib.load(QStringLiteral("rt"));
    QVERIFY(back.ok());
    QCOMPARE(vmSpecToBytes(*back), vmSpecToBytes(s));
    QCOMPARE(back->notes, s.notes);
    QCOMPARE(back->cpu.count(), 8);
    QCOMPARE(lib.vmNames(), QStringList{QStringLiteral("rt")});
}

void TestStore::migratesSchema1() {
    auto s = vmSpecFromBytes(
        R"({"schema":1,"name":"old","uuid":"00000000-0000-4000-8000-000000000006","memory":"2G","cpus":3})",
        QStringLiteral("t"));
    QVERIFY(s.ok());
    QCOMPARE(s->memoryMiB, 2048u);
    QCOMPARE(s->cpu.count(), 3);
    QVERIFY(vmSpecToBytes(*s).contains("\"schema\": 2"));
}

// After an upgrade: the old files are copied aside, then rewritten in the current schema;
// current, future and unreadable files are left exactly as they were.
void TestStore::migratesLibraryWithBackup() {
    QTemporaryDir dir;
    Library lib(dir.path());
    const QByteArray old =
        R"({"schema":1,"name":"old","uuid":"00000000-0000-4000-8000-000000000006","memory":"1G","cpus":2})";
    const QByteArray future =
        R"({"schema":99,"name":"future","uuid":"00000000-0000-4000-8000-000000000007"})";
    const QByteArray broken = R"({"schema":1,"name":"broken")";
    QVERIFY(lib.create(sampleSpec(QStringLiteral("current"))).ok());
    for (const auto& [name, bytes] :
         {std::pair{QStringLiteral("old"), old}, std::pair{QStringLiteral("future"), future},
          std::pair{QStringLiteral("broken"), broken}}) {
        QVERIFY(QDir().mkpath(lib.vmDir(name)));
        QVERIFY(writeFileAtomically(lib.specPath(name), bytes).ok());
    }
    const QByteArray current = *readWholeFile(lib.specPath(QStringLiteral("current")));

    auto m = migrateLibrary(lib);
    QVERIFY(m.ok());
    QCOMPARE(m->migrated, QStringList{QStringLiteral("old")});
    QCOMPARE(m->failed.size(), 1);
    QVERIFY2(m->failed.first().startsWith(QLatin1String("broken: ")),
             qPrintable(m->failed.first()));
    QVERIFY(m->backupDir.startsWith(dir.path() + QStringLiteral("/.backup/schema-upgrade-")));
    QCOMPARE(*readWholeFile(m->backupDir + QStringLiteral("/old/vm.json")), old);
    const QByteArray rewritten = *readWholeFile(lib.specPath(QStringLiteral("old")));
    QVERIFY(rewritten.contains("\"schema\": 2"));
    QCOMPARE(lib.load(QStringLiteral("old"))->memoryMiB, 1024u);
    QCOMPARE(*readWholeFile(lib.specPath(QStringLiteral("future"))), future);
    QCOMPARE(*readWholeFile(lib.specPath(QStringLiteral("broken"))), broken);
    QCOMPARE(*readWholeFile(lib.specPath(QStringLiteral("current"))), current);
    // The backup folder is not a VM, and a second run has nothing to do.
    QVERIFY(!lib.vmNames().contains(QStringLiteral(".backup")));
    auto again = migrateLibrary(lib);
    QVERIFY(again.ok());
    QVERIFY(again->migrated.isEmpty() && again->backupDir.isEmpty());
}

void TestStore::corruptFileIsReportedAndKept() {
    QTemporaryDir dir;
    Library lib(dir.path());
    QVERIFY(lib.create(sampleSpec(QStringLiteral("c"))).ok());
    const QByteArray garbage = "{\"schema\": 2, \"name\": \"c\", trunc";
    QVERIFY(writeFileAtomically(lib.specPath(QStringLiteral("c")), garbage).ok());
    auto r = lib.load(QStringLiteral("c"));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::Corrupt);
    QVERIFY(r.error().line().contains(lib.specPath(QStringLiteral("c"))));
    QVERIFY(r.error().line().contains(QStringLiteral("will not overwrite")));
    QFile f(lib.specPath(QStringLiteral("c")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), garbage);
}

void TestStore::futureVersionIsRefusedAndKept() {
    QTemporaryDir dir;
    Library lib(dir.path());
    QVERIFY(QDir().mkpath(lib.vmDir(QStringLiteral("f"))));
    const QByteArray future =
        R"({"schema": 99, "name": "f", "uuid": "00000000-0000-4000-8000-000000000009", "hologram": true})";
    QVERIFY(writeFileAtomically(lib.specPath(QStringLiteral("f")), future).ok());
    auto r = lib.load(QStringLiteral("f"));
    QVERIFY(!r.ok());
    QVERIFY(r.error().line().contains(QStringLiteral("newer Vireo")));
    QVERIFY(r.error().line().contains(QStringLiteral("schema 99")));
    QFile f(lib.specPath(QStringLiteral("f")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), future);
}

void TestStore::duplicateNameRefused() {
    QTemporaryDir dir;
    Library lib(dir.path());
    QVERIFY(lib.create(sampleSpec(QStringLiteral("d"))).ok());
    auto again = lib.create(sampleSpec(QStringLiteral("d")));
    QVERIFY(!again.ok());
    QCOMPARE(again.error().code, ErrorCode::AlreadyExists);
}

void TestStore::concurrentWritersLoseNothing() {
    // Each writer does lock → load → change → save many times; with the lock every
    // increment survives, and the file is always parseable.
    QTemporaryDir dir;
    Library lib(dir.path());
    VmSpec s = sampleSpec(QStringLiteral("w"));
    s.notes = QStringLiteral("0");
    QVERIFY(lib.create(s).ok());
    constexpr int kWriters = 4, kRounds = 40;
    std::atomic_int failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kWriters; ++t)
        threads.emplace_back([&] {
            Library mine(dir.path());
            for (int i = 0; i < kRounds; ++i) {
                auto lock = mine.lockVm(QStringLiteral("w"));
                auto spec = mine.load(QStringLiteral("w"));
                if (!lock.ok() || !spec.ok()) {
                    ++failures;
                    continue;
                }
                spec->notes = QString::number(spec->notes.toInt() + 1);
                if (!mine.save(*spec).ok()) ++failures;
            }
        });
    for (auto& t : threads)
        t.join();
    QCOMPARE(failures.load(), 0);
    QCOMPARE(lib.load(QStringLiteral("w"))->notes.toInt(), kWriters * kRounds);
}

void TestStore::lockIsReleasedWhenHolderDies() {
    QTemporaryDir dir;
    Library lib(dir.path());
    QVERIFY(lib.create(sampleSpec(QStringLiteral("l"))).ok());
    const pid_t child = ::fork();
    if (child == 0) {
        auto lock = lib.lockVm(QStringLiteral("l"));
        ::sleep(30); // killed long before
        ::_exit(0);
    }
    QTest::qWait(300);
    auto busy = lib.lockVm(QStringLiteral("l"), 100);
    QVERIFY(!busy.ok());
    QCOMPARE(busy.error().code, ErrorCode::Busy);
    ::kill(child, SIGKILL);
    ::waitpid(child, nullptr, 0);
    QVERIFY(lib.lockVm(QStringLiteral("l"), 1000).ok());
}

void TestStore::atomicWriteLeavesNoTempFiles() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("x.json"));
    for (int i = 0; i < 20; ++i)
        QVERIFY(writeFileAtomically(path, QByteArray::number(i)).ok());
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("x.json")});
    QCOMPARE(*readWholeFile(path), QByteArray("19"));
    // Writing into a folder that does not exist fails cleanly, naming the file.
    auto bad = writeFileAtomically(dir.filePath(QStringLiteral("no/such/x.json")), "1");
    QVERIFY(!bad.ok());
    QVERIFY(bad.error().message.contains(QStringLiteral("no/such")));
}

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
