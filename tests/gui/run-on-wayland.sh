#!/bin/bash
# Runs a GUI test binary on Wayland: a weston of its own (own runtime folder, own socket),
# the app on Qt's wayland platform. Exit 77 (skip) without weston.
#   run-on-wayland.sh [--with-seat] TEST [ARGS...]
# weston's headless backend has no seat, so no keyboard and no clipboard; --with-seat runs
# weston's X11 backend inside a private Xvfb instead, which gives it a seat.
set -u
seat=
if [ "${1:-}" = --with-seat ]; then seat=1; shift; fi
if ! command -v weston >/dev/null; then
  echo "SKIP: weston is not installed, so Wayland is not checked (install-deps.sh installs it)"
  exit 77
fi
if [ -n "$seat" ] && ! command -v xvfb-run >/dev/null; then
  echo "SKIP: xvfb-run is not installed, so weston has no seat to test on (package xvfb)"
  exit 77
fi
run=$(mktemp -d)
chmod 700 "$run"
export XDG_RUNTIME_DIR=$run
sock=wayland-vireo-test-$$
if [ -n "$seat" ]; then
  xvfb-run -a -s "-screen 0 1600x1200x24" weston --backend=x11-backend.so --socket="$sock" \
    --idle-time=0 --width=1400 --height=1000 >"$run/weston.log" 2>&1 &
else
  weston --backend=headless-backend.so --socket="$sock" --idle-time=0 >"$run/weston.log" 2>&1 &
fi
for _ in $(seq 200); do
  [ -S "$run/$sock" ] && break
  sleep 0.05
done
stop_weston() {
  # Only this run's weston (its socket name is unique); xvfb-run then ends its Xvfb.
  pkill -f -- "^weston .*--socket=$sock" 2>/dev/null
  for _ in $(seq 100); do pgrep -f -- "^weston .*--socket=$sock" >/dev/null || break; sleep 0.05; done
}
if [ ! -S "$run/$sock" ]; then
  echo "weston did not start:"; cat "$run/weston.log"
  stop_weston; rm -rf "$run"; exit 1
fi
WAYLAND_DISPLAY=$sock QT_QPA_PLATFORM=wayland "$@"
rc=$?
stop_weston
wait 2>/dev/null
rm -rf "$run"
exit "$rc"
