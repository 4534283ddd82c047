#!/usr/bin/env bash
# Idle resident memory of every component as the local stack runs them: the release `mcp`
# executable starts the stack (`mcp` without arguments: one process per component, the
# sandbox standing in for the external APIs, storage in memory), then, once every component
# answers its health check and has sat idle for a few seconds, VmRSS of each is printed.
# Goals (issue 15): services within 15 MB, the orchestrator within 25 MB.
#
# Then each component again as it runs deployed, alone in its container: from its own copy of
# the executable whose pages were first dropped from the page cache, so that the pages it maps
# are those it read itself (beside the running stack, the kernel maps in every page of the
# shared executable that any component has read within 64 KB of a page it touches).
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

copy=$(mktemp /tmp/mcp-alone.XXXXXX)
trap 'kill "$stack" 2>/dev/null || true; wait "$stack" 2>/dev/null || true; rm -f "$log" "$copy"' EXIT
cp "$bin" "$copy"
chmod +x "$copy"
echo
echo "Each component alone, as in its own container (its own copy of the executable, cold page cache):"
printf '%-16s %10s %12s %12s\n' component "idle RSS" "anonymous" "file-backed"
for pid in $(pgrep -P "$stack"); do
  python3 - "$pid" "$copy" <<'PY'
import os, socket, subprocess, sys, time, urllib.request

pid, copy = sys.argv[1], sys.argv[2]
args = open(f"/proc/{pid}/cmdline", "rb").read().split(b"\0")
name = args[1].decode()
env = dict(
    line.split(b"=", 1)
    for line in open(f"/proc/{pid}/environ", "rb").read().split(b"\0")
    if b"=" in line
)
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
env[b"PORT"] = str(port).encode()
os.sync()
fd = os.open(copy, os.O_RDONLY)
os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
os.close(fd)
child = subprocess.Popen(
    [copy, name], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
)
try:
    for _ in range(120):
        try:
            path = "/__sandbox/health" if name == "sandbox" else "/health"
            urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=1)
            break
        except Exception:
            time.sleep(0.25)
    time.sleep(5)
    status = dict(
        line.split(":", 1) for line in open(f"/proc/{child.pid}/status") if ":" in line
    )
    kb = lambda k: int(status[k].split()[0]) * 1024 / 1e6
    print(f"{name:<16} {kb('VmRSS'):7.1f} MB {kb('RssAnon'):9.1f} MB {kb('RssFile'):9.1f} MB")
finally:
    child.terminate()
    child.wait(timeout=10)
PY
done
