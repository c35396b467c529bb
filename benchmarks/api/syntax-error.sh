#!/usr/bin/env bash
# A syntax error at the end of a long one-line document (issue 11; results in docs/benchmarks.md,
# "A syntax error on a long line").
#
#   benchmarks/api/syntax-error.sh [URL]
#
# Posts one-line documents of SIZES characters (default 62000 120000 200000), each a run of the same
# minified field with one closing brace too many at its very end, to a running API (default
# http://127.0.0.1:5390/graphql) and prints, for each, the HTTP status, the error's location and the
# time to the answer (curl's time_total). Prints the load average before and after.
set -euo pipefail

url="${1:-http://127.0.0.1:5390/graphql}"
sizes="${SIZES:-62000 120000 200000}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $url"
for size in $sizes; do
  python3 - "$size" >"$tmp/body.json" <<'PY'
import json, sys
size = int(sys.argv[1])
field = 'areas(where:{code:{eq:"S12000019"}}){code name}'
document = "{" + field * ((size - 3) // len(field) + 1)
print(json.dumps({"query": document + "}}"}))
PY
  chars=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["query"]))' "$tmp/body.json")
  result=$(curl -s -o "$tmp/answer.json" -w '%{http_code} %{time_total}' -X POST -H 'Content-Type: application/json' \
    -H 'Accept: application/graphql-response+json' --data-binary @"$tmp/body.json" "$url")
  location=$(python3 -c 'import json,sys; e=json.load(open(sys.argv[1]))["errors"][0]; print(e["extensions"]["code"], e.get("locations"))' "$tmp/answer.json")
  echo "$chars characters: HTTP ${result% *}, $location, answered in ${result#* } s"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
