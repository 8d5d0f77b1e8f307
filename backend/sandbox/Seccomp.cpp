#include "sandbox/Seccomp.h"

#include <cerrno>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>

namespace vireo {

QStringList defaultDeniedSyscalls() {
    return {QStringLiteral("kexec_load"),
            QStringLiteral("kexec_file_load"),
            QStringLiteral("init_module"),
            QStringLiteral("finit_module"),
            QStringLiteral("delete_module"),
            QStringLiteral("bpf"),
            QStringLiteral("keyctl"),
            QStringLiteral("add_key"),
            QStringLiteral("request_key"),
            QStringLiteral("perf_event_open"),
            QStringLiteral("ptrace"),
            QStringLiteral("process_vm_readv"),
            QStringLiteral("process_vm_writev"),
            QStringLiteral("mount"),
            QStringLiteral("umount2"),
            QStringLiteral("pivot_root"),
            QStringLiteral("move_mount"),
            QStringLiteral("open_tree"),
            QStringLiteral("fsopen"),
            QStringLiteral("fsmount"),
            QStringLiteral("fsconfig"),
            QStringLiteral("fspick"),
            QStringLiteral("mount_setattr"),
            QStringLiteral("unshare"),
            QStringLiteral("setns"),
            QStringLiteral("swapon"),
            QStringLiteral("swapoff"),
            QStringLiteral("reboot"),
            QStringLiteral("open_by_handle_at"),
            QStringLiteral("name_to_handle_at"),
            QStringLiteral("acct"),
            QStringLiteral("userfaultfd")};
}

Result<SeccompProgram> buildDefaultSeccompProgram() {
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
    if (!ctx)
        return makeError(ErrorCode::Unsupported, QStringLiteral("seccomp_init failed"),
                         QStringLiteral("check that libseccomp supports this architecture"));
    for (const auto& name : defaultDeniedSyscalls()) {
        const int nr = seccomp_syscall_resolve_name(name.toLatin1().constData());
        if (nr == __NR_SCMP_ERROR) continue; // not on this architecture
        if (const int rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), nr, 0); rc < 0) {
            seccomp_release(ctx);
            return sysError(QStringLiteral("adding seccomp rule for"), name, -rc);
        }
    }
    // Export the BPF through a memfd and read it back.
    const int fd = memfd_create("vireo-seccomp", MFD_CLOEXEC);
    if (fd < 0) {
        seccomp_release(ctx);
        return sysError(QStringLiteral("creating memfd for"), QStringLiteral("seccomp filter"),
                        errno);
    }
    const int rc = seccomp_export_bpf(ctx, fd);
    seccomp_release(ctx);
    if (rc < 0) {
        ::close(fd);
        return sysError(QStringLiteral("exporting"), QStringLiteral("seccomp filter"), -rc);
    }
    const off_t size = ::lseek(fd, 0, SEEK_END);
    SeccompProgram program;
    program.instructions.resize(static_cast<size_t>(size) / sizeof(sock_filter));
    const ssize_t n = ::pread(fd, program.instructions.data(), static_cast<size_t>(size), 0);
    ::close(fd);
    if (n != size)
        return sysError(QStringLiteral("reading back"), QStringLiteral("seccomp filter"), EIO);
    return program;
}

bool loadSeccompProgram(const SeccompProgram& program, SysFailure* f) noexcept {
    sock_fprog prog{static_cast<unsigned short>(program.instructions.size()),
                    const_cast<sock_filter*>(program.instructions.data())};
    if (::prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) != 0) {
        setSysFailure(f, "loading seccomp filter", "", errno);
        return false;
    }
    return true;
}

} // namespace vireo
