#!/usr/bin/env bash
# Runs every test after ./dev has built: the native doctest suites (ctest), the same under ASan + UBSan
# with each fuzz target briefly (ctest in the fuzz build), the core's suites again in wasm under node
# (ctest in the web build), the browser tests in headless Chromium (node --test), the cluster tests
# (PostgreSQL, three nodes, HAProxy), and the API contract:
# docs/openapi.yaml linted, and every response those servers gave checked against it (tests/contract).
# Ends with one line "N passed, N failed" counting test cases, and fails if any failed.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

status=0
# Every server the native suites and the browser tests start records its exchanges here (--exchange-log);
# the contract tests check them against docs/openapi.yaml at the end.
export PORTAL_CONTRACT_LOG="$logs/exchanges"
mkdir -p "$PORTAL_CONTRACT_LOG"
echo "== native suites (ctest)"
ctest --test-dir build/native --output-on-failure -V > "$logs/native.log" 2>&1 || status=1
grep -E "^[0-9]+/[0-9]+ Test|tests passed|\[doctest\] test cases" "$logs/native.log" | sed 's/^[0-9]*: //'
[ $status = 0 ] || grep -E "ERROR|FATAL|Failed|error" "$logs/native.log" | head -40

# The same native suites built again with clang under ASan + UBSan (any report fails its suite), and each
# fuzz target for PORTAL_FUZZ_SECONDS (default 5) on its seed corpus (build/fuzz, the fuzz preset).
echo "== native suites under ASan + UBSan, and the fuzz targets (ctest, build/fuzz)"
fuzz_status=0
PORTAL_CONTRACT_LOG= ctest --test-dir build/fuzz --output-on-failure -V > "$logs/fuzz.log" 2>&1 || fuzz_status=1
grep -E "^ *[0-9]+/[0-9]+ Test|tests passed|\[doctest\] test cases|^[0-9]+: [a-z_0-9]+: ([0-9]+ executions|FAILED)" "$logs/fuzz.log" | sed 's/^[0-9]*: //'
[ $fuzz_status = 0 ] || { status=1; grep -E "ERROR|FATAL|Failed|error|fuzz check failed|runtime error" "$logs/fuzz.log" | head -40; }

echo "== core suites in wasm under node (ctest)"
web_status=0
ctest --test-dir build/web --output-on-failure -V > "$logs/web.log" 2>&1 || web_status=1
grep -E "^[0-9]+/[0-9]+ Test|tests passed|\[doctest\] test cases" "$logs/web.log" | sed 's/^[0-9]*: //'
[ $web_status = 0 ] || { status=1; grep -E "ERROR|FATAL|Failed|error" "$logs/web.log" | head -40; }

echo "== browser tests (headless Chromium)"
e2e_status=0
node --test --test-reporter=tap tests/e2e/ > "$logs/e2e.log" 2>&1 || e2e_status=1
grep -E "^(not )?ok [0-9]+ - " "$logs/e2e.log"
[ $e2e_status = 0 ] || { status=1; grep -A25 "^not ok" "$logs/e2e.log" | head -120; }

# The production shape as processes: PostgreSQL, three nodes and HAProxy (scripts/cluster.sh), a node
# killed and the database stopped under load (tests/cluster).
echo "== cluster tests (PostgreSQL 15, three nodes, HAProxy)"
cluster_status=0
node --test --test-reporter=tap tests/cluster/ > "$logs/cluster.log" 2>&1 || cluster_status=1
grep -E '^(not )?ok [0-9]+ - |^# \\# ' "$logs/cluster.log"
[ $cluster_status = 0 ] || { status=1; grep -A25 "^not ok" "$logs/cluster.log" | head -120; }

# The contract: docs/openapi.yaml valid for swagger-parser and redocly, and every response recorded above
# as it documents (tests/contract).
echo "== the API contract (docs/openapi.yaml against every response above)"
contract_status=0
node --test --test-reporter=tap tests/contract/ > "$logs/contract.log" 2>&1 || contract_status=1
grep -E "^(not )?ok [0-9]+ - " "$logs/contract.log"
[ $contract_status = 0 ] || { status=1; grep -A25 "^not ok" "$logs/contract.log" | head -120; }

node "$root/scripts/summarize.mjs" "$logs/native.log" "$logs/fuzz.log" "$logs/web.log" "$logs/e2e.log" "$logs/cluster.log" "$logs/contract.log" || status=1
exit $status
