#!/bin/bash
# packaging_install: installs the Debian packages into a fresh Debian 12 root the way a
# user would (apt pulls every dependency from the archive) and runs them there; then
# upgrades from an older version with a VM in the library, removes and purges.
# Needs root and deb.debian.org; exits 77 (skip) without them.
# The minimal root is cached in ~/.cache/vireo (debootstrap takes minutes), and so are
# the downloaded .debs. Usage: install-test.sh BUILD_DIR
set -euo pipefail
fail() { echo "FAIL: $*" >&2; exit 1; }
export T0=${T0:-$(date +%s)}
step() { echo "[$(($(date +%s) - T0)) s] $*"; }

if [ "${1:-}" != --inside ]; then
  build=$(realpath "$1")
  [ "$(id -u)" -eq 0 ] || { echo "SKIP: needs root (chroot and mounts)"; exit 77; }
  unshare --mount --pid --fork true 2>/dev/null ||
    { echo "SKIP: cannot make mount and pid namespaces here (needs CAP_SYS_ADMIN)"; exit 77; }
  timeout 10 bash -c 'exec 3<>/dev/tcp/deb.debian.org/80' 2>/dev/null ||
    { echo "SKIP: deb.debian.org is not reachable"; exit 77; }
  command -v debootstrap >/dev/null ||
    fail "debootstrap is not installed (installer/dev/install-deps.sh installs it)"
  cache=${XDG_CACHE_HOME:-$HOME/.cache}/vireo
  base=$cache/debian12-minbase.tar.zst
  mkdir -p "$cache/packaging-debs"
  work=$(mktemp -d /var/tmp/vireo-packaging.XXXXXX)
  trap 'rm -rf --one-file-system "$work"' EXIT
  if [ ! -f "$base" ]; then
    step "making a minimal Debian 12 root (once; cached in $base)"
    debootstrap --variant=minbase bookworm "$work/base" http://deb.debian.org/debian \
      >"$work/debootstrap.log" 2>&1 || { tail -20 "$work/debootstrap.log"; fail "debootstrap"; }
    rm -f "$work/base"/var/cache/apt/archives/*.deb
    tar -C "$work/base" --zstd -cf "$base.partial" . && mv "$base.partial" "$base"
    rm -rf --one-file-system "$work/base"
  fi
  # The current packages, and the same tree as an older version to upgrade from.
  version=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build/CPackConfig.cmake")
  cpack --config "$build/CPackConfig.cmake" -B "$work/new" >"$work/cpack.log" 2>&1 &&
    cpack --config "$build/CPackConfig.cmake" -B "$work/old" \
      -D CPACK_PACKAGE_VERSION="$version~old" >>"$work/cpack.log" 2>&1 ||
    { cat "$work/cpack.log"; fail "cpack failed"; }
  step "packages built"
  # The root, its mounts and its daemons live in namespaces of their own (the root on a
  # tmpfs): all of them go when the inner run ends, however it ends.
  mkdir "$work/root"
  unshare --mount --pid --fork --propagation private \
    bash "$0" --inside "$work" "$version" "$base" "$cache/packaging-debs"
  exit 0
fi

work=$2 version=$3 base=$4 debcache=$5
root=$work/root
mount -t tmpfs -o size=4G,mode=755 tmpfs "$root"
tar -C "$root" --zstd -xf "$base"
mkdir "$root/debs"
cp -r "$work/new" "$work/old" "$root/debs/"
# This host's archive and mirror settings, as a user's machine has its own.
rm -f "$root/etc/apt/sources.list"
cp -r /etc/apt/sources.list* "$root/etc/apt/"
cp /etc/resolv.conf "$root/etc/resolv.conf"
# No service starts inside the root (no init there owns it), and dpkg need not sync a
# root that is thrown away.
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod +x "$root/usr/sbin/policy-rc.d"
echo force-unsafe-io >"$root/etc/dpkg/dpkg.cfg.d/vireo-test"
mount -t proc proc "$root/proc"
mount --rbind /dev "$root/dev"
mount -t tmpfs tmpfs "$root/run"
mount --bind "$debcache" "$root/var/cache/apt/archives"

run() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
          DEBIAN_FRONTEND=noninteractive "$@"; }
as_ada() { chroot --userspec=ada:ada "$root" env -i PATH=/usr/bin:/bin HOME=/home/ada \
             USER=ada LANG=C.UTF-8 "$@"; }
apt_get() { run apt-get -q -o Dpkg::Use-Pty=0 "$@" >>"$work/apt.log" 2>&1 ||
              { tail -30 "$work/apt.log"; fail "apt-get $*"; }; }
# Paths as seen inside the root.
mapfile -t old < <(cd "$root" && printf '/%s\n' debs/old/*.deb)
mapfile -t new < <(cd "$root" && printf '/%s\n' debs/new/*.deb)
packages=("${new[@]##*/}")
packages=("${packages[@]%%_*}")

