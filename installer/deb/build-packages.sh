#!/bin/bash
# Builds Vireo's Debian packages (vireo, vireoctl, vireo-helper and, where DPDK is
# installed, vireo-switch) from ./build into build/packages and prints their paths.
# Arguments go to cpack, e.g. -D CPACK_PACKAGE_VERSION=0.1.0~rc1.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
bash installer/dev/install-deps.sh
# Packages install into /usr, and the helper's polkit policy names its path there.
bash installer/dev/build.sh -DCMAKE_INSTALL_PREFIX=/usr
out=$PWD/build/packages
rm -f "$out"/*.deb
(cd build && cpack -B "$out" "$@")
ls "$out"/*.deb
