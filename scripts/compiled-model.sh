#!/usr/bin/env bash
# Regenerates the EF Core compiled model the API starts with (src/Model/CompiledModels; docs/architecture.md,
# "Decisions"). Run it after any change to the model (AnalyticsDbContext, an entity, a migration's model);
# tests/Model.Tests fails until the compiled model matches the model the code builds.
# Only the API uses it (DatabaseRegistration names it with UseModel); the assembly attribute that would make
# every context of the Model assembly pick it up (the ingest's, the tests') is removed.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
rm -rf src/Model/CompiledModels
dotnet tool restore >/dev/null
dotnet ef dbcontext optimize --project src/Model --startup-project src/Model \
  -o CompiledModels -n CommunityJustice.Analytics.Model.CompiledModels
rm -f src/Model/CompiledModels/AnalyticsDbContextAssemblyAttributes.cs
