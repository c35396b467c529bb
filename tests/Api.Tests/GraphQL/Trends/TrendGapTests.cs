using CommunityJustice.Analytics.Api.Tests.Support;

namespace CommunityJustice.Analytics.Api.Tests.GraphQL.Trends;

/// <summary>A trend says which periods it lacks and why, instead of ending without a word (issue #13: East Lothian, female, under 21).</summary>
public sealed class TrendGapTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task A_series_the_cube_stops_publishing_lists_the_later_periods_as_missing_with_the_reason()
    {
        var result = await api.CreateClient().QueryAsync("""
            { trend(indicator: "reconviction-rate", area: "East Lothian", sex: FEMALE, ageBand: "under-21", to: "2017-18") {
                points { period } missingPeriods { period start end reason } }
              all: observations(first: 1000, where: { indicator: { code: { eq: "reconviction-rate" } }, area: { code: { eq: "S12000010" } },
                                sex: { eq: FEMALE }, ageBand: { code: { eq: "under-21" } } }) { nodes { period { label } } } }
            """);
        var trend = result["data"]!["trend"]!;
        var points = trend["points"]!.AsArray().Select(p => p!["period"]!.GetValue<string>()).ToList();
        var missing = trend["missingPeriods"]!.AsArray().Select(p => p!).ToList();

        // The cube's East Lothian female under-21 series ends at 2015-16 (the observations query agrees); 2016-17 and
        // 2017-18 are published for other cells of the same cube.
        Assert.Equal("2015-16", points[^1]);
        Assert.Equal(points, result["data"]!["all"]!["nodes"]!.AsArray().Select(n => n!["period"]!["label"]!.GetValue<string>()).Distinct().Where(p => string.CompareOrdinal(p, "2017-18") <= 0).Order(StringComparer.Ordinal));
        var missingPeriods = missing.Select(m => m["period"]!.GetValue<string>()).ToList();
        Assert.Contains("2016-17", missingPeriods);
        Assert.Contains("2017-18", missingPeriods);
        Assert.Empty(missingPeriods.Intersect(points));
        var reason = missing.Single(m => m["period"]!.GetValue<string>() == "2016-17")["reason"]!.GetValue<string>();
        Assert.Contains("East Lothian, females, age band under-21", reason, StringComparison.Ordinal);
        Assert.Contains("reconvictions (edition", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_complete_series_has_no_missing_periods()
    {
        var result = await api.CreateClient().QueryAsync("""
            { trend(indicator: "reconviction-rate", area: "S12000010", from: "2012-13", to: "2015-16") { points { period } missingPeriods { period } } }
            """);
        Assert.Equal(4, result["data"]!["trend"]!["points"]!.AsArray().Count);
        Assert.Empty(result["data"]!["trend"]!["missingPeriods"]!.AsArray());
    }
}
