#!/usr/bin/env bash
# The first answers after a load, with a large archive (issue 12, item 6; results in docs/benchmarks.md,
# "Answers right after a load, 24 editions of a million rows").
#
#   benchmarks/api/after-load.sh
#
# Into its own database (CJA_DATABASE, default cja_after_load, dropped and created afresh): every
# bundled dataset (`ingest run --migrate`), then EDITIONS − 1 editions of a synthetic dataset of ROWS
# rows ("bench-editions": the shape of the reconviction file, made-up values, not statistics; written
# by `ingest bench --keep`, each edition differing in its first value so that each is a new file).
# Then the API (Release, Production, response cache on) starts, and while a client asks a cheap
# uncached-after-change query (the gender breakdown of benchmarks/api/queries) every INTERVAL seconds,
# the last edition is loaded. Printed: the load's time and its disclosure-decision line, every answer's
# status and time from the load's commit on, the first answer after the commit, and the failures.
#
# Settings (environment): EDITIONS (24), ROWS (1000000), INTERVAL (0.2), AFTER (20 s of asking after
# the load), ARTIFACTS (.local/bench-build), OUT (.local/bench/after-load/<time>), API_PORT (5186),
# CJA_DATA_MIRROR. The local PostgreSQL cluster is left running.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
EDITIONS="${EDITIONS:-24}"
ROWS="${ROWS:-1000000}"
INTERVAL="${INTERVAL:-0.2}"
AFTER="${AFTER:-20}"
ARTIFACTS="${ARTIFACTS:-$repo/.local/bench-build}"
OUT="${OUT:-$repo/.local/bench/after-load/$(date -u +%Y%m%dT%H%M%SZ)}"
API_PORT="${API_PORT:-5186}"
database="${CJA_DATABASE:-cja_after_load}"
log() { printf '[after-load] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
mkdir -p "$OUT"
if [ -z "${CJA_DATA_MIRROR:-}" ] && [ -d "$repo/../shared/data" ]; then
  CJA_DATA_MIRROR="$(cd "$repo/../shared/data" && pwd)"
  export CJA_DATA_MIRROR
fi

server="$(env -u DATABASE_URL scripts/postgres.sh start)"
psql_bin="$(command -v psql || ls /usr/lib/postgresql/*/bin/psql | tail -1)"
"$psql_bin" "$server" -Xq -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" -c "CREATE DATABASE $database"
db="${server%/*}/$database"
log "database: $db; machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

log "building the API and the ingest (Release)"
dotnet build src/Api -c Release --artifacts-path "$ARTIFACTS" -nologo -v q >"$OUT/build.log" 2>&1 \
  && dotnet build src/Ingest -c Release --artifacts-path "$ARTIFACTS" -nologo -v q >>"$OUT/build.log" 2>&1 \
  || { tail -40 "$OUT/build.log" >&2; die "build failed (log: $OUT/build.log)"; }
api_bin="$ARTIFACTS/bin/CommunityJustice.Analytics.Api/release"
ingest() { (cd "$ARTIFACTS/bin/CommunityJustice.Analytics.Ingest/release" && DATABASE_URL="$db" dotnet ingest.dll "$@"); }

log "loading every bundled dataset"
ingest run --migrate >"$OUT/ingest-bundled.log" 2>&1 || { tail -40 "$OUT/ingest-bundled.log" >&2; die "bundled load failed"; }

log "writing a synthetic file of $ROWS rows"
files="$OUT/files"
mkdir -p "$files"
ingest bench --rows "$ROWS" --folder "$files" --keep >"$OUT/bench.log" 2>&1 || { tail -20 "$OUT/bench.log" >&2; die "ingest bench failed"; }
"$psql_bin" "$server" -Xq -c "$(printf 'DROP DATABASE IF EXISTS %s' "$(grep -o 'cja_bench_[0-9]*' "$OUT/bench.log" | head -1)")" || true
synthetic="$files/synthetic-tidy-$ROWS.csv"
[ -f "$synthetic" ] || die "no synthetic file at $synthetic"
manifests="$OUT/manifests"
mkdir -p "$manifests"
python3 - "$repo/src/Ingest/Datasets/reconvictions.json" "$manifests/bench-editions.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
m.update(code="bench-editions", title="Synthetic benchmark editions (made-up values, not statistics)",
         notes="Written by ingest bench for benchmarks/api/after-load.sh.", mirrorPath="synthetic.csv")
json.dump(m, open(sys.argv[2], "w"), indent=2)
PY
edition_file() { # n: the synthetic file with its first value changed to n/10, so that every edition is a new file
  awk -v n="$1" 'BEGIN { FS = OFS = "," } NR == 2 { $5 = sprintf("%.1f", (n % 1000) / 10) } { print }' "$synthetic" >"$files/edition.csv"
}
load_edition() { # n
  edition_file "$1"
  ingest load "$files/edition.csv" --dataset bench-editions --manifests "$manifests" --edition "$(date -u -d "2030-01-01 + $1 days" +%F)" --output "$OUT/runs"
}
for n in $(seq 1 $((EDITIONS - 1))); do
  log "edition $n of $EDITIONS"
  load_edition "$n" >>"$OUT/ingest-editions.log" 2>&1 || { tail -20 "$OUT/ingest-editions.log" >&2; die "edition $n failed"; }
done
log "$("$psql_bin" "$db" -XtAc "select count(*) || ' observations in ' || (select count(*) from dataset_versions) || ' editions' from observations")"

log "starting the API"
(cd "$api_bin" && ASPNETCORE_ENVIRONMENT=Production DATABASE_URL="$db" GraphQL__Admission__Enabled=false \
  exec dotnet CommunityJustice.Analytics.Api.dll --urls "http://127.0.0.1:$API_PORT" --contentRoot "$api_bin") >"$OUT/api.log" 2>&1 &
api_pid=$!
trap 'kill $api_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do curl -fsS "http://127.0.0.1:$API_PORT/health/ready" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fsS "http://127.0.0.1:$API_PORT/health/ready" >/dev/null || die "the API did not become ready (log: $OUT/api.log)"
query="$(python3 -c 'import json,sys; print(json.dumps({"query": open(sys.argv[1]).read()}))' benchmarks/api/queries/api-gender.graphql)"
ask() { curl -sS -o /dev/null -w '%{http_code} %{time_total}\n' -H 'Content-Type: application/json' -d "$query" "http://127.0.0.1:$API_PORT/graphql"; }
for _ in 1 2 3 4 5; do ask >/dev/null; done

answers="$OUT/answers.txt"
: >"$answers"
( while true; do printf '%s %s\n' "$(date +%s.%N)" "$(ask || echo '000 0')" >>"$answers"; sleep "$INTERVAL"; done ) &
asker=$!
trap 'kill $asker $api_pid 2>/dev/null || true' EXIT
sleep 2
log "loading edition $EDITIONS while the client asks"
editions_before="$("$psql_bin" "$db" -XtAc "select count(*) from dataset_versions")"
started="$(date +%s.%N)"
# The commit is when the new edition becomes visible (the loader then still runs ANALYZE before it exits).
( while [ "$("$psql_bin" "$db" -XtAc "select count(*) from dataset_versions")" = "$editions_before" ]; do sleep 0.05; done; date +%s.%N >"$OUT/committed" ) &
watcher=$!
load_edition "$EDITIONS" >"$OUT/ingest-last.log" 2>&1 || { tail -20 "$OUT/ingest-last.log" >&2; die "the last edition failed"; }
wait "$watcher"
committed="$(cat "$OUT/committed")"
log "load finished $(python3 -c "print(f'{$(date +%s.%N) - $committed:.1f}')") s after its commit (ANALYZE)"
sleep "$AFTER"
kill "$asker" 2>/dev/null || true
wait "$asker" 2>/dev/null || true

decision="$(grep -h 'disclosure decisions' "$OUT"/runs/*bench-editions/run.log | tail -1 | cut -d' ' -f2-)"
python3 - "$answers" "$started" "$committed" "$EDITIONS" "$ROWS" "$decision" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1]) if len(l.split()) == 3]
started, committed = float(sys.argv[2]), float(sys.argv[3])
during = [(float(t), c, float(s)) for t, c, s in rows if started <= float(t) < committed]
after = [(float(t), c, float(s)) for t, c, s in rows if float(t) >= committed]
failed = [r for r in rows if r[1] != "200"]
print(f"edition {sys.argv[4]} of {sys.argv[5]} rows committed {committed - started:.1f} s after the load started; {sys.argv[6]}")
print(f"answers while it loaded: {len(during)}, slowest {max((s for _, _, s in during), default=0) * 1000:.0f} ms")
if after:
    t, c, s = after[0]
    print(f"first answer after the commit: HTTP {c} in {s * 1000:.0f} ms (asked {t - committed:.2f} s after the commit)")
    print(f"answers after the commit: {len(after)}, slowest {max(s for _, _, s in after) * 1000:.0f} ms")
print(f"failed answers (not HTTP 200): {len(failed)} of {len(rows)}")
PY
log "raw answers: $answers; API log: $OUT/api.log"
