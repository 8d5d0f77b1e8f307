#include "HelperProcess.h"

#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace vireo::helper {

int fail(const std::string& message) {
    std::fprintf(stderr, "vireo-helper: %s\n", message.c_str());
    return 1;
}

std::string tool(const char* name) {
    for (const char* dir : {"/usr/sbin/", "/sbin/", "/usr/bin/", "/bin/"}) {
        const std::string p = std::string(dir) + name;
        if (::access(p.c_str(), X_OK) == 0) return p;
    }
    return {};
}

// Runs argv (argv[0] a tool name resolved in fixed system folders) with a fixed
// environment: stdin from `input` (or /dev/null), stdout into `output` when given, stderr
// passed through unless `quiet`. Returns the exit code (127: the tool is not installed).
// Never both input and output: nothing here reads while it writes.
int runTool(std::vector<std::string> argv, const std::string& input, std::string* output,
            bool quiet) {
    const std::string path = tool(argv[0].c_str());
    if (path.empty()) return fail(argv[0] + " is not installed"), 127;
    std::vector<char*> cargv;
    for (auto& a : argv)
        cargv.push_back(a.data());
    cargv.push_back(nullptr);
    int in[2] = {-1, -1}, out[2] = {-1, -1};
    if ((!input.empty() && ::pipe(in) != 0) || (output && ::pipe(out) != 0)) return 1;
    const pid_t pid = ::fork();
    if (pid == 0) {
        const int devNull = ::open("/dev/null", O_RDWR | O_CLOEXEC);
        ::dup2(in[0] >= 0 ? in[0] : devNull, 0);
        if (out[1] >= 0) ::dup2(out[1], 1);
        if (quiet) ::dup2(devNull, 2);
        for (int fd : {in[0], in[1], out[0], out[1]})
            if (fd > 2) ::close(fd);
        static char* const env[] = {const_cast<char*>("PATH=/usr/sbin:/usr/bin:/sbin:/bin"),
                                    nullptr};
        ::execve(path.c_str(), cargv.data(), env);
        ::_exit(127);
    }
    if (in[0] >= 0) {
        ::close(in[0]);
        size_t done = 0;
        while (done < input.size()) {
            const ssize_t n = ::write(in[1], input.data() + done, input.size() - done);
            if (n <= 0) break;
            done += static_cast<size_t>(n);
        }
        ::close(in[1]);
    }
    if (out[0] >= 0) {
        ::close(out[1]);
        char buf[4096];
        for (ssize_t n; (n = ::read(out[0], buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR);)
            if (n > 0) output->append(buf, static_cast<size_t>(n));
        ::close(out[0]);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

int run(std::vector<std::string> argv, const std::string& input, bool quiet) {
    return runTool(std::move(argv), input, nullptr, quiet);
}

// A tool's stdout in lines (none when it failed).
std::vector<std::string> outputLines(std::vector<std::string> argv) {
    std::string text;
    std::vector<std::string> lines;
    if (runTool(std::move(argv), {}, &text, false) != 0) return lines;
    size_t start = 0;
    for (size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1)
        lines.push_back(text.substr(start, nl - start));
    return lines;
}

} // namespace vireo::helper
