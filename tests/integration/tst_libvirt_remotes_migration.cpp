// tst_libvirt_remotes' migrations: a running guest moved live to the other host and back
// while its counter runs, and migrations that are cancelled or refused leave it where it
// was.
#include "tst_libvirt_remotes.h"

void TestLibvirtRemotes::liveMigrationThereAndBack() {
    Session onH1(m_lab.lib(), {QStringLiteral("--remote"), QStringLiteral("h1"),
                               QStringLiteral("console"), QStringLiteral("web")});
    QVERIFY(onH1.waitFor(kTick, 20000, 2).hasMatch());
    const QString uuid =
        vmOn(QStringLiteral("h1"), QStringLiteral("web")).value(QStringLiteral("uuid")).toString();

    // Host 1's disk is not on shared storage: a clear refusal, the VM runs on where it was.
    Run r = remote(QStringLiteral("h1"),
                   {QStringLiteral("vm"), QStringLiteral("migrate"), QStringLiteral("web"),
                    QStringLiteral("--to"), QStringLiteral("h2")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("--copy-storage")), qPrintable(r.err));
    QCOMPARE(r.err.trimmed().count(QLatin1Char('\n')), 0);
    QCOMPARE(
        vmOn(QStringLiteral("h1"), QStringLiteral("web")).value(QStringLiteral("state")).toString(),
        QStringLiteral("running"));
    QVERIFY(vmOn(QStringLiteral("h2"), QStringLiteral("web")).isEmpty());

    // Live, with the disk copied, while the guest counts every 100 ms.
    const int before = lastTick(onH1.waitFor(kTick, 5000));
    r = remote(QStringLiteral("h1"),
               {QStringLiteral("--json"), QStringLiteral("vm"), QStringLiteral("migrate"),
                QStringLiteral("web"), QStringLiteral("--to"), QStringLiteral("h2"),
                QStringLiteral("--copy-storage"), QStringLiteral("--progress")});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.err.contains(QLatin1String("MiB left")), qPrintable(r.err)); // progress lines
    const QJsonObject result = QJsonDocument::fromJson(r.out.toUtf8()).object();
    const qint64 downtime = result.value(QStringLiteral("downtimeMs")).toInteger();
    qInfo("migration h1 -> h2: %lld ms wall, downtime %lld ms, %lld MiB",
          result.value(QStringLiteral("wallMs")).toInteger(), downtime,
          result.value(QStringLiteral("transferredBytes")).toInteger() >> 20);
    QVERIFY2(downtime >= 0 && downtime < 1000, qPrintable(r.out)); // the gap the guest saw
    const int lastOnH1 = lastTick(onH1.waitFor(kTick, 2000));
    QVERIFY(lastOnH1 >= before);
    QVERIFY(onH1.finished(10000)); // the stream ends when the VM leaves host 1

    Session onH2(m_lab.lib(), {QStringLiteral("--remote"), QStringLiteral("h2"),
                               QStringLiteral("console"), QStringLiteral("web")});
    const int first = lastTick(onH2.waitFor(kTick, 10000));
    // A guest that rebooted counts from 1 again: both consoles say what happened if so.
    QVERIFY2(first > lastOnH1,
             qPrintable(QStringLiteral("%1 after %2; host 1's console: %3; host 2's console: %4")
                            .arg(first)
                            .arg(lastOnH1)
                            .arg(onH1.output().right(600), onH2.output().right(600))));
    QVERIFY(lastTick(onH2.waitFor(kTick, 5000, 5)) > first);              // still counting
    QVERIFY(vmOn(QStringLiteral("h1"), QStringLiteral("web")).isEmpty()); // removed from the source
    const QJsonObject moved = vmOn(QStringLiteral("h2"), QStringLiteral("web"));
    QCOMPARE(moved.value(QStringLiteral("state")).toString(), QStringLiteral("running"));
    QCOMPARE(moved.value(QStringLiteral("uuid")).toString(), uuid);
    QVERIFY(virshOut(kUri2, {QStringLiteral("list"), QStringLiteral("--persistent"),
                             QStringLiteral("--name")})
                .contains(QLatin1String("web")));
    // On the way back, a name taken on the target is refused before anything moves.
    QCOMPARE(remote(QStringLiteral("h1"),
                    {QStringLiteral("vm"), QStringLiteral("create"), QStringLiteral("web"),
                     QStringLiteral("--nic"), QStringLiteral("none")})
                 .code,
             0);
    r = remote(QStringLiteral("h2"),
               {QStringLiteral("vm"), QStringLiteral("migrate"), QStringLiteral("web"),
                QStringLiteral("--to"), QStringLiteral("h1"), QStringLiteral("--copy-storage")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("already exists on 'h1'")), qPrintable(r.err));
    QCOMPARE(
        vmOn(QStringLiteral("h2"), QStringLiteral("web")).value(QStringLiteral("state")).toString(),
        QStringLiteral("running"));
    QCOMPARE(
        vmOn(QStringLiteral("h1"), QStringLiteral("web")).value(QStringLiteral("state")).toString(),
        QStringLiteral("shutoff"));
    QCOMPARE(remote(QStringLiteral("h1"),
                    {QStringLiteral("vm"), QStringLiteral("delete"), QStringLiteral("web")})
                 .code,
             0);

    r = remote(QStringLiteral("h2"),
               {QStringLiteral("vm"), QStringLiteral("migrate"), QStringLiteral("web"),
                QStringLiteral("--to"), QStringLiteral("h1"), QStringLiteral("--copy-storage")});
    QCOMPARE(r.code, 0);
    QVERIFY(onH2.finished(10000));
    QCOMPARE(
        vmOn(QStringLiteral("h1"), QStringLiteral("web")).value(QStringLiteral("state")).toString(),
        QStringLiteral("running"));
    QVERIFY(keepsRunningOnH1(QStringLiteral("after the move back")));
    QVERIFY(vmOn(QStringLiteral("h2"), QStringLiteral("web")).isEmpty());
}

