#pragma once
// Shared set-up of the GUI tests: a private library, runtime and config folder, so a
// test never sees (or leaves behind) the user's VMs and settings.
#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

// A widget of the page by its object name; warns (and the test's QVERIFY then fails) when
// the page has none.
template <typename T> T* child(QObject* parent, const char* name) {
    auto* w = parent->findChild<T*>(QString::fromLatin1(name));
    if (!w) qWarning() << "no child" << name;
    return w;
}

struct GuiTestEnv {
    QTemporaryDir dir;
    QString lib;

    bool setUp() {
        if (!dir.isValid()) return false;
        lib = dir.filePath(QStringLiteral("lib"));
        const QString run = dir.filePath(QStringLiteral("run"));
        QDir().mkpath(run);
        QDir().mkpath(lib);
        qputenv("XDG_RUNTIME_DIR", run.toUtf8());
        qputenv("XDG_CACHE_HOME", dir.filePath(QStringLiteral("cache")).toUtf8());
        qputenv("XDG_CONFIG_HOME", dir.filePath(QStringLiteral("config")).toUtf8());
        return true;
    }

    int vireoctl(const QStringList& args, QString* out = nullptr) const {
        QProcess p;
        p.start(QStringLiteral(VIREOCTL_PATH),
                QStringList{QStringLiteral("--library"), lib} + args);
        p.waitForFinished(120000);
        if (out) *out = QString::fromUtf8(p.readAllStandardOutput());
        if (p.exitCode() != 0) qInfo() << "vireoctl" << args << p.readAllStandardError();
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    }
};
