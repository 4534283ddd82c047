#!/usr/bin/env bash
# Builds the orchestrator's bench NAME (release, `cargo bench --no-run`) and prints the path of
# its executable. Used by the scripts that run a bench under a profiler or a load generator.
#
# Usage: scripts/bench-bin.sh NAME   (e.g. query)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
name=${1:?usage: scripts/bench-bin.sh NAME}
bin=$(cargo bench -p orchestrator --bench "$name" --no-run --message-format=json 2>/dev/null \
  | python3 -c 'import json,sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == sys.argv[1] and m.get("executable"):
        print(m["executable"])' "$name")
[ -x "$bin" ] || { echo "error: the $name bench did not build" >&2; exit 1; }
echo "$bin"
