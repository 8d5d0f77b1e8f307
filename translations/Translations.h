#pragma once

#include <QString>
#include <QStringList>

namespace vireo {

// The languages the app ships (besides English, the source language).
QStringList shippedLanguages();

// Installs the app's and Qt's own translators for `language` ("de", "fr_FR"; empty: the
// system locale). Returns the language actually loaded, or empty for English.
QString installTranslations(const QString& language);

} // namespace vireo
