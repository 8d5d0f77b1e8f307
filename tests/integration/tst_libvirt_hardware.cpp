// A VM's firmware and TPM changed on a libvirt host (tests/libvirt/two-hosts.sh): the
// builder's parts swapped into libvirt's definition, the UEFI variables started afresh at
// the next start, and the host's libvirt starting it with OVMF and swtpm.
#include "LibvirtTestSupport.h"

using namespace libvirttest;

class TestLibvirtHardware : public LibvirtHostsTest {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        if (const QString why = skipReason(); !why.isEmpty()) QSKIP(qPrintable(why));
        QVERIFY(bringUp());
    }
    void cleanupTestCase() { tearDown(); }
    void firmwareAndTpm();
};

void TestLibvirtHardware::firmwareAndTpm() {
    const QString h1 = QStringLiteral("h1");
    auto on = [&](const QStringList& args) { return remote(h1, args); };
    auto xml = [&](bool inactive) {
        QStringList args{QStringLiteral("dumpxml"), QStringLiteral("fw")};
        if (inactive) args << QStringLiteral("--inactive");
        return virshOut(kUri1, args);
    };
    QCOMPARE(on({QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("fw"),
                 QStringLiteral("--memory"), QStringLiteral("256M"), QStringLiteral("--kernel"),
                 kGuest + QStringLiteral("/vmlinuz"), QStringLiteral("--initrd"),
                 kGuest + QStringLiteral("/initramfs.cpio.gz"), QStringLiteral("--append"),
                 kCmdline, QStringLiteral("--nic"), QStringLiteral("none")})
                 .code,
             0);
    QVERIFY(!xml(true).contains(QLatin1String("<tpm")));
    // The UEFI variables libvirt keeps for it on host 1 (the lab's /var/lib/libvirt).
    const QString vars = m_state + QStringLiteral("/h1/lib/qemu/nvram/fw_VARS.fd");
    auto varsHaveMicrosoftKeys = [&] {
        QFile f(vars);
        return f.open(QIODevice::ReadOnly) && f.readAll().contains("Microsoft Corporation");
    };

    // UEFI without Secure Boot first: a store with no keys enrolled.
    QCOMPARE(on({QStringLiteral("vm"), QStringLiteral("edit"), QStringLiteral("fw"),
                 QStringLiteral("--firmware"), QStringLiteral("uefi")})
                 .code,
             0);
    QCOMPARE(on({QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("fw")}).code, 0);
    QCOMPARE(on({QStringLiteral("vm"), QStringLiteral("kill"), QStringLiteral("fw")}).code, 0);
    QVERIFY(QFile::exists(vars));
    QVERIFY(!varsHaveMicrosoftKeys());

    // Now with Secure Boot and a TPM, from the one builder.
    QCOMPARE(on({QStringLiteral("vm"), QStringLiteral("edit"), QStringLiteral("fw"),
                 QStringLiteral("--firmware"), QStringLiteral("uefi"),
                 QStringLiteral("--secure-boot"), QStringLiteral("--tpm")})
                 .code,
             0);
    QString defined = xml(true);
    QVERIFY2(defined.contains(QLatin1String("<os firmware='efi'>")) &&
                 defined.contains(QLatin1String("<feature enabled='yes' name='secure-boot'/>")) &&
                 defined.contains(QLatin1String("<loader secure='yes'")) &&
                 defined.contains(QLatin1String("<smm state='on'/>")) &&
                 defined.contains(QLatin1String("<tpm model='tpm-crb'>")) &&
                 defined.contains(QLatin1String("<backend type='emulator' version='2.0'")) &&
                 defined.contains(QLatin1String("resetUefiStore")) &&
                 defined.contains(QLatin1String("/vmlinuz</kernel>")), // the rest stays
             qPrintable(defined));

    // The host's libvirt starts it with OVMF's Secure Boot build and a swtpm of its own;
    // the store is made afresh and the mark is gone.
    const Run started = on({QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("fw")});
    QVERIFY2(started.code == 0, qPrintable(started.err));
    const QString live = xml(false);
    // Debian's OVMF with Microsoft's keys enrolled (*.ms.fd), from the host's descriptors.
    QVERIFY2(live.contains(QLatin1String("secure='yes' type='pflash'")) &&
                 live.contains(QLatin1String("_VARS_4M.ms.fd'>")),
             qPrintable(live));
    QVERIFY2(live.contains(QLatin1String("<tpm model='tpm-crb'>")), qPrintable(live));
    QVERIFY(!xml(true).contains(QLatin1String("resetUefiStore")));
    QVERIFY(varsHaveMicrosoftKeys()); // the old store was not kept
    QCOMPARE(vmOn(h1, QStringLiteral("fw")).value(QStringLiteral("state")).toString(),
             QStringLiteral("running"));

    // Bad input: one line each, nothing changed.
    Run r = on({QStringLiteral("vm"), QStringLiteral("edit"), QStringLiteral("fw"),
                QStringLiteral("--no-tpm")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("is running")), qPrintable(r.err));
    QCOMPARE(on({QStringLiteral("vm"), QStringLiteral("kill"), QStringLiteral("fw")}).code, 0);
    r = on({QStringLiteral("vm"), QStringLiteral("edit"), QStringLiteral("fw"),
            QStringLiteral("--firmware"), QStringLiteral("bios"), QStringLiteral("--secure-boot")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("Secure Boot")) || r.err.contains(QLatin1String("UEFI")),
             qPrintable(r.err));
    QCOMPARE(r.err.trimmed().count(QLatin1Char('\n')), 0);
    QVERIFY(xml(true).contains(QLatin1String("<tpm model='tpm-crb'>")));

    // Back to BIOS and no TPM: no firmware, loader, SMM or TPM left, and it starts.
    QCOMPARE(on({QStringLiteral("vm"), QStringLiteral("edit"), QStringLiteral("fw"),
                 QStringLiteral("--firmware"), QStringLiteral("bios"), QStringLiteral("--no-tpm")})
                 .code,
             0);
    defined = xml(true);
    QVERIFY2(!defined.contains(QLatin1String("firmware=")) &&
                 !defined.contains(QLatin1String("<loader")) &&
                 !defined.contains(QLatin1String("<smm")) &&
                 !defined.contains(QLatin1String("<tpm")) &&
                 !defined.contains(QLatin1String("resetUefiStore")),
             qPrintable(defined));
    QCOMPARE(on({QStringLiteral("vm"), QStringLiteral("start"), QStringLiteral("fw")}).code, 0);
    Session console(m_lab.lib(), {QStringLiteral("--remote"), h1, QStringLiteral("console"),
                                  QStringLiteral("fw")});
    QVERIFY2(console.waitFor(QStringLiteral("VIREO-GUEST: booted"), 120000).hasMatch(),
             qPrintable(console.err()));
    QCOMPARE(on({QStringLiteral("vm"), QStringLiteral("delete"), QStringLiteral("fw"),
                 QStringLiteral("--force")})
                 .code,
             0);
}

QTEST_GUILESS_MAIN(TestLibvirtHardware)
#include "tst_libvirt_hardware.moc"
