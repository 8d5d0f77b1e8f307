#include "sandbox/runtime/CgroupNotes.h"

#include "sandbox/runtime/Cgroup.h"
#include "sandbox/runtime/CgroupPrimitives.h"

#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace vireo {

namespace {

constexpr const char* kNotesDir = "/run/vireo/sandbox-groups";

} // namespace

std::string sandboxCgroupNotePath(const std::string& groupName) {
    return std::string(kNotesDir) + "/" + groupName;
}

bool noteSandboxCgroups(const std::string& groupName) {
    const std::string path = sandboxCgroupNotePath(groupName);
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0 && errno == ENOENT) {
        // Only root's runs make groups, and /run is root's.
        (void)::mkdir("/run/vireo", 0755);
        (void)::mkdir(kNotesDir, 0755);
        fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    }
    if (fd < 0) return false;
    ::close(fd);
    return true;
}

void forgetSandboxCgroups(const std::string& groupName) {
    (void)::unlink(sandboxCgroupNotePath(groupName).c_str());
}

void removeNotedStaleSandboxCgroups(const CgroupLayout& layout) {
    DIR* dir = ::opendir(kNotesDir);
    if (!dir) return;
    std::vector<std::string> stale;
    while (const dirent* e = ::readdir(dir))
        if (e->d_type == DT_REG && isStaleSandboxCgroup(e->d_name)) stale.emplace_back(e->d_name);
    ::closedir(dir);
    if (stale.empty()) return;
    const std::vector<std::string> parents = sandboxCgroupParents(layout);
    for (const std::string& name : stale) {
        bool gone = true;
        for (const std::string& parent : parents)
            gone = removeCgroupDirWaiting((parent + "/" + name).c_str(), 0) == 0 && gone;
        if (gone) forgetSandboxCgroups(name);
    }
}

} // namespace vireo
