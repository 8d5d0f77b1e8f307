#include "sandbox/runtime/Mounts.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace vireo {

namespace {

// Builds "<a><b>" into `out` without allocating. Paths longer than PATH_MAX are cut
// (and then fail to resolve, which reports the cut path).
void join(char* out, std::size_t size, const char* a, const char* b) noexcept {
    std::size_t n = 0;
    for (const char* s : {a, b})
        for (; s && *s && n + 1 < size; ++s)
            out[n++] = *s;
    out[n] = '\0';
}

bool fail(SysFailure* f, const char* step, const char* path) noexcept {
    setSysFailure(f, step, path, errno);
    return false;
}

bool doMount(const char* src, const char* target, const char* type, unsigned long flags,
             const char* data, const char* step, SysFailure* f) noexcept {
    if (::mount(src, target, type, flags, data) != 0) return fail(f, step, target);
    return true;
}

// As doMount, but a target that does not exist is skipped (`*mounted` says which).
bool mountUnlessMissing(const char* src, const char* target, const char* type, unsigned long flags,
                        const char* data, const char* step, SysFailure* f,
                        bool* mounted = nullptr) noexcept {
    const bool done = ::mount(src, target, type, flags, data) == 0;
    if (mounted) *mounted = done;
    if (done || errno == ENOENT) return true;
    return fail(f, step, target);
}

bool ensureDir(const char* path, SysFailure* f) noexcept {
    if (::mkdir(path, 0755) != 0 && errno != EEXIST) return fail(f, "creating mount point", path);
    return true;
}

bool ensureFile(const char* path, SysFailure* f) noexcept {
    // A file that is there already is mount point enough: opening it to write would need
    // a write permission the sandbox's root does not have on the host's files.
    if (::access(path, F_OK) == 0) return true;
    const int fd = ::open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return fail(f, "creating mount point", path);
    ::close(fd);
    return true;
}

// A read-only remount must keep the flags the kernel locked in a user namespace.
bool remountReadOnly(const char* target, SysFailure* f) noexcept {
    struct statvfs sv;
    if (::statvfs(target, &sv) != 0) return fail(f, "reading mount flags of", target);
    unsigned long flags = MS_REMOUNT | MS_BIND | MS_RDONLY;
    if (sv.f_flag & ST_NOSUID) flags |= MS_NOSUID;
    if (sv.f_flag & ST_NODEV) flags |= MS_NODEV;
    if (sv.f_flag & ST_NOEXEC) flags |= MS_NOEXEC;
    if (sv.f_flag & ST_NOATIME) flags |= MS_NOATIME;
    if (sv.f_flag & ST_NODIRATIME) flags |= MS_NODIRATIME;
    if (sv.f_flag & ST_RELATIME) flags |= MS_RELATIME;
    return doMount(nullptr, target, nullptr, flags, nullptr, "remounting read-only", f);
}

bool loopbackUp(SysFailure* f) noexcept {
    const int s = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (s < 0) return fail(f, "opening a socket for", "lo");
    ifreq ifr;
    std::memset(&ifr, 0, sizeof ifr);
    std::strncpy(ifr.ifr_name, "lo", IFNAMSIZ - 1);
    bool ok = ::ioctl(s, SIOCGIFFLAGS, &ifr) == 0;
    if (ok) {
        ifr.ifr_flags |= IFF_UP;
        ok = ::ioctl(s, SIOCSIFFLAGS, &ifr) == 0;
    }
    if (!ok) fail(f, "bringing up", "lo");
    ::close(s);
    return ok;
}

} // namespace

MountPlan baseMountPlan(const std::string& rootfs) {
    MountPlan plan;
    plan.rootfs = rootfs;
    plan.devices = {"null", "zero", "full", "random", "urandom", "tty"};
    plan.maskFiles = {"/proc/kcore",         "/proc/keys",       "/proc/key-users",
                      "/proc/sysrq-trigger", "/proc/timer_list", "/proc/latency_stats",
                      "/proc/sched_debug",   "/proc/kallsyms",   "/proc/kmsg"};
    plan.maskDirs = {"/proc/acpi", "/proc/scsi", "/sys/firmware"};
    plan.readOnly = {"/proc/sys", "/proc/irq", "/proc/bus", "/proc/fs"};
    plan.cwd = "/";
    return plan;
}

