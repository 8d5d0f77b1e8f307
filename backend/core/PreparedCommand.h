#pragma once

// A command line and environment made ready, before fork, for an exec between fork and exec
// (which may not allocate): the sandbox's payload, its monitor, an ssh channel. Use it where
// it was prepared: a copy's pointers would still point into the original.

#include <string>
#include <type_traits>
#include <vector>

namespace vireo {

struct PreparedCommand {
    std::vector<std::string> argv;
    std::vector<std::string> env;
    std::vector<char*> argvPtrs; // null-terminated views of argv/env
    std::vector<char*> envPtrs;

    // `List` is std::vector<std::string> or (in Qt code) QStringList; Qt-free code, such
    // as vireoctl's front, never instantiates the latter.
    template <typename List> void prepare(const List& arguments, const List& environment) {
        for (const auto& a : arguments)
            argv.push_back(toStd(a));
        for (const auto& e : environment)
            env.push_back(toStd(e));
        for (auto& a : argv)
            argvPtrs.push_back(a.data());
        argvPtrs.push_back(nullptr);
        for (auto& e : env)
            envPtrs.push_back(e.data());
        envPtrs.push_back(nullptr);
    }

private:
    template <typename S> static std::string toStd(const S& s) {
        if constexpr (std::is_same_v<S, std::string>)
            return s;
        else
            return s.toStdString();
    }
};

} // namespace vireo
