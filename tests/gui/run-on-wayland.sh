#!/bin/bash
# Runs a GUI test binary on Wayland: a headless weston of its own (own runtime folder,
# own socket), the app on Qt's wayland platform. Exit 77 (skip) without weston.
set -u
if ! command -v weston >/dev/null; then
  echo "SKIP: weston is not installed, so Wayland is not checked (install-deps.sh installs it)"
  exit 77
fi
run=$(mktemp -d)
chmod 700 "$run"
export XDG_RUNTIME_DIR=$run
weston --backend=headless-backend.so --socket=wayland-vireo-test --idle-time=0 \
  >"$run/weston.log" 2>&1 &
weston_pid=$!
for _ in $(seq 200); do
  [ -S "$run/wayland-vireo-test" ] && break
  sleep 0.05
done
if [ ! -S "$run/wayland-vireo-test" ]; then
  echo "weston did not start:"; cat "$run/weston.log"
  kill "$weston_pid" 2>/dev/null; rm -rf "$run"; exit 1
fi
WAYLAND_DISPLAY=wayland-vireo-test QT_QPA_PLATFORM=wayland "$@"
rc=$?
kill "$weston_pid" 2>/dev/null
wait "$weston_pid" 2>/dev/null
rm -rf "$run"
exit "$rc"
