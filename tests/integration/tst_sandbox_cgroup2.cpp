// The cgroup v2 driver where sandboxes' groups go, on this kernel's own cgroup2 hierarchy:
// v2 lets a group hand controllers to its children only while it holds no process, so a
// runtime started from a populated group (a systemd login's session scope) must not make
// the sandboxes' groups under its own. Needs root and a cgroup2 mount with a controller.
#include "SandboxTestSupport.h"
#include "sandbox/runtime/Cgroup.h"
#include "sandbox/runtime/CgroupLayout.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QtTest>

#include <fcntl.h>
#include <linux/sched.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace vireo;
using namespace vireo::test;

namespace {

bool writeText(const QString& path, const QByteArray& text) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text) == text.size() && f.flush();
}

QString readText(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readAll()).trimmed() : QString();
}

} // namespace

class TestSandboxCgroup2 : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void groupsGoUnderAFolderOfTheirOwnWhenOursHoldsProcesses() {
        if (::geteuid() != 0) QSKIP("needs root: the groups go at the cgroup2 root");
        const CgroupLayout start = probeCgroupLayout();
        if (start.v2Mount.empty()) QSKIP("this kernel has no cgroup2 mount");
        if (start.v2Controllers.empty())
            QSKIP("the cgroup2 mount offers no controller to hand down to a group");
        const QString mount = QString::fromStdString(start.v2Mount);
        const QString own = QString::fromStdString(start.v2OwnDir());
        const std::string controller = start.v2Controllers.front(); // hugetlb on a hybrid host
        const QString enable = QStringLiteral("+") + QString::fromStdString(controller);
        const QString rootControl = mount + QStringLiteral("/cgroup.subtree_control");
        const bool rootHadIt =
            readText(rootControl).split(QLatin1Char(' ')).contains(enable.mid(1));
        const QString folder = mount + QStringLiteral("/vireo");
        const bool folderWasThere = QFileInfo(folder).isDir();

        // A group like a login's session scope, with this process in it.
        const QString session = mount + QStringLiteral("/vireo-test-session.%1").arg(::getpid());
        QVERIFY(QDir().mkpath(session));
        QVERIFY(writeText(session + QStringLiteral("/cgroup.procs"), "0"));
        const auto back = qScopeGuard([&] {
            writeText(own + QStringLiteral("/cgroup.procs"), "0");
            QDir().rmdir(session);
            if (!folderWasThere) QDir().rmdir(folder);
            if (!rootHadIt) writeText(rootControl, QByteArray("-") + controller.c_str());
        });
        // The kernel's rule this is about: our group cannot hand the controller down.
        QVERIFY(writeText(rootControl, enable.toLatin1()));
        QVERIFY(!writeText(session + QStringLiteral("/cgroup.subtree_control"), enable.toLatin1()));

        const CgroupLayout layout = probeCgroupLayout();
        QCOMPARE(QString::fromStdString(layout.v2OwnDir()), session);
        QCOMPARE(QString::fromStdString(layout.v2SandboxParent()), folder);
        const auto parents = sandboxCgroupParents(layout);
        QVERIFY(std::find(parents.begin(), parents.end(), folder.toStdString()) !=
                parents.end()); // where a killed run's groups are looked for

        const QString name = QStringLiteral("vireo-sb.v2parent.%1").arg(::getpid());
        // Under our own group, the sandbox's group could not get the controller.
        const MaybeFault underOwn =
            makeCgroupV2Driver(layout.v2OwnDir(), name.toStdString(), {controller})
                ->create(SandboxLimits{});
        QVERIFY(underOwn);
        QVERIFY2(underOwn->message.find("cgroup.subtree_control") != std::string::npos,
                 underOwn->message.c_str());
        auto d = makeCgroupV2Driver(layout.v2SandboxParent(), name.toStdString(), {controller});
        const MaybeFault made = d->create(SandboxLimits{});
        QVERIFY2(!made, made ? made->message.c_str() : "");
        const QString group = folder + QLatin1Char('/') + name;
        QVERIFY(QFileInfo(group).isDir());
        QVERIFY(readText(folder + QStringLiteral("/cgroup.subtree_control"))
                    .split(QLatin1Char(' '))
                    .contains(enable.mid(1)));
        QVERIFY(QFileInfo::exists(group + QStringLiteral("/") + QString::fromStdString(controller) +
                                  QStringLiteral(".2MB.max")) ||
                controller != "hugetlb");
        // A process cloned into it is born there, not in our group.
        QCOMPARE(cgroup2OfChildBornIn(d->cloneIntoFd()), QStringLiteral("/vireo/") + name);
        QVERIFY(!d->destroy());
        QVERIFY(!QFileInfo::exists(group));
    }
};

QTEST_GUILESS_MAIN(TestSandboxCgroup2)
#include "tst_sandbox_cgroup2.moc"
