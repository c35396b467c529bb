using CommunityJustice.Analytics.Api.Tests.Support;
using Snapshooter.Xunit;

namespace CommunityJustice.Analytics.Api.Tests.GraphQL.Observations;

/// <summary>
/// HotChocolate-style where/order on the real reconviction figures of the statistics.gov.scot cube
/// (other bundled datasets publish some of the same cells, so each query names its source).
/// </summary>
public sealed class FilteringTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string RateAllAges2017 = """indicator: { code: { eq: "reconviction-rate" } }, period: { label: { eq: "2017-18" } }, ageBand: { code: { eq: "all" } }, source: { dataset: { eq: "reconvictions" } }""";

    /// <summary>contains ignores case: "LOTHIAN" finds East, Mid and West Lothian.</summary>
    [Fact]
    public async Task Contains_on_area_name_ignores_case()
    {
        var result = await api.CreateClient().QueryAsync($$"""
            {
              areas(where: { name: { contains: "LOTHIAN" } }, order: [{ name: ASC }]) { code name }
              observations(where: { {{RateAllAges2017}}, sex: { eq: ALL }, area: { name: { contains: "lothian" } } }, order: [{ area: { name: ASC } }]) {
                nodes { area { name } value }
              }
            }
            """);
        GraphQLClient.Format(result).MatchSnapshot();
    }

    /// <summary>% and _ in a search text match themselves, not any text.</summary>
    [Fact]
    public async Task Like_wildcards_in_search_text_are_escaped()
    {
        var result = await api.CreateClient().QueryAsync("""
            { percent: areas(where: { name: { contains: "%" } }) { code } underscore: areas(where: { name: { startsWith: "_" } }) { code } }
            """);
        Assert.Empty(result["data"]!["percent"]!.AsArray());
        Assert.Empty(result["data"]!["underscore"]!.AsArray());
    }

    /// <summary>neq and nin: Midlothian's male and female rates without all persons.</summary>
    [Fact]
    public async Task Neq_and_nin()
    {
        var result = await api.CreateClient().QueryAsync($$"""
            {
              neq: observations(where: { {{RateAllAges2017}}, area: { code: { eq: "S12000019" } }, sex: { neq: ALL } }, order: [{ sex: ASC }]) { nodes { sex value } }
              nin: observations(where: { {{RateAllAges2017}}, area: { code: { eq: "S12000019" } }, sex: { nin: [ALL, MALE] } }) { nodes { sex value } }
            }
            """);
        GraphQLClient.Format(result).MatchSnapshot();
    }

    /// <summary>or of two conditions, and of a value range, with ordering by value descending.</summary>
    [Fact]
    public async Task And_or_and_value_comparisons()
    {
        var result = await api.CreateClient().QueryAsync($$"""
            {
              observations(
                where: {
                  {{RateAllAges2017}}
                  sex: { eq: ALL }
                  or: [{ area: { code: { eq: "S12000019" } } }, { area: { name: { startsWith: "clack" } } }, { area: { level: { eq: COUNTRY } } }]
                  and: [{ value: { gte: 26 } }, { value: { lt: 31.6 } }]
                }
                order: [{ value: DESC }]
              ) { totalCount nodes { area { code name } value } }
            }
            """);
        GraphQLClient.Format(result).MatchSnapshot();
    }

    /// <summary>The highest 2017-18 all-persons rates among council areas, ordered by value then name.</summary>
    [Fact]
    public async Task Order_by_value_then_area_name()
    {
        var result = await api.CreateClient().QueryAsync($$"""
            {
              observations(
                where: { {{RateAllAges2017}}, sex: { eq: ALL }, area: { level: { eq: COUNCIL_AREA } } }
                order: [{ value: DESC }, { area: { name: ASC } }]
                first: 5
              ) { totalCount nodes { area { name } value } }
            }
            """);
        GraphQLClient.Format(result).MatchSnapshot();
    }

    /// <summary>Filters are translated to SQL: asking for female figures returns only female figures, across the whole table.</summary>
    [Fact]
    public async Task Filter_counts_match_the_source_file()
    {
        var result = await api.CreateClient().QueryAsync("""
            {
              all: observations(where: { source: { dataset: { eq: "reconvictions" } } }) { totalCount }
              female: observations(where: { sex: { eq: FEMALE }, source: { dataset: { eq: "reconvictions" } } }) { totalCount }
              rate: observations(where: { indicator: { code: { eq: "reconviction-rate" } }, source: { dataset: { eq: "reconvictions" } } }) { totalCount }
            }
            """);
        // 6,916 data rows; Female rows: 390+368+366+370+364+358 = 2,216; Ratio rows: 3,458.
        Assert.Equal(6916, (int)result["data"]!["all"]!["totalCount"]!);
        Assert.Equal(2216, (int)result["data"]!["female"]!["totalCount"]!);
        Assert.Equal(3458, (int)result["data"]!["rate"]!["totalCount"]!);
    }
}
