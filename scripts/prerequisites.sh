#!/usr/bin/env bash
# Installs what the tests and the demo need from Debian when it is missing (as root), or says
# exactly what to install. Idempotent and quick when everything is present.
#   scripts/prerequisites.sh            PostgreSQL, Node.js/npm (for the IDE package)
#   scripts/prerequisites.sh --browser  ...and Chromium, for the browser tests
set -euo pipefail

want=()
command -v npm >/dev/null || want+=(nodejs npm)
compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || want+=(postgresql)
if [ "${1:-}" = "--browser" ]; then
  [ -x /usr/bin/chromium ] || want+=(chromium)
fi
[ ${#want[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "Missing: ${want[*]}. Install them (Debian: sudo apt-get install -y ${want[*]}) and run again." >&2
  exit 1
fi
echo "[prerequisites] installing ${want[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends "${want[@]}" >&2
