#include "vm/ProcessStats.h"

#include <QElapsedTimer>
#include <QFile>

#include <unistd.h>

namespace vireo {

namespace {

QByteArray readProcFile(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

qint64 fieldAfter(const QByteArray& text, const QByteArray& key) {
    const qsizetype at = text.indexOf(key);
    if (at < 0) return -1;
    const qsizetype from = at + key.size();
    const qsizetype end = text.indexOf('\n', from);
    return text.mid(from, end < 0 ? -1 : end - from).trimmed().split(' ').first().toLongLong();
}

// The fields of /proc/PID/stat after the command name, so index 0 is the state (field 3).
// The name (field 2) may hold spaces and parentheses: the fields start after the last ')'.
QList<QByteArray> statFields(pid_t pid, const QString& procRoot) {
    const QByteArray stat = readProcFile(QStringLiteral("%1/%2/stat").arg(procRoot).arg(pid));
    const qsizetype close = stat.lastIndexOf(')');
    return close < 0 ? QList<QByteArray>() : stat.mid(close + 2).split(' ');
}

} // namespace

Result<ProcessSample> sampleProcess(pid_t pid, const QString& procRoot) {
    const QString dir = QStringLiteral("%1/%2/").arg(procRoot).arg(pid);
    const QList<QByteArray> fields = statFields(pid, procRoot);
    if (fields.isEmpty())
        return makeError(ErrorCode::NotFound, QStringLiteral("process %1 is not running").arg(pid));
    // utime and stime are fields 14 and 15.
    if (fields.size() < 13)
        return makeError(ErrorCode::Io, QStringLiteral("cannot parse %1stat").arg(dir));
    static const qint64 ticksPerSecond = ::sysconf(_SC_CLK_TCK);
    ProcessSample s;
    QElapsedTimer clock;
    clock.start();
    s.atMs = clock.msecsSinceReference();
    s.cpuNs = (fields[11].toLongLong() + fields[12].toLongLong()) * 1000000000LL / ticksPerSecond;
    const qint64 rssKb = fieldAfter(readProcFile(dir + QStringLiteral("status")), "VmRSS:");
    s.rssBytes = rssKb > 0 ? rssKb * 1024 : 0;
    const QByteArray io = readProcFile(dir + QStringLiteral("io")); // unreadable: another user
    s.readBytes = std::max<qint64>(0, fieldAfter(io, "read_bytes:"));
    s.writeBytes = std::max<qint64>(0, fieldAfter(io, "\nwrite_bytes:"));
    return s;
}

Result<qint64> processUptimeSeconds(pid_t pid, const QString& procRoot) {
    const QList<QByteArray> fields = statFields(pid, procRoot);
    // starttime is field 22: index 19 after the state (field 3).
    const double systemUp =
        readProcFile(procRoot + QStringLiteral("/uptime")).split(' ').first().toDouble();
    if (fields.size() < 20 || systemUp <= 0)
        return makeError(ErrorCode::NotFound, QStringLiteral("process %1 is not running").arg(pid));
    const double started = fields[19].toDouble() / double(::sysconf(_SC_CLK_TCK));
    return std::max<qint64>(0, qint64(systemUp - started));
}

Result<QDateTime> processStartTime(pid_t pid, const QString& procRoot) {
    const QList<QByteArray> fields = statFields(pid, procRoot);
    // Boot time (btime in /proc/stat) + starttime ticks: exact, unlike now - uptime.
    const qint64 bootTime = fieldAfter(readProcFile(procRoot + QStringLiteral("/stat")), "btime ");
    if (fields.size() < 20 || bootTime <= 0)
        return makeError(ErrorCode::NotFound, QStringLiteral("process %1 is not running").arg(pid));
    const qint64 started = bootTime + fields[19].toLongLong() / ::sysconf(_SC_CLK_TCK);
    return QDateTime::fromSecsSinceEpoch(started, Qt::UTC);
}

ProcessRates ratesBetween(const ProcessSample& earlier, const ProcessSample& later) {
    ProcessRates r;
    r.rssBytes = later.rssBytes;
    const double seconds = (later.atMs - earlier.atMs) / 1000.0;
    if (seconds <= 0) return r;
    r.cpuPercent = std::max(0.0, (later.cpuNs - earlier.cpuNs) / 1e9 / seconds * 100.0);
    r.readBytesPerSec = std::max(0.0, (later.readBytes - earlier.readBytes) / seconds);
    r.writeBytesPerSec = std::max(0.0, (later.writeBytes - earlier.writeBytes) / seconds);
    return r;
}

} // namespace vireo
