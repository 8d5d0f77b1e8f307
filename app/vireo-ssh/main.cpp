// vireo-ssh: the ssh that libvirt's qemu+ssh transport runs for Vireo (its URI's
// command=...). Every connection to one host rides one ssh connection (OpenSSH
// ControlMaster, kept 10 minutes), so a hardware-key user touches the key once per host,
// not once per console, list or migration. Plain C++, no Qt: it only builds an argv and
// execs ssh.
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace {

// A folder only this user can use for the control sockets, or "" (then no sharing).
std::string controlDir() {
    const char* runtime = std::getenv("XDG_RUNTIME_DIR");
    const std::string dir = runtime && *runtime ? std::string(runtime) + "/vireo-ssh"
                                                : "/tmp/vireo-ssh-" + std::to_string(::getuid());
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) return {};
    struct stat st {};
    if (::lstat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != ::getuid() ||
        (st.st_mode & 077) != 0)
        return {};
    return dir;
}

} // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args{"ssh"};
    // libvirt passes ssh only a few variables (HOME, SSH_AUTH_SOCK, ...): an ssh_config
    // of Vireo's own, when there is one, is found through HOME.
    if (const char* home = std::getenv("HOME"); home && *home) {
        const std::string config = std::string(home) + "/.config/vireo/ssh_config";
        if (::access(config.c_str(), R_OK) == 0) {
            args.push_back("-F");
            args.push_back(config);
        }
    }
    // VIREO_SSH_MULTIPLEX=0 (set in vireo-ssh's environment) turns sharing off.
    const char* share = std::getenv("VIREO_SSH_MULTIPLEX");
    if (const std::string dir = controlDir();
        !dir.empty() && !(share && std::strcmp(share, "0") == 0)) {
        args.push_back("-o");
        args.push_back("ControlMaster=auto");
        args.push_back("-o");
        args.push_back("ControlPath=" + dir + "/%C");
        args.push_back("-o");
        args.push_back("ControlPersist=600");
    }
    for (int i = 1; i < argc; ++i)
        args.push_back(argv[i]);
    std::vector<char*> cargs;
    for (auto& a : args)
        cargs.push_back(a.data());
    cargs.push_back(nullptr);
    ::execvp("ssh", cargs.data());
    std::fprintf(stderr, "vireo-ssh: cannot run ssh: %s (install openssh-client)\n",
                 std::strerror(errno));
    return 127;
}
