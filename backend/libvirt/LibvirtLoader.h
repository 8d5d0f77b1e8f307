#pragma once

namespace vireo {

// libvirt.so.0 is loaded on first use (dlopen), not linked: it brings some 40 libraries
// (GnuTLS, Kerberos, curl, libssh...) whose loading would cost every vireoctl command and
// every app start ~30 ms, while only remote hosts and migration need it. The functions
// the code calls are forwarding stubs (LibvirtStubs.cpp, generated) that resolve here.
// Exits with one line naming the package when libvirt cannot be loaded.
void* libvirtSymbol(const char* name);
// The same for libvirt-qemu.so.0 (QEMU-specific calls: the guest agent's own commands).
void* libvirtQemuSymbol(const char* name);

} // namespace vireo
