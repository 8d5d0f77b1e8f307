#pragma once

// The two-host lab test (tst_libvirt_remotes.cpp); its migration cases are in
// tst_libvirt_remotes_migration.cpp.
#include "LibvirtTestSupport.h"

using namespace libvirttest;

class TestLibvirtRemotes : public LibvirtHostsTest {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase() { tearDown(); }
    void remotesListWithHostFacts();
    void badInputIsOneLineAndChangesNothing();
    void createStartAndConsoleStream();
    void liveMigrationThereAndBack();
    void migrationCancelledOrRefusedStaysPut();
    void eventsFromBehindVireoAndReconnect();
    void lifecycleOnRemote();

private:
    bool keepsRunningOnH1(const QString& why);
    bool m_consoleStalled = false; // h1's console went silent after the move back
};
