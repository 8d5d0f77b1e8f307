#include "core/CompanionProgram.h"

#include "core/CompanionPaths.h"

#include <QDir>

namespace vireo {

QString companionProgram(const QString& name, const char* envVar) {
    if (const QString env = QString::fromLocal8Bit(qgetenv(envVar)); !env.isEmpty()) return env;
    const std::string found = findCompanion(name.toStdString(), nullptr);
    return found.empty() ? QString() : QDir::cleanPath(QString::fromStdString(found));
}

} // namespace vireo
