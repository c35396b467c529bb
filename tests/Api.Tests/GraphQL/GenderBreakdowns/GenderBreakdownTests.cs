using CommunityJustice.Analytics.Api.Tests.Support;
using Snapshooter.Xunit;

namespace CommunityJustice.Analytics.Api.Tests.GraphQL.GenderBreakdowns;

/// <summary>Gender breakdowns on the real reconviction figures (checked against the source CSV).</summary>
public sealed class GenderBreakdownTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string Selection = """
        indicator { code unit }
        area { code name }
        period
        ageBand { code label }
        allPersons { value status }
        male { value status }
        female { value status }
        gap
        gapUnit
        ratio
        note
        """;

    /// <summary>
    /// Midlothian 2017/2018, all ages: all persons 26, males 27.2, females 20.5 (source rows
    /// S12000019,2017/2018,Ratio,...). Gap 20.5 − 27.2 = −6.7 percentage points; ratio 20.5 ÷ 27.2 = 0.754.
    /// Asked for with the statistics.gov.scot DateCode form of the period.
    /// </summary>
    [Fact]
    public async Task Midlothian_2017_18_reconviction_rate_by_gender()
    {
        var result = await api.CreateClient().QueryAsync($$"""
            { genderBreakdown(indicator: "reconviction-rate", area: "S12000019", period: "2017/2018") { {{Selection}} } }
            """);
        GraphQLClient.Format(result).MatchSnapshot();
    }

    /// <summary>
    /// East Lothian 2016/2017, all ages: the source has all persons (11.1) and females (33.3) but no
    /// male row (suppressed cells are left out), so the gap and ratio are null and the note says why.
    /// </summary>
    [Fact]
    public async Task East_Lothian_2016_17_male_figure_missing_at_source()
    {
        var result = await api.CreateClient().QueryAsync($$"""
            { genderBreakdown(indicator: "reconviction-rate", area: "East Lothian", period: "2016-17") { {{Selection}} } }
            """);
        GraphQLClient.Format(result).MatchSnapshot();
    }

    /// <summary>
    /// East Lothian has no 2017/2018 rows at all in the statistics.gov.scot cube, so there is no
    /// reconviction-rate figure and the note says so. (The 2017-18 workbook's Table 13 gives an
    /// all-persons rate by council of residence, 24.3%, but under its own indicator: its council
    /// figures differ from the cube's and are not mixed with them.)
    /// </summary>
    [Fact]
    public async Task East_Lothian_2017_18_not_in_the_cube()
    {
        var result = await api.CreateClient().QueryAsync($$"""
            { genderBreakdown(indicator: "reconviction-rate", area: "S12000010", period: "2017-18") { {{Selection}} } }
            """);
        // The note names the editions that have 2017-18 for other cells (FigureGaps' wording, as trend and ageBreakdown).
        var note = result["data"]!["genderBreakdown"]!["note"]!.GetValue<string>();
        Assert.Contains("Not published for East Lothian, any sex, age band all: ", note, StringComparison.Ordinal);
        Assert.Contains("reconvictions (edition 2021-03-25)", note, StringComparison.Ordinal);
        GraphQLClient.Format(result).MatchSnapshot();
    }

    /// <summary>Clackmannanshire 2017/2018, under 21: all 40, males 46.2, females 22.2.</summary>
    [Fact]
    public async Task Clackmannanshire_2017_18_under_21()
    {
        var result = await api.CreateClient().QueryAsync($$"""
            { genderBreakdown(indicator: "reconviction-rate", area: "S12000005", period: "2017-18", ageBand: "under-21") { {{Selection}} } }
            """);
        GraphQLClient.Format(result).MatchSnapshot();
    }

    [Theory]
    [InlineData("no-such-indicator", "S12000019", "2017-18", "all", "UNKNOWN_INDICATOR")]
    [InlineData("reconviction-rate", "S99999999", "2017-18", "all", "UNKNOWN_AREA")]
    [InlineData("reconviction-rate", "S12000019", "2017-19", "all", "INVALID_PERIOD")]
    [InlineData("reconviction-rate", "S12000019", "last year", "all", "INVALID_PERIOD")]
    [InlineData("reconviction-rate", "S12000019", "2017-18", "teenagers", "UNKNOWN_AGE_BAND")]
    public async Task Bad_arguments_give_coded_errors(string indicator, string area, string period, string ageBand, string code)
    {
        var (status, body) = await api.CreateClient().SendAsync(
            "query($i: String!, $a: String!, $p: String!, $b: String) { genderBreakdown(indicator: $i, area: $a, period: $p, ageBand: $b) { gap } }",
            new { i = indicator, a = area, p = period, b = ageBand });
        Assert.Equal(200, status);
        Assert.Equal(code, (string?)body["errors"]![0]!["extensions"]!["code"]);
        Assert.Null(body["data"]!["genderBreakdown"]);
    }

    [Fact]
    public async Task Error_messages_say_how_to_fix_the_argument()
    {
        var (_, body) = await api.CreateClient().SendAsync(
            """{ genderBreakdown(indicator: "reconviction", area: "S12000019", period: "2017-18") { gap } }""");
        GraphQLClient.Format(body["errors"]!).MatchSnapshot();
    }
}
