// host plan / apply / rollback / detach on copies of the captured host trees: the exact
// files each bootloader and initramfs tool needs, written inside the tree and journaled;
// rollback gives back the tree byte for byte; refusals write nothing.
#include "passthrough/HostJournal.h"
#include "passthrough/PassthroughReport.h"
#include "passthrough/SriovConfig.h"

#include "HostTree.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace vireo;
using namespace vireo::test;

namespace {

const QString kGpu = QStringLiteral("0000:01:00.0");
const QString kGpuAudio = QStringLiteral("0000:01:00.1");

const PlannedFile* fileOf(const HostPlan& plan, const QString& path) {
    for (const auto& f : plan.files)
        if (f.path == path) return &f;
    return nullptr;
}

} // namespace

class TestHostChanges : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() {
        if (fixture(QStringLiteral("01-intel-z370-asrock-itx-duo")).isEmpty())
            QSKIP("the captured host trees (../shared/fixtures/hosts) are not here");
    }

    void grubApplyAndRollbackByteForByte() {
        Tree t(QStringLiteral("01-intel-z370-asrock-itx-duo"));
        t.write(QStringLiteral("etc/default/grub"), "GRUB_DEFAULT=0\nGRUB_CMDLINE_LINUX_DEFAULT="
                                                    "\"quiet splash\"\nGRUB_CMDLINE_LINUX=\"\"\n");
        t.write(QStringLiteral("etc/initramfs-tools/modules"), "# modules\nloop\n");
        t.write(QStringLiteral("usr/sbin/update-grub"), "");
        t.bind(kGpu, QStringLiteral("nouveau"));
        const auto before = t.snapshot();

        auto plan = planHostChanges(t.host(), kGpu);
        QVERIFY2(plan.ok(), plan.ok() ? "" : qPrintable(plan.error().line()));
        QCOMPARE(plan->devices, (QStringList{kGpu, kGpuAudio}));
        QCOMPARE(plan->bootloader, QStringLiteral("grub"));
        // The IOMMU already works (groups exist): only iommu=pt, never amd_iommu=on.
        QCOMPARE(plan->addedParams, QStringList{QStringLiteral("iommu=pt")});
        QCOMPARE(fileOf(*plan, QStringLiteral("etc/default/grub"))->after,
                 QByteArray("GRUB_DEFAULT=0\nGRUB_CMDLINE_LINUX_DEFAULT=\"quiet splash iommu=pt\"\n"
                            "GRUB_CMDLINE_LINUX=\"\"\n"));
        const QByteArray rules =
            fileOf(*plan, QStringLiteral("etc/udev/rules.d/90-vireo-vfio.rules"))->after;
        QVERIFY(rules.contains("KERNEL==\"0000:01:00.0\", ATTR{driver_override}=\"vfio-pci\""));
        QVERIFY(rules.contains("KERNEL==\"0000:01:00.1\""));
        QVERIFY(!rules.contains("vfio-pci.ids"));
        QVERIFY(fileOf(*plan, QStringLiteral("etc/modprobe.d/vireo-vfio.conf"))
                    ->after.contains("softdep nouveau pre: vfio-pci"));
        QCOMPARE(fileOf(*plan, QStringLiteral("etc/initramfs-tools/modules"))->after,
                 QByteArray("# modules\nloop\nvfio\nvfio_iommu_type1\nvfio_pci\n"));
        QCOMPARE(plan->commands.first().argv, QStringList{QStringLiteral("update-grub")});
        QCOMPARE(plan->commands.last().argv.first(), QStringLiteral("update-initramfs"));
        QVERIFY(plan->rebootNeeded);

        auto writer = treeWriter(t.host());
        auto applied = applyHostPlan(t.host(), *plan, *writer);
        QVERIFY(applied.ok());
        QVERIFY(t.read(QStringLiteral("etc/default/grub")).contains("quiet splash iommu=pt"));
        QCOMPARE(applied->commandResults.first(),
                 QStringLiteral("not run in a host tree: update-grub"));
        // Planned again, the host is already set up: nothing left to do.
        auto again = planHostChanges(t.host(), kGpu);
        QVERIFY(again.ok());
        QVERIFY2(again->files.isEmpty(), qPrintable(again->files.value(0).path));
        QVERIFY(!applyHostPlan(t.host(), *again, *writer).ok());

        auto rolled = rollbackHostChanges(t.host(), {}, *writer);
        QVERIFY2(rolled.ok(), rolled.ok() ? "" : qPrintable(rolled.error().line()));
        QCOMPARE(rolled->id, applied->id);
        QCOMPARE(t.snapshot(), before);
        auto journal = readJournal(t.host());
        QVERIFY(journal.ok() && journal->size() == 1 && journal->first().rolledBack);
        QVERIFY(!rollbackHostChanges(t.host(), {}, *writer).ok()); // nothing left to undo
    }

    // The IOMMU off: the plan is what turns it on. The card's functions go together (its
    // real group shows after the reboot); the boot GPU stays refused.
    void intelWithoutIommuAndSystemdBoot() {
        Tree t(QStringLiteral("05-intel-z170-asrock-itx-gtx960"));
        QVERIFY(QDir(t.path() + QStringLiteral("/sys/kernel/iommu_groups")).removeRecursively());
        t.write(QStringLiteral("boot/efi/loader/loader.conf"), "timeout 3\n");
        t.write(QStringLiteral("etc/dracut.conf.d/10-local.conf"), "");
        t.write(QStringLiteral("proc/cmdline"), "BOOT_IMAGE=/vmlinuz root=UUID=4f1c ro quiet\n");
        auto plan = planHostChanges(t.host(), kGpu);
        QVERIFY2(plan.ok(), plan.ok() ? "" : qPrintable(plan.error().line()));
        QCOMPARE(plan->devices, (QStringList{kGpu, kGpuAudio}));
        QCOMPARE(plan->addedParams,
                 (QStringList{QStringLiteral("intel_iommu=on"), QStringLiteral("iommu=pt")}));
        QCOMPARE(plan->bootloader, QStringLiteral("systemd-boot"));
        QCOMPARE(fileOf(*plan, QStringLiteral("etc/kernel/cmdline"))->after,
                 QByteArray("root=UUID=4f1c ro quiet intel_iommu=on iommu=pt\n"));
        QCOMPARE(plan->initramfs, QStringLiteral("dracut"));
        QVERIFY(fileOf(*plan, QStringLiteral("etc/dracut.conf.d/vireo-vfio.conf"))
                    ->after.contains("force_drivers+=\" vfio vfio_iommu_type1 vfio_pci \""));
        QVERIFY(plan->rebootNeeded);
        auto boot = planHostChanges(t.host(), QStringLiteral("0000:00:02.0"));
        QVERIFY(!boot.ok());
        QVERIFY2(boot.error().message.contains(QLatin1String("host-critical")),
                 qPrintable(boot.error().line()));
        // Detaching needs a working IOMMU now.
        auto writer = treeWriter(t.host());
        auto detach = detachDevice(t.host(), kGpu, *writer);
        QVERIFY(!detach.ok());
        QVERIFY2(detach.error().message.contains(QLatin1String("IOMMU is off")),
                 qPrintable(detach.error().line()));
    }

    void kernelstubAndAmd() {
        Tree t(QStringLiteral("06-amd-b450-msi-mortar-raven-rx580"));
        t.write(
            QStringLiteral("etc/kernelstub/configuration"),
            R"({"default": {"kernel_options": ["quiet", "splash"]}, "user": {"kernel_options": ["quiet", "splash"], "esp_path": "/boot/efi"}})");
        auto report = scanPassthrough(t.host());
        QVERIFY(report.ok());
        QString gpu;
        for (const auto& v : report->verdicts)
            if (v.verdict == Verdict::Passable || v.verdict == Verdict::PassableTogether)
                for (const auto& d : report->inventory.devices)
                    if (d.address == v.address && d.classHex().startsWith(QLatin1String("0x03")))
                        gpu = d.address;
        QVERIFY(!gpu.isEmpty());
        auto plan = planHostChanges(t.host(), gpu);
        QVERIFY2(plan.ok(), plan.ok() ? "" : qPrintable(plan.error().line()));
        QCOMPARE(plan->bootloader, QStringLiteral("kernelstub"));
        QCOMPARE(plan->addedParams, QStringList{QStringLiteral("iommu=pt")}); // never amd_iommu=on
        const auto json = QJsonDocument::fromJson(
                              fileOf(*plan, QStringLiteral("etc/kernelstub/configuration"))->after)
                              .object();
        QCOMPARE(json.value(QStringLiteral("user"))
                     .toObject()
                     .value(QStringLiteral("kernel_options"))
                     .toArray(),
                 QJsonArray({QStringLiteral("quiet"), QStringLiteral("splash"),
                             QStringLiteral("iommu=pt")}));
        QCOMPARE(json.value(QStringLiteral("user"))
                     .toObject()
                     .value(QStringLiteral("esp_path"))
                     .toString(),
                 QStringLiteral("/boot/efi"));
    }

    void refusalsWriteNothing() {
        Tree t(QStringLiteral("01-intel-z370-asrock-itx-duo"));
        const auto before = t.snapshot();
        for (const QString& bad : {QStringLiteral("0000:00:02.0"), QStringLiteral("0000:00:1c.0"),
                                   QStringLiteral("0000:09:00.0"), QStringLiteral("garbage")}) {
            auto plan = planHostChanges(t.host(), bad);
            QVERIFY2(!plan.ok(), qPrintable(bad));
            QVERIFY2(plan.error().message.contains(bad), qPrintable(plan.error().line()));
            QVERIFY(!plan.error().fix.isEmpty());
            auto writer = treeWriter(t.host());
            QVERIFY(!detachDevice(t.host(), bad, *writer).ok());
        }
        // No bootloader in the tree, and the kernel still lacks iommu=pt: say what to add.
        auto plan = planHostChanges(t.host(), kGpu);
        QVERIFY(!plan.ok());
        QVERIFY2(plan.error().fix.contains(QLatin1String("iommu=pt")),
                 qPrintable(plan.error().line()));
        QCOMPARE(t.snapshot(), before);
    }

    void secondDeviceAndRollbackOrder() {
        Tree t(QStringLiteral("01-intel-z370-asrock-itx-duo"));
        t.write(QStringLiteral("etc/default/grub"), "GRUB_CMDLINE_LINUX_DEFAULT=\"quiet\"\n");
        auto writer = treeWriter(t.host());
        auto plan1 = planHostChanges(t.host(), kGpu);
        QVERIFY2(plan1.ok(), plan1.ok() ? "" : qPrintable(plan1.error().line()));
        auto first = applyHostPlan(t.host(), *plan1, *writer);
        QVERIFY2(first.ok(), first.ok() ? "" : qPrintable(first.error().line()));
        auto plan2 = planHostChanges(t.host(), QStringLiteral("0000:03:00.0"));
        QVERIFY(plan2.ok());
        QVERIFY(plan2->addedParams.isEmpty()); // the first apply already added them
        const QByteArray rules =
            fileOf(*plan2, QStringLiteral("etc/udev/rules.d/90-vireo-vfio.rules"))->after;
        QVERIFY(rules.contains("0000:01:00.0") && rules.contains("0000:03:00.0"));
        auto second = applyHostPlan(t.host(), *plan2, *writer);
        QVERIFY(second.ok());
        QVERIFY(second->id != first->id);
        auto early = rollbackHostChanges(t.host(), first->id, *writer);
        QVERIFY(!early.ok());
        QVERIFY2(early.error().fix == QStringLiteral("roll back %1 first").arg(second->id),
                 qPrintable(early.error().line()));
        QVERIFY(rollbackHostChanges(t.host(), {}, *writer).ok());
        QVERIFY(rollbackHostChanges(t.host(), {}, *writer).ok());
        QCOMPARE(t.read(QStringLiteral("etc/default/grub")),
                 QByteArray("GRUB_CMDLINE_LINUX_DEFAULT=\"quiet\"\n"));
        QCOMPARE(t.read(QStringLiteral("etc/udev/rules.d/90-vireo-vfio.rules")),
                 QByteArray("<absent>"));
    }

    // vm edit --pci checks the device on the host (here a tree) and takes its card's other
    // functions along; --remove-pci takes them all away.
    void vmEditGivesAndTakesADevice() {
        Tree t(QStringLiteral("01-intel-z370-asrock-itx-duo"));
        QTemporaryDir lib;
        auto ctl = [&](const QStringList& args, QString* out = nullptr, QString* err = nullptr) {
            QProcess p;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("VIREO_HOST_ROOT"), t.path());
            p.setProcessEnvironment(env);
            p.start(QStringLiteral(VIREOCTL_PATH),
                    QStringList{QStringLiteral("--library"), lib.path()} + args);
            p.waitForFinished(30000);
            if (out) *out = QString::fromUtf8(p.readAllStandardOutput());
            if (err) *err = QString::fromUtf8(p.readAllStandardError());
            return p.exitCode();
        };
        QCOMPARE(ctl({QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("gpu"),
                      QStringLiteral("--memory"), QStringLiteral("256M")}),
                 0);
        QString out, err;
        QCOMPARE(ctl({QStringLiteral("vm"), QStringLiteral("edit"), QStringLiteral("gpu"),
                      QStringLiteral("--pci"), kGpu}),
                 0);
        QCOMPARE(ctl({QStringLiteral("--json"), QStringLiteral("vm"), QStringLiteral("show"),
                      QStringLiteral("gpu")},
                     &out),
                 0);
        QCOMPARE(QJsonDocument::fromJson(out.toUtf8())
                     .object()
                     .value(QStringLiteral("hostPci"))
                     .toArray(),
                 QJsonArray({kGpu, kGpuAudio}));
        QCOMPARE(ctl({QStringLiteral("vm"), QStringLiteral("edit"), QStringLiteral("gpu"),
                      QStringLiteral("--pci"), QStringLiteral("0000:00:02.0")},
                     nullptr, &err),
                 1);
        QCOMPARE(err.count(QLatin1Char('\n')), 1);
        QVERIFY2(err.contains(QLatin1String("0000:00:02.0 is host-critical")), qPrintable(err));
        QCOMPARE(ctl({QStringLiteral("vm"), QStringLiteral("edit"), QStringLiteral("gpu"),
                      QStringLiteral("--remove-pci"), kGpuAudio}),
                 0);
        ctl({QStringLiteral("--json"), QStringLiteral("vm"), QStringLiteral("show"),
             QStringLiteral("gpu")},
            &out);
        QVERIFY(QJsonDocument::fromJson(out.toUtf8())
                    .object()
                    .value(QStringLiteral("hostPci"))
                    .toArray()
                    .isEmpty());
    }

    // SR-IOV: a card's PFs with their VF counts, and VFs that share the group of a PF the
    // host needs reported blocked with that reason.
    void sriovListing() {
        const QString tree = fixture(QStringLiteral("21-sriov-cx4lx-vfs-share-pf-group-c246"));
        if (tree.isEmpty()) QSKIP("the SR-IOV host tree is not here");
        QProcess p;
        p.start(QStringLiteral(VIREOCTL_PATH),
                {QStringLiteral("--json"), QStringLiteral("host"), QStringLiteral("sriov"),
                 QStringLiteral("--host-root"), tree});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        const QJsonArray pfs = QJsonDocument::fromJson(p.readAllStandardOutput()).array();
        QCOMPARE(pfs.size(), 2);
        int vfs = 0;
        for (const auto& v : pfs) {
            const QJsonObject pf = v.toObject();
            QCOMPARE(pf.value(QStringLiteral("total_vfs")).toInt(), 8);
            QCOMPARE(pf.value(QStringLiteral("num_vfs")).toInt(), 2);
            for (const auto& f : pf.value(QStringLiteral("vfs")).toArray()) {
                ++vfs;
                QCOMPARE(f.toObject().value(QStringLiteral("verdict")).toString(),
                         QStringLiteral("blocked"));
                QVERIFY(f.toObject()
                            .value(QStringLiteral("blocker"))
                            .toString()
                            .contains(QLatin1String("IOMMU group 1 also holds 0000:01:00.0")));
            }
        }
        QCOMPARE(vfs, 4);
    }

    // VF counts (0 first, as the kernel wants), refusals, and VF settings on the PF's
    // interface, on the SR-IOV host tree; nothing is written when a check refuses.
    void sriovConfigurationOnATree() {
        Tree t(QStringLiteral("21-sriov-cx4lx-vfs-share-pf-group-c246"));
        if (!t.ok()) QSKIP("the SR-IOV host tree is not here");
        const QString pf = QStringLiteral("0000:01:00.0");
        const QString pfDir = QStringLiteral("sys/devices/pci0000:00/0000:01:00.0");
        struct Recording : HostWriter {
            std::unique_ptr<HostWriter> inner;
            QList<int> counts;
            Status write(const QString& p, const QByteArray& c) override {
                return inner->write(p, c);
            }
            Status remove(const QString& p) override { return inner->remove(p); }
            Result<QString> run(const QStringList& a) override { return inner->run(a); }
            Status detach(const QString& a) override { return inner->detach(a); }
            Status reattach(const QString& a) override { return inner->reattach(a); }
            Status setVfCount(const QString& a, int n) override {
                counts << n;
                return inner->setVfCount(a, n);
            }
            Status configureVf(const QString& i, int vf, const QStringList& s) override {
                return inner->configureVf(i, vf, s);
            }
        } writer;
        writer.inner = treeWriter(t.host());
        QVERIFY(setVfCount(t.host(), pf, 4, writer));
        QCOMPARE(writer.counts, (QList<int>{0, 4}));
        QCOMPARE(t.read(pfDir + QStringLiteral("/sriov_numvfs")), QByteArray("4\n"));
        writer.counts.clear();
        QVERIFY(setVfCount(t.host(), pf, 1, writer));
        QCOMPARE(writer.counts, (QList<int>{0, 1}));
        QCOMPARE(t.read(pfDir + QStringLiteral("/virtfn1")), QByteArray("<absent>"));
        QVERIFY(t.read(pfDir + QStringLiteral("/virtfn0")) != QByteArray("<absent>"));

        writer.counts.clear();
        auto tooMany = setVfCount(t.host(), pf, 9, writer);
        QVERIFY(!tooMany);
        QVERIFY2(tooMany.error().message.contains(QStringLiteral("offers 0-8")),
                 qPrintable(tooMany.error().message));
        auto notPf = setVfCount(t.host(), QStringLiteral("0000:01:00.2"), 1, writer);
        QVERIFY(!notPf);
        QVERIFY(notPf.error().message.contains(QStringLiteral("not an SR-IOV card")));
        // A VF with vfio-pci (a VM may hold it) is never taken away.
        QVERIFY(writer.detach(QStringLiteral("0000:01:00.2")));
        auto busy = setVfCount(t.host(), pf, 0, writer);
        QVERIFY(!busy);
        QVERIFY2(busy.error().message.contains(QStringLiteral("with vfio-pci")),
                 qPrintable(busy.error().message));
        QVERIFY(writer.counts.isEmpty());
        QCOMPARE(t.read(pfDir + QStringLiteral("/sriov_numvfs")), QByteArray("1\n"));

        // VF settings go to the PF's interface: none without its driver.
        auto settings = parseVfSettings({QStringLiteral("mac=52:54:00:AA:BB:CC"),
                                         QStringLiteral("vlan=10"), QStringLiteral("spoofchk=on")});
        QVERIFY(settings);
        auto noNet = configureVf(t.host(), pf, 0, *settings, writer);
        QVERIFY(!noNet);
        QVERIFY(noNet.error().message.contains(QStringLiteral("no network interface")));
        QVERIFY(
            QDir().mkpath(t.path() + QLatin1Char('/') + pfDir + QStringLiteral("/net/enp1s0f0")));
        QVERIFY(configureVf(t.host(), pf, 0, *settings, writer));
        QCOMPARE(t.read(QStringLiteral("vireo-capture/ip-link-vf/enp1s0f0/0")),
                 QByteArray("mac 52:54:00:aa:bb:cc vlan 10 spoofchk on\n"));
        auto noVf = configureVf(t.host(), pf, 5, *settings, writer);
        QVERIFY(!noVf);
        QVERIFY2(noVf.error().message.contains(QStringLiteral("has no VF 5")),
                 qPrintable(noVf.error().message));

        // Bad settings: one line naming the item; the CLI says the same.
        QVERIFY(!parseVfSettings({QStringLiteral("vlan=4095")}));
        QVERIFY(!parseVfSettings({QStringLiteral("mac=01:00:5e:00:00:01")})); // multicast
        QVERIFY(!parseVfSettings({QStringLiteral("min-rate=500"), QStringLiteral("max-rate=100")}));
        QVERIFY(!parseVfSettings({QStringLiteral("qos=3")}));
        QVERIFY(!parseVfSettings({}));
        QProcess p;
        p.start(QStringLiteral(VIREOCTL_PATH),
                {QStringLiteral("host"), QStringLiteral("sriov-vf"), pf, QStringLiteral("0"),
                 QStringLiteral("vlan=5000"), QStringLiteral("--host-root"), t.path()});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 1);
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(err.contains("VF setting 'vlan=5000'") && err.count('\n') == 1, err.constData());
        p.start(QStringLiteral(VIREOCTL_PATH),
                {QStringLiteral("--json"), QStringLiteral("host"), QStringLiteral("sriov-vfs"),
                 QStringLiteral("0000:01:00.1"), QStringLiteral("3"), QStringLiteral("--host-root"),
                 t.path()});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(QJsonDocument::fromJson(p.readAllStandardOutput())
                     .object()
                     .value(QStringLiteral("vfs"))
                     .toInt(),
                 3);
    }

    void detachAndReattachChangeDriverLinks() {
        Tree t(QStringLiteral("01-intel-z370-asrock-itx-duo"));
        t.bind(kGpu, QStringLiteral("nouveau"));
        t.bind(kGpuAudio, QStringLiteral("snd_hda_intel"));
        {
            auto writer = treeWriter(t.host());
            auto done = detachDevice(t.host(), kGpu, *writer);
            QVERIFY2(done.ok(), done.ok() ? "" : qPrintable(done.error().line()));
            QCOMPARE(*done, (QStringList{kGpu, kGpuAudio}));
        }
        QCOMPARE(driverOf(t.host(), kGpu), QStringLiteral("vfio-pci"));
        QCOMPARE(driverOf(t.host(), kGpuAudio), QStringLiteral("vfio-pci"));
        auto report = scanPassthrough(t.host());
        QVERIFY(report.ok());
        for (const auto& d : report->inventory.devices)
            if (d.address == kGpu) QCOMPARE(d.driver, QStringLiteral("vfio-pci"));
        {
            auto writer = treeWriter(t.host());
            QVERIFY(reattachDevice(t.host(), kGpuAudio, *writer).ok());
        }
        QCOMPARE(driverOf(t.host(), kGpu), QStringLiteral("nouveau"));
        QCOMPARE(driverOf(t.host(), kGpuAudio), QStringLiteral("snd_hda_intel"));
    }
};

QTEST_GUILESS_MAIN(TestHostChanges)
#include "tst_host_changes.moc"
