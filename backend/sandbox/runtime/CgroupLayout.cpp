#include "sandbox/runtime/CgroupLayout.h"

#include "sandbox/runtime/SmallFile.h"

#include <algorithm>

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
        const std::string mountPoint = unescape(left[4]);
        if (right[0] == "cgroup2") {
            if (layout.v2Mount.empty()) layout.v2Mount = mountPoint;
        } else if (right[0] == "cgroup") {
            for (const auto opt : split(right[2], ',')) {
                if (opt == "rw" || opt == "ro" || opt.find('=') != std::string_view::npos) continue;
                layout.v1Mounts.emplace(std::string(opt), mountPoint); // the first one wins
            }
        }
    }
    // /proc/self/cgroup: "4:memory:/a/b" (v1) and "0::/c" (v2).
    for (const auto line : split(selfCgroup, '\n')) {
        const auto parts = split(line, ':');
        if (parts.size() < 3) continue;
        const std::string path(line.substr(parts[0].size() + parts[1].size() + 2));
        if (parts[1].empty())
            layout.v2OwnPath = path;
        else
            for (const auto c : split(parts[1], ','))
                layout.v1OwnPath.emplace(std::string(c), path);
    }
    for (auto c : split(v2Controllers, ' ')) {
        while (!c.empty() && (c.back() == '\n' || c.back() == '\t'))
            c.remove_suffix(1);
        if (!c.empty()) layout.v2Controllers.emplace_back(c);
    }
    const bool hasV1 = layout.hasV1("memory") || layout.hasV1("pids") || layout.hasV1("cpu");
    if (hasV1)
        layout.kind = layout.v2Mount.empty() ? CgroupLayoutKind::V1 : CgroupLayoutKind::Hybrid;
    else if (!layout.v2Mount.empty())
        layout.kind = CgroupLayoutKind::V2;
    return layout;
}

CgroupLayout probeCgroupLayout() {
    const std::string mountinfo = readSmallFile("/proc/self/mountinfo");
    const std::string self = readSmallFile("/proc/self/cgroup");
    CgroupLayout first = parseCgroupLayout(mountinfo, self, {});
    if (first.v2Mount.empty()) return first;
    return parseCgroupLayout(mountinfo, self, readSmallFile(first.v2Mount + "/cgroup.controllers"));
}

} // namespace vireo
