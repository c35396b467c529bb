using CommunityJustice.Analytics.Api.Tests.Support;
using Snapshooter.Xunit;

namespace CommunityJustice.Analytics.Api.Tests.GraphQL.Reference;

/// <summary>Areas, indicators, the framework graph and datasets: the reference data and catalogue, and the bundled datasets as loaded.</summary>
public sealed class ReferenceQueryTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Areas_filtered_and_ordered()
    {
        var result = await api.CreateClient().QueryAsync("""
            {
              countries: areas(where: { level: { eq: COUNTRY } }) { code name level parent { code } }
              firstThree: areas(where: { level: { eq: COUNCIL_AREA } }, order: [{ name: ASC }]) { code name }
              edinburgh: areas(where: { name: { endsWith: "edinburgh" } }) { code name level parent { code name } aliases }
              count: areas(where: { or: [{ level: { eq: COUNTRY } }, { level: { eq: COUNCIL_AREA } }] }) { code }
            }
            """);
        Assert.Equal(33, result["data"]!["count"]!.AsArray().Count);
        // Keep the snapshot short: the first three by name show the order.
        while (result["data"]!["firstThree"]!.AsArray().Count > 3) result["data"]!["firstThree"]!.AsArray().RemoveAt(3);
        result["data"]!.AsObject().Remove("count");
        GraphQLClient.Format(result).MatchSnapshot();
    }

    /// <summary>Fife's code before the 2018 boundary change returns Fife under its current code, with the succession.</summary>
    [Fact]
    public async Task Area_by_former_code()
    {
        var result = await api.CreateClient().QueryAsync("""
            {
              fife: area(code: "S12000015") { code name formerCodes { oldCode newCode effectiveFrom reason } }
              current: area(code: "s12000019") { code name formerCodes { oldCode } }
            }
            """);
        GraphQLClient.Format(result).MatchSnapshot();
    }

    /// <summary>
    /// Validity dates come from the successions typed into the reference data (ReferenceAreas.Successions): a code that
    /// replaced a retired one is valid from the day it took effect, the retired one until the day before. Nothing states
    /// when the other councils' codes came into use, so theirs is null, not guessed.
    /// </summary>
    [Theory]
    [InlineData("S12000015", "S12000047", "2018-02-02", "2018-02-01")]
    [InlineData("S12000024", "S12000048", "2018-02-02", "2018-02-01")]
    [InlineData("S12000046", "S12000049", "2019-02-02", "2019-02-01")]
    [InlineData("S12000044", "S12000050", "2019-02-02", "2019-02-01")]
    public async Task A_code_that_replaced_a_retired_one_is_valid_from_the_succession_and_the_retired_one_until_the_day_before(
        string retired, string current, string from, string retiredUntil)
    {
        var result = await api.CreateClient().QueryAsync("""
            query($code: String!) {
              area(code: $code) { code validFrom validTo formerCodes { oldCode effectiveFrom validTo } }
              midlothian: area(code: "S12000019") { validFrom validTo }
            }
            """, new { code = retired });
        var area = result["data"]!["area"]!;
        Assert.Equal((current, from), (area["code"]!.GetValue<string>(), area["validFrom"]!.GetValue<string>()));
        Assert.Null(area["validTo"]);
        var former = Assert.Single(area["formerCodes"]!.AsArray())!;
        Assert.Equal((retired, from, retiredUntil), (former["oldCode"]!.GetValue<string>(), former["effectiveFrom"]!.GetValue<string>(), former["validTo"]!.GetValue<string>()));
        Assert.Null(result["data"]!["midlothian"]!["validFrom"]);
        Assert.Null(result["data"]!["midlothian"]!["validTo"]);
    }

    [Fact]
    public async Task Indicators_and_one_indicator()
    {
        var result = await api.CreateClient().QueryAsync("""
            {
              indicators(order: [{ code: ASC }]) { code title measureType unit polarity nationalAim { number } nationalIndicator { code } }
              percentages: indicators(where: { measureType: { eq: PERCENTAGE } }) { code }
              indicator(code: "reconviction-rate") { code description }
            }
            """);
        GraphQLClient.Format(result).MatchSnapshot();
    }

    /// <summary>National aims → priority actions → outcomes → national indicators, and the statistical measures under aim 2.</summary>
    [Fact]
    public async Task Framework_as_a_graph()
    {
        var result = await api.CreateClient().QueryAsync("""
            {
              nationalAims {
                number
                title
                measures { code }
                priorityActions { number outcomes { number title indicators { code title measures { code } } } }
              }
            }
            """);
        GraphQLClient.Format(result).MatchSnapshot();
    }

    /// <summary>Every bundled dataset and its editions, so a new or changed manifest shows in review (loadedAt is not selected: it changes every run).</summary>
    [Fact]
    public async Task Datasets_with_versions()
    {
        var result = await api.CreateClient().QueryAsync("""
            { datasets { code title publisher sourceUrl licence versions { editionDate fileName fileSha256 rowsRead rowsLoaded rowsRejected isLatest dataset { code } } } }
            """);
        GraphQLClient.Format(result).MatchSnapshot();
    }
}
