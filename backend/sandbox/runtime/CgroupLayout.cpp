#include "sandbox/runtime/CgroupLayout.h"

#include "sandbox/runtime/SmallFile.h"

#include <algorithm>
#include <linux/magic.h>
#include <sys/statfs.h>

namespace vireo {

namespace {

std::vector<std::string_view> split(std::string_view text, char sep) {
    std::vector<std::string_view> out;
    for (;;) {
        const auto at = text.find(sep);
        out.push_back(text.substr(0, at));
        if (at == std::string_view::npos) return out;
        text.remove_prefix(at + 1);
    }
}

// mountinfo escapes spaces and friends as \040 etc.
std::string unescape(std::string_view field) {
    std::string out;
    for (size_t i = 0; i < field.size(); ++i) {
        if (field[i] == '\\' && i + 3 < field.size()) {
            out.push_back(
                static_cast<char>(std::stoi(std::string(field.substr(i + 1, 3)), nullptr, 8)));
            i += 3;
        } else {
            out.push_back(field[i]);
        }
    }
    return out;
}

std::string ownDir(const std::string& mount, const std::string& own) {
    return mount + (own == "/" ? std::string() : own);
}

} // namespace

const char* cgroupLayoutName(CgroupLayoutKind kind) {
    switch (kind) {
    case CgroupLayoutKind::V1:
        return "v1";
    case CgroupLayoutKind::Hybrid:
        return "hybrid";
    case CgroupLayoutKind::V2:
        return "v2";
    case CgroupLayoutKind::None:
        break;
    }
    return "none";
}

bool CgroupLayout::hasV2(const std::string& controller) const {
    return std::find(v2Controllers.begin(), v2Controllers.end(), controller) != v2Controllers.end();
}

std::string CgroupLayout::v1OwnDir(const std::string& controller) const {
    const auto mount = v1Mounts.find(controller);
    if (mount == v1Mounts.end()) return {};
    const auto own = v1OwnPath.find(controller);
    return ownDir(mount->second, own == v1OwnPath.end() ? std::string() : own->second);
}

std::string CgroupLayout::v2OwnDir() const {
    return v2Mount.empty() ? std::string() : ownDir(v2Mount, v2OwnPath);
}

std::string CgroupLayout::v2SandboxParent() const {
    if (v2Mount.empty()) return {};
    return v2OwnPath == "/" || v2OwnPath.empty() ? v2Mount : v2Mount + "/vireo";
}

namespace {

void addCgroupMount(CgroupLayout* layout, std::string_view fsType, const std::string& mountPoint,
                    std::string_view superOptions) {
    if (fsType == "cgroup2") {
        if (layout->v2Mount.empty()) layout->v2Mount = mountPoint;
    } else if (fsType == "cgroup") {
        for (const auto opt : split(superOptions, ',')) {
            if (opt == "rw" || opt == "ro" || opt.find('=') != std::string_view::npos) continue;
            layout->v1Mounts.emplace(std::string(opt), mountPoint); // the first one wins
        }
    }
}

// This process's groups (/proc/self/cgroup: "4:memory:/a/b" on v1, "0::/c" on v2), what
// the v2 root offers, and from all that the kind.
void finishCgroupLayout(CgroupLayout* layout, std::string_view selfCgroup,
                        std::string_view v2Controllers) {
    for (const auto line : split(selfCgroup, '\n')) {
        const auto parts = split(line, ':');
        if (parts.size() < 3) continue;
        const std::string path(line.substr(parts[0].size() + parts[1].size() + 2));
        if (parts[1].empty())
            layout->v2OwnPath = path;
        else
            for (const auto c : split(parts[1], ','))
                layout->v1OwnPath.emplace(std::string(c), path);
    }
    for (auto c : split(v2Controllers, ' ')) {
        while (!c.empty() && (c.back() == '\n' || c.back() == '\t'))
            c.remove_suffix(1);
        if (!c.empty()) layout->v2Controllers.emplace_back(c);
    }
    const bool hasV1 = layout->hasV1("memory") || layout->hasV1("pids") || layout->hasV1("cpu");
    if (hasV1)
        layout->kind = layout->v2Mount.empty() ? CgroupLayoutKind::V1 : CgroupLayoutKind::Hybrid;
    else if (!layout->v2Mount.empty())
        layout->kind = CgroupLayoutKind::V2;
}

long fileSystemType(const std::string& path) {
    struct statfs fs {};
    return ::statfs(path.c_str(), &fs) == 0 ? static_cast<long>(fs.f_type) : 0;
}

bool isFileSystem(const std::string& path, long magic) {
    return fileSystemType(path) == magic;
}

// The layout systemd mounts, found with a statfs per hierarchy: cgroup2 on /sys/fs/cgroup
// (v2), or a tmpfs there with each v1 hierarchy in the folder named by its controllers
// ("cpu,cpuacct", as /proc/self/cgroup lists them) and maybe cgroup2 on
// /sys/fs/cgroup/unified (hybrid). False for anything else, which mountinfo then tells:
// reading that makes the kernel format every mount of the namespace, several times the
// cost of these calls on a sandbox's start path.
bool probeStandardCgroupMounts(std::string_view selfCgroup, CgroupLayout* layout) {
    const std::string root = "/sys/fs/cgroup";
    const long rootType = fileSystemType(root);
    if (rootType == CGROUP2_SUPER_MAGIC) {
        layout->v2Mount = root;
        for (const auto line : split(selfCgroup, '\n')) {
            const auto parts = split(line, ':');
            if (parts.size() >= 3 && !parts[1].empty()) return false; // v1 hierarchies too
        }
        return true;
    }
    if (rootType != TMPFS_MAGIC) return false;
    for (const auto line : split(selfCgroup, '\n')) {
        const auto parts = split(line, ':');
        if (parts.size() < 3 || parts[1].empty()) continue;
        if (parts[1].find('=') != std::string_view::npos) continue; // named: no controller
        const std::string dir = root + "/" + std::string(parts[1]);
        if (!isFileSystem(dir, CGROUP_SUPER_MAGIC)) return false;
        addCgroupMount(layout, "cgroup", dir, parts[1]);
    }
    if (isFileSystem(root + "/unified", CGROUP2_SUPER_MAGIC)) layout->v2Mount = root + "/unified";
    return true;
}

} // namespace

CgroupLayout parseCgroupLayout(std::string_view mountinfo, std::string_view selfCgroup,
                               std::string_view v2Controllers) {
    CgroupLayout layout;
    for (const auto line : split(mountinfo, '\n')) {
        // id parent major:minor root mountpoint options [optional...] - fstype source superopts
        const auto sep = line.find(" - ");
        if (sep == std::string_view::npos) continue;
        const auto left = split(line.substr(0, sep), ' ');
        const auto right = split(line.substr(sep + 3), ' ');
        if (left.size() < 5 || right.size() < 3) continue;
        addCgroupMount(&layout, right[0], unescape(left[4]), right[2]);
    }
    finishCgroupLayout(&layout, selfCgroup, v2Controllers);
    return layout;
}

namespace {

CgroupLayout layoutFromMountinfo(const std::string& self) {
    const std::string mountinfo = readSmallFile("/proc/self/mountinfo");
    CgroupLayout first = parseCgroupLayout(mountinfo, self, {});
    if (first.v2Mount.empty()) return first;
    return parseCgroupLayout(mountinfo, self, readSmallFile(first.v2Mount + "/cgroup.controllers"));
}

} // namespace

CgroupLayout probeCgroupLayout() {
    const std::string self = readSmallFile("/proc/self/cgroup");
    CgroupLayout layout;
    if (!probeStandardCgroupMounts(self, &layout)) return layoutFromMountinfo(self);
    finishCgroupLayout(&layout, self,
                       layout.v2Mount.empty()
                           ? std::string()
                           : readSmallFile(layout.v2Mount + "/cgroup.controllers"));
    return layout;
}

CgroupLayout probeCgroupLayoutFromMountinfo() {
    return layoutFromMountinfo(readSmallFile("/proc/self/cgroup"));
}

} // namespace vireo
