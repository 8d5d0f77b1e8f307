#include "sandbox/runtime/CgroupPrimitives.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

namespace vireo {

namespace {

bool isBlank(char c) {
    return c == ' ' || c == '\t';
}

} // namespace

long long cgroupKeyedCounter(const char* text, const char* key) noexcept {
    const size_t keyLength = std::strlen(key);
    for (const char* line = text; line && *line;) {
        const char* end = std::strchr(line, '\n');
        const char* p = line;
        while (isBlank(*p))
            ++p;
        if (std::strncmp(p, key, keyLength) == 0 && isBlank(p[keyLength])) {
            char* after = nullptr;
            const long long value = std::strtoll(p + keyLength, &after, 10);
            while (after && isBlank(*after))
                ++after;
            if (after && after != p + keyLength && (*after == '\n' || *after == '\0')) return value;
        }
        line = end ? end + 1 : nullptr;
    }
    return -1;
}

long long readCgroupKeyedCounter(const char* file, const char* key) noexcept {
    const int fd = ::open(file, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    char text[4096];
    size_t used = 0;
    for (;;) {
        const ssize_t n = ::read(fd, text + used, sizeof text - 1 - used);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        used += static_cast<size_t>(n);
        if (used == sizeof text - 1) break;
    }
    ::close(fd);
    text[used] = '\0';
    return cgroupKeyedCounter(text, key);
}

bool cgroupOomKilled(const char* const* files, int count) noexcept {
    for (int i = 0; i < count; ++i)
        if (readCgroupKeyedCounter(files[i], "oom_kill") > 0) return true;
    return false;
}

int removeCgroupDirWaiting(const char* path, int waitMs) noexcept {
    for (int attempt = 0;; ++attempt) {
        if (::rmdir(path) == 0 || errno == ENOENT) return 0;
        if (errno != EBUSY || attempt >= waitMs) return errno;
        const timespec ms{0, 1000 * 1000};
        ::nanosleep(&ms, nullptr);
    }
}

} // namespace vireo
