using CommunityJustice.Analytics.Api.Data;
using CommunityJustice.Analytics.Api.GraphQL.Errors;
using CommunityJustice.Analytics.Model;
using CommunityJustice.Analytics.Model.Areas;
using CommunityJustice.Analytics.Model.Indicators;
using CommunityJustice.Analytics.Model.Observations;

namespace CommunityJustice.Analytics.Api.GraphQL.Arguments;

/// <summary>Resolves the indicator, area and age band arguments the views share, with coded errors.</summary>
public static class FigureArguments
{
    // Resolved against the reference data in memory; Task-returning so that callers read like the queries they replaced.
    public static Task<Indicator> IndicatorAsync(AnalyticsDbContext db, string code, CancellationToken ct)
    {
        var reference = db.ReferenceData();
        code = code.Trim();
        return Task.FromResult(reference.Indicator(code) ?? throw new UnknownIndicatorError(code, reference.IndicatorCodes.ToList()));
    }

    /// <summary>An area by GSS code, former code or name (as publications spell it).</summary>
    public static Task<Area> AreaAsync(AnalyticsDbContext db, string text, CancellationToken ct) =>
        Task.FromResult(db.ReferenceData().Area(text) ?? throw new UnknownAreaError(text.Trim(), db.ReferenceData().AreaCodesAndNames));

    public static Task<AgeBand> AgeBandAsync(AnalyticsDbContext db, string code, CancellationToken ct)
    {
        var reference = db.ReferenceData();
        code = code.Trim();
        return Task.FromResult(reference.AgeBand(code) ?? throw new UnknownAgeBandError(code, reference.AgeBandCodes.ToList()));
    }
}
