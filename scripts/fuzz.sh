#!/usr/bin/env bash
# Runs the libFuzzer targets of build/fuzz, one process at a time, each on a temporary copy of its seed
# corpus (tests/fuzz/corpus/<target>; what a run finds is not kept in the repository), and prints the
# executions per target. A crash, a failed check, a leak or a timeout fails the run; the input is kept
# under build/fuzz/findings/ to reproduce it (`build/fuzz/fuzz_<target> <file>`).
#   scripts/fuzz.sh all [seconds] [target...]   every target (or those named), `seconds` each (default 60)
#   scripts/fuzz.sh one BINARY CORPUS           one target for $PORTAL_FUZZ_SECONDS (default 5; ctest)
# PORTAL_FUZZ_RUNS=N also stops a target after N executions (whichever comes first).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

# run_one BINARY CORPUS SECONDS: prints "<target>: N executions in S s (R/s)", fails on a finding.
run_one() {
  local binary=$1 corpus=$2 seconds=$3
  local name; name=$(basename "$binary"); name=${name#fuzz_}
  local work; work=$(mktemp -d)
  mkdir -p "$work/corpus" "$root/build/fuzz/findings"
  [ -d "$corpus" ] && cp -r "$corpus/." "$work/corpus/"
  local log="$work/log" status=0
  # A dictionary of the format's words (the target's, and JSON's own for the JSON readers) helps the
  # mutations reach past the first checks.
  local dict=()
  if [ -f "$root/tests/fuzz/$name.dict" ]; then
    cat "$root/tests/fuzz/$name.dict" > "$work/dict"
    grep -q '^# json' "$work/dict" && cat "$root/tests/fuzz/json.dict" >> "$work/dict"
    dict=(-dict="$work/dict")
  fi
  # One process, no forks; -timeout: an input slower than 10 s is a finding (a hang).
  local runs_limit=()
  [ -n "${PORTAL_FUZZ_RUNS:-}" ] && runs_limit=(-runs="$PORTAL_FUZZ_RUNS")
  "$binary" -max_total_time="$seconds" "${runs_limit[@]}" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "${dict[@]}" \
    -artifact_prefix="$root/build/fuzz/findings/$name-" "$work/corpus" > "$log" 2>&1 || status=$?
  local runs; runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  local rate; rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  local took; took=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
  if [ "$status" = 0 ]; then
    echo "$name: ${runs:-0} executions in ${took:-$seconds} s (${rate:-?}/s), corpus $(ls "$work/corpus" | wc -l) inputs"
  else
    echo "$name: FAILED after ${runs:-?} executions (exit $status); the input is in build/fuzz/findings/"
    grep -E "ERROR: |fuzz check failed|fuzz: an exception|runtime error|SUMMARY|Test unit written" "$log" | head -20
  fi
  rm -rf "$work"
  return $status
}

mode=${1:-all}
case "$mode" in
  one)
    run_one "$2" "$3" "${PORTAL_FUZZ_SECONDS:-5}"
    ;;
  all)
    seconds=${2:-60}
    shift $(( $# > 1 ? 2 : $# ))
    targets=("$@")
    if [ ${#targets[@]} = 0 ]; then
      for corpus in "$root"/tests/fuzz/corpus/*/; do targets+=("$(basename "$corpus")"); done
    fi
    failed=0
    for name in "${targets[@]}"; do
      run_one "$root/build/fuzz/fuzz_$name" "$root/tests/fuzz/corpus/$name" "$seconds" || failed=$((failed + 1))
    done
    echo "fuzz: ${#targets[@]} targets, $failed failed"
    [ $failed = 0 ]
    ;;
  *) echo "usage: scripts/fuzz.sh all [seconds] [target...] | one BINARY CORPUS" >&2; exit 2 ;;
esac
