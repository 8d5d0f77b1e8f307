#!/bin/bash
# The README's test command: install packages, build, run every test (unit and
# integration with the real test guest under QEMU).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
bash installer/dev/install-deps.sh
bash installer/dev/build.sh
cd build
ctest --output-on-failure --timeout 900 "$@"
