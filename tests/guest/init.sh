#!/bin/sh
# /init of the Vireo test guest (busybox ash, PID 1).
# Test code waits for the "VIREO-GUEST: ..." lines on the serial console; see README.md.
# PID 1 must never exit (the kernel panics), so nothing here uses `set -e`.

export PATH=/sbin:/bin HOME=/root TERM="${TERM:-vt100}"

# Every marker starts with a newline: the console is shared with kernel messages and
# with the interactive shell's prompt, which leave the cursor mid-line.
# One printf = one write(), so a marker line is not split by our own output.
marker() { printf '\nVIREO-GUEST: %s\n' "$*" > /dev/console; }

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts /tmp /run /root
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run

# Keep the console readable if the caller forgot `quiet`/`loglevel=`; an explicit
# loglevel= or `debug` on the command line wins.
case " $(cat /proc/cmdline) " in
  *" loglevel="*|*" debug "*) ;;
  *) echo 4 > /proc/sys/kernel/printk ;;
esac

marker booted

# Dependency-ordered list computed at build time (kmod's modprobe --show-depends):
# plain insmod does not depend on busybox modprobe's parsing of modules.dep.
# A module whose hardware or CPU feature is absent (e.g. crct10dif-pclmul under TCG)
# fails to load; that is expected and silent.
# ahci's insmod takes ~0.5 s under TCG probing the six (mostly empty) ICH9 SATA ports.
# Any later insmod would wait for that probe (the kernel syncs all async work at the end
# of each module init), so build.sh puts ahci last and it loads in the background,
# overlapping DHCP; it is waited for before the disk list is taken.
ahci_pid=
while read -r ko; do
  case $ko in
    '') ;;
    */ahci.ko) insmod "$ko" 2>/dev/null & ahci_pid=$! ;;
    *) insmod "$ko" 2>/dev/null ;;
  esac
done < /etc/modules.load

# ---- network -------------------------------------------------------------
# busybox ships no default udhcpc script; this one also leaves the address in /run/ip
# for the ready marker. $mask is the prefix length busybox derives from the subnet.
cat > /etc/udhcpc.sh <<'EOF'
#!/bin/sh
case "$1" in
  deconfig) ip -4 addr flush dev "$interface" ;;
  bound|renew)
    ip -4 addr flush dev "$interface"
    ip addr add "$ip/${mask:-24}" dev "$interface"
    for r in $router; do ip route replace default via "$r" dev "$interface"; break; done
    : > /etc/resolv.conf
    for d in $dns; do echo "nameserver $d" >> /etc/resolv.conf; done
    echo "$ip" > /run/ip ;;
esac
exit 0
EOF
chmod +x /etc/udhcpc.sh

ip link set lo up
ip=none
if [ -e /sys/class/net/eth0 ]; then
  ip link set eth0 up
  # virtio-net gets carrier at once; QEMU's e1000e (q35's default NIC) ~3 s after
  # link-up, and a DHCP discover sent before that is lost, costing a whole retry.
  carrier() { read -r c 2>/dev/null < /sys/class/net/eth0/carrier && [ "$c" = 1 ]; }
  i=0
  while ! carrier && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
  # 4 discovers 2 s apart, then give up (-n): "ready" must come even without DHCP.
  # QEMU's NAT answers at once; a real DHCP server behind a bridge on a loaded host
  # (two TCG guests on two cores) can take over a second, which a 1 s timeout misses.
  # `timeout` guards against udhcpc hanging past that for any other reason.
  if carrier; then
    timeout 10 udhcpc -i eth0 -s /etc/udhcpc.sh -f -q -n -t 4 -T 2 -A 1 >/dev/null 2>&1
  fi
  ip=$(cat /run/ip 2>/dev/null)
  [ -n "$ip" ] || ip=none
fi

# ---- disks -----------------------------------------------------------------
# Names only, no partitions (those are not in /sys/block). Globs, not `ls`: no fork
# every 200 ms under TCG.
list_disks() {
  out=
  for d in /sys/block/vd* /sys/block/sd* /sys/block/nvme*; do
    [ -e "$d" ] && out="$out ${d#/sys/block/}"
  done
  echo "${out# }"
}

disk_watcher() {
  known=" $1 "
  while :; do
    sleep 0.2
    now=" $(list_disks) "
    [ "$now" = "$known" ] && continue
    for n in $now; do
      case "$known" in *" $n "*) ;; *)
        marker "disk-added $n size=$(cat "/sys/block/$n/size" 2>/dev/null || echo 0)" ;;
      esac
    done
    for n in $known; do
      case "$now" in *" $n "*) ;; *) marker "disk-removed $n" ;; esac
    done
    known=$now
  done
}

# The disk list is taken after DHCP so asynchronously probed disks (SCSI, NVMe
# namespaces) have had time to show up; anything later is reported as disk-added.
[ -z "$ahci_pid" ] || wait "$ahci_pid"
disks=$(list_disks)
marker "disks ${disks:-none}"