apt_get update
step "root ready"
apt_get install -y --no-install-recommends "${old[@]}"
step "installed $version~old with its dependencies"
run useradd -m ada
lib=/home/ada/.local/share/vireo/vms
as_ada vireoctl disk create /home/ada/demo.qcow2 --size 64M >/dev/null
as_ada vireoctl vm create demo --memory 256M --disk /home/ada/demo.qcow2 --nic none >/dev/null
# A definition in the first schema (memory as a string, cpus as a count), as the earliest
# Vireo wrote it: the upgrade's migration must rewrite it and keep the original aside.
mkdir -p "$root$lib/early"
printf '%s' '{"schema":1,"name":"early","uuid":"00000000-0000-4000-8000-0000000000e1","memory":"1G","cpus":2}' \
  >"$root$lib/early/vm.json"
run chown -R ada:ada "$lib/early"
# A network and a sandbox defined (not started: no bridge or namespace here), and a setting.
as_ada vireoctl network create lab --mode internal >/dev/null
mkdir -p "$root/home/ada/sbroot"
as_ada vireoctl sandbox create --name tools --rootfs /home/ada/sbroot -- /bin/sh >/dev/null
mkdir -p "$root/home/ada/.config/vireo"
printf '[General]\nkept=yes\n' >"$root/home/ada/.config/vireo/vireo.conf"
run chown -R ada:ada /home/ada

apt_get install -y --no-install-recommends "${new[@]}"
step "upgraded to $version"
for p in "${packages[@]}"; do
  v=$(run dpkg-query -W -f='${Version}' "$p")
  [ "$v" = "$version" ] || fail "$p is $v after the upgrade, not $version"
done
out=$(run vireoctl --version)
grep -qF "$version" <<<"$out" || fail "vireoctl --version says '$out', not $version"
out=$(as_ada vireoctl vm list --json)
grep -q '"name": "demo"' <<<"$out" || fail "the upgrade lost VM demo: $out"
out=$(as_ada vireoctl network list --json)
grep -q '"name": "lab"' <<<"$out" || fail "the upgrade lost network lab: $out"
out=$(as_ada vireoctl sandbox list --json)
grep -q '"name": "tools"' <<<"$out" || fail "the upgrade lost sandbox tools: $out"
grep -q 'kept=yes' "$root/home/ada/.config/vireo/vireo.conf" || fail "the upgrade lost the settings"
# What the user unit vireo-autostart.service runs first at login after an upgrade.
cmd=$(sed -n 's/^ExecStartPre=-//p' "$root/usr/lib/systemd/user/vireo-autostart.service")
[ -n "$cmd" ] || fail "vireo-autostart.service no longer migrates the library"
out=$(as_ada $cmd --json) || fail "$cmd: $out"
grep -q '"early"' <<<"$out" || fail "$cmd did not migrate VM early: $out"
backup=$(sed -n 's/.*"backup": "\([^"]*\)".*/\1/p' <<<"$out")
grep -q '"memory":"1G"' "$root$backup/early/vm.json" ||
  fail "the schema-1 definition was not kept in the backup ($backup)"
out=$(as_ada vireoctl vm show early --json)
grep -q '"memoryMiB": 1024' <<<"$out" || fail "VM early after the migration: $out"
echo "  migrated the schema-1 VM early; the old file is in $backup"
set +e
doctor=$(as_ada vireoctl doctor --json)
rc=$?
set -e
[ $rc -le 1 ] && grep -q '"checks"' <<<"$doctor" || fail "vireoctl doctor --json (exit $rc): $doctor"
echo "  vireoctl doctor: exit $rc, $(grep -c '"id"' <<<"$doctor") checks"
if [ -e "$root/usr/bin/vireo" ]; then
  # VIREO_BENCH=1 quits once the window is shown and the library loaded (app/vireo).
  app=$(as_ada env QT_QPA_PLATFORM=offscreen VIREO_BENCH=1 timeout 60 vireo 2>&1) ||
    fail "the app did not start: $app"
  grep -q 'and 2 VMs loaded' <<<"$app" || fail "the app did not load the library: $app"
  echo "  $(grep vireo-bench <<<"$app")"
  # Qt's plugins are dependencies dpkg-shlibdeps cannot see: the X11 platform and SVG icons.
  for plugin in platforms/libqxcb.so iconengines/libqsvgicon.so imageformats/libqsvg.so; do
    libs=$(run sh -c "ldd /usr/lib/*/qt6/plugins/$plugin" 2>&1) || fail "Qt plugin $plugin: $libs"
    ! grep 'not found' <<<"$libs" || fail "Qt plugin $plugin lacks libraries (above)"
  done
