using CommunityJustice.Analytics.Api.Data;
using CommunityJustice.Analytics.Model.Areas;
using CommunityJustice.Analytics.Model.Observations;

namespace CommunityJustice.Analytics.Api.GraphQL.Observations;

/// <summary>
/// The one wording of why a derived view has no figure for something the indicator has elsewhere in the editions read
/// (trend's missing periods, ageBreakdown's missing bands, compare's unranked council areas): a view lists what is
/// missing with this reason instead of leaving it out.
/// </summary>
public static class FigureGaps
{
    /// <summary>
    /// The slices of <paramref name="available"/> (the indicator's periods or age bands in the editions read, each with
    /// those editions) that <paramref name="present"/> lacks, in the order given, each with why.
    /// </summary>
    public static IReadOnlyList<(TSlice Slice, string Reason)> Missing<TSlice, TKey>(
        IEnumerable<(TSlice Slice, IReadOnlyList<int> Editions)> available, IEnumerable<TKey> present, Func<TSlice, TKey> key,
        Func<TSlice, string> label, string cell, Func<int, string> describeEdition)
    {
        var have = present.ToHashSet();
        return [.. available.Where(a => !have.Contains(key(a.Slice))).Select(a => (a.Slice, NotPublished(cell, label(a.Slice), a.Editions, describeEdition)))];
    }

    /// <summary>"Not published for {cell}: {editions} has figures for {slice} for other areas, sexes or age bands, but no figure (nor a marker saying why) for this one."</summary>
    public static string NotPublished(string cell, string slice, IReadOnlyList<int> editions, Func<int, string> describeEdition) =>
        $"Not published for {cell}: {string.Join(" and ", editions.Select(describeEdition))} {(editions.Count == 1 ? "has" : "have")} figures for {slice} " +
        "for other areas, sexes or age bands, but no figure (nor a marker saying why) for this one.";

    /// <summary>An edition as the reasons name it: "reconvictions (edition 2021-03-25)".</summary>
    public static Func<int, string> EditionNames(ReferenceData reference) =>
        id => reference.Edition(id) is { } v ? $"{v.DatasetCode} (edition {v.EditionDate:yyyy-MM-dd})" : $"edition {id}";

    /// <summary>A cell as the reasons name it: "East Lothian, females, age band under-21".</summary>
    public static string Cell(Area area, Sex sex, string? ageBandCode = null) =>
        $"{area.Name}, {(sex == Sex.All ? "all persons" : sex.ToString().ToLowerInvariant() + "s")}" + (ageBandCode is null ? "" : $", age band {ageBandCode}");
}
