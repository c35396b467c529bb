using System.Collections;
using CommunityJustice.Analytics.Api.Data;
using GraphQL.Validation.Complexity;

namespace CommunityJustice.Analytics.Api.GraphQL.GenderBreakdowns;

/// <summary>
/// What <c>genderBreakdowns</c> returns, for the complexity analyzer: one item per area × period ×
/// age band, as the resolver builds them. Areas and periods not given count as every one the
/// indicator has figures for in the latest editions (<see cref="ReferenceData.Extent"/>, from the
/// reference data the API holds in memory); age bands default to one. So 30 aliases of a breakdown
/// over everything cost 30 × (areas × periods × bands) × the fields selected, and are refused
/// before anything runs (issue #11).
/// </summary>
public static class GenderBreakdownCost
{
    /// <summary>Before the reference data was first read: a generous guess (33 areas, 30 periods).</summary>
    private static readonly IndicatorExtent Unknown = new(33, 30);

    public static FieldComplexityResult Impact(FieldImpactContext context)
    {
        var reference = context.ValidationContext.RequestServices?.GetService(typeof(ReferenceDataCache)) is ReferenceDataCache cache ? cache.Latest : null;
        var extent = reference is not null && Argument(context, "indicator") is string indicator ? reference.Extent(indicator) : Unknown;
        double areas = Count(context, "areas") ?? extent.Areas;
        double periods = Count(context, "periods") ?? extent.Periods;
        double bands = Count(context, "ageBands") ?? 1;
        return new FieldComplexityResult(1, Math.Max(1, areas * periods * bands));
    }

    private static object? Argument(FieldImpactContext context, string name) =>
        context.Arguments is { } arguments && arguments.TryGetValue(name, out var value) ? value.Value : null;

    private static int? Count(FieldImpactContext context, string name) => Argument(context, name) is ICollection list ? list.Count : null;
}
