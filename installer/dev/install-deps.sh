#!/bin/bash
# Installs the Debian 12 packages Vireo needs to build and to run its tests and demo.
# Idempotent: packages already present are skipped by apt itself.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

PACKAGES=(
  # build
  cmake ninja-build g++ ccache pkg-config qt6-base-dev qt6-base-dev-tools clang-format
  # runtime: QEMU, disks, firmware
  qemu-system-x86 qemu-utils ovmf swtpm
  # networks: bridges and taps, firewall, DHCP/DNS; iptables (nft flavour) for the doctor
  # test's Docker-style rules and the doctor's reading of iptables-save
  iproute2 nftables dnsmasq-base iptables
  # remote hosts and migration: libvirt's C API; the tests run two libvirt daemons and
  # use virsh as the peer and as "someone else" changing a VM behind Vireo's back
  libvirt-dev libvirt-daemon libvirt-daemon-driver-qemu libvirt-clients
  # a libvirt host's TPMs: libvirt prepares swtpm's state with swtpm_setup
  swtpm-tools
  # an ssh server for the qemu+ssh test (dropbear-bin has no service of its own)
  dropbear-bin openssh-client
  # a SASL login on a test libvirt host (saslpasswd2; SCRAM on both sides)
  sasl2-bin libsasl2-modules
  # the optional DPDK switch (vireo-switch) and its tests' traffic generator (dpdk-testpmd)
  libdpdk-dev dpdk-dev
  # sandboxes: seccomp and capabilities; bubblewrap, crun and runc are the benchmark's peers
  libseccomp-dev libcap-dev libc6-dev bubblewrap crun runc
  # bench/host-scan's peer (lspci -A linux-sysfs on the same tree)
  pciutils
  # USB devices: listing, hotplug and passthrough filters (libusb)
  libusb-1.0-0-dev
  # NAT for sandboxes: pasta, and slirp4netns, the fallback where pasta is missing
  passt slirp4netns
  # the DPDK bridged-network test turns off a veth's checksum offload, as a LAN's NIC
  ethtool
  # unprivileged sandboxes: newuidmap/newgidmap map a user's subuid/subgid ranges
  uidmap
  # the CLI docs test loads vireoctl's completion with bash-completion's helpers
  bash-completion
  # ISO images for the wizard's OS detection test
  xorriso
  # test guest (tests/guest/build.sh also checks these)
  busybox-static cpio kmod syslinux syslinux-common mtools dosfstools xz-utils zstd binutils
  # desktop app: Linguist tools, SVG icons, libvterm/libvncclient consoles, Xvfb for screenshots
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-svg-dev libvterm-dev libvncserver-dev
  libgl-dev xvfb xauth
  # the same on Wayland: a headless weston and Qt's wayland platform
  weston qt6-wayland
  # Debian packages (installer/deb): dpkg-shlibdeps, and the packaging tests' checkers
  # and fresh Debian root (debootstrap)
  dpkg-dev lintian appstream desktop-file-utils libxml2-utils systemd debootstrap
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null | grep -qx installed || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