void addBindMount(MountPlan* plan, const std::string& host, const std::string& guest,
                  bool readOnly) {
    struct stat st {};
    const bool isDir = ::stat(host.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
    plan->binds.push_back({host, plan->rootfs + guest, readOnly, isDir});
}

void addTmpfsMount(MountPlan* plan, const std::string& guest, std::uint64_t sizeBytes) {
    plan->tmpfs.push_back(
        {plan->rootfs + guest,
         "mode=1777,size=" + std::to_string(sizeBytes ? sizeBytes : 64ull << 20)});
}

bool buildSandboxRoot(const MountPlan& plan, SysFailure* f) noexcept {
    const char* root = plan.rootfs.c_str();
    char path[4096];
    char src[4096];
    // Nothing we mount may propagate back to the host.
    if (!doMount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr,
                 "making mount propagation private on", f))
        return false;
    if (!plan.overlay.empty()) {
        // Mounted in the sandbox's own mount namespace: the host never sees it.
        if (!doMount("overlay", root, "overlay", 0, plan.overlay.c_str(),
                     "mounting the image's overlay on", f))
            return false;
    } else if (!doMount(root, root, nullptr, MS_BIND | MS_REC, nullptr, "binding the rootfs", f))
        return false;

    join(path, sizeof path, root, "/proc");
    if (!ensureDir(path, f) || !doMount("proc", path, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC,
                                        nullptr, "mounting proc on", f))
        return false;
    join(path, sizeof path, root, "/sys");
    if (!ensureDir(path, f) ||
        !doMount("sysfs", path, "sysfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr,
                 "mounting sysfs on", f))
        return false;

    join(path, sizeof path, root, "/dev");
    if (!ensureDir(path, f) || !doMount("tmpfs", path, "tmpfs", MS_NOSUID | MS_NOEXEC,
                                        "mode=755,size=64k", "mounting tmpfs on", f))
        return false;
    for (const auto& dev : plan.devices) {
        join(src, sizeof src, "/dev/", dev.c_str());
        join(path, sizeof path, root, "/dev/");
        join(path, sizeof path, path, dev.c_str());
        if (!ensureFile(path, f) ||
            !doMount(src, path, nullptr, MS_BIND, nullptr, "binding device onto", f))
            return false;
    }
    const char* links[][2] = {{"/proc/self/fd", "/dev/fd"},
                              {"/proc/self/fd/0", "/dev/stdin"},
                              {"/proc/self/fd/1", "/dev/stdout"},
                              {"/proc/self/fd/2", "/dev/stderr"}};
    for (const auto& l : links) {
        join(path, sizeof path, root, l[1]);
        if (::symlink(l[0], path) != 0) return fail(f, "creating symlink", path);
    }
    join(path, sizeof path, root, "/dev/shm");
    if (!ensureDir(path, f) ||
        !doMount("shm", path, "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777", "mounting tmpfs on", f))
        return false;

    for (const auto& b : plan.binds) {
        const char* target = b.target.c_str();
        if (!(b.isDir ? ensureDir(target, f) : ensureFile(target, f))) return false;
        if (!doMount(b.source.c_str(), target, nullptr, MS_BIND | MS_REC, nullptr,
                     "binding volume onto", f))
            return false;
        if (b.readOnly && !remountReadOnly(target, f)) return false;
    }

    for (const auto& t : plan.tmpfs)
        if (!ensureDir(t.target.c_str(), f) ||
            !doMount("tmpfs", t.target.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, t.options.c_str(),
                     "mounting tmpfs on", f))
            return false;

    // A path this kernel does not have is nothing to hide: the mount's ENOENT says so
    // without a lookup of its own.
    join(src, sizeof src, root, "/dev/null");
    for (const auto& m : plan.maskFiles) {
        join(path, sizeof path, root, m.c_str());
        if (!mountUnlessMissing(src, path, nullptr, MS_BIND, nullptr, "masking", f)) return false;
    }
    for (const auto& m : plan.maskDirs) {
        join(path, sizeof path, root, m.c_str());
        if (!mountUnlessMissing("tmpfs", path, "tmpfs",
                                MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=0", "masking",
                                f))
            return false;
    }
    for (const auto& m : plan.readOnly) {
        join(path, sizeof path, root, m.c_str());
        bool mounted = false;
        if (!mountUnlessMissing(path, path, nullptr, MS_BIND | MS_REC, nullptr, "binding", f,
                                &mounted) ||
            (mounted && !remountReadOnly(path, f)))
            return false;
    }

    // Last, once every mount point exists: only the root mount itself, not what is on it.
    if (plan.readOnlyRoot && !remountReadOnly(root, f)) return false;

    if (::sethostname(plan.hostname.data(), plan.hostname.size()) != 0)
        return fail(f, "setting hostname", plan.hostname.c_str());
    if (!loopbackUp(f)) return false;

    // pivot_root(".", ".") stacks the old root on top of the new one; detaching it leaves
    // nothing of the host reachable.
    if (::chdir(root) != 0) return fail(f, "entering the rootfs", root);
    if (::syscall(SYS_pivot_root, ".", ".") != 0) return fail(f, "pivot_root into", root);
    if (::umount2(".", MNT_DETACH) != 0) return fail(f, "detaching the old root from", root);
    if (::chdir("/") != 0) return fail(f, "entering", "/");
    return true;
}

} // namespace vireo
