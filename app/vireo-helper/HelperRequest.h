#pragma once

// The helper's fixed operation set as one check: a command line is a request Vireo may
// make, or it is refused before anything runs (and before the root check, so the whole
// set is testable and fuzzable without privileges).
#include <string>
#include <vector>

namespace vireo::helper {

struct Request {
    enum class Verdict { Valid, Usage, Invalid };
    Verdict verdict = Verdict::Usage;
    std::string error; // for Invalid: one line naming the argument ("invalid MTU '70000'")
    std::string op;
    std::vector<std::string> args;
};

// argv without the program name: [CLASS] OPERATION ARGS...
Request parseRequest(const std::vector<std::string>& argv);

} // namespace vireo::helper
