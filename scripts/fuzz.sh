#!/usr/bin/env bash
# Fuzzes the parsers that take outside bytes (fuzz/, cargo-fuzz layout) for a bounded time
# per target, prints the executions of each, and fails on any crash, hang or out-of-memory,
# leaving its reproducer in fuzz/artifacts/<target>/.
#
# Usage: scripts/fuzz.sh [seconds-per-target (default 60)] [target ...]   (default: every target)
# Reproduce a finding: scripts/fuzz.sh reproduce <target> <file>
#
# Stable toolchain. cargo-fuzz defaults to AddressSanitizer, which needs the unstable
# `-Zsanitizer` flag (nightly, or RUSTC_BOOTSTRAP=1 on stable). This script builds with
# `--sanitizer none` instead: every flag it then passes is stable (`-Cpasses=sancov-module`
# and `-Cllvm-args=-sanitizer-coverage-*` for libFuzzer's coverage, `--cfg fuzzing`), so it
# runs on the machine's stable 1.95 with no RUSTC_BOOTSTRAP. Little is lost: our crates
# forbid `unsafe`, so what the fuzzer looks for is panics (arithmetic overflow and debug
# assertions included: fuzz/Cargo.toml turns both on), broken invariants the targets assert,
# hangs (`-timeout`) and runaway memory (`-rss_limit_mb`), none of which needs ASan.
# `--codegen-units 16` (cargo-fuzz's own suggestion) trades some speed of the fuzzed code
# for a much shorter build of the whole dependency graph on two cores.
#
# cargo-fuzz is installed from crates.io into .tools/cargo on first use (cached there).
# Seeds come from the repository's data when a target starts (FUZZ_SEED_DIR, see
# fuzz/src/seeds.rs) and are read-only; what the fuzzer learns grows fuzz/corpus/<target>.
# Build output: $CARGO_TARGET_DIR/fuzz (target/fuzz by default); logs: target/fuzz/logs/.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
began=$SECONDS

cargo_fuzz_version=0.13.2
tools="$root/.tools/cargo"
if ! "$tools/bin/cargo-fuzz" --version 2>/dev/null | grep -qF "$cargo_fuzz_version"; then
  echo "==> installing cargo-fuzz $cargo_fuzz_version into .tools/cargo"
  cargo install --locked --quiet "cargo-fuzz@$cargo_fuzz_version" --root "$tools"
fi
export PATH="$tools/bin:$PATH"

out="${CARGO_TARGET_DIR:-$root/target}/fuzz"
flags=(--sanitizer none --release --debug-assertions --codegen-units 16 --target-dir "$out")

if [ "${1:-}" = reproduce ]; then
  [ "$#" -eq 3 ] || { echo "usage: $0 reproduce <target> <file>" >&2; exit 2; }
  exec cargo fuzz run "${flags[@]}" "$2" "$3"
fi

seconds=${1:-60}
[[ "$seconds" =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [seconds-per-target] [target ...]" >&2; exit 2; }
shift || true
if [ "$#" -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <(cargo fuzz list)
fi

echo "==> building ${#targets[@]} fuzz targets (first build: the whole graph, instrumented)"
cargo fuzz build "${flags[@]}"

mkdir -p "$out/logs"
failed=()
summary=()
for t in "${targets[@]}"; do
  seeds="$out/seeds/$t"
  rm -rf "$seeds"
  mkdir -p "$seeds" "fuzz/corpus/$t" "fuzz/artifacts/$t"
  log="$out/logs/$t.log"
  before=$(ls "fuzz/artifacts/$t" | wc -l)
  echo "==> $t: ${seconds} s"
  # -timeout: one input running 10 s is a hang; -rss_limit_mb: the default, made explicit.
  if FUZZ_SEED_DIR="$seeds" cargo fuzz run "${flags[@]}" "$t" "fuzz/corpus/$t" "$seeds" -- \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      > "$log" 2>&1; then
    result=ok
  else
    result=FAILED
  fi
  done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1 || true)
  runs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+).*/\1/p' "$log" | tail -n 1)
  rate=$(sed -nE 's/^stat::average_exec_per_sec: *([0-9]+).*/\1/p' "$log" | tail -n 1)
  corpus=$(ls "fuzz/corpus/$t" | wc -l)
  echo "    ${done_line:-(no DONE line: see $log)}"
  if [ "$result" != ok ] || [ "$(ls "fuzz/artifacts/$t" | wc -l)" -gt "$before" ]; then
    result=FAILED
    failed+=("$t")
    grep -E 'panicked at|ERROR: libFuzzer|SUMMARY' "$log" | head -n 5 | sed 's/^/    /' || true
    for f in $(ls -t "fuzz/artifacts/$t" | head -n 1); do
      echo "    reproducer: fuzz/artifacts/$t/$f  (scripts/fuzz.sh reproduce $t fuzz/artifacts/$t/$f)"
    done
  fi
  summary+=("$(printf '%-12s %8s %12s %10s %8s  %s' "$t" "$seconds" "${runs:-?}" "${rate:-?}" "$corpus" "$result")")
done

echo
printf '%-12s %8s %12s %10s %8s  %s\n' target seconds executions exec/s corpus result
printf '%s\n' "${summary[@]}"
echo
if [ "${#failed[@]}" -gt 0 ]; then
  echo "fuzz: FAILED: ${failed[*]} (logs in $out/logs) after $((SECONDS - began)) s" >&2
  exit 1
fi
echo "fuzz: ${#targets[@]} targets, no crash, in $((SECONDS - began)) s"
