#include "vm/CpuPinning.h"

#include "qemu/QmpSync.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QSet>

#include <cerrno>
#include <cstring>
#include <sched.h>

namespace vireo {

namespace {

Status pinThread(pid_t tid, const QVector<int>& cpus, const QString& what) {
    cpu_set_t set;
    CPU_ZERO(&set);
    for (int c : cpus)
        CPU_SET(c, &set);
    if (::sched_setaffinity(tid, sizeof set, &set) != 0)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("cannot pin %1 to host CPU(s) %2: %3")
                             .arg(
                                 what,
                                 [&] {
                                     QStringList l;
                                     for (int c : cpus)
                                         l << QString::number(c);
                                     return l.join(QLatin1Char(','));
                                 }(),
                                 QString::fromLocal8Bit(std::strerror(errno))),
                         QStringLiteral("pick CPUs this host has and this process may use (see "
                                        "'vireoctl host topology')"));
    return {};
}

} // namespace

Status applyCpuPinning(QmpClient& qmp, pid_t qemuPid, const PerformanceSpec& perf) {
    if (perf.vcpuPins.isEmpty() && perf.emulatorPins.isEmpty()) return {};
    auto cpus = QmpSync::call(qmp, QStringLiteral("query-cpus-fast"));
    if (!cpus) return cpus.error();
    QSet<pid_t> vcpuThreads;
    for (const auto& c : cpus->toArray()) {
        const auto o = c.toObject();
        const int index = o.value(QStringLiteral("cpu-index")).toInt();
        const auto tid = static_cast<pid_t>(o.value(QStringLiteral("thread-id")).toInteger());
        vcpuThreads.insert(tid);
        if (index < perf.vcpuPins.size())
            VIREO_TRY(pinThread(tid, {perf.vcpuPins[index]}, QStringLiteral("vCPU %1").arg(index)));
    }
    if (perf.emulatorPins.isEmpty()) return {};
    for (const auto& t : QDir(QStringLiteral("/proc/%1/task").arg(qemuPid))
                             .entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const auto tid = static_cast<pid_t>(t.toInt());
        if (vcpuThreads.contains(tid)) continue;
        // A thread that ended meanwhile is no error.
        if (auto s = pinThread(tid, perf.emulatorPins, QStringLiteral("QEMU thread %1").arg(tid));
            !s && QFile::exists(QStringLiteral("/proc/%1/task/%2").arg(qemuPid).arg(tid)))
            return s;
    }
    return {};
}

QString threadAffinity(pid_t pid, pid_t tid) {
    QFile f(QStringLiteral("/proc/%1/task/%2/status").arg(pid).arg(tid));
    if (!f.open(QIODevice::ReadOnly)) return {};
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith("Cpus_allowed_list:"))
            return QString::fromLatin1(line.mid(18)).trimmed();
    return {};
}

} // namespace vireo
