#!/usr/bin/env bash
# Runs every test of the project, from a clean clone, on loopback only:
#   1. a Python venv with the official MCP SDK (interop tests) and an OpenAPI validator;
#   2. Google's Firestore emulator on a free port (storage tests);
#   3. every crate's tests with cargo-nextest;
#   4. the official MCP conformance suite against kit-built services.
# Usage: scripts/test.sh [extra nextest args, e.g. -p orchestrator]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
mkdir -p target

log() { printf '\n==> %s\n' "$*"; }

log "Python venv (.venv) with testkit/requirements.txt"
if ! .venv/bin/python -c "import mcp, openapi_spec_validator" >/dev/null 2>&1; then
  python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check -r testkit/requirements.txt
fi
export MCP_PYTHON="$root/.venv/bin/python"

log "Firestore emulator"
JAR=/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar
if [ ! -f "$JAR" ]; then
  echo "error: the Firestore emulator is not installed (expected $JAR)." >&2
  echo "Install the Google Cloud SDK component 'cloud-firestore-emulator' (Java 17+ is needed) and retry." >&2
  exit 1
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
java -cp "$JAR" com.google.cloud.datastore.emulator.firestore.CloudFirestore \
  --host=127.0.0.1 --port="$port" > target/firestore-emulator.log 2>&1 &
emulator_pid=$!
cleanup() { kill "$emulator_pid" 2>/dev/null || true; wait "$emulator_pid" 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$port/" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$emulator_pid" 2>/dev/null; then
    echo "error: the Firestore emulator exited; see target/firestore-emulator.log" >&2
    exit 1
  fi
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/" >/dev/null || { echo "error: the Firestore emulator did not start within 60 s" >&2; exit 1; }
export FIRESTORE_EMULATOR_HOST="127.0.0.1:$port"
echo "emulator at $FIRESTORE_EMULATOR_HOST"

log "build mcp, the one executable (the binaries test and the conformance suite start it)"
cargo build --workspace --bins

log "cargo nextest (workspace)"
cargo nextest run --workspace --no-fail-fast "$@"

if [ "$#" -eq 0 ]; then
  bash scripts/check-deploy.sh  # deploy files: compose schema + dclint, Cloud Run renderings, IAM
  log "MCP conformance suite"
  bash scripts/conformance.sh
  log "schemathesis against the orchestrator's /openapi.json"
  bash scripts/schemathesis.sh
fi
