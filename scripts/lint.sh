#!/usr/bin/env bash
# The conventions CI checks besides the tests:
#  - no dependency cycles between folders (namespaces) inside any project under src/;
#  - the code is formatted and named as .editorconfig says (dotnet format --verify-no-changes).
# Prints what is wrong and exits non-zero; `scripts/lint.sh --fix` applies dotnet format instead.
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

status=0
echo "lint: folder cycles" >&2
python3 scripts/folder-cycles.py . || status=1

if [ "${1:-}" = "--fix" ]; then
  echo "lint: dotnet format (fixing)" >&2
  dotnet format CommunityJustice.Analytics.sln -v q || status=1
else
  echo "lint: dotnet format --verify-no-changes" >&2
  dotnet format CommunityJustice.Analytics.sln --verify-no-changes -v q || {
    echo "lint: formatting or naming differs from .editorconfig; run scripts/lint.sh --fix (naming rules need renaming by hand)" >&2
    status=1
  }
fi
exit $status
