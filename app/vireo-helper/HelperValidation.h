#pragma once

// Argument validation of vireo-helper, kept apart so it can be table-tested. Every
// argument the helper passes to ip, nft or dnsmasq has been through one of these.
#include <string>
#include <vector>

namespace vireo::helper {

bool isOwnBridge(const std::string& name);     // vibr + 8 hex digits
bool isOwnTap(const std::string& name);        // vitp + 8 hex digits
bool isOwnTable(const std::string& name);      // vireo_ + 8 hex digits
bool isOwnVeth(const std::string& name);       // visb + 8 hex digits (a sandbox's veth)
bool isPid(const std::string& text);           // 2-4194304, digits only
bool isInterfaceName(const std::string& name); // any valid Linux name (bridged uplinks)
// A host NIC a bridged network may put a bridge over: a valid name, not the loopback and
// none of Vireo's own interfaces.
bool isHostNic(const std::string& name);
bool isIpv4(const std::string& text);
// "a.b.c.d/p" with 16 <= p <= 29 and no host bits set.
bool isIpv4Cidr(const std::string& text);
// "a.b.c.d/p" host address with prefix (the bridge's own address).
bool isIpv4HostWithPrefix(const std::string& text);
bool isMtu(const std::string& text);
// "fd12:3456:789a:1::/64": a /64 network, unique local or global.
bool isIpv6Prefix64(const std::string& text);
// "fd12:3456:789a:1::1/64": a host address of such a /64.
bool isIpv6HostWith64(const std::string& text);
// A NIC's VLANs: "10" (access) or "trunk:10,20-30" (1-4094).
bool isVlanSpec(const std::string& text);
bool isHugepageCount(const std::string& text); // 1-16384 pages of 2 MiB
bool isMac(const std::string& text);           // 52:54:00:12:34:56, lower case, unicast
bool isMacAny(const std::string& text);        // any lower-case MAC (a NIC's own)
bool isDnsLabel(const std::string& text);      // a single DNS label
bool isMode(const std::string& text);
// "tcp|udp:HOSTPORT:GUESTIP:GUESTPORT" with GUESTIP a host address inside `cidr`.
bool isPortForward(const std::string& text,
                   const std::string& cidr); // nat-network | host-only | internal
// The polkit class of an operation ("network", "host-nic", "hugepages"; "" if unknown):
// Vireo names it before the operation (`vireo-helper network bridge-up ...`) and polkit
// asks once per class (one action per class, matched on pkexec's first argument).
std::string operationClass(const std::string& op);
bool isOperationClass(const std::string& word);

// The files `vireoctl host apply` may change on the host: the bootloader's, Vireo's own
// vfio and initramfs files, and its journal entries. Nothing else.
bool isHostBootFile(const std::string& path);
// update-grub, grub2-mkconfig, kernel-install, kernelstub, update-initramfs, dracut.
bool isBootTool(const std::string& tool);
bool isPciAddress(const std::string& text); // 0000:01:00.0, lower-case hex
bool isVfCount(const std::string& text);    // 0-4096, digits only
// `ip link set dev PF vf N` settings as KEY VALUE pairs: mac (unicast), vlan 0-4094,
// spoofchk/trust on|off, min_tx_rate/max_tx_rate 0-400000, state auto|enable|disable.
bool isVfSettings(const std::vector<std::string>& pairs);

// An absolute run folder ending in /vireo/net/<own bridge>, without "..".
bool isRunDir(const std::string& path);

} // namespace vireo::helper