# ---- cloud-init seed ---------------------------------------------------------
# A NoCloud seed (an ISO labelled cidata) in the CD drive: print what a cloud image's
# cloud-init would act on, so tests can check the seed from inside a guest.
if [ -b /dev/sr0 ] && mkdir -p /mnt/cidata &&
   mount -t iso9660 -o ro /dev/sr0 /mnt/cidata 2>/dev/null; then
  if [ -f /mnt/cidata/meta-data ]; then
    iid=$(sed -n 's/^instance-id: *//p' /mnt/cidata/meta-data)
    host=$(sed -n 's/^local-hostname: *//p' /mnt/cidata/meta-data)
    marker "cidata instance-id=$iid hostname=$host"
    key=$(sed -n 's/^ *- \(ssh-.*\)$/\1/p' /mnt/cidata/user-data | head -n 1)
    marker "cidata key=${key:-none}"
    # As cloud-init would: the user named in user-data (the VM's name) with the key.
    user=$(sed -n 's/^  - name: *//p' /mnt/cidata/user-data | head -n 1)
    if [ -n "$key" ] && [ -n "$user" ]; then
      mkdir -p "/home/$user/.ssh"
      printf '%s\n' "$key" > "/home/$user/.ssh/authorized_keys"
      printf '%s:x:1000:1000::/home/%s:/bin/sh\n' "$user" "$user" >> /etc/passwd
      chown -R 1000:1000 "/home/$user"
      chmod 700 "/home/$user/.ssh"
      ssh_user=$user
    fi
  fi
  umount /mnt/cidata
fi

# ---- ACPI power button -----------------------------------------------------
# `button` turns the ACPI power-button GPE into an input event, `evdev` exposes it as
# /dev/input/event*, and busybox acpid (which opens those nodes at start, hence after
# the modules) maps KEY_POWER to the event "PWRF/00000080" and runs the file of that
# name under -c DIR.
mkdir -p /etc/acpi/PWRF
cat > /etc/acpi/PWRF/00000080 <<'EOF'
#!/bin/sh
printf '\nVIREO-GUEST: %s\n' acpi-power-button > /dev/console
sync
printf '\nVIREO-GUEST: %s\n' powered-off > /dev/console
poweroff -f
EOF
chmod +x /etc/acpi/PWRF/00000080
acpid -f -c /etc/acpi -l /dev/null >/dev/null 2>&1 &
# A button press with no reader is dropped, and tests send system_powerdown right
# after "ready": so "ready" waits (up to ~2 s) until acpid holds an event device open.
acpid_pid=$! i=0
while [ $i -lt 100 ]; do
  for fd in "/proc/$acpid_pid/fd/"*; do
    case $(readlink "$fd") in /dev/input/event*) break 2 ;; esac
  done
  sleep 0.02; i=$((i + 1))
done

# ---- keyboard on the display ----------------------------------------------
# A line typed on the first virtual terminal (the VNC display's PS/2 keyboard) comes
# back as a marker on the serial console, so display tests see a key reach the guest.
# The VT echoes what is typed, so it also shows on the screen.
# vireo.keymap=de loads the German layout (keymaps are global to all VTs).
case " $(cat /proc/cmdline) " in
  *" vireo.keymap=de "*) loadkmap < /etc/keymaps/de.bmap 2>/dev/null ;;
esac
if [ -c /dev/tty1 ]; then
  ( while IFS= read -r line; do marker "vt-input $line"; done < /dev/tty1 ) &
fi

# ---- guest agent -------------------------------------------------------------
# qemu-ga on the virtio-serial port QEMU names org.qemu.guest_agent.0 (devtmpfs makes
# /dev/vportNpM; there is no udev for the by-name link). "ready" waits (up to ~2 s) until
# the agent holds the port open, so a test can talk to it as soon as it sees "ready".
hostname vireo-guest
for p in /sys/class/virtio-ports/vport*; do
  [ -e "$p/name" ] && [ "$(cat "$p/name")" = org.qemu.guest_agent.0 ] || continue
  port=/dev/${p##*/}
  mkdir -p /var/run /run/qga
  qemu-ga -m virtio-serial -p "$port" -t /run/qga >/dev/null 2>&1 &
  qga_pid=$! i=0
  while [ $i -lt 100 ]; do
    for fd in "/proc/$qga_pid/fd/"*; do
      [ "$(readlink "$fd")" = "$port" ] && break 3
    done
    sleep 0.02; i=$((i + 1))
  done
done

# ---- SSH -----------------------------------------------------------------------
# dropbear (from Debian) for the user the seed asked for; host keys are made on the first
# connection (-R).
if [ -n "${ssh_user:-}" ]; then
  mkdir -p /etc/dropbear /var/log
  : > /var/log/lastlog
  dropbear -R -p 22 -P /run/dropbear.pid 2>/dev/null
  marker "sshd user=$ssh_user"
fi

# ---- clipboard ---------------------------------------------------------------
# The spice-vdagent port (QEMU's qemu-vdagent chardev): clipboard-peer fetches what the host
# offers and prints it ("clipboard-in TEXT"); a line written to /run/vireo-clip becomes the
# guest's clipboard. It is up (its capabilities sent) before "ready".
for p in /sys/class/virtio-ports/vport*; do
  [ -e "$p/name" ] && [ "$(cat "$p/name")" = com.redhat.spice.0 ] || continue
  mkdir -p /run
  clipboard-peer "/dev/${p##*/}" /run/vireo-clip &
  i=0
  while [ ! -p /run/vireo-clip ] && [ $i -lt 100 ]; do sleep 0.02; i=$((i + 1)); done
done

marker "ready ip=$ip"

# vireo.counter: a line every 100 ms ("tick N"), so a test sees the guest keep running
# across a live migration (the number goes on; a reboot would start it again).
case " $(cat /proc/cmdline) " in
  *" vireo.counter "*) ( n=0; while :; do n=$((n + 1)); marker "tick $n"; sleep 0.1; done ) & ;;
esac

# The baseline is the list printed above, so a disk that appears between that line and
# the watcher's first poll is still reported.
disk_watcher "$disks" &

# ---- interactive root shell on the console --------------------------------
# cttyhack opens the real console device as the controlling tty (job control, ^C);
# the sleep stops a tight respawn loop if the shell keeps exiting (EOF on the line).
export PS1='vireo# '
while :; do
  setsid cttyhack sh -l
  sleep 1
done
