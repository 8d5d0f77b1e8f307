# Shared helpers for the benchmarks (sourced). Benchmarks print numbers and ratios;
# they never fail on a timing.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VIREOCTL="$ROOT/build/app/vireoctl/vireoctl"
GUEST="${VIREO_GUEST_DIR:-$HOME/.cache/vireo/test-guest}"
CMDLINE="console=ttyS0 quiet cryptomgr.notests panic=-1"

now_ms() { date +%s%3N; }

# wait_for FILE PATTERN TIMEOUT_S: polls every 10 ms, the same for every contender.
wait_for() {
  local file=$1 pattern=$2 deadline=$(( $(date +%s) + $3 ))
  while ! grep -qa -- "$pattern" "$file" 2>/dev/null; do
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    sleep 0.01
  done
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print int((a[NR/2]+a[NR/2+1])/2)}'; }

ensure_built() {
  [ -x "$VIREOCTL" ] || bash "$ROOT/installer/dev/build.sh"
  bash "$ROOT/tests/guest/build.sh" "$GUEST" >&2
}
