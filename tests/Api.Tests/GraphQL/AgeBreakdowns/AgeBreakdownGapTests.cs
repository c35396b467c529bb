using CommunityJustice.Analytics.Api.Tests.Support;
using CommunityJustice.Analytics.TestSupport;

namespace CommunityJustice.Analytics.Api.Tests.GraphQL.AgeBreakdowns;

/// <summary>
/// ageBreakdown lists the bands it lacks and why, as trend lists its missing periods (issue #13, item 4). Expected bands
/// are read here from the statistics.gov.scot reconvictions cube in the data mirror, not through the ingest's reader.
/// </summary>
public sealed class AgeBreakdownGapTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly Dictionary<string, string> BandCodes = new()
    {
        ["All"] = "all", ["Under 21 years"] = "under-21", ["21-25 years"] = "21-25", ["26-30 years"] = "26-30", ["31-40 years"] = "31-40", ["Over 40 years"] = "over-40",
    };

    private static readonly string[] YoungestFirst = ["all", "under-21", "21-25", "26-30", "31-40", "over-40"];

    /// <summary>The cube's reconviction rates for one area, cohort and gender: age band code → value.</summary>
    private static Dictionary<string, decimal> CubeRates(string areaCode, string dateCode, string gender) =>
        File.ReadLines(RepositoryPaths.MirrorFile("reconviction/statgov_reconvictions_council_gender_age_2012-13_to_2017-18.csv")).Skip(1)
            .Select(l => l.Split(','))
            .Where(r => r[0] == areaCode && r[1] == dateCode && r[3] == "Percent reconvicted" && r[5] == gender)
            .ToDictionary(r => BandCodes[r[6]], r => decimal.Parse(r[4], System.Globalization.CultureInfo.InvariantCulture));

    private const string Query = """
        query($area: String!, $period: String!, $sex: Sex!) {
          ageBreakdown(indicator: "reconviction-rate", area: $area, period: $period, sex: $sex) {
            area { code } period sex bands { ageBand { code } value status } missingBands { ageBand { code } reason } } }
        """;

    [Fact]
    public async Task East_Lothian_females_2016_17_list_the_bands_the_cube_does_not_publish_with_the_reason()
    {
        var published = CubeRates("S12000010", "2016/2017", "Female");
        Assert.Equal(["31-40", "all"], published.Keys.Order(StringComparer.Ordinal));        // the cube, read by eye: 100 and 33.3

        var result = await api.CreateClient().QueryAsync(Query, new { area = "East Lothian", period = "2016-17", sex = "FEMALE" });
        var breakdown = result["data"]!["ageBreakdown"]!;
        var bands = breakdown["bands"]!.AsArray().Select(b => (Code: b!["ageBand"]!["code"]!.GetValue<string>(), Value: b["value"]!.GetValue<decimal>())).ToList();
        Assert.Equal(YoungestFirst.Where(published.ContainsKey), bands.Select(b => b.Code));
        Assert.All(bands, b => Assert.Equal(published[b.Code], b.Value));

        // Every other band of the cube is listed, youngest first, with the edition that has it for other cells.
        var missing = breakdown["missingBands"]!.AsArray().Select(m => (Code: m!["ageBand"]!["code"]!.GetValue<string>(), Reason: m["reason"]!.GetValue<string>())).ToList();
        Assert.Equal(YoungestFirst.Where(b => !published.ContainsKey(b)), missing.Select(m => m.Code));
        Assert.All(missing, m =>
        {
            Assert.StartsWith("Not published for East Lothian, females: ", m.Reason, StringComparison.Ordinal);
            Assert.Contains("reconvictions (edition 2021-03-25)", m.Reason, StringComparison.Ordinal);
            Assert.Contains($"figures for 2016-17, age band {m.Code} for other areas, sexes or age bands, but no figure (nor a marker saying why) for this one", m.Reason, StringComparison.Ordinal);
        });
        Assert.Equal("Not published for East Lothian, females: reconvictions (edition 2021-03-25) has figures for 2016-17, age band under-21 for other areas, " +
            "sexes or age bands, but no figure (nor a marker saying why) for this one.", missing[0].Reason);      // as docs/api.md quotes it
    }

    [Fact]
    public async Task A_cell_with_every_band_has_no_missing_bands()
    {
        var published = CubeRates("S12000019", "2016/2017", "All");
        Assert.Equal(6, published.Count);

        var result = await api.CreateClient().QueryAsync(Query, new { area = "S12000019", period = "2016/2017", sex = "ALL" });
        var breakdown = result["data"]!["ageBreakdown"]!;
        Assert.Equal(YoungestFirst, breakdown["bands"]!.AsArray().Select(b => b!["ageBand"]!["code"]!.GetValue<string>()));
        Assert.Empty(breakdown["missingBands"]!.AsArray());
    }

    [Fact]
    public async Task A_period_no_edition_has_is_neither_a_band_nor_a_gap()
    {
        var result = await api.CreateClient().QueryAsync(Query, new { area = "S12000019", period = "1990-91", sex = "ALL" });
        var breakdown = result["data"]!["ageBreakdown"]!;
        Assert.Empty(breakdown["bands"]!.AsArray());
        Assert.Empty(breakdown["missingBands"]!.AsArray());
    }
}