void TestLibvirtRemotes::migrationCancelledOrRefusedStaysPut() {
    auto stateOnH1 = [&] {
        return vmOn(QStringLiteral("h1"), QStringLiteral("web"))
            .value(QStringLiteral("state"))
            .toString();
    };
    QCOMPARE(stateOnH1(), QStringLiteral("running"));
    // Another URI of the same daemon: libvirt sees the same host UUID.
    QCOMPARE(vireoctl({QStringLiteral("remote"), QStringLiteral("add"), QStringLiteral("h1-again"),
                       QStringLiteral("qemu+tcp://10.77.0.1:16509/system")})
                 .code,
             0);
    Run r = remote(QStringLiteral("h1"),
                   {QStringLiteral("vm"), QStringLiteral("migrate"), QStringLiteral("web"),
                    QStringLiteral("--to"), QStringLiteral("h1-again")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("same host UUID")), qPrintable(r.err));
    QCOMPARE(
        vireoctl({QStringLiteral("remote"), QStringLiteral("remove"), QStringLiteral("h1-again")})
            .code,
        0);
    QCOMPARE(stateOnH1(), QStringLiteral("running"));

    r = remote(QStringLiteral("h1"),
               {QStringLiteral("vm"), QStringLiteral("migrate"), QStringLiteral("web"),
                QStringLiteral("--to"), QStringLiteral("h2"), QStringLiteral("--bandwidth"),
                QStringLiteral("-5")});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(QLatin1String("--bandwidth takes MiB per second")), qPrintable(r.err));

    // Ctrl-C (SIGINT) while the disk and memory are on their way: aborted, still on host 1.
    // The bandwidth keeps the switch-over seconds away: QEMU 7.2 hangs a cancel that meets it.
    const QStringList throttled{QStringLiteral("--remote"),    QStringLiteral("h1"),
                                QStringLiteral("vm"),          QStringLiteral("migrate"),
                                QStringLiteral("web"),         QStringLiteral("--to"),
                                QStringLiteral("h2"),          QStringLiteral("--copy-storage"),
                                QStringLiteral("--bandwidth"), QStringLiteral("24"),
                                QStringLiteral("--progress")};
    Session migrate(m_lab.lib(), throttled);
    QElapsedTimer t;
    t.start();
    while (!migrate.err().contains(QLatin1String("MiB left")) && t.elapsed() < 30000)
        QTest::qWait(50);
    QVERIFY2(migrate.err().contains(QLatin1String("MiB left")), qPrintable(migrate.err()));
    migrate.interrupt();
    QVERIFY2(migrate.finished(30000), qPrintable(migrate.err()));
    QCOMPARE(migrate.exitCode(), 1);
    QVERIFY2(migrate.err().contains(QLatin1String("was cancelled; it stays on 'h1'")),
             qPrintable(migrate.err()));
    QCOMPARE(stateOnH1(), QStringLiteral("running"));
    QVERIFY(vmOn(QStringLiteral("h2"), QStringLiteral("web")).isEmpty());
    QVERIFY(keepsRunningOnH1(QStringLiteral("after a cancelled migration")));

    // The target's libvirtd killed mid-way: one line, and the VM keeps running on host 1.
    Session cut(m_lab.lib(), throttled);
    t.restart();
    while (!cut.err().contains(QLatin1String("MiB left")) && t.elapsed() < 30000)
        QTest::qWait(50);
    QVERIFY2(cut.err().contains(QLatin1String("MiB left")), qPrintable(cut.err()));
    QCOMPARE(harness({QStringLiteral("stop-daemon"), QStringLiteral("2")}), 0);
    QVERIFY(cut.finished(60000));
    QCOMPARE(cut.exitCode(), 1);
    const QStringList lines = cut.err().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const QString last = lines.isEmpty() ? QString() : lines.last();
    QVERIFY2(last.contains(QLatin1String("'h2' stopped answering")) &&
                 last.contains(QLatin1String("stays on 'h1'")),
             qPrintable(cut.err()));
    qInfo() << "target daemon killed mid-migration:" << last;
    QCOMPARE(stateOnH1(), QStringLiteral("running"));
    QVERIFY(keepsRunningOnH1(QStringLiteral("after the target's daemon died")));
    // Back up, host 2 holds no half-arrived copy.
    QCOMPARE(harness({QStringLiteral("start-daemon"), QStringLiteral("2")}), 0);
    t.restart();
    while (!vmOn(QStringLiteral("h2"), QStringLiteral("web")).isEmpty() && t.elapsed() < 20000)
        QTest::qWait(200);
    QVERIFY2(vmOn(QStringLiteral("h2"), QStringLiteral("web")).isEmpty(),
             qPrintable(QJsonDocument(vmOn(QStringLiteral("h2"), QStringLiteral("web")))
                            .toJson(QJsonDocument::Compact)));
}
