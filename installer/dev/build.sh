#!/bin/bash
# Configures and builds Vireo into ./build (ccache makes rebuilds fast). Arguments go to
# the configure step (e.g. -DCMAKE_INSTALL_PREFIX=/usr).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
# ccache hits from any checkout of the tree (a clean clone for CI, a second worktree): paths
# under it hash as relative ones, and the working folder is left out of the hash.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build build -j"$(nproc)"
