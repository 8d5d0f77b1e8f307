#!/bin/bash
# packaging_lintian: builds the Debian packages of this build tree and checks them as
# Debian's tools do: lintian (no errors), the AppStream metainfo, the .desktop file, the
# systemd units, the polkit policy, completions, and no RPATH in any program.
# Usage: check-packages.sh BUILD_DIR
set -euo pipefail
build=$(realpath "$1")
fail() { echo "FAIL: $*" >&2; exit 1; }
for tool in cpack dpkg-shlibdeps lintian appstreamcli desktop-file-validate systemd-analyze \
            xmllint readelf; do
  command -v "$tool" >/dev/null ||
    fail "$tool is not installed (installer/dev/install-deps.sh installs it)"
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cpack --config "$build/CPackConfig.cmake" -B "$work/debs" >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log"; fail "cpack failed"; }
debs=("$work"/debs/*.deb)
echo "packages: ${debs[*]##*/}"
for pkg in vireoctl vireo-helper; do
  compgen -G "$work/debs/${pkg}_*.deb" >/dev/null || fail "no $pkg package"
done
# lintian warns that it runs as root; that is no finding.
lintian --fail-on error "${debs[@]}" 2> >(grep -v 'root privileges' >&2) ||
  fail "lintian found errors (above)"

root=$work/root
for deb in "${debs[@]}"; do dpkg-deb -x "$deb" "$root"; done
version=$(dpkg-deb -f "$work"/debs/vireoctl_*.deb Version)

# What `vireoctl sandbox run` becomes once its sandbox runs is where vireoctl looks for it,
# and small: no Qt, no library at all (static).
monitor=$root/usr/libexec/vireo/vireo-sandbox-monitor
[ -x "$monitor" ] || fail "vireoctl's package lacks /usr/libexec/vireo/vireo-sandbox-monitor"
! readelf -d "$monitor" | grep NEEDED ||
  fail "vireo-sandbox-monitor needs a library: it is meant to be static"

# vireoctl is the Qt-free, static front; the Qt CLI is the program it execs from libexec.
[ -x "$root/usr/libexec/vireo/vireoctl-cli" ] ||
  fail "vireoctl's package lacks /usr/libexec/vireo/vireoctl-cli"
! readelf -d "$root/usr/bin/vireoctl" | grep NEEDED ||
  fail "/usr/bin/vireoctl needs a library: a plain sandbox run would pay for loading it"

# Programs from the packages run from /usr, never from the build tree.
for elf in "$root"/usr/bin/* "$root"/usr/libexec/vireo/*; do
  ! readelf -d "$elf" | grep -E 'RPATH|RUNPATH' || fail "${elf#"$root"} has an RPATH"
done

if [ -d "$root/usr/share/metainfo" ]; then
  appstreamcli validate --no-net "$root"/usr/share/metainfo/*.xml ||
    fail "AppStream metainfo is invalid"
  grep -q "<release version=\"${version%%~*}\"" "$root"/usr/share/metainfo/*.xml ||
    fail "metainfo's newest release is not $version (resources/org.vireo.Vireo.metainfo.xml)"
  desktop-file-validate "$root"/usr/share/applications/vireo.desktop ||
    fail "vireo.desktop is invalid"
fi

# The units name /usr/bin/vireoctl; verified here against the packaged one. Verify prints
# what it ignores (unknown keys) without failing, so any output is a failure too.
units=$work/units
mkdir -p "$units/system" "$units/user"
for scope in system user; do
  for unit in "$root/usr/lib/systemd/$scope"/*; do
    [ -f "$unit" ] || continue # default.target.wants/: the enabling link
    sed "s|/usr/bin/vireoctl|$root/usr/bin/vireoctl|g" "$unit" >"$units/$scope/${unit##*/}"
  done
done
export XDG_RUNTIME_DIR=$work # the user manager's verify needs one
for scope in system user; do
  out=$(systemd-analyze --"$scope" verify --man=no "$units/$scope"/* 2>&1) &&
    [ -z "$out" ] || fail "systemd-analyze verify of the $scope units: $out"
done

policy=$root/usr/share/polkit-1/actions/org.vireo.helper.policy
dtd=/usr/share/polkit-1/policyconfig-1.dtd
if [ -f "$dtd" ]; then
  xmllint --noout --nonet --dtdvalid "$dtd" "$policy" || fail "polkit policy is not valid"
else
  xmllint --noout --nonet "$policy" || fail "polkit policy is not well-formed XML"
fi
paths=$(grep -o 'exec.path">[^<]*' "$policy" | cut -d'>' -f2 | sort -u)
[ "$paths" = /usr/libexec/vireo/vireo-helper ] ||
  fail "polkit policy names '$paths', not /usr/libexec/vireo/vireo-helper (configure with -DCMAKE_INSTALL_PREFIX=/usr)"
[ -x "$root$paths" ] || fail "vireo-helper package lacks $paths"

bash -n "$root/usr/share/bash-completion/completions/vireoctl" || fail "bash completion"
if command -v zsh >/dev/null; then
  zsh -n "$root/usr/share/zsh/vendor-completions/_vireoctl" || fail "zsh completion"
fi
if command -v fish >/dev/null; then
  fish -n "$root/usr/share/fish/vendor_completions.d/vireoctl.fish" || fail "fish completion"
fi
echo "packages OK: lintian, metainfo, desktop file, units, polkit policy, completions"
