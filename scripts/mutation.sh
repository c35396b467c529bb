#!/usr/bin/env bash
# Mutation testing with Stryker.NET (pinned in dotnet-tools.json) over the disclosure rule
# (src/Api/Disclosure), the statistics (src/Api/Statistics) and the edition rule (src/Model/Observations/Editions.cs). Not part of CI: on
# 2 cores it takes tens of minutes. Results and HTML reports go to .local/stryker/<target>/;
# docs/testing.md records the last score and the surviving mutants.
#   scripts/mutation.sh            both targets
#   scripts/mutation.sh api        only src/Api (Statistics, Disclosure)
#   scripts/mutation.sh editions   only src/Model/Observations/Editions.cs
# Stryker runs the test project once per batch of mutants, so each target is limited to its fast,
# relevant tests (a test-case filter) and perTest coverage (a mutant runs only the tests that reach it).
# Left out of the api target: the disclosure control's wiring to the database and requests
# (DisclosureControl, DisclosureView, DisclosureContexts, DisclosureRegistration, MaskedColumns,
# IDisclosureControl, DisclosureOptions) and Statistics/FigureIntervals.cs, which only tests through
# the API over a loaded database reach (each
# mutant would rebuild the database template: hours on two cores); see docs/testing.md.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
dotnet tool restore >/dev/null

# The edition tests load data into a real PostgreSQL: DATABASE_URL when set, else the local cluster.
DATABASE_URL="${DATABASE_URL:-$(scripts/postgres.sh start)}"
export DATABASE_URL
export CJA_DATA_MIRROR="${CJA_DATA_MIRROR:-$(cd "$repo/.." && pwd)/shared/data}"

out="$repo/.local/stryker"
mkdir -p "$out"

run() { # name, test project folder, config json
  local name="$1" folder="$2" config="$out/$1.stryker-config.json"
  printf '%s\n' "$3" >"$config"
  (cd "$folder" && dotnet stryker --config-file "$config" --output "$out/$name")
}

targets=("${@:-api editions}")
for target in ${targets[*]}; do
  case "$target" in
    api) run api tests/Api.Tests '{
  "stryker-config": {
    "project": "CommunityJustice.Analytics.Api.csproj",
    "mutate": ["**/Statistics/**/*.cs", "**/Disclosure/**/*.cs", "!**/Statistics/FigureIntervals.cs", "!**/Disclosure/DisclosureControl.cs", "!**/Disclosure/DisclosureView.cs", "!**/Disclosure/DisclosureContexts.cs", "!**/Disclosure/DisclosureRegistration.cs", "!**/Disclosure/MaskedColumns.cs", "!**/Disclosure/IDisclosureControl.cs", "!**/Disclosure/DisclosureOptions.cs"],
    "test-case-filter": "FullyQualifiedName~Api.Tests.Statistics|FullyQualifiedName~Api.Tests.Disclosure.SuppressionRuleTests",
    "coverage-analysis": "perTest",
    "concurrency": 1,
    "reporters": ["html", "json", "cleartext", "progress"],
    "thresholds": { "high": 80, "low": 60, "break": 0 }
  }
}' ;;
    # The edition tests are in Ingest.Tests, which reaches src/Model only through src/Ingest, so Stryker
    # runs in solution mode (every test project, filtered; only Editions.cs mutated).
    editions) run editions . '{
  "stryker-config": {
    "solution": "CommunityJustice.Analytics.sln",
    "mutate": ["**/Observations/Editions.cs"],
    "test-case-filter": "FullyQualifiedName~Loading.SameDateEditionTests|FullyQualifiedName~Loading.RevisionTests",
    "coverage-analysis": "perTest",
    "concurrency": 1,
    "reporters": ["html", "json", "cleartext", "progress"],
    "thresholds": { "high": 80, "low": 60, "break": 0 }
  }
}' ;;
    *) echo "unknown target $target (api, editions)" >&2; exit 2 ;;
  esac
done
