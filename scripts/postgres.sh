#!/usr/bin/env bash
# PostgreSQL for the demo and the tests, with no manual step.
#
#   scripts/postgres.sh start   prints a DATABASE_URL on stdout (progress goes to stderr)
#   scripts/postgres.sh stop    stops the project-local cluster
#   scripts/postgres.sh status
#
# With DATABASE_URL already set, `start` checks that server answers and prints it back unchanged.
# Otherwise it runs a project-local cluster from the machine's PostgreSQL binaries: initdb once,
# trust authentication on 127.0.0.1 only, a free port, data under .local/postgres (git-ignored).
# When no PostgreSQL binaries are found and we are root, it installs Debian's `postgresql`.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
database="${CJA_DATABASE:-community_justice}"
log() { printf '[postgres] %s\n' "$*" >&2; }

find_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
  done
  return 1
}

ensure_binaries() {
  if bin=$(find_bin); then return 0; fi
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    log "no PostgreSQL binaries found: installing Debian's postgresql package"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
    bin=$(find_bin) && return 0
  fi
  log "PostgreSQL is not installed. Install it (apt-get install postgresql) or set DATABASE_URL."
  exit 1
}

# initdb refuses to run as root, so a root caller runs the server as the `postgres` user.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

choose_home() {
  home="${CJA_PG_HOME:-$repo/.local/postgres}"
  mkdir -p "$home" 2>/dev/null || true
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$home" 2>/dev/null || true
    if ! runuser -u postgres -- test -w "$home"; then
      # The checkout sits somewhere the postgres user cannot reach: keep the cluster in /tmp.
      home="/tmp/cja-postgres-$(printf '%s' "$repo" | md5sum | cut -c1-10)"
      mkdir -p "$home" && chown postgres:postgres "$home"
    fi
  fi
  data="$home/data"; run="$home/run"; logfile="$home/server.log"; portfile="$home/port"
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

url() { echo "postgres://postgres@127.0.0.1:$(cat "$portfile")/$database"; }

start() {
  if [ -n "${DATABASE_URL:-}" ]; then
    log "using DATABASE_URL from the environment"
    echo "$DATABASE_URL"
    return 0
  fi
  ensure_binaries
  choose_home
  if [ ! -f "$data/PG_VERSION" ]; then
    log "initialising a cluster in $data"
    as_owner "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if ! as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    local port="${CJA_PG_PORT:-54329}"
    while ! port_free "$port"; do port=$((port + 1)); done
    echo "$port" >"$portfile"
    as_owner mkdir -p "$run"
    log "starting on 127.0.0.1:$port"
    as_owner "$bin/pg_ctl" -D "$data" -l "$logfile" -w -t 60 \
      -o "-p $port -c listen_addresses=127.0.0.1 -k $run -c max_connections=200 -c fsync=off -c synchronous_commit=off" start >/dev/null
  fi
  local port; port=$(cat "$portfile")
  if ! "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc "select 1 from pg_database where datname = '$database'" | grep -q 1; then
    "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "create database \"$database\"" >&2
  fi
  url
}

stop() {
  bin=$(find_bin) || exit 0
  choose_home
  [ -f "$data/PG_VERSION" ] && as_owner "$bin/pg_ctl" -D "$data" -m fast stop >&2 || true
}

status() {
  bin=$(find_bin) || { echo "not installed"; exit 1; }
  choose_home
  if as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then echo "running: $(url)"; else echo "stopped"; exit 3; fi
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
