#pragma once

// A command line and environment made ready, before fork, for an exec between fork and exec
// (which may not allocate): the sandbox's payload, its monitor, an ssh channel. Use it where
// it was prepared: a copy's pointers would still point into the original.

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
