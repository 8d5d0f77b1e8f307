#include "core/CompanionProgram.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace vireo {

QString companionProgram(const QString& name, const char* envVar) {
    const QString env = QString::fromLocal8Bit(qgetenv(envVar));
    if (!env.isEmpty()) return env;
    const QString appDir = QCoreApplication::applicationDirPath();
    for (const QString& candidate :
         {appDir + QLatin1Char('/') + name, appDir + QStringLiteral("/../%1/%1").arg(name),
          appDir + QStringLiteral("/../app/%1/%1").arg(name),
          QStringLiteral("/usr/libexec/vireo/") + name})
        if (QFileInfo(candidate).isExecutable()) return QDir::cleanPath(candidate);
    return {};
}

} // namespace vireo
