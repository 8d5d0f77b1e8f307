// A static helper copied into the test rootfs: makes one system call the default seccomp
// filter must deny and prints "EPERM" when it was denied, "errno N" or "allowed" otherwise.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char** argv) {
    if (argc < 2) return 2;
    const char* what = argv[1];
    long rc = -1;
    errno = 0;
    if (!std::strcmp(what, "keyctl"))
        rc = syscall(SYS_keyctl, 0 /* KEYCTL_GET_KEYRING_ID */, -3, 0);
    else if (!std::strcmp(what, "ptrace"))
        rc = ptrace(PTRACE_TRACEME, 0, nullptr, nullptr);
    else if (!std::strcmp(what, "mount"))
        rc = mount("none", "/tmp", "tmpfs", 0, nullptr);
    else if (!std::strcmp(what, "bpf"))
        rc = syscall(SYS_bpf, 0, nullptr, 0);
    else if (!std::strcmp(what, "unshare"))
        rc = syscall(SYS_unshare, 0x10000000 /* CLONE_NEWUSER */);
    else if (!std::strcmp(what, "init_module"))
        rc = syscall(SYS_init_module, nullptr, 0, "");
    else
        return 2;
    if (rc == 0)
        std::puts("allowed");
    else if (errno == EPERM)
        std::puts("EPERM");
    else
        std::printf("errno %d\n", errno);
    return 0;
}
