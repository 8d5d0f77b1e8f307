// vireo: the desktop app. Options and translations here; everything else is the main
// window (widgets/) over the same backend as vireoctl.
#include "MainWindow.h"
#include "Translations.h"
#include "VmListModel.h"
#include "store/Library.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QIcon>
#include <QSettings>
#include <QTimer>

#include <cstdio>
#include <ctime>
#include <memory>
#include <unistd.h>

namespace {

// Milliseconds since this process was created (from /proc/self/stat), so the benchmark
// counts the dynamic loader and static initialisers too.
qint64 msSinceProcessStart() {
    QFile f(QStringLiteral("/proc/self/stat"));
    if (!f.open(QIODevice::ReadOnly)) return -1;
    const QByteArray stat = f.readAll();
    const auto fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 20) return -1;
    const double startTicks = fields.at(19).toDouble(); // field 22: starttime
    timespec now{};
    clock_gettime(CLOCK_BOOTTIME, &now);
    const double nowMs = double(now.tv_sec) * 1000.0 + double(now.tv_nsec) / 1e6;
    return qint64(nowMs - startTicks * 1000.0 / double(sysconf(_SC_CLK_TCK)));
}

} // namespace

int main(int argc, char** argv) {
    // libvirt's event loop (remote hosts) runs GLib's default main context in a thread of
    // its own; Qt's GLib dispatcher would own that context here and starve it.
    qputenv("QT_NO_GLIB", "1");
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("vireo"));
    QApplication::setOrganizationName(QStringLiteral("vireo"));
    QApplication::setApplicationVersion(QStringLiteral(VIREO_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("vireo"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/vireo.svg")));

    // --lang is read before the parser so that --help itself is translated.
    QString language;
    const QStringList args = QApplication::arguments();
    for (int i = 1; i < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--lang") && i + 1 < args.size())
            language = args.at(i + 1);
        else if (args.at(i).startsWith(QLatin1String("--lang=")))
            language = args.at(i).mid(7);
    }
    vireo::installTranslations(language);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Vireo: QEMU virtual machines on your desktop."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({QStringLiteral("library"),
                      QCoreApplication::translate("main", "The VM library folder."),
                      QCoreApplication::translate("main", "dir")});
    parser.addOption({QStringLiteral("lang"),
                      QCoreApplication::translate("main", "Language of the interface (de, fr, en); "
                                                          "default: the system's."),
                      QCoreApplication::translate("main", "code")});
    parser.process(app);

    QString root = parser.value(QStringLiteral("library"));
    if (root.isEmpty()) root = vireo::Library::defaultRoot();
    root = QDir(root).absolutePath();

    vireo::MainWindow window(root);
    window.show();

    // The first start shows what this host lacks (the doctor's checks); later ones only on
    // request (Help > Check This Host).
    QSettings settings;
    if (!settings.value(QStringLiteral("hostCheck/shownOnce")).toBool() &&
        !qEnvironmentVariableIsSet("VIREO_BENCH")) {
        settings.setValue(QStringLiteral("hostCheck/shownOnce"), true);
        window.showHostCheck();
    }

    // VIREO_BENCH=1: print the time from process start until the window is shown and the
    // library is loaded into the model, then quit (bench/gui-start).
    if (qEnvironmentVariableIntValue("VIREO_BENCH") == 1) {
        auto report = [&window] {
            std::fprintf(stderr, "vireo-bench: %lld ms to window shown and %d VMs loaded\n",
                         static_cast<long long>(msSinceProcessStart()), window.model()->rowCount());
            QTimer::singleShot(0, qApp, &QCoreApplication::quit);
        };
        if (window.model()->isLoaded())
            report();
        else
            QObject::connect(window.model(), &vireo::VmListModel::loaded, &window, report);
    }
    // VIREO_BENCH=2: watch the UI thread for VIREO_BENCH_SECONDS (default 15) while the
    // library's running VMs report their stats, then print the longest stall and quit.
    if (qEnvironmentVariableIntValue("VIREO_BENCH") == 2) {
        auto* tick = new QTimer(&window);
        auto* clock = new QElapsedTimer;
        clock->start();
        auto last = std::make_shared<qint64>(0);
        auto worst = std::make_shared<qint64>(0);
        auto over50 = std::make_shared<int>(0);
        // A 10 ms timer fires late by however long the event loop was blocked.
        QObject::connect(tick, &QTimer::timeout, &window, [=] {
            const qint64 now = clock->elapsed();
            const qint64 gap = now - *last - 10;
            if (*last > 0 && gap > *worst) *worst = gap;
            if (*last > 0 && gap > 50) ++*over50;
            *last = now;
        });
        tick->start(10);
        const int seconds = qEnvironmentVariableIsSet("VIREO_BENCH_SECONDS")
                                ? qEnvironmentVariableIntValue("VIREO_BENCH_SECONDS")
                                : 15;
        QTimer::singleShot(seconds * 1000, &window, [=, &window] {
            int running = 0;
            for (int r = 0; r < window.model()->rowCount(); ++r)
                running += window.model()->rowAt(r).status.isActive() ? 1 : 0;
            std::fprintf(stderr,
                         "vireo-stalls: longest %lld ms, %d over 50 ms, in %d s with %d "
                         "running VMs\n",
                         static_cast<long long>(*worst), *over50, seconds, running);
            delete clock;
            QCoreApplication::quit();
        });
    }
    return app.exec();
}
