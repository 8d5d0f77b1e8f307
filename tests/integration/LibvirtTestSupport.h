#pragma once
// What the libvirt tests share: two libvirt hosts on this machine
// (tests/libvirt/two-hosts.sh) added as remotes h1 and h2 of a private library, vireoctl
// sessions whose output is read as it comes, and virsh as "someone else" on those hosts.
#include "GuestTestSupport.h"

#include <QStandardPaths>
#include <csignal>
#include <unistd.h>

using namespace guesttest;

namespace libvirttest {

const QString kCmdline =
    QStringLiteral("console=ttyS0 quiet cryptomgr.notests panic=-1 vireo.counter");
const QString kHarness = QStringLiteral(VIREO_SOURCE_DIR "/tests/libvirt/two-hosts.sh");
const QString kUri1 = QStringLiteral("qemu+tcp://10.77.0.1/system");
const QString kUri2 = QStringLiteral("qemu+tcp://10.77.0.2/system");

// A long-running vireoctl (console, events) whose output is collected as it comes.
class Session {
public:
    Session(const QString& lib, const QStringList& args) {
        m_p.start(QStringLiteral(VIREOCTL_PATH),
                  QStringList{QStringLiteral("--library"), lib} + args);
        m_p.waitForStarted();
    }
    ~Session() {
        m_p.kill();
        m_p.waitForFinished(5000);
    }
    // Waits until stdout matches `pattern`; returns the last match (empty on timeout).
    QRegularExpressionMatch waitFor(const QString& pattern, int timeoutMs, int minCount = 1) {
        const QRegularExpression re(pattern);
        QElapsedTimer t;
        t.start();
        for (;;) {
            m_out += QString::fromUtf8(m_p.readAllStandardOutput());
            m_err += QString::fromUtf8(m_p.readAllStandardError());
            QRegularExpressionMatch last;
            int n = 0;
            for (auto it = re.globalMatch(m_out); it.hasNext(); ++n)
                last = it.next();
            if (n >= minCount) return last;
            if (t.elapsed() > timeoutMs || m_p.state() == QProcess::NotRunning) return {};
            m_p.waitForReadyRead(100);
        }
    }
    // Everything it printed so far.
    QString output() const { return m_out; }
    QString err() {
        m_err += QString::fromUtf8(m_p.readAllStandardError());
        return m_err;
    }
    bool finished(int timeoutMs) { return m_p.waitForFinished(timeoutMs); }
    void interrupt() { ::kill(pid_t(m_p.processId()), SIGINT); }
    int exitCode() const { return m_p.exitCode(); }

private:
    QProcess m_p;
    QString m_out;
    QString m_err;
};

// The test guest's counter line, whole: output comes in chunks, and one may end mid-number
// ("tick 1" of "tick 15").
const QString kTick = QStringLiteral("tick (\\d+)\\r?\\n");

inline int lastTick(const QRegularExpressionMatch& m) {
    return m.hasMatch() ? m.captured(1).toInt() : -1;
}

// The base of the libvirt test classes: the hosts, the library and the helpers.
class LibvirtHostsTest : public QObject {
protected:
    // Why the hosts cannot be built here ("" when they can).
    static QString skipReason() {
        if (::geteuid() != 0)
            return QStringLiteral("needs root: builds network namespaces and runs two libvirtd");
        for (const char* tool : {"libvirtd", "virtlogd", "virsh"})
            if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty() &&
                !QFile::exists(QStringLiteral("/usr/sbin/") + QString::fromLatin1(tool)))
                return QStringLiteral("%1 is not installed (libvirt-daemon, libvirt-clients)")
                    .arg(QString::fromLatin1(tool));
        return {};
    }
    // Builds both hosts and adds them as remotes h1 and h2.
    bool bringUp() {
        if (!m_lab.init()) return false;
        qputenv("VIREO_ACCEL", "tcg"); // libvirt sees /dev/kvm, but guests die on it here
        m_state = m_lab.path(QStringLiteral("hosts"));
        if (harness({QStringLiteral("up")}) != 0) return false;
        m_up = true;
        return vireoctl(
                   {QStringLiteral("remote"), QStringLiteral("add"), QStringLiteral("h1"), kUri1})
                       .code == 0 &&
               vireoctl(
                   {QStringLiteral("remote"), QStringLiteral("add"), QStringLiteral("h2"), kUri2})
                       .code == 0;
    }
    void tearDown() {
        if (m_up) harness({QStringLiteral("down")});
    }

    Run vireoctl(const QStringList& args) { return m_lab.vireoctl(args); }
    Run remote(const QString& name, const QStringList& args) {
        return m_lab.vireoctl(QStringList{QStringLiteral("--remote"), name} + args);
    }
    QJsonObject vmOn(const QString& remoteName, const QString& vm) {
        const Run r = remote(
            remoteName, {QStringLiteral("--json"), QStringLiteral("vm"), QStringLiteral("list")});
        for (const auto& v : QJsonDocument::fromJson(r.out.toUtf8()).array())
            if (v.toObject().value(QStringLiteral("name")).toString() == vm) return v.toObject();
        return {};
    }
    int harness(const QStringList& args) {
        QProcess p;
        p.start(QStringLiteral("bash"), QStringList{kHarness, args.first(), m_state} + args.mid(1));
        p.waitForFinished(120000);
        if (p.exitCode() != 0) qWarning() << "two-hosts.sh" << args << p.readAllStandardError();
        return p.exitCode();
    }
    QString virshOut(const QString& uri, const QStringList& args) {
        QProcess p;
        p.start(QStringLiteral("virsh"),
                QStringList{QStringLiteral("-q"), QStringLiteral("-c"), uri} + args);
        p.waitForFinished(60000);
        return QString::fromUtf8(p.readAllStandardOutput());
    }
    int virsh(const QString& uri, const QStringList& args) {
        QProcess p;
        p.start(QStringLiteral("virsh"),
                QStringList{QStringLiteral("-q"), QStringLiteral("-c"), uri} + args);
        p.waitForFinished(60000);
        return p.exitCode();
    }
    GuestLab m_lab;
    QString m_state;
    bool m_up = false;
};

} // namespace libvirttest
