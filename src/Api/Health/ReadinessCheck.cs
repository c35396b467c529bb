using CommunityJustice.Analytics.Api.Data;
using CommunityJustice.Analytics.Api.Disclosure;
using CommunityJustice.Analytics.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CommunityJustice.Analytics.Api.Health;

/// <summary>
/// Ready to answer queries: the database is reachable, every migration of this build is applied,
/// the reference data (indicators, areas) is there, at least one dataset has a loaded edition, and the
/// stored disclosure decisions were taken with the rule this API serves.
/// Each failure says which of these is missing.
/// </summary>
public sealed class ReadinessCheck(IDbContextFactory<AnalyticsDbContext> databases, ReferenceDataCache reference, DatabaseAvailability availability,
    DisclosureControl disclosure)
    : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            availability.ReportAvailable();
            if (pending.Count > 0)
                return HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied (first: {pending[0]}); run `ingest migrate`.");
            var data = await reference.GetAsync(cancellationToken);
            if (data.IndicatorCodes.Count == 0 || data.AreaCount == 0 || data.AgeBandCodes.Count == 0)
                return HealthCheckResult.Unhealthy("Reference data missing (indicators, areas or age bands); run `ingest migrate`.");
            if (data.LoadedDatasetCount == 0)
                return HealthCheckResult.Unhealthy("No dataset is loaded yet; run `ingest run`.");
            await disclosure.GetViewAsync(cancellationToken);
            return HealthCheckResult.Healthy($"{data.LoadedDatasetCount} datasets loaded, {data.IndicatorCodes.Count} indicators, {data.AreaCount} areas.");
        }
        catch (DisclosureDecisionsOutOfDateException ex)
        {
            return HealthCheckResult.Unhealthy($"Disclosure decisions out of date: {ex.Message}");
        }
        catch (Exception ex) when (DatabaseAvailability.IsUnavailable(ex))
        {
            availability.ReportUnavailable(ex);
            return HealthCheckResult.Unhealthy("The database is not reachable.");
        }
    }
}
