#pragma once

// The lab test of the hosts' networks and access (tst_libvirt_resources.cpp); how Vireo
// reaches a host, over ssh and tls, is in tst_libvirt_resources_access.cpp.
#include "LibvirtTestSupport.h"

using namespace libvirttest;

class TestLibvirtResources : public LibvirtHostsTest {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        if (const QString why = skipReason(); !why.isEmpty()) QSKIP(qPrintable(why));
        QVERIFY(bringUp());
    }
    void cleanupTestCase() { tearDown(); }
    void sshSharesOneConnectionPerHost();
    void tlsWithClientCertificates();
    void networksOnARemote();
    void cloudImageOnARemote();

private:
    bool m_sshRemote = false; // h1ssh added, its host's sshd up (sshSharesOneConnectionPerHost)
};
