#!/usr/bin/env bash
# The main job, from a clone with ../shared beside it: database up, migrations, the bundled real
# datasets loaded (from the local mirror ../shared/data, else their official addresses), then the
# GraphQL API and the Banana Cake Pop IDE on http://127.0.0.1:${PORT:-5080}/graphql.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
port="${PORT:-5080}"

scripts/prerequisites.sh
DATABASE_URL="$(scripts/postgres.sh start)"
export DATABASE_URL
if [ -z "${CJA_DATA_MIRROR:-}" ] && [ -d "$repo/../shared/data" ]; then
  CJA_DATA_MIRROR="$(cd "$repo/../shared/data" && pwd)"
  export CJA_DATA_MIRROR
fi

dotnet build CommunityJustice.Analytics.sln -c Release -nologo -v q
ingest() { dotnet run --no-build -c Release --project src/Ingest -- "$@"; }
ingest migrate
ingest run
# The seed CJOIP plans (docs/plans.md), when typed in: an unchanged file is recognised and not stored twice.
shopt -s nullglob
plans=(src/Ingest/Plans/seeds/*.yaml)
if ((${#plans[@]})); then ingest plans load "${plans[@]}"; fi

echo "GraphQL API and IDE: http://127.0.0.1:$port/graphql  (Ctrl+C to stop)"
exec dotnet run --no-build -c Release --project src/Api -- --urls "http://127.0.0.1:$port"
