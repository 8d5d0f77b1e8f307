#pragma once

// Internal to backend/sandbox: a command line and environment made ready, before fork, for
// an execvp between fork and exec (which may not allocate).

#include <QStringList>
#include <QtGlobal>

#include <string>
#include <vector>

namespace vireo {

struct PreparedCommand {
    std::vector<std::string> argv;
    std::vector<std::string> env;
    std::vector<char*> argvPtrs; // null-terminated views of argv/env
    std::vector<char*> envPtrs;

    void prepare(const QStringList& arguments, const QStringList& environment) {
        for (const auto& a : arguments)
            argv.push_back(a.toStdString());
        for (const auto& e : environment)
            env.push_back(e.toStdString());
        for (auto& a : argv)
            argvPtrs.push_back(a.data());
        argvPtrs.push_back(nullptr);
        for (auto& e : env)
            envPtrs.push_back(e.data());
        envPtrs.push_back(nullptr);
    }
};

} // namespace vireo
