#pragma once
// What the guest-booting integration tests share: vireoctl on a private library (with its
// own runtime and cache folders) and waiting for the test guest's console markers.
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

namespace guesttest {

struct Run {
    int code = -1;
    QString out;
    QString err;
};

inline const QString kGuest = QStringLiteral(VIREO_GUEST_DIR);
// The test guest's kernel command line: its console on the serial port, no crypto
// self-tests, and a panic ends the VM.
inline const QString kGuestCmdline =
    QStringLiteral("console=ttyS0 quiet cryptomgr.notests panic=-1");

// 2 MiB pages in the kernel's pool (-1 where the kernel has none).
inline int nrHugepages() {
    QFile f(QStringLiteral("/proc/sys/vm/nr_hugepages"));
    return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed().toInt() : -1;
}

// The sha256 of the first `mib` MiB of the first disk of `vm` in library `lib` (a backup
// restored there), read as the guest reads its disk; `scratch` holds a raw copy meanwhile.
inline QString restoredDiskSum(const QString& lib, const QString& vm, const QString& scratch,
                               int mib) {
    QProcess p;
    p.start(QStringLiteral("qemu-img"),
            {QStringLiteral("convert"), QStringLiteral("-O"), QStringLiteral("raw"),
             lib + QLatin1Char('/') + vm + QStringLiteral("/disk0.qcow2"), scratch});
    p.waitForFinished(120000);
    QFile f(scratch);
    if (!f.open(QIODevice::ReadOnly)) return {};
    const QString sum = QString::fromLatin1(
        QCryptographicHash::hash(f.read(qint64(mib) << 20), QCryptographicHash::Sha256).toHex());
    f.remove();
    return sum;
}

// A console log up to its last line end. Waits match only these, so a line still arriving
// (an address cut at "10.80.2") is never read as a whole answer.
inline QString completeLines(const QString& log) {
    return log.left(log.lastIndexOf(QLatin1Char('\n')) + 1);
}

// A new network namespace `ns` with its loopback up; false when a step failed.
inline bool addNamespace(const QString& ns) {
    return QProcess::execute(QStringLiteral("ip"),
                             {QStringLiteral("netns"), QStringLiteral("add"), ns}) == 0 &&
           QProcess::execute(QStringLiteral("ip"),
                             {QStringLiteral("netns"), QStringLiteral("exec"), ns,
                              QStringLiteral("ip"), QStringLiteral("link"), QStringLiteral("set"),
                              QStringLiteral("lo"), QStringLiteral("up")}) == 0;
}

// argv run inside network namespace `ns` (ip netns exec).
inline Run runInNamespace(const QString& ns, const QStringList& argv) {
    QProcess p;
    p.start(QStringLiteral("ip"),
            QStringList{QStringLiteral("netns"), QStringLiteral("exec"), ns} + argv);
    p.waitForFinished(60000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

class GuestLab {
public:
    // Creates the library, runtime and cache folders and points this process (and every
    // vireoctl it runs) at them.
    bool init() {
        if (!m_dir.isValid()) return false;
        m_lib = m_dir.filePath(QStringLiteral("lib"));
        QDir().mkpath(m_dir.filePath(QStringLiteral("run")));
        qputenv("XDG_RUNTIME_DIR", m_dir.filePath(QStringLiteral("run")).toUtf8());
        qputenv("XDG_CACHE_HOME", m_dir.filePath(QStringLiteral("cache")).toUtf8());
        return true;
    }
    const QString& lib() const { return m_lib; }
    // Runs every vireoctl under this prefix, e.g. {"ip", "netns", "exec", NS}.
    void setCommandPrefix(const QStringList& prefix) { m_prefix = prefix; }
    QString path(const QString& name) const { return m_dir.filePath(name); }
    QString runtimeDir() const { return m_dir.filePath(QStringLiteral("run")); }

    // `input`, when not null, is written to vireoctl's stdin (a console session).
    Run vireoctl(const QStringList& args, const QByteArray& input = {},
                 int timeoutMs = 300000) const {
        QProcess p;
        const QStringList argv =
            m_prefix +
            QStringList{QStringLiteral(VIREOCTL_PATH), QStringLiteral("--library"), m_lib} + args;
        p.start(argv.first(), argv.mid(1));
        p.waitForStarted();
        if (!input.isNull()) {
            p.write(input);
            p.closeWriteChannel();
        }
        p.waitForFinished(timeoutMs);
        Run r{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
              QString::fromUtf8(p.readAllStandardOutput()),
              QString::fromUtf8(p.readAllStandardError())};
        if (r.code != 0) qInfo() << "vireoctl" << args << "->" << r.code << r.err.trimmed();
        return r;
    }

    // Powers off every VM of the library (test clean-up).
    void killAll() const {
        const Run r =
            vireoctl({QStringLiteral("vm"), QStringLiteral("list"), QStringLiteral("--json")});
        for (const auto& v : QJsonDocument::fromJson(r.out.toUtf8()).array())
            vireoctl({QStringLiteral("vm"), QStringLiteral("kill"),
                      v.toObject().value(QStringLiteral("name")).toString()});
    }

    QString consoleLog(const QString& vm) const {
        QFile f(m_lib + QLatin1Char('/') + vm + QStringLiteral("/console.log"));
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }
    int countMarker(const QString& vm, const QString& pattern) const {
        int n = 0;
        for (auto it = QRegularExpression(pattern).globalMatch(consoleLog(vm)); it.hasNext();
             it.next())
            ++n;
        return n;
    }
    // Waits until the console matches the regular expression more than `already` times.
    bool waitForMarker(const QString& vm, const QString& pattern, int already = 0,
                       int timeoutMs = 120000) const {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < timeoutMs) {
            if (countMarker(vm, pattern) > already) return true;
            QTest::qWait(100);
        }
        qWarning().noquote() << "marker" << pattern << "not seen; console log tail:\n"
                             << consoleLog(vm).right(1500);
        return false;
    }

    // The first capture of `pattern` in the console's complete lines once it appears (or ""
    // on timeout).
    QString waitForCapture(const QString& vm, const QString& pattern, int timeoutMs = 60000) const {
        const QRegularExpression re(pattern);
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < timeoutMs) {
            const auto m = re.match(completeLines(consoleLog(vm)));
            if (m.hasMatch()) return m.captured(1);
            QTest::qWait(100);
        }
        qWarning().noquote() << "not seen in" << vm << ":" << pattern << "\n"
                             << consoleLog(vm).right(1200);
        return {};
    }
    // Types a shell command on the guest's console; "ok" or "fail" by its exit status.
    QString ask(const QString& vm, const QString& command, int timeoutMs = 60000) {
        const QString tag = QStringLiteral("Q%1").arg(++m_tag);
        // The tag is printed through $((...)) so the echoed command line never matches.
        vireoctl({QStringLiteral("console"), vm},
                 QStringLiteral("%1 && echo %2-$((1+1))-ok || echo %2-$((1+1))-fail\n")
                     .arg(command, tag)
                     .toUtf8());
        return waitForCapture(vm, QStringLiteral("%1-2-(ok|fail)").arg(tag), timeoutMs);
    }

private:
    QStringList m_prefix;
    int m_tag = 0;
    QTemporaryDir m_dir;
    QString m_lib;
};

} // namespace guesttest
