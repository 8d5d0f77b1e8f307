// vireoctl vm clipboard: the two-way text clipboard of a running VM (qemu-vdagent + the VNC
// clipboard extension; the guest runs spice-vdagent).
#include "Cli.h"

#include "qemu/VncClipboard.h"
#include "vm/VmRuntime.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <cstdio>

namespace vireo::cli {

namespace {

Result<QString> clipboardSocket(Cli& cli, const QString& name) {
    auto spec = cli.library().load(name);
    if (!spec) return spec.error();
    if (!spec->clipboard)
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral("VM '%1' does not share its clipboard").arg(name),
                         QStringLiteral("turn it on with 'vireoctl vm edit %1 --clipboard' while "
                                        "it is shut off")
                             .arg(name));
    auto rt = runningVm(cli.library(), *spec);
    if (!rt) return rt.error();
    return rt->vncSocket();
}

QList<QCommandLineOption> timeoutOption(const QString& fallback) {
    return {{QStringLiteral("timeout"),
             QStringLiteral("Give up after SECONDS (default %1).").arg(fallback),
             QStringLiteral("SECONDS"), fallback}};
}

int clipboardSet(Cli& cli) {
    if (!cli.parse(QStringLiteral("Offer TEXT (or standard input for '-') as the host's "
                                  "clipboard; returns when the guest has fetched it."),
                   {QStringLiteral("NAME"), QStringLiteral("TEXT")}, timeoutOption("30")))
        return cli.exitCode();
    const QString name = cli.positional().at(0);
    QString text = cli.positional().at(1);
    if (text == QLatin1String("-")) {
        QFile in;
        (void)in.open(stdin, QIODevice::ReadOnly);
        text = QString::fromUtf8(in.readAll());
    }
    const int timeoutS = cli.value(QStringLiteral("timeout")).toInt();
    auto socket = clipboardSocket(cli, name);
    if (!socket) return cli.fail(socket.error());
    VncClipboard clip;
    std::optional<Error> failure;
    bool taken = false;
    QObject::connect(&clip, &VncClipboard::failed, [&](const Error& e) {
        failure = e;
        QCoreApplication::quit();
    });
    QObject::connect(&clip, &VncClipboard::offerTaken, [&] {
        taken = true;
        // The data must reach QEMU before the connection closes (closing withdraws it).
        QTimer::singleShot(200, qApp, &QCoreApplication::quit);
    });
    QTimer::singleShot(timeoutS * 1000, qApp, &QCoreApplication::quit);
    clip.open(*socket);
    clip.offer(text);
    QCoreApplication::exec();
    if (failure) return cli.fail(*failure);
    if (!taken)
        return cli.fail(makeError(ErrorCode::Timeout,
                                  QStringLiteral("VM '%1' did not take the clipboard within %2 s")
                                      .arg(name)
                                      .arg(timeoutS),
                                  QStringLiteral("is spice-vdagent running in the guest?")));
    if (cli.json()) return cli.printJson(QJsonObject{{QStringLiteral("taken"), true}});
    return ExitOk;
}

int clipboardWatch(Cli& cli) {
    QList<QCommandLineOption> options = timeoutOption("0 = never");
    options << QCommandLineOption(QStringLiteral("count"),
                                  QStringLiteral("Stop after N copies in the guest."),
                                  QStringLiteral("N"), QStringLiteral("0"));
    if (!cli.parse(QStringLiteral("Print the text each time the guest copies something (one "
                                  "JSON object per line with --json)."),
                   {QStringLiteral("NAME")}, options))
        return cli.exitCode();
    const QString name = cli.positional().at(0);
    const int timeoutS = cli.value(QStringLiteral("timeout")).toInt();
    const int count = cli.value(QStringLiteral("count")).toInt();
    auto socket = clipboardSocket(cli, name);
    if (!socket) return cli.fail(socket.error());
    VncClipboard clip;
    std::optional<Error> failure;
    int seen = 0;
    QObject::connect(&clip, &VncClipboard::failed, [&](const Error& e) {
        failure = e;
        QCoreApplication::quit();
    });
    QObject::connect(&clip, &VncClipboard::guestCopied, [&](const QString& text) {
        if (cli.json()) // one compact object per line: a stream a script can read
            cli.print(QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("text"), text}})
                                            .toJson(QJsonDocument::Compact)));
        else
            cli.print(text);
        std::fflush(stdout);
        if (count > 0 && ++seen >= count) QCoreApplication::quit();
    });
    if (timeoutS > 0) QTimer::singleShot(timeoutS * 1000, qApp, &QCoreApplication::quit);
    clip.open(*socket);
    QCoreApplication::exec();
    if (failure) return cli.fail(*failure);
    if (count > 0 && seen < count)
        return cli.fail(
            makeError(ErrorCode::Timeout,
                      QStringLiteral("the guest of VM '%1' copied %2 of %3 texts within %4 s")
                          .arg(name)
                          .arg(seen)
                          .arg(count)
                          .arg(timeoutS),
                      QStringLiteral("is spice-vdagent running in the guest?")));
    return ExitOk;
}

} // namespace

int runClipboard(Cli& cli) {
    static const QList<Verb> verbs{
        {QStringLiteral("set"), QStringLiteral("offer text as the host's clipboard"), clipboardSet},
        {QStringLiteral("watch"), QStringLiteral("print what the guest copies"), clipboardWatch},
    };
    return runSubVerb(cli, verbs, QStringLiteral("vireoctl vm clipboard set|watch NAME ..."));
}

} // namespace vireo::cli
