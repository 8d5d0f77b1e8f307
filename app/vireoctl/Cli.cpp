#include "Cli.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>

namespace vireo::cli {

Cli::Cli(QString command, QStringList args, QString globalLibrary, bool globalJson, QString remote)
    : m_command(std::move(command)), m_args(std::move(args)),
      m_globalLibrary(std::move(globalLibrary)), m_json(globalJson), m_remote(std::move(remote)) {}

bool Cli::parse(const QString& description, const QStringList& positional,
                const QList<QCommandLineOption>& options, int minPositional) {
    m_parser.setApplicationDescription(description);
    m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    m_parser.addOption(help);
    m_parser.addOption(
        {QStringLiteral("library"), QStringLiteral("VM library folder."), QStringLiteral("DIR")});
    m_parser.addOption({QStringLiteral("json"), QStringLiteral("Print machine-readable JSON.")});
    for (const auto& o : options)
        m_parser.addOption(o);
    for (const auto& p : positional)
        m_parser.addPositionalArgument(p.split(QLatin1Char(' ')).first(), p, p);
    if (!m_parser.parse(QStringList{QStringLiteral("vireoctl ") + m_command} + m_args)) {
        m_exit = usage(m_parser.errorText());
        return false;
    }
    if (m_parser.isSet(help)) {
        const QString text = m_parser.helpText();
        std::fputs(qPrintable(text), stdout);
        m_exit = ExitOk;
        return false;
    }
    const int need = minPositional < 0 ? static_cast<int>(positional.size()) : minPositional;
    if (m_parser.positionalArguments().size() < need) {
        m_exit = usage(
            QStringLiteral("missing %1")
                .arg(positional.mid(m_parser.positionalArguments().size()).join(QLatin1Char(' '))));
        return false;
    }
    if (m_parser.isSet(QStringLiteral("json"))) m_json = true;
    QString lib = m_parser.isSet(QStringLiteral("library"))
                      ? m_parser.value(QStringLiteral("library"))
                      : m_globalLibrary;
    m_library = Library(lib.isEmpty() ? Library::defaultRoot() : lib);
    return true;
}

int Cli::fail(const Error& error) const {
    std::fprintf(stderr, "vireoctl: %s\n", qPrintable(error.line()));
    return ExitFailed;
}

int Cli::usage(const QString& message) const {
    std::fprintf(stderr, "vireoctl %s: %s (see 'vireoctl %s --help')\n", qPrintable(m_command),
                 qPrintable(message), qPrintable(m_command));
    return ExitUsage;
}

int Cli::printJson(const QJsonValue& value) const {
    QJsonDocument doc =
        value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    std::fputs(doc.toJson(QJsonDocument::Indented).constData(), stdout);
    return ExitOk;
}

void Cli::print(const QString& line) const {
    std::fputs(qPrintable(line + QLatin1Char('\n')), stdout);
}

void Cli::warn(const QString& line) const {
    std::fprintf(stderr, "vireoctl: warning: %s\n", qPrintable(line));
}

int runSubVerb(Cli& cli, const QList<Verb>& verbs, const QString& usageLine) {
    QStringList args = cli.rawArgs();
    const QString verb = args.isEmpty() ? QString() : args.takeFirst();
    QStringList names;
    for (const auto& v : verbs) {
        if (v.name == verb) {
            Cli sub = cli.subVerb(verb, args);
            return v.run(sub);
        }
        names << v.name;
    }
    if (verb == QLatin1String("--help") || verb == QLatin1String("-h") || verb.isEmpty()) {
        std::printf("Usage: %s\n\n", qPrintable(usageLine));
        for (const auto& v : verbs)
            std::printf("  %-10s %s\n", qPrintable(v.name), qPrintable(v.summary));
        return verb.isEmpty() ? ExitUsage : ExitOk;
    }
    return cli.usage(
        QStringLiteral("unknown verb '%1' (%2)").arg(verb, names.join(QStringLiteral(", "))));
}

QStringList splitAtDoubleDash(const Cli& cli, QStringList* own) {
    *own = cli.rawArgs();
    const qsizetype dash = own->indexOf(QStringLiteral("--"));
    if (dash < 0) return {};
    const QStringList command = own->mid(dash + 1);
    *own = own->mid(0, dash);
    return command;
}

QString vireoctlProgram() {
    const QString front = qEnvironmentVariable("VIREOCTL_FRONT");
    return front.isEmpty() ? QCoreApplication::applicationFilePath() : front;
}

} // namespace vireo::cli
