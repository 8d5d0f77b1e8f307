#include "Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace vireo {

QStringList shippedLanguages() {
    return {QStringLiteral("de"), QStringLiteral("fr")};
}

QString installTranslations(const QString& language) {
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    static QTranslator* app = nullptr;
    static QTranslator* qt = nullptr;
    for (QTranslator** t : {&app, &qt}) {
        if (*t) {
            QCoreApplication::removeTranslator(*t);
            delete *t;
            *t = nullptr;
        }
    }
    if (language == QLatin1String("en") || language == QLatin1String("C")) return {};
    auto* mine = new QTranslator;
    if (!mine->load(locale, QStringLiteral("vireo"), QStringLiteral("_"),
                    QStringLiteral(":/i18n"))) {
        delete mine;
        return {};
    }
    app = mine;
    QCoreApplication::installTranslator(app);
    auto* base = new QTranslator;
    if (base->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                   QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        qt = base;
        QCoreApplication::installTranslator(qt);
    } else {
        delete base;
    }
    return locale.name().section(QLatin1Char('_'), 0, 0);
}

} // namespace vireo
