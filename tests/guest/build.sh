#!/bin/bash
# build.sh OUTDIR — builds the Vireo test guest from Debian packages only.
# Outputs (see README.md): vmlinux vmlinuz initramfs.cpio.gz disk.qcow2 manifest.json stamp
# Re-running with an up-to-date OUTDIR returns at once (stamp = hash of the scripts and
# the package versions). OUTDIR is replaced in one rename, never left half-written.
set -euo pipefail

[ $# -eq 1 ] || { echo "usage: $0 OUTDIR" >&2; exit 2; }
out=$(realpath -m "$1")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export DEBIAN_FRONTEND=noninteractive LC_ALL=C PATH="$PATH:/usr/sbin:/sbin"

# The guest agent (qemu-ga), an SSH server (dropbear) and the shared libraries they need,
# all from Debian's archive; the libraries are found by walking DT_NEEDED through the
# unpacked packages.
AGENT_PKGS=(qemu-guest-agent libglib2.0-0 libnuma1 libudev1 liburing2 libffi8 libmount1
            libpcre2-8-0 libselinux1 zlib1g libblkid1 libc6
            dropbear-bin libtomcrypt1 libtommath1 libgmp10 libcrypt1)
# A German console keymap (vireo.keymap=de on the kernel command line), compiled with kbd's
# loadkeys from console-data's de-latin1-nodeadkeys: keyboard tests type on both layouts.
KEYMAP_PKGS=(kbd console-data)
OUTPUTS=(vmlinux vmlinuz initramfs.cpio.gz disk.qcow2 manifest.json stamp)
BUILD_DEPS=(busybox-static cpio kmod syslinux syslinux-common mtools dosfstools
            qemu-utils xz-utils zstd gzip binutils gcc libc6-dev)
# Dependencies (virtio, virtio_ring, failover, net_failover, scsi_mod, libata, ...) are
# resolved from modules.dep. pciehp/acpiphp (hot-plug on q35 root ports) are built in.
# ahci comes last: init loads it in the background (see init.sh).
MODULES=(virtio_pci virtio_blk virtio_net virtio_console virtio_scsi virtio_rng
         sd_mod sr_mod nvme e1000e e1000 button evdev virtiofs 9pnet_virtio 9p isofs ext4 ahci)
# crct10dif-pclmul (a soft dependency of sd_mod) always fails on TCG's default CPU,
# which has no PCLMULQDQ, and the failed attempt costs ~0.1 s of boot.
SKIP_MODULES='crct10dif-pclmul'
CMDLINE='console=ttyS0 quiet cryptomgr.notests panic=-1'
MARKER_PREFIX='VIREO-GUEST:'

log() { echo "build.sh: $*" >&2; }

updated=
apt_update() { [ -n "$updated" ] || { log "apt-get update"; apt-get update -qq; updated=1; }; }
# Run an apt command; if it fails (typically stale or missing package lists on a fresh
# machine), refresh the lists once and try again.
apt_retry() { "$@" || { apt_update; "$@"; }; }

installed_ver() { dpkg-query -W -f='${db:Status-Status} ${Version}' "$1" 2>/dev/null | awk '$1=="installed"{print $2}'; }
candidate_ver() { apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/{print $2}'; }
pkg_ver() { local v; v=$(installed_ver "$1"); [ -n "$v" ] || v=$(candidate_ver "$1"); echo "$v"; }
# The metapackage only names the real, versioned image package (linux-image-6.1.0-N-amd64).
kernel_pkg() { apt-cache depends linux-image-amd64 2>/dev/null | awk '$1=="Depends:" && $2 ~ /^linux-image-[0-9]/ {print $2; exit}'; }

# The stamp needs versions only: one apt-cache call (each costs ~1 s where apt keeps no
# pkgcache.bin, as in Debian's container images); the metapackage's version pins the
# kernel package it depends on.
meta_ver=$(candidate_ver linux-image-amd64)
case $meta_ver in ''|'(none)') apt_update; meta_ver=$(candidate_ver linux-image-amd64) ;; esac
case $meta_ver in ''|'(none)') log "no linux-image-amd64 in the package lists"; exit 1 ;; esac
agent_versions() { local p; for p in "${AGENT_PKGS[@]}" "${KEYMAP_PKGS[@]}"; do printf '%s=%s ' "$p" "$(pkg_ver "$p")"; done; }
versions="linux-image-amd64=$meta_ver busybox-static=$(pkg_ver busybox-static) syslinux=$(pkg_ver syslinux) $(agent_versions)"
stamp() {
  { cat "$here/build.sh" "$here/init.sh" "$here/extract-vmlinux.sh" "$here/clipboard-peer.c"
    echo "$versions"; } \
    | sha256sum | cut -d' ' -f1
}

