#include "libvirt/LibvirtLoader.h"

#include <cstdio>
#include <cstdlib>
#include <dlfcn.h>

namespace vireo {

namespace {

[[noreturn]] void cannotLoad(const char* what) {
    // No caller can go on without the function it asked for; the package says what is missing.
    std::fprintf(stderr, "vireo: %s; install the libvirt0 package\n", what);
    std::exit(70); // EX_SOFTWARE
}

void* openOrExit(const char* library) {
    void* h = ::dlopen(library, RTLD_NOW | RTLD_LOCAL);
    if (!h) cannotLoad(::dlerror());
    return h;
}

void* libvirtHandle() {
    static void* const handle = openOrExit("libvirt.so.0");
    return handle;
}

void* libvirtQemuHandle() {
    libvirtHandle(); // first: libvirt-qemu's functions call libvirt's
    static void* const handle = openOrExit("libvirt-qemu.so.0");
    return handle;
}

void* symbolOrExit(void* handle, const char* name) {
    void* symbol = ::dlsym(handle, name);
    if (!symbol) cannotLoad(::dlerror());
    return symbol;
}

} // namespace

void* libvirtSymbol(const char* name) {
    return symbolOrExit(libvirtHandle(), name);
}

void* libvirtQemuSymbol(const char* name) {
    return symbolOrExit(libvirtQemuHandle(), name);
}

} // namespace vireo
