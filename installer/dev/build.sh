#!/bin/bash
# Configures and builds Vireo into ./build (ccache makes rebuilds fast). Arguments go to
# the configure step (e.g. -DCMAKE_INSTALL_PREFIX=/usr).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build build -j"$(nproc)"
