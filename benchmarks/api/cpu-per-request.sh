#!/usr/bin/env bash
# CPU time per request of a running server and of its PostgreSQL backends (docs/benchmarks.md,
# "Where the time goes"): user+system ticks from /proc before and after `hey -n N -c C`.
#
#   benchmarks/api/cpu-per-request.sh SERVER_PID PORT BODY_JSON [N=4000] [C=8] [DATABASE=cja_bench]
#
# Counts the backends of DATABASE that exist both before and after (the server's pooled
# connections); a warm-up (WARMUP seconds, default 15: .NET's tiered JIT needs it) opens them first.
# CPU time depends much less than requests/s on how busy the machine is, so it compares builds on a
# shared machine.
set -euo pipefail
pid="$1" port="$2" body="$3" n="${4:-4000}" c="${5:-8}" database="${6:-cja_bench}"
url="http://127.0.0.1:$port/graphql"
ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
backends() { pgrep -f "postgres: [^ ]+ $database " || true; }
sum() { local t=0 p; for p in "$@"; do t=$((t + $(ticks "$p"))); done; echo "$t"; }

hey -z "${WARMUP:-15}s" -c "$c" -m POST -T application/json -D "$body" "$url" >/dev/null
mapfile -t pg < <(backends)
server_before=$(ticks "$pid"); pg_before=$(sum "${pg[@]}")
hey -n "$n" -c "$c" -m POST -T application/json -D "$body" "$url" >/dev/null
server_after=$(ticks "$pid"); pg_after=$(sum "${pg[@]}")
hz=$(getconf CLK_TCK)
awk -v s=$((server_after - server_before)) -v p=$((pg_after - pg_before)) -v hz="$hz" -v n="$n" -v b="$(basename "$body")" \
  'BEGIN { printf "%s: server %.3f ms CPU per request, PostgreSQL %.3f ms (%d requests, %d connections)\n", b, s * 1000 / hz / n, p * 1000 / hz / n, n, '"$c"' }'
