using CommunityJustice.Analytics.Model;
using Microsoft.EntityFrameworkCore;

namespace CommunityJustice.Analytics.Api.Data;

/// <summary>
/// Where the API writes (audit entries, statuses recorded through mutations): always the primary named
/// by DATABASE_URL, even when reads go to a replica (DATABASE_READ_URL), because a standby refuses
/// writes. Without a replica it is the same pool the reads use.
/// </summary>
public sealed class PrimaryDatabase(IDbContextFactory<AnalyticsDbContext> pool)
{
    public Task<AnalyticsDbContext> CreateDbContextAsync(CancellationToken cancellationToken) => pool.CreateDbContextAsync(cancellationToken);
}
