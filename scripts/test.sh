#!/usr/bin/env bash
# Runs every test: a real PostgreSQL (scripts/postgres.sh), real data from ../shared/data and a
# real headless Chromium. Ends with one line "N passed, N failed"; exits non-zero on any failure.
# Extra arguments go to dotnet test, e.g. scripts/test.sh --filter "FullyQualifiedName~Ingest".
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

# The previous run's results go first: a set-up that fails below must not leave its summary for
# .ci/run (or anyone reading .local/test-results) to report as this run's.
results="$repo/.local/test-results"
rm -rf "$results"
mkdir -p "$results"
setup_failed() { echo "0 passed, 1 failed" | tee "$results/summary.txt"; exit 1; }

scripts/prerequisites.sh --browser || setup_failed
DATABASE_URL="$(scripts/postgres.sh start)" || setup_failed
export DATABASE_URL
export CJA_DATA_MIRROR="${CJA_DATA_MIRROR:-$(cd "$repo/.." && pwd)/shared/data}"
[ -d "$CJA_DATA_MIRROR" ] || echo "warning: data mirror $CJA_DATA_MIRROR not found; tests on real data will fail" >&2

# The GraphQL-over-HTTP audit suite (npm graphql-http) that the API tests run against the server.
(cd tests/http-audit && npm ci --no-audit --no-fund --silent) || setup_failed
# Microsoft's Power Query M parser (npm @microsoft/powerquery-parser) that the Power BI tests parse the model's M with.
(cd tests/PowerBI.Tests/mparser && npm ci --no-audit --no-fund --silent) || setup_failed

dotnet test CommunityJustice.Analytics.sln --logger "trx" --results-directory "$results" "$@"
status=$?

# dotnet test's own summary is per project; add up the TRX counters into one line.
passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0}))
done
if [ $status -ne 0 ] && [ $failed -eq 0 ]; then failed=1; fi   # a build or runner failure counts
echo "$passed passed, $failed failed" >"$results/summary.txt"
echo "$passed passed, $failed failed"
[ $status -eq 0 ] && [ $failed -eq 0 ]
