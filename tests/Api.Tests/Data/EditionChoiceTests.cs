using CommunityJustice.Analytics.Api.Data;
using CommunityJustice.Analytics.Api.GraphQL.Observations;
using CommunityJustice.Analytics.Model.Datasets;

namespace CommunityJustice.Analytics.Api.Tests.Data;

/// <summary>
/// observations is partitioned by edition, so a query names as few editions as give the same answer:
/// for given indicators, only the latest editions holding them (docs/benchmarks.md, "Partition pruning").
/// </summary>
public sealed class EditionChoiceTests
{
    // Two datasets: "cube" (an older edition 1 and the latest, 3) and "tables" (latest 5, which also has the cube's indicator).
    private static readonly DatasetVersion[] Versions =
    [
        Version(1, "cube", new DateOnly(2020, 1, 1), latest: false),
        Version(3, "cube", new DateOnly(2021, 1, 1), latest: true),
        Version(5, "tables", new DateOnly(2021, 6, 1), latest: true),
    ];

    private static DatasetVersion Version(int id, string dataset, DateOnly edition, bool latest) =>
        new() { Id = id, DatasetCode = dataset, EditionDate = edition, FileName = "f", FileSha256 = "h", IsLatest = latest };

    private static ReferenceData Reference(IReadOnlyDictionary<string, IndicatorExtent>? extents) =>
        new([], [], [], [], [], [], Versions, extents);

    private static readonly Dictionary<string, IndicatorExtent> Extents = new()
    {
        ["rate"] = new IndicatorExtent(2, 3, [3, 5]),
        ["count"] = new IndicatorExtent(2, 3, [5]),
    };

    [Fact]
    public void Latest_figures_of_an_indicator_read_only_the_latest_editions_that_hold_it()
    {
        var reference = Reference(Extents);

        Assert.Equal(new[] { 5 }, reference.VersionIdsAsPublishedOn(null, ["count"]));
        Assert.Equal(new[] { 3, 5 }, reference.VersionIdsAsPublishedOn(null, ["rate", "count"]));
        Assert.Empty(reference.VersionIdsAsPublishedOn(null, ["no-figures"]));
    }

    [Fact]
    public void Figures_as_published_on_a_date_and_unknown_extents_read_every_edition_current_then()
    {
        Assert.Equal(new[] { 1 }, Reference(Extents).VersionIdsAsPublishedOn(new DateOnly(2020, 6, 1), ["count"]));
        Assert.Equal(new[] { 3, 5 }, Reference(null).VersionIdsAsPublishedOn(null, ["count"]));
    }

    [Fact]
    public void The_indicators_a_filter_keeps_to_are_read_from_its_top_level_only()
    {
        static Dictionary<string, object?> Code(string op, object? value) =>
            new() { ["indicator"] = new Dictionary<string, object?> { ["code"] = new Dictionary<string, object?> { [op] = value } } };

        Assert.Equal(new[] { "rate" }, ObservationFiltering.IndicatorCodes(Code("eq", "rate")));
        Assert.Equal(new[] { "rate", "count" }, ObservationFiltering.IndicatorCodes(Code("in", new List<object?> { "rate", "count" })));
        // Anything else may match other indicators: every edition is read.
        Assert.Null(ObservationFiltering.IndicatorCodes(Code("startsWith", "rate")));
        Assert.Null(ObservationFiltering.IndicatorCodes(new Dictionary<string, object?> { ["or"] = new List<object?> { Code("eq", "rate"), Code("eq", "count") } }));
        Assert.Null(ObservationFiltering.IndicatorCodes(null));
    }

    [Fact]
    public void A_filter_on_the_source_dataset_keeps_to_that_dataset_s_editions()
    {
        var where = new Dictionary<string, object?> { ["source"] = new Dictionary<string, object?> { ["dataset"] = new Dictionary<string, object?> { ["eq"] = "tables" } } };
        var datasets = ObservationFiltering.DatasetCodes(where);

        Assert.Equal(new[] { "tables" }, datasets);
        Assert.Equal(new[] { 5 }, Reference(Extents).OfDatasets([3, 5], datasets!));
    }
}
