#!/bin/bash
# boot-demo.sh OUTDIR [extra qemu args...] — boots the test guest on this terminal.
# Builds OUTDIR first if needed (a no-op when it is up to date).
# Quit: type `poweroff -f` in the guest, or Ctrl-A X. Ctrl-A C switches to the QEMU
# monitor (try `system_powerdown` there to see the ACPI power-button path).
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 OUTDIR [extra qemu args...]" >&2; exit 2; }
out=$1; shift
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
"$here/build.sh" "$out"

# KVM on this kind of machine is a paravirtual backend that cannot run this guest
# (see the README): always TCG.
exec qemu-system-x86_64 -machine q35 -accel tcg -m 256 -nographic -no-reboot \
  -kernel "$out/vmlinux" -initrd "$out/initramfs.cpio.gz" \
  -append 'console=ttyS0 quiet cryptomgr.notests panic=-1' \
  -netdev user,id=n0 -device virtio-net-pci,netdev=n0 \
  -device pcie-root-port,id=rp1,chassis=1,slot=1 \
  "$@"
