#include "vm/StateJobJournal.h"

#include "qemu/QmpSync.h"
#include "store/AtomicFile.h"
#include "vm/VmRuntime.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QThread>

#include <cerrno>
#include <csignal>
#include <optional>
#include <unistd.h>

namespace vireo {

namespace {

QString journalPath(const Library& library, const QString& vm) {
    return library.vmDir(vm) + QStringLiteral("/state-job");
}

// The journal's first line names the job; the second is the pid of the process running it.
constexpr char kSaveOfRunning[] = "save running";
constexpr char kSaveOfPaused[] = "save paused";
constexpr char kRestore[] = "restore";

Status writeJournal(const Library& library, const QString& vm, const char* job) {
    return writeFileAtomically(journalPath(library, vm),
                               QByteArray(job) + '\n' + QByteArray::number(::getpid()) + '\n');
}

struct Journal {
    QByteArray job;
    pid_t owner = 0;
};

std::optional<Journal> readJournal(const Library& library, const QString& vm) {
    const auto bytes = readWholeFile(journalPath(library, vm));
    if (!bytes) return std::nullopt;
    const QList<QByteArray> lines = bytes->split('\n');
    Journal j;
    j.job = lines.value(0);
    j.owner = static_cast<pid_t>(lines.value(1).toInt());
    return j;
}

bool migrationActive(const QString& status) {
    return status == QLatin1String("setup") || status == QLatin1String("active") ||
           status == QLatin1String("device") || status == QLatin1String("pre-switchover") ||
           status == QLatin1String("cancelling") || status == QLatin1String("wait-unplug");
}

QString migrationStatus(QmpClient& qmp) {
    auto r = QmpSync::call(qmp, QStringLiteral("query-migrate"), {}, 3000);
    return r ? r->toObject().value(QStringLiteral("status")).toString() : QString();
}

QString runState(QmpClient& qmp) {
    auto r = QmpSync::call(qmp, QStringLiteral("query-status"), {}, 3000);
    return r ? r->toObject().value(QStringLiteral("status")).toString() : QString();
}

void undoSave(QmpClient& qmp, bool wasRunning, const Library& library, const QString& vm) {
    if (migrationActive(migrationStatus(qmp))) {
        (void)QmpSync::call(qmp, QStringLiteral("migrate_cancel"), {}, 3000);
        QDeadlineTimer deadline(5000);
        while (migrationActive(migrationStatus(qmp)) && !deadline.hasExpired())
            QThread::msleep(20);
    }
    // After a completed migration QEMU gives the disks back to the guest on "cont".
    if (wasRunning && runState(qmp) != QLatin1String("running"))
        (void)QmpSync::call(qmp, QStringLiteral("cont"), {}, 10000);
    QFile::remove(library.savedStatePath(vm));
}

} // namespace

Status noteSaveStarted(const Library& library, const QString& vm, bool wasRunning) {
    return writeJournal(library, vm, wasRunning ? kSaveOfRunning : kSaveOfPaused);
}

Status noteRestoreStarted(const Library& library, const QString& vm) {
    return writeJournal(library, vm, kRestore);
}

void noteStateJobEnded(const Library& library, const QString& vm) {
    QFile::remove(journalPath(library, vm));
}

bool hasUnfinishedStateJob(const Library& library, const QString& vm) {
    return QFileInfo::exists(journalPath(library, vm));
}

bool stateJobOwnerGone(const Library& library, const QString& vm) {
    const auto journal = readJournal(library, vm);
    return journal && (journal->owner <= 0 || (::kill(journal->owner, 0) != 0 && errno == ESRCH));
}

void undoUnfinishedStateJob(const Library& library, const VmSpec& spec, const VmRuntime& rt) {
    const auto journal = readJournal(library, spec.name);
    if (!journal) return;
    const bool save = journal->job == kSaveOfRunning || journal->job == kSaveOfPaused;
    if (rt.livePid()) {
        auto qmp = QmpSync::connect(rt.qmpSocket(), 3000);
        if (save) {
            if (!qmp) return;
            undoSave(**qmp, journal->job == kSaveOfRunning, library, spec.name);
        } else if (journal->job == kRestore) {
            if (qmp && runState(**qmp) == QLatin1String("running")) {
                // The state was taken and the guest runs on from it: the file is the past.
                QFile::remove(library.savedStatePath(spec.name));
            } else {
                // Still taking the state (or, its incoming migration broken, on its way out).
                if (qmp) qmp->reset();
                if (!rt.endQemu()) return;
            }
        }
    }
    QFile::remove(library.savedStatePath(spec.name) + QStringLiteral(".partial"));
    noteStateJobEnded(library, spec.name);
}

} // namespace vireo
