#include "core/CompanionProgram.h"

#include "core/CompanionPaths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace vireo {

QString companionProgram(const QString& name, const char* envVar) {
    const QString env = QString::fromLocal8Bit(qgetenv(envVar));
    if (!env.isEmpty()) return env;
    const QString appDir = QCoreApplication::applicationDirPath();
    for (const std::string& path : companionCandidates(appDir.toStdString(), name.toStdString())) {
        const QString candidate = QString::fromStdString(path);
        if (QFileInfo(candidate).isExecutable()) return QDir::cleanPath(candidate);
    }
    return {};
}

} // namespace vireo
