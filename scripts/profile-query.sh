#!/usr/bin/env bash
# Instructions per request of a `/query` L2 hit (token verified) and of a bare actix endpoint
# serving the same bytes, counted by valgrind's callgrind: repeatable for one binary whatever
# else the machine is doing, unlike wall-clock figures.
#
# The query bench in `QUERY_BENCH=profile-<side>` mode sends N sequential requests between two
# marker functions; callgrind zeroes every thread's costs at the first and dumps at the second,
# so start-up (and the sandbox's RSA key generation) is left out. Client and servers share the
# process, so the figure is client + server; the client's share is the same for both sides
# (same request, same response bytes), so the difference is the server's.
#
# Usage: scripts/profile-query.sh [N]   (default 500)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
n=${1:-500}
command -v valgrind >/dev/null || { echo "error: valgrind is not installed" >&2; exit 1; }

bin=$("$root/scripts/bench-bin.sh" query)
out=${CARGO_TARGET_DIR:-$root/target}/profile-query
mkdir -p "$out"
rm -f "$out"/*.out*

declare -A per
for side in bare l2 usual; do
  if ! QUERY_BENCH="profile-$side" QUERY_BENCH_REQUESTS="$n" \
    valgrind --tool=callgrind --callgrind-out-file="$out/$side.out" \
      --zero-before='*query_bench_window_start*' --dump-before='*query_bench_window_end*' "$bin" \
      > "$out/$side.log" 2>&1; then
    grep -v '^==' "$out/$side.log" | tail -20 >&2
    echo "error: the $side run failed (log: $out/$side.log)" >&2
    exit 1
  fi
  # The dump at the end marker is the first numbered part. Its `totals:` line is the cost
  # of what ran between the markers; `summary:` (written first) is the whole run's so far,
  # start-up included, so it is not the figure.
  part=$(ls "$out/$side.out".* | sort -V | head -1)
  total=$(awk '/^totals:/ { print $2; exit }' "$part")
  per[$side]=$(( total / n ))
  printf '%-6s instructions per request (client + server): %s\n' "$side" "${per[$side]}"
done
printf 'ratio l2 : bare instructions per request = %s (the express lane off: %s)\n' \
  "$(python3 -c "print(f'{${per[l2]} / ${per[bare]}:.2f}')")" \
  "$(python3 -c "print(f'{${per[usual]} / ${per[bare]}:.2f}')")"
printf 'server-side extra of an L2 hit over the bare endpoint: %s instructions (the lane off: %s)\n' \
  "$(( per[l2] - per[bare] ))" "$(( per[usual] - per[bare] ))"
echo
part=$(ls "$out/l2.out".* | sort -V | head -1)
echo "Where the L2 side's instructions go (inclusive, top 45): $part"
callgrind_annotate --inclusive=yes "$part" 2>/dev/null | grep -E '^ *[0-9,]+ \(' | head -45
