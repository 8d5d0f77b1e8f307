// SR-IOV VFs given to VMs, on a copy of the captured ConnectX-4 Lx host with its VFs in
// IOMMU groups of their own (as on a board with ACS): the VF pool, the MAC and VLAN set
// through the PF before the VM runs, and everything given back — by the backend, by a
// failed start through vireoctl, and by the supervisor when QEMU ends.
#include "passthrough/SriovConfig.h"
#include "qemu/DetachedLauncher.h"
#include "spec/VmSpecJson.h"
#include "store/Library.h"
#include "vm/VmHostDevices.h"
#include "vm/VmRuntime.h"

#include "HostTree.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

using namespace vireo;
using namespace vireo::test;

namespace {

const QString kTree = QStringLiteral("21-sriov-cx4lx-vfs-share-pf-group-c246");
const QString kPf = QStringLiteral("0000:01:00.0");
const QString kPfIf = QStringLiteral("enp1s0f0np0");
const QStringList kVfs{QStringLiteral("0000:01:00.2"), QStringLiteral("0000:01:00.3")};

QByteArray vfRecord(const Tree& t, int vf) {
    return t.read(QStringLiteral("vireo-capture/ip-link-vf/%1/%2").arg(kPfIf).arg(vf));
}

} // namespace

class TestSriovVms : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() {
        m_tree = std::make_unique<Tree>(kTree);
        if (!m_tree->ok()) QSKIP("the SR-IOV host tree (../shared/fixtures/hosts) is not here");
        Tree& t = *m_tree;
        // The PF with its driver's interface; its VFs with mlx5_core, each alone in a group.
        QVERIFY(QDir().mkpath(t.path() + QStringLiteral("/sys/devices/pci0000:00/") + kPf +
                              QStringLiteral("/net/") + kPfIf));
        for (int i = 0; i < kVfs.size(); ++i) {
            const QString group = QString::number(20 + i);
            QVERIFY(QFile::remove(t.path() + QStringLiteral("/sys/kernel/iommu_groups/1/devices/") +
                                  kVfs[i]));
            t.write(QStringLiteral("sys/kernel/iommu_groups/%1/devices/%2").arg(group, kVfs[i]),
                    ("../../../../devices/pci0000:00/" + kVfs[i]).toUtf8());
            t.write(QStringLiteral("sys/devices/pci0000:00/%1/iommu_group").arg(kVfs[i]),
                    ("../../../kernel/iommu_groups/" + group).toUtf8());
            t.bind(kVfs[i], QStringLiteral("mlx5_core"));
        }
        // VF 0 was set up by hand before Vireo took it.
        t.write(QStringLiteral("vireo-capture/ip-link-vf/%1/0").arg(kPfIf),
                "mac 02:11:22:33:44:55 vlan 0 spoofchk off\n");
        QVERIFY(m_run.isValid());
        qputenv("VIREO_HOST_ROOT", t.path().toUtf8());
        qputenv("XDG_RUNTIME_DIR", m_run.path().toUtf8());
    }
    void cleanup() {
        qunsetenv("VIREO_HOST_ROOT");
        m_tree.reset();
    }

    // Two VMs asking for "any VF" get one each; a third finds none free; a VF a VM holds
    // is refused by name; release gives the VF its driver and its old settings back.
    void vfPoolTakesAndGivesBack() {
        const Tree& t = *m_tree;
        auto vm = [](const QString& name, int vf, const QString& mac) {
            VmSpec s;
            s.name = name;
            s.sriovVfs = {SriovVfSpec{kPf, vf, mac, 10}};
            return s;
        };
        const QString dirA = VmRuntime::runtimeRoot() + QStringLiteral("/a");
        const QString dirB = VmRuntime::runtimeRoot() + QStringLiteral("/b");
        const QString dirC = VmRuntime::runtimeRoot() + QStringLiteral("/c");
        for (const auto& d : {dirA, dirB, dirC})
            QVERIFY(QDir().mkpath(d));

        auto a =
            takeHostDevices(vm(QStringLiteral("a"), -1, QStringLiteral("52:54:00:00:00:0a")), dirA);
        QVERIFY2(a.ok(), a.ok() ? "" : qPrintable(a.error().line()));
        QCOMPARE(a->vfAddresses, QStringList{kVfs[0]});
        QCOMPARE(driverOf(t.host(), kVfs[0]), QStringLiteral("vfio-pci"));
        QCOMPARE(vfRecord(t, 0), QByteArray("mac 52:54:00:00:00:0a vlan 10 spoofchk on\n"));
        QCOMPARE(heldVfs().value(kVfs[0]), QStringLiteral("a"));

        auto b =
            takeHostDevices(vm(QStringLiteral("b"), -1, QStringLiteral("52:54:00:00:00:0b")), dirB);
        QVERIFY2(b.ok(), b.ok() ? "" : qPrintable(b.error().line()));
        QCOMPARE(b->vfAddresses, QStringList{kVfs[1]});

        auto none =
            takeHostDevices(vm(QStringLiteral("c"), -1, QStringLiteral("52:54:00:00:00:0c")), dirC);
        QVERIFY(!none.ok());
        QVERIFY2(none.error().message.startsWith(QStringLiteral("VM 'c': ")) &&
                     none.error().message.contains(QStringLiteral("no free VF")),
                 qPrintable(none.error().line()));
        auto held =
            takeHostDevices(vm(QStringLiteral("c"), 0, QStringLiteral("52:54:00:00:00:0c")), dirC);
        QVERIFY(!held.ok());
        QVERIFY2(held.error().message.contains(QStringLiteral("is held by VM 'a'")),
                 qPrintable(held.error().line()));
        QVERIFY(!QFileInfo::exists(dirC + QStringLiteral("/host-devices.json")));

        QCOMPARE(releaseHostDevices(dirA), QStringList());
        QCOMPARE(driverOf(t.host(), kVfs[0]), QStringLiteral("mlx5_core"));
        QCOMPARE(vfRecord(t, 0), QByteArray("mac 02:11:22:33:44:55 vlan 0 spoofchk off\n"));
        QVERIFY(!heldVfs().contains(kVfs[0]));
        QCOMPARE(releaseHostDevices(dirA), QStringList()); // nothing left: a no-op
        // A VF nobody had set up goes back to no MAC, untagged.
        QCOMPARE(releaseHostDevices(dirB), QStringList());
        QCOMPARE(vfRecord(t, 1), QByteArray("mac 00:00:00:00:00:00 vlan 0 spoofchk on\n"));
        QCOMPARE(driverOf(t.host(), kVfs[1]), QStringLiteral("mlx5_core"));
    }

    // Like libvirt's managed hostdevs: a PCI device Vireo handed to vfio-pci at start goes
    // back to its driver; one that was with vfio-pci before (bound at boot) stays there.
    void managedPciDevicesGoBack() {
        Tree& t = *m_tree;
        t.bind(kVfs[1], QStringLiteral("vfio-pci"));
        VmSpec spec;
        spec.name = QStringLiteral("pci");
        spec.hostPci = kVfs;
        const QString dir = VmRuntime::runtimeRoot() + QStringLiteral("/pci");
        QVERIFY(QDir().mkpath(dir));
        auto taken = takeHostDevices(spec, dir);
        QVERIFY2(taken.ok(), taken.ok() ? "" : qPrintable(taken.error().line()));
        QCOMPARE(driverOf(t.host(), kVfs[0]), QStringLiteral("vfio-pci"));
        QCOMPARE(releaseHostDevices(dir), QStringList());
        QCOMPARE(driverOf(t.host(), kVfs[0]), QStringLiteral("mlx5_core"));
        QCOMPARE(driverOf(t.host(), kVfs[1]), QStringLiteral("vfio-pci"));
    }

    // Through vireoctl: a VM is given "any VF" with a VLAN and gets a MAC of its own; bad
    // VFs are one line; a start QEMU refuses (no such device on this machine) leaves the
    // VF as it was.
    void vmWithAVfThroughTheCli() {
        const Tree& t = *m_tree;
        QTemporaryDir lib;
        auto ctl = [&](const QStringList& args, QString* out = nullptr, QString* err = nullptr) {
            QProcess p;
            p.start(QStringLiteral(VIREOCTL_PATH),
                    QStringList{QStringLiteral("--library"), lib.path()} + args);
            p.waitForFinished(60000);
            if (out) *out = QString::fromUtf8(p.readAllStandardOutput());
            // The first VM start on a fresh host also warns which accelerator it chose (once:
            // the choice is cached); only the error lines are under test here.
            if (err)
                *err = QString::fromUtf8(p.readAllStandardError())
                           .split(QLatin1Char('\n'))
                           .filter(QRegularExpression(QStringLiteral("^(?!vireoctl: warning:)")))
                           .join(QLatin1Char('\n'));
            return p.exitCode();
        };
        QString out, err;
        QCOMPARE(ctl({QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("nic"),
                      QStringLiteral("--memory"), QStringLiteral("128M"), QStringLiteral("--nic"),
                      QStringLiteral("none"), QStringLiteral("--sriov-vf"),
                      kPf + QStringLiteral(",vlan=10")},
                     nullptr, &err),
                 0);
        ctl({QStringLiteral("vm"), QStringLiteral("show"), QStringLiteral("nic")}, &out);
        const QJsonObject vf = QJsonDocument::fromJson(out.toUtf8())
                                   .object()
                                   .value(QStringLiteral("sriovVfs"))
                                   .toArray()
                                   .first()
                                   .toObject();
        QCOMPARE(vf.value(QStringLiteral("pf")).toString(), kPf);
        QCOMPARE(vf.value(QStringLiteral("vf")).toInt(), -1);
        QCOMPARE(vf.value(QStringLiteral("vlan")).toInt(), 10);
        const QString mac = vf.value(QStringLiteral("mac")).toString();
        QVERIFY2(mac.startsWith(QStringLiteral("52:54:00:")), qPrintable(out));

        for (const auto& [bad, says] :
             {std::pair{QStringLiteral("0000:01:00.0/7"), QStringLiteral("has no VF 7")},
              std::pair{QStringLiteral("0000:01:00.2"), QStringLiteral("not an SR-IOV card")},
              std::pair{QStringLiteral("0000:01:00.0,vlan=5000"),
                        QStringLiteral("VLAN 5000 is not 0-4094")},
              std::pair{QStringLiteral("0000:01:00.0,speed=9"), QStringLiteral("is not valid")}}) {
            QCOMPARE(ctl({QStringLiteral("vm"), QStringLiteral("edit"), QStringLiteral("nic"),
                          QStringLiteral("--sriov-vf"), bad},
                         nullptr, &err),
                     1);
            QVERIFY2(err.contains(says) && err.count(QLatin1Char('\n')) == 1, qPrintable(err));
        }

        const QByteArray before = vfRecord(t, 0);
        QVERIFY(ctl({QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("nic")}, nullptr,
                    &err) != 0);
        QVERIFY2(err.contains(QStringLiteral("QEMU did not start VM 'nic'")) &&
                     err.contains(kVfs[0]) && err.count(QLatin1Char('\n')) == 1,
                 qPrintable(err));
        QCOMPARE(vfRecord(t, 0), before);
        QCOMPARE(driverOf(t.host(), kVfs[0]), QStringLiteral("mlx5_core"));
        QVERIFY(heldVfs().isEmpty());

        QCOMPARE(ctl({QStringLiteral("vm"), QStringLiteral("edit"), QStringLiteral("nic"),
                      QStringLiteral("--remove-sriov-vf"), kPf}),
                 0);
        ctl({QStringLiteral("vm"), QStringLiteral("show"), QStringLiteral("nic")}, &out);
        QVERIFY(QJsonDocument::fromJson(out.toUtf8())
                    .object()
                    .value(QStringLiteral("sriovVfs"))
                    .toArray()
                    .isEmpty());
    }

    // A guest that powers itself off has no Vireo process watching: the supervisor runs
    // `vireoctl vm release-devices` once the program ends, and the VF goes back.
    void supervisorGivesTheVfBackWhenTheProgramEnds() {
        const Tree& t = *m_tree;
        QTemporaryDir libDir;
        Library lib(libDir.path());
        VmSpec spec;
        spec.name = QStringLiteral("guest");
        spec.uuid = QUuid::createUuid();
        spec.memoryMiB = 128;
        spec.nics.clear();
        spec.sriovVfs = {SriovVfSpec{kPf, 1, QStringLiteral("52:54:00:00:00:1d"), 0}};
        QVERIFY(lib.create(spec).ok());
        const VmRuntime rt(lib, spec);
        QVERIFY(rt.prepare().ok());
        auto taken = takeHostDevices(spec, rt.dir());
        QVERIFY2(taken.ok(), taken.ok() ? "" : qPrintable(taken.error().line()));
        QCOMPARE(driverOf(t.host(), kVfs[1]), QStringLiteral("vfio-pci"));

        DetachedLaunch program{{QStringLiteral("sleep"), QStringLiteral("0.2")},
                               rt.dir() + QStringLiteral("/stderr.log"),
                               rt.exitStatusFile(),
                               {},
                               -1,
                               {},
                               {}};
        program.afterExit = {
            QStringLiteral(VIREOCTL_PATH), QStringLiteral("--library"),       lib.root(),
            QStringLiteral("vm"),          QStringLiteral("release-devices"), spec.name};
        QVERIFY(launchDetached(program).ok());
        QTRY_VERIFY_WITH_TIMEOUT(
            !QFileInfo::exists(rt.dir() + QStringLiteral("/host-devices.json")), 20000);
        QCOMPARE(driverOf(t.host(), kVfs[1]), QStringLiteral("mlx5_core"));
        QCOMPARE(vfRecord(t, 1), QByteArray("mac 00:00:00:00:00:00 vlan 0 spoofchk on\n"));
    }

    // The real thing where the kernel offers it: a PF with VFs, read over netlink.
    void realCardOverNetlink() {
        QString pfAddress;
        for (const auto& d : QDir(QStringLiteral("/sys/bus/pci/devices")).entryList(QDir::Dirs))
            if (QFileInfo::exists(QStringLiteral("/sys/bus/pci/devices/%1/sriov_totalvfs").arg(d)))
                pfAddress = d;
        if (pfAddress.isEmpty())
            QSKIP("this machine has no SR-IOV card (no sriov_totalvfs in /sys/bus/pci/devices)");
        auto host = HostRoot::open(QStringLiteral("/"));
        QVERIFY(host.ok());
        auto pf = readSriovPf(*host, pfAddress);
        QVERIFY2(pf.ok(), pf.ok() ? "" : qPrintable(pf.error().line()));
        if (pf->numVfs == 0 || pf->interface.isEmpty())
            QSKIP("the SR-IOV card here has no VFs or no driver (vireoctl host sriov-vfs PF N)");
        auto settings = readVfSettings(*host, *pf, 0);
        QVERIFY2(settings.ok(), settings.ok() ? "" : qPrintable(settings.error().line()));
        QCOMPARE(settings->mac.size(), 17);
        QVERIFY(settings->vlan >= 0 && settings->vlan <= 4094);
    }

private:
    std::unique_ptr<Tree> m_tree;
    QTemporaryDir m_run;
};

QTEST_GUILESS_MAIN(TestSriovVms)
#include "tst_sriov_vms.moc"
