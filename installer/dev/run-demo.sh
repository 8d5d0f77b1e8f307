#!/bin/bash
# The README's main command: install packages, build, then either open the desktop app
# with the demo VM ready to start (when a display is present) or create and boot the demo
# VM headless with vireoctl and show its serial console.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
bash installer/dev/install-deps.sh
bash installer/dev/build.sh
guest="${VIREO_GUEST_DIR:-$HOME/.cache/vireo/test-guest}"
bash tests/guest/build.sh "$guest"
vireoctl=build/app/vireoctl/vireoctl
export VIREO_LIBRARY="${VIREO_LIBRARY:-$HOME/.local/share/vireo/demo-library}"
"$vireoctl" host info
if "$vireoctl" vm show demo >/dev/null 2>&1; then
  "$vireoctl" vm kill demo >/dev/null 2>&1 || true
  "$vireoctl" vm delete demo --force
fi
disk="$VIREO_LIBRARY/demo-data.qcow2"
mkdir -p "$VIREO_LIBRARY"
[ -f "$disk" ] || "$vireoctl" disk create "$disk" --size 256M

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -x build/app/vireo/vireo ]; then
  # With a display: the demo VM boots the guest's own disk through the firmware, with a
  # screen, and waits in the app for you to press Start (Display and Console tabs).
  root="$VIREO_LIBRARY/demo-root.qcow2"
  rm -f "$root"
  "$vireoctl" disk create "$root" --backing "$guest/disk.qcow2"
  "$vireoctl" vm create demo --memory 256M --cpus 1 --disk "$root" --disk "$disk" \
    --display vnc --nic user --os linux --notes "The Vireo test guest: press Start, then open the Display or Console tab."
  echo "Opening the desktop app on the demo library: select 'demo' and press Start."
  exec build/app/vireo/vireo --library "$VIREO_LIBRARY"
fi

"$vireoctl" vm create demo --memory 256M --cpus 1 \
  --kernel "$guest/vmlinux" --initrd "$guest/initramfs.cpio.gz" \
  --append "console=ttyS0 quiet cryptomgr.notests panic=-1" --disk "$disk" --nic user --os linux
"$vireoctl" vm start demo
echo "Waiting for the guest to come up (software emulation takes a few seconds)..."
for _ in $(seq 1 600); do
  "$vireoctl" vm log demo | grep -q 'VIREO-GUEST: ready' && break
  sleep 0.2
done
echo "----- serial console of VM 'demo' -----"
"$vireoctl" vm log demo
echo "---------------------------------------"
"$vireoctl" vm list
if [ -t 0 ]; then
  echo "Attaching to the console; press Ctrl-] to detach."
  "$vireoctl" console demo || true
fi
echo "The VM keeps running. Stop it with: VIREO_LIBRARY=$VIREO_LIBRARY $vireoctl vm stop demo"
