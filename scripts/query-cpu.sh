#!/usr/bin/env bash
# Server CPU time per request of a `/query` L2 hit (token verified; with the express lane and
# without it) and of the bare actix endpoint serving the same bytes, under load from wrk (`wrk -t1 -c32`, a separate process).
#
# The query bench in `QUERY_BENCH=serve` mode starts both servers and serves until its stdin
# closes; this script runs wrk against each side in turn, in interleaved rounds, and reads the
# bench process's CPU time (user + system, from /proc) before and after each run: only the
# servers run in that process while wrk loads it, so CPU time / requests is the servers' cost
# of one request, kernel networking included. Less noisy than req/s on a shared machine
# (wrk's own share and other processes do not enter it); the medians and their ratio are the
# figures. A ratio of L2 : bare CPU of r gives a throughput ratio of about
# (bare + wrk) / (r * bare + wrk) when wrk and the servers share the cores.
#
# Usage: scripts/query-cpu.sh [ROUNDS]   (default 4; needs wrk: Debian's package)
# QUERY_BENCH_BIN=PATH runs that copy of the bench instead of building it: to compare a
# before and an after build (copy each one's executable aside, then run the script on each in
# turn, a few times).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
rounds=${1:-4}
command -v wrk >/dev/null || { echo "error: wrk is not installed (apt-get install wrk)" >&2; exit 1; }
bin=${QUERY_BENCH_BIN:-$("$root/scripts/bench-bin.sh" query)}

work=$(mktemp -d)
mkfifo "$work/in"
QUERY_BENCH=serve "$bin" < "$work/in" > "$work/out" 2> "$work/err" &
pid=$!
exec 9> "$work/in"
trap 'exec 9>&-; wait "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 300); do
  grep -q '^authorization ' "$work/out" && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/err" >&2; exit 1; }
  sleep 0.2
done
field() { sed -n "s/^$1 //p" "$work/out"; }
question=$(field question)
for side in bare l2 usual; do
  {
    echo 'wrk.method = "POST"'
    printf 'wrk.body = %s\n' "$(python3 -c 'import json,sys; print(json.dumps(sys.argv[1]))' "$question")"
    echo 'wrk.headers["Content-Type"] = "application/json"'
    if [ "$side" != bare ]; then
      printf 'wrk.headers["Authorization"] = "%s"\n' "$(field authorization)"
    fi
  } > "$work/$side.lua"
done
url() {
  case $1 in
    l2) field authed ;;
    usual) field usual ;;
    *) field bare ;;
  esac
}
cpu() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
ticks=$(getconf CLK_TCK)

for side in bare l2 usual; do
  wrk -t1 -c32 -d1s -s "$work/$side.lua" "$(url "$side")" > /dev/null # warm-up
done
: > "$work/results"
for round in $(seq 1 "$rounds"); do
  for side in bare l2 usual; do
    before=$(cpu)
    out=$(wrk -t1 -c32 -d5s -s "$work/$side.lua" "$(url "$side")")
    after=$(cpu)
    requests=$(awk '/requests in/ { print $1 }' <<< "$out")
    rate=$(awk '/Requests\/sec/ { print $2 }' <<< "$out")
    if grep -q 'Non-2xx' <<< "$out"; then
      echo "error: $side answered errors under load:" >&2
      echo "$out" >&2
      exit 1
    fi
    echo "$round $side $requests $rate $((after - before))" >> "$work/results"
  done
done

python3 - "$work/results" "$ticks" <<'PY'
import statistics, sys

ticks = int(sys.argv[2])
rows = [line.split() for line in open(sys.argv[1])]
per = {"bare": [], "l2": [], "usual": []}
rate = {"bare": [], "l2": [], "usual": []}
for _, side, requests, rps, cpu in rows:
    per[side].append(int(cpu) / ticks / int(requests) * 1e6)
    rate[side].append(float(rps))
print(f"Server CPU per request under wrk -t1 -c32, {len(per['bare'])} interleaved rounds of 5 s (us; each round, then the median)")
for side, name in (
    ("bare", "bare endpoint"),
    ("l2", "/query L2 hit, token verified"),
    ("usual", "the same, express lane off"),
):
    each = " ".join(f"{v:.1f}" for v in per[side])
    print(f"   {name:<30}: {each}  median {statistics.median(per[side]):.1f} us  ({statistics.median(rate[side]):,.0f} req/s)")
bare = statistics.median(per["bare"])
print(f"   ratio of CPU per request L2 : bare = {statistics.median(per['l2']) / bare:.2f} (express lane off: {statistics.median(per['usual']) / bare:.2f})")
PY