fi

# polkit reads the policy and the rules when it runs: a system bus and polkitd, then
# pkaction. The group the rule names is the package's.
run getent group vireo >/dev/null || fail "vireo-helper made no group vireo"
mkdir -p "$root/run/dbus"
run dbus-daemon --system --fork || fail "cannot start a system bus in the root"
run /usr/lib/polkit-1/polkitd >"$work/polkitd.log" 2>&1 & # it logs how the rules compiled
for _ in $(seq 50); do
  action=$(run pkaction --action-id org.vireo.helper.network --verbose 2>&1) && break
  sleep 0.2
done
grep -q 'org.freedesktop.policykit.exec.path -> /usr/libexec/vireo/vireo-helper' <<<"$action" ||
  fail "polkit does not know org.vireo.helper.network: $action"
! grep -i error "$work/polkitd.log" || fail "polkitd did not load the rules (above)"
echo "  polkitd: $(grep -o 'compiling and executing.*' "$work/polkitd.log")"
# A user of group vireo outside an active local session (this root has no logind) is asked
# to authenticate for every operation class: never let through, never refused outright.
run usermod -aG vireo ada
for action in $(sed -n 's/.*<action id="\([^"]*\)".*/\1/p' \
                  "$root/usr/share/polkit-1/actions/org.vireo.helper.policy"); do
  set +e
  out=$(as_ada sh -c "exec pkcheck --action-id $action --process \$\$" 2>&1)
  rc=$?
  set -e
  [ $rc -eq 2 ] || fail "pkcheck $action for ada: exit $rc (2 = authentication required): $out"
  run pkcheck --action-id "$action" --process 1 >/dev/null 2>&1 ||
    fail "pkcheck $action: root is not authorized"
done
echo "  polkit: ada must authenticate for each action; root is authorized"

out=$(run systemd-analyze verify --man=no vireo-autostart@ada.service 2>&1) && [ -z "$out" ] ||
  fail "systemd-analyze verify vireo-autostart@ada.service: $out"
mapfile -t units < <(cd "$root" && printf '/%s\n' usr/lib/systemd/user/vireo-*)
out=$(run env XDG_RUNTIME_DIR=/run systemd-analyze --user verify --man=no "${units[@]}" 2>&1) &&
  [ -z "$out" ] ||
  fail "systemd-analyze --user verify: $out"
step "checked vireoctl, doctor, the app, polkit and the units"

# Removing and purging Vireo leaves the user's VMs and disks alone.
apt_get remove -y "${packages[@]}"
[ ! -e "$root/usr/bin/vireoctl" ] || fail "vireoctl is still there after apt-get remove"
[ -f "$root$lib/demo/vm.json" ] && [ -f "$root/home/ada/demo.qcow2" ] ||
  fail "apt-get remove took the library or the disk"
# Removed packages without conffiles are forgotten at once: purge an installed set.
apt_get install -y --no-install-recommends "${new[@]}"
apt_get purge -y "${packages[@]}"
for p in "${packages[@]}"; do
  status=$(run dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ -z "$status" ] || [ "$status" = not-installed ] || fail "$p is $status after purge"
done
[ -f "$root$lib/demo/vm.json" ] && [ -f "$root/home/ada/demo.qcow2" ] ||
  fail "apt-get purge took the library or the disk"
for f in /usr/lib/systemd/system/vireo-autostart@.service /usr/lib/systemd/user/vireo-backups.timer \
         /usr/share/polkit-1/actions/org.vireo.helper.policy; do
  [ ! -e "$root$f" ] || fail "$f is still there after purge"
done
apt_get autoclean # the .deb cache keeps only what the archive still has
step "installed, upgraded from $version~old, ran, removed, purged: ${packages[*]}"
