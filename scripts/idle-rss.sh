#!/usr/bin/env bash
# Idle resident memory of every component as the local stack runs them: the release `mcp`
# executable starts the stack (`mcp` without arguments: one process per component, the
# sandbox standing in for the external APIs, storage in memory), then, once every component
# answers its health check and has sat idle for a few seconds, VmRSS of each is printed.
# Goals (issue 15): services within 15 MB, the orchestrator within 25 MB.
#
# Usage: scripts/idle-rss.sh   (the stack's conventional ports must be free)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
cargo build --release --quiet -p devstack
bin=${CARGO_TARGET_DIR:-$root/target}/release/mcp
log=$(mktemp)
DEVSTACK_FIRESTORE=off LOG_FORMAT=json RUST_LOG=warn "$bin" > "$log" 2>&1 &
stack=$!
trap 'kill "$stack" 2>/dev/null || true; wait "$stack" 2>/dev/null || true; rm -f "$log"' EXIT
# The banner is printed once every stage is healthy.
for _ in $(seq 1 240); do
  if grep -q "orchestrator" "$log" 2>/dev/null && [ "$(pgrep -c -P "$stack" || true)" -ge 8 ]; then
    break
  fi
  kill -0 "$stack" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.5
done
sleep 5
# RSS counts the executable's pages each process has touched (file-backed, clean, shared by
# every component: they are one executable) beside its own memory (anonymous): both printed.
printf '%-16s %10s %12s %12s\n' component "idle RSS" "anonymous" "file-backed"
for pid in $(pgrep -P "$stack"); do
  name=$(tr '\0' ' ' < "/proc/$pid/cmdline" | awk '{print $2}')
  awk -v name="$name" '
    /^VmRSS:/ { rss = $2 } /^RssAnon:/ { anon = $2 } /^RssFile:/ { file = $2 }
    END { printf "%-16s %7.1f MB %9.1f MB %9.1f MB\n", name, rss * 1024 / 1e6, anon * 1024 / 1e6, file * 1024 / 1e6 }
  ' "/proc/$pid/status"
done
