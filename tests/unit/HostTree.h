#pragma once
// A writable copy of a captured host tree (../shared/fixtures/hosts or tests/data/hosts) for
// tests that change it as the kernel would: the tests of host changes and of VMs' host devices.
#include "passthrough/HostRoot.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace vireo::test {

inline QString fixture(const QString& name) {
    for (const QString& dir : {QStringLiteral(VIREO_TEST_DATA "/hosts/"),
                               QStringLiteral(VIREO_SHARED_FIXTURES "/hosts/")})
        if (QFileInfo(dir + name).isDir()) return dir + name;
    return {};
}

class Tree {
public:
    explicit Tree(const QString& name) {
        const QString from = fixture(name);
        if (from.isEmpty()) return;
        // The shared store is read-only: the copy must be writable like a real /.
        QProcess::execute(QStringLiteral("cp"),
                          {QStringLiteral("-r"), from + QStringLiteral("/."), m_dir.path()});
        QProcess::execute(QStringLiteral("chmod"),
                          {QStringLiteral("-R"), QStringLiteral("u+w"), m_dir.path()});
        m_ok = true;
    }
    bool ok() const { return m_ok; }
    QString path() const { return m_dir.path(); }
    void write(const QString& rel, const QByteArray& bytes) {
        const QString p = m_dir.path() + QLatin1Char('/') + rel;
        QDir().mkpath(QFileInfo(p).path());
        QFile f(p);
        QVERIFY2(f.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(p));
        f.write(bytes);
    }
    QByteArray read(const QString& rel) const {
        QFile f(m_dir.path() + QLatin1Char('/') + rel);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<absent>");
    }
    HostRoot host() const { return *HostRoot::open(m_dir.path()); }
    // Every file and its content, the journal left out: what a rollback must give back.
    QMap<QString, QByteArray> snapshot() const {
        QMap<QString, QByteArray> files;
        QDirIterator it(m_dir.path(), QDir::Files | QDir::System | QDir::Hidden,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString rel = QDir(m_dir.path()).relativeFilePath(it.next());
            if (rel.startsWith(QLatin1String("var/lib/vireo/"))) continue;
            files.insert(rel, read(rel));
        }
        return files;
    }
    // A GPU bound to its own driver, as the kernel shows it (a stored link stand-in).
    void bind(const QString& address, const QString& driver) {
        const QString dev =
            host().readLink(QStringLiteral("sys/bus/pci/devices/") + address).value_or(QString());
        write(dev + QStringLiteral("/driver"),
              (QStringLiteral("../").repeated(int(dev.count(QLatin1Char('/'))) + 1) +
               QStringLiteral("sys/bus/pci/drivers/") + driver)
                  .toUtf8());
    }

private:
    QTemporaryDir m_dir;
    bool m_ok = false;
};

inline QString driverOf(const HostRoot& host, const QString& address) {
    return host.linkName(
        host.readLink(QStringLiteral("sys/bus/pci/devices/") + address).value_or(QString()) +
        QStringLiteral("/driver"));
}

} // namespace vireo::test