complete() {
  local f
  for f in "${OUTPUTS[@]}"; do [ -s "$out/$f" ] || return 1; done
  [ "$(cat "$out/stamp")" = "$(stamp)" ]
}
if complete; then log "$out is up to date"; exit 0; fi

# ---- build dependencies -------------------------------------------------------------
missing=()
for p in "${BUILD_DEPS[@]}"; do [ -n "$(installed_ver "$p")" ] || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  apt_retry apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
resolve_kernel() {
  meta_ver=$(candidate_ver linux-image-amd64)
  kpkg=$(kernel_pkg)
  [ -n "$kpkg" ] || { log "cannot resolve linux-image-amd64 to a kernel package"; exit 1; }
  kver=$(candidate_ver "$kpkg")
}
resolve_kernel

mkdir -p "$(dirname "$out")"
work=$(mktemp -d "${TMPDIR:-/tmp}/vireo-guest.XXXXXX")
stage=$(mktemp -d "$out.tmp.XXXXXX")   # same filesystem as $out, for the final rename
trap 'rm -rf "$work" "$stage"' EXIT

# ---- kernel -------------------------------------------------------------------------
log "downloading $kpkg $kver"
chmod 755 "$work"
mkdir "$work/dl"
# apt-get download drops root privileges to _apt when it can write the folder: avoids
# its "Download is performed unsandboxed" warning.
chown _apt "$work/dl" 2>/dev/null || true
download() { (cd "$work/dl" && apt-get download -qq "$kpkg=$kver"); }
# Stale package lists name a kernel the archive no longer has: refresh, re-resolve.
if ! download; then rm -f "$work"/dl/*; apt_update; resolve_kernel; log "downloading $kpkg $kver"; download; fi
# Stamp what was really used (lists may have been refreshed, packages just installed).
versions="linux-image-amd64=$meta_ver busybox-static=$(pkg_ver busybox-static) syslinux=$(pkg_ver syslinux) $(agent_versions)"
dpkg-deb -x "$work"/dl/*.deb "$work/k"
krel=${kpkg#linux-image-}
moddir=$work/k/lib/modules/$krel
[ -d "$moddir" ] || { log "no modules for $krel in $kpkg"; exit 1; }

cp "$work/k/boot/vmlinuz-$krel" "$stage/vmlinuz"
"$here/extract-vmlinux.sh" "$stage/vmlinuz" "$stage/vmlinux"
# Xen ELF note type 18 = XEN_ELFNOTE_PHYS32_ENTRY, the PVH entry point QEMU needs to
# boot an ELF kernel with -kernel.
readelf -n "$stage/vmlinux" | grep -q 'Xen.*(0x00000012)' \
  || { log "vmlinux has no PVH entry note"; exit 1; }

# ---- initramfs ----------------------------------------------------------------------
root=$work/root
mkdir -p "$root"/{bin,sbin,etc,proc,sys,dev,tmp,run,root,lib/modules}
bb=$(dpkg -L busybox-static | grep -m1 '/bin/busybox$')
cp "$bb" "$root/bin/busybox"
for a in $("$root/bin/busybox" --list); do
  [ "$a" = busybox ] || ln -s busybox "$root/bin/$a"
done

depmod -b "$work/k" "$krel"
: > "$root/etc/modules.load"
mkdir -p "$root/lib/modules/$krel"
for m in "${MODULES[@]}"; do
  modprobe -d "$work/k" -S "$krel" --show-depends "$m" | awk '$1=="insmod"{print $2}'
done | awk '!seen[$0]++' | grep -vE "/($SKIP_MODULES)\.ko\$" | while read -r ko; do
  rel=${ko#"$work/k/"}
  mkdir -p "$root/$(dirname "$rel")"
  cp "$ko" "$root/$rel"
  echo "/$rel" >> "$root/etc/modules.load"
done
cp "$moddir"/modules.{order,builtin,builtin.modinfo} "$root/lib/modules/$krel/"
depmod -b "$root" "$krel"   # so that `modprobe` works in the guest's shell

# ---- guest agent ---------------------------------------------------------------------
log "downloading the guest agent: ${AGENT_PKGS[*]}"
mkdir "$work/agent-dl" "$work/agent"
chown _apt "$work/agent-dl" 2>/dev/null || true
(cd "$work/agent-dl" && apt_retry apt-get download -qq "${AGENT_PKGS[@]}")
for d in "$work"/agent-dl/*.deb; do dpkg-deb -x "$d" "$work/agent"; done
cp "$work/agent/usr/sbin/qemu-ga" "$root/sbin/qemu-ga"
cp "$work/agent/usr/sbin/dropbear" "$root/sbin/dropbear"
mkdir -p "$root/lib64" "$root/lib/x86_64-linux-gnu"
cp -L "$work/agent/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2" "$root/lib64/"
needed() { objdump -p "$1" | awk '$1=="NEEDED"{print $2}'; }
find_lib() {
  local d
  for d in lib/x86_64-linux-gnu usr/lib/x86_64-linux-gnu; do
    [ -e "$work/agent/$d/$1" ] && { echo "$work/agent/$d/$1"; return 0; }
  done
  return 1
}
queue=("$root/sbin/qemu-ga" "$root/sbin/dropbear")
while [ ${#queue[@]} -gt 0 ]; do
  f=${queue[0]}; queue=("${queue[@]:1}")
  for lib in $(needed "$f"); do
    [ -e "$root/lib/x86_64-linux-gnu/$lib" ] && continue
    src=$(find_lib "$lib") || { log "$f needs $lib, which none of ${AGENT_PKGS[*]} ships"; exit 1; }
    cp -L "$src" "$root/lib/x86_64-linux-gnu/$lib"
    queue+=("$root/lib/x86_64-linux-gnu/$lib")
  done
done
# ---- keymaps -----------------------------------------------------------------------
mkdir "$work/kbd-dl" "$work/kbd"
chown _apt "$work/kbd-dl" 2>/dev/null || true
(cd "$work/kbd-dl" && apt_retry apt-get download -qq "${KEYMAP_PKGS[@]}")
for d in "$work"/kbd-dl/*.deb; do dpkg-deb -x "$d" "$work/kbd"; done
mkdir -p "$root/etc/keymaps"
"$work/kbd/bin/loadkeys" -b "$work/kbd/usr/share/keymaps/i386/qwertz/de-latin1-nodeadkeys.kmap.gz" \
  > "$root/etc/keymaps/de.bmap" < /dev/null

# qemu-ga's guest-set-time runs /sbin/hwclock.
ln -s ../bin/busybox "$root/sbin/hwclock"
# qemu-ga's guest-shutdown runs /sbin/shutdown, which busybox lacks.
cat > "$root/sbin/shutdown" <<'EOF'
#!/bin/sh
printf '\nVIREO-GUEST: %s\n' "agent-shutdown $*" > /dev/console
sync
case " $* " in *" -r "*) reboot -f ;; *) poweroff -f ;; esac
EOF
chmod 755 "$root/sbin/shutdown"

# The guest half of the spice-vdagent clipboard protocol (see clipboard-peer.c), static so
# it needs nothing from the guest's (absent) libc.
gcc -static -Os -Wall -Werror -o "$root/sbin/clipboard-peer" "$here/clipboard-peer.c"
strip "$root/sbin/clipboard-peer"

cp "$here/init.sh" "$root/init"
chmod 755 "$root/init"
printf 'root:x:0:0:root:/root:/bin/sh\n' > "$root/etc/passwd"
printf 'root:x:0:\n' > "$root/etc/group"

(cd "$root" && find . -print0 | sort -z | cpio -o -0 -H newc -R 0:0 --reproducible --quiet) \
  | gzip -9n > "$stage/initramfs.cpio.gz"

# ---- bootable disk ------------------------------------------------------------------
# An unpartitioned FAT volume whose boot sector is syslinux's: SeaBIOS boots it like a
# superfloppy. mtools-based, so no loop devices or mounts (works in containers).
cat > "$work/syslinux.cfg" <<EOF
DEFAULT vireo
PROMPT 0
TIMEOUT 0
LABEL vireo
  LINUX /vmlinuz
  INITRD /initramfs.cpio.gz
  APPEND $CMDLINE
EOF
payload_kb=$(du -ck "$stage/vmlinuz" "$stage/initramfs.cpio.gz" | tail -1 | cut -f1)
img_kb=$(( (payload_kb * 5 / 4 + 4096 + 1023) / 1024 * 1024 ))
mkfs.vfat -C -n VIREO "$work/disk.img" "$img_kb" >/dev/null
syslinux --install "$work/disk.img"
mcopy -i "$work/disk.img" "$stage/vmlinuz" "$stage/initramfs.cpio.gz" "$work/syslinux.cfg" ::/
qemu-img convert -q -f raw -O qcow2 "$work/disk.img" "$stage/disk.qcow2"

# ---- manifest, stamp, publish -------------------------------------------------------
json_list() { local s='' x; for x in "$@"; do s+="${s:+, }\"$x\""; done; echo "[$s]"; }
cat > "$stage/manifest.json" <<EOF
{
  "files": {
    "vmlinux": "vmlinux",
    "vmlinuz": "vmlinuz",
    "initramfs": "initramfs.cpio.gz",
    "disk": "disk.qcow2",
    "stamp": "stamp"
  },
  "kernel_release": "$krel",
  "kernel_cmdline": "$CMDLINE",
  "packages": {
    "linux-image-amd64": "$meta_ver",
    "$kpkg": "$kver",
    "busybox-static": "$(pkg_ver busybox-static)",
    "syslinux": "$(pkg_ver syslinux)"
  },
  "modules": $(json_list "${MODULES[@]}"),
  "markers": {
    "booted": "$MARKER_PREFIX booted",
    "disks": "$MARKER_PREFIX disks <names separated by spaces, or none>",
    "ready": "$MARKER_PREFIX ready ip=<IPv4 or none>",
    "disk_added": "$MARKER_PREFIX disk-added <name> size=<512-byte sectors>",
    "disk_removed": "$MARKER_PREFIX disk-removed <name>",
    "acpi_power_button": "$MARKER_PREFIX acpi-power-button",
    "powered_off": "$MARKER_PREFIX powered-off",
    "agent_shutdown": "$MARKER_PREFIX agent-shutdown <shutdown's arguments>",
    "cidata": "$MARKER_PREFIX cidata instance-id=<id> hostname=<name>",
    "cidata_key": "$MARKER_PREFIX cidata key=<first SSH key in user-data, or none>"
  }
}
EOF
stamp > "$stage/stamp"
chmod 755 "$stage"

# Swap the finished tree in: a reader sees either the old complete build or the new one.
old=
if [ -e "$out" ]; then old=$(mktemp -u "$out.old.XXXXXX"); mv -T "$out" "$old"; fi
mv -T "$stage" "$out"
[ -z "$old" ] || rm -rf "$old"
log "built $out ($(du -sh "$out" | cut -f1))"
