#pragma once
// Golden-file comparison shared by the builder tests: VIREO_REGENERATE_GOLDEN=1 rewrites
// the expected file instead of comparing.
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

namespace golden {

inline void compare(const QString& actual, const QString& expectedPath) {
    if (qEnvironmentVariableIsSet("VIREO_REGENERATE_GOLDEN")) {
        QFile out(expectedPath);
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(actual.toUtf8());
        return;
    }
    QFile expected(expectedPath);
    QVERIFY2(expected.open(QIODevice::ReadOnly),
             qPrintable(QStringLiteral("missing %1; output was:\n%2").arg(expectedPath, actual)));
    QCOMPARE(actual, QString::fromUtf8(expected.readAll()));
}

// libvirt's own RelaxNG schema for `kind` ("domain", "network"), as virsh applies it.
inline void validateWithLibvirt(const QString& xml, const QString& kind) {
    const QString validator = QStandardPaths::findExecutable(QStringLiteral("virt-xml-validate"));
    if (validator.isEmpty()) QSKIP("virt-xml-validate is not installed (libvirt-clients)");
    QTemporaryDir dir;
    QFile tmp(dir.filePath(kind + QStringLiteral(".xml")));
    QVERIFY(tmp.open(QIODevice::WriteOnly));
    tmp.write(xml.toUtf8());
    tmp.close();
    QProcess p;
    p.start(validator, {tmp.fileName(), kind});
    QVERIFY(p.waitForFinished(30000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
}

} // namespace golden
