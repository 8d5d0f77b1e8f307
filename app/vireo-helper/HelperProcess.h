#pragma once

// How vireo-helper reports and runs tools: one line on stderr per failure, and tools from
// fixed system folders with a fixed environment, argv only (never a shell).
#include <string>
#include <vector>

namespace vireo::helper {

// Prints "vireo-helper: MESSAGE" and returns 1.
int fail(const std::string& message);
// The tool's path in /usr/sbin, /sbin, /usr/bin or /bin; empty when not installed.
std::string tool(const char* name);
// Runs argv (argv[0] a tool name resolved by tool()) with stdin from `input` (or
// /dev/null), stdout into `output` when given, stderr passed through unless `quiet`.
// Returns the exit code (127: the tool is not installed). Never both input and output.
int runTool(std::vector<std::string> argv, const std::string& input, std::string* output,
            bool quiet);
int run(std::vector<std::string> argv, const std::string& input = {}, bool quiet = false);
// A tool's stdout in lines (none when it failed).
std::vector<std::string> outputLines(std::vector<std::string> argv);

} // namespace vireo::helper
