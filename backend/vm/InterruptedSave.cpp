#include "vm/InterruptedSave.h"

#include "qemu/QmpSync.h"
#include "store/AtomicFile.h"
#include "vm/VmRuntime.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QThread>

namespace vireo {

namespace {

QString journalPath(const VmRuntime& rt) {
    return rt.dir() + QStringLiteral("/save-pending");
}

constexpr char kWasRunning[] = "running\n";

bool migrationActive(const QString& status) {
    return status == QLatin1String("setup") || status == QLatin1String("active") ||
           status == QLatin1String("device") || status == QLatin1String("pre-switchover") ||
           status == QLatin1String("cancelling") || status == QLatin1String("wait-unplug");
}

QString migrationStatus(QmpClient& qmp) {
    auto r = QmpSync::call(qmp, QStringLiteral("query-migrate"), {}, 3000);
    return r ? r->toObject().value(QStringLiteral("status")).toString() : QString();
}

void cancelMigration(QmpClient& qmp) {
    if (!migrationActive(migrationStatus(qmp))) return;
    (void)QmpSync::call(qmp, QStringLiteral("migrate_cancel"), {}, 3000);
    QDeadlineTimer deadline(5000);
    while (migrationActive(migrationStatus(qmp)) && !deadline.hasExpired())
        QThread::msleep(20);
}

} // namespace

Status noteSaveStarted(const VmRuntime& rt, bool wasRunning) {
    return writeFileAtomically(journalPath(rt),
                               wasRunning ? QByteArray(kWasRunning) : QByteArray("paused\n"));
}

void noteSaveEnded(const VmRuntime& rt) {
    QFile::remove(journalPath(rt));
}

bool hasUnfinishedSave(const VmRuntime& rt) {
    return QFileInfo::exists(journalPath(rt));
}

void undoInterruptedSave(const Library& library, const QString& vm, const VmRuntime& rt) {
    const auto journal = readWholeFile(journalPath(rt));
    if (!journal) return;
    if (rt.livePid()) {
        auto qmp = QmpSync::connect(rt.qmpSocket(), 3000);
        if (!qmp) return; // the journal stays for the next command to try again
        cancelMigration(**qmp);
        if (*journal == kWasRunning) {
            auto st = QmpSync::call(**qmp, QStringLiteral("query-status"), {}, 3000);
            // After a completed migration QEMU gives the disks back to the guest on "cont".
            if (st && st->toObject().value(QStringLiteral("status")).toString() !=
                          QLatin1String("running"))
                (void)QmpSync::call(**qmp, QStringLiteral("cont"), {}, 10000);
        }
        QFile::remove(library.savedStatePath(vm));
    }
    QFile::remove(library.savedStatePath(vm) + QStringLiteral(".partial"));
    noteSaveEnded(rt);
}

} // namespace vireo
