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

void* libvirtHandle() {
    static void* const handle = [] {
        void* h = ::dlopen("libvirt.so.0", RTLD_NOW | RTLD_LOCAL);
        if (!h) cannotLoad(::dlerror());
        return h;
    }();
    return handle;
}

} // namespace

void* libvirtSymbol(const char* name) {
    void* symbol = ::dlsym(libvirtHandle(), name);
    if (!symbol) cannotLoad(::dlerror());
    return symbol;
}

} // namespace vireo
