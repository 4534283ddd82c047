#!/usr/bin/env bash
# Instructions per request of a `/query` L2 hit (token verified) and of a bare actix endpoint
# serving the same bytes, counted by valgrind's callgrind: repeatable for one binary whatever
# else the machine is doing, unlike wall-clock figures.
#
# Each side runs twice (N1 and N2 sequential requests, client and servers in one process);
# (total(N2) - total(N1)) / (N2 - N1) removes start-up and leaves one request's instructions,
# client included (the same for both sides: same request, same response bytes).
# The N2 run of the L2 side is kept for `callgrind_annotate` (where the instructions go).
#
# Usage: scripts/profile-query.sh [N1 N2]   (default 300 1300)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
n1=${1:-300}
n2=${2:-1300}
command -v valgrind >/dev/null || { echo "error: valgrind is not installed" >&2; exit 1; }

bin=$(cargo bench -p orchestrator --bench query --no-run --message-format=json 2>/dev/null \
  | python3 -c 'import json,sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "query" and m.get("executable"):
        print(m["executable"])')
[ -x "$bin" ] || { echo "error: the query bench did not build" >&2; exit 1; }
out=${CARGO_TARGET_DIR:-$root/target}/profile-query
mkdir -p "$out"

total() { # callgrind output file -> total instructions
  awk '/^(summary|totals):/ { print $2; exit }' "$1"
}

declare -A per
for side in bare l2; do
  for n in "$n1" "$n2"; do
    QUERY_BENCH="profile-$side" QUERY_BENCH_REQUESTS="$n" \
      valgrind --tool=callgrind --callgrind-out-file="$out/$side-$n.out" "$bin" \
      > "$out/$side-$n.log" 2>&1
  done
  a=$(total "$out/$side-$n1.out")
  b=$(total "$out/$side-$n2.out")
  per[$side]=$(( (b - a) / (n2 - n1) ))
  printf '%-5s instructions per request (client + server): %s\n' "$side" "${per[$side]}"
done
printf 'ratio l2 : bare instructions per request = %s\n' \
  "$(python3 -c "print(f'{${per[l2]} / ${per[bare]}:.2f}')")"
printf 'server-side extra of an L2 hit over the bare endpoint: %s instructions\n' \
  "$(( per[l2] - per[bare] ))"
echo
echo "Where the L2 side's instructions go (inclusive, top 40): $out/l2-$n2.out"
callgrind_annotate --inclusive=yes "$out/l2-$n2.out" 2>/dev/null | head -60 | tail -45
