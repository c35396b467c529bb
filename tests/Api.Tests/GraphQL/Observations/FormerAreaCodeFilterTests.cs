using System.Text.Json.Nodes;
using CommunityJustice.Analytics.Api.Tests.Support;

namespace CommunityJustice.Analytics.Api.Tests.GraphQL.Observations;

/// <summary>
/// Area-code filters (eq, neq, in and nin) take former codes as area(code:) and loaded files do: S12000015 (Fife before 2018)
/// finds Fife's figures under S12000047. A code that is neither current nor former is an error naming it, never an
/// empty result (issue #13).
/// </summary>
public sealed class FormerAreaCodeFilterTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string RateAllAges2017 = """indicator: { code: { eq: "reconviction-rate" } }, period: { label: { eq: "2017-18" } }, ageBand: { code: { eq: "all" } }, source: { dataset: { eq: "reconvictions" } }, sex: { eq: ALL }""";

    private static string[] Codes(JsonNode? nodes) => [.. nodes!.AsArray().Select(n => (string)n!["area"]!["code"]!)];

    [Fact]
    public async Task A_former_code_in_an_in_filter_returns_the_current_areas_rows()
    {
        var result = await api.CreateClient().QueryAsync($$"""
            {
              former: observations(where: { {{RateAllAges2017}}, area: { code: { in: ["S12000015"] } } }) { totalCount nodes { area { code } value } }
              current: observations(where: { {{RateAllAges2017}}, area: { code: { in: ["S12000047"] } } }) { totalCount nodes { area { code } value } }
              mixed: observations(where: { {{RateAllAges2017}}, area: { code: { in: ["S12000046", "S12000019"] } } }, order: [{ area: { code: ASC } }]) { nodes { area { code } } }
            }
            """);
        var data = result["data"]!;
        Assert.Equal(1, (int)data["former"]!["totalCount"]!);
        Assert.Equal(["S12000047"], Codes(data["former"]!["nodes"]));
        Assert.Equal(data["current"]!.ToJsonString(), data["former"]!.ToJsonString());
        Assert.Equal(["S12000019", "S12000049"], Codes(data["mixed"]!["nodes"]));
    }

    [Fact]
    public async Task A_former_code_in_eq_inside_or_and_in_the_areas_query_resolves_too()
    {
        var result = await api.CreateClient().QueryAsync($$"""
            {
              observations(where: { {{RateAllAges2017}}, or: [{ area: { code: { eq: "S12000024" } } }, { area: { code: { eq: "S12000044" } } }] }, order: [{ area: { code: ASC } }]) {
                nodes { area { code } }
              }
              areas(where: { code: { in: ["S12000015", "S12000024"] } }, order: [{ code: ASC }]) { code name }
            }
            """);
        Assert.Equal(["S12000048", "S12000050"], Codes(result["data"]!["observations"]!["nodes"]));
        Assert.Equal(["S12000047", "S12000048"], result["data"]!["areas"]!.AsArray().Select(a => (string)a!["code"]!).ToArray());
    }

    [Fact]
    public async Task A_former_code_in_neq_or_nin_excludes_the_area_that_has_it_now()
    {
        var result = await api.CreateClient().QueryAsync($$"""
            {
              all: observations(where: { {{RateAllAges2017}} }) { totalCount }
              nin: observations(first: 100, where: { {{RateAllAges2017}}, area: { code: { nin: ["S12000015", "S12000046"] } } }) { totalCount nodes { area { code } } }
              neq: areas(where: { code: { neq: "S12000024" }, level: { eq: COUNCIL_AREA } }) { code }
            }
            """);
        var data = result["data"]!;
        var left = Codes(data["nin"]!["nodes"]);
        Assert.DoesNotContain("S12000047", left);
        Assert.DoesNotContain("S12000049", left);
        Assert.Equal((int)data["all"]!["totalCount"]! - 2, (int)data["nin"]!["totalCount"]!);   // Fife and Glasgow each have their one figure
        var councils = data["neq"]!.AsArray().Select(a => (string)a!["code"]!).ToList();
        Assert.Equal(31, councils.Count);
        Assert.DoesNotContain("S12000048", councils);
    }

    [Theory]
    [InlineData("""{ observations(where: { area: { code: { in: ["S12000019", "S12999999"] } } }) { totalCount } }""", "'S12999999'")]
    [InlineData("""{ observations(where: { and: [{ area: { code: { eq: "S12000099" } } }] }) { totalCount } }""", "'S12000099'")]
    [InlineData("""{ areas(where: { code: { eq: "X1" } }) { code } }""", "'X1'")]
    [InlineData("""{ observations(where: { area: { code: { nin: ["S12000019", "S12999998"] } } }) { totalCount } }""", "'S12999998'")]
    [InlineData("""{ areas(where: { code: { neq: "S12000098" } }) { code } }""", "'S12000098'")]
    public async Task A_code_that_is_neither_current_nor_former_is_an_error_naming_it(string query, string named)
    {
        var (status, body) = await api.CreateClient().SendAsync(query);
        Assert.Equal(200, status);
        var error = body["errors"]![0]!;
        Assert.Equal("UNKNOWN_AREA", (string?)error["extensions"]?["code"]);
        Assert.Contains(named, (string?)error["message"]);
        Assert.Contains("area code filter", (string?)error["message"]);
    }

    [Fact]
    public async Task A_former_code_given_in_variables_resolves()
    {
        var result = await api.CreateClient().QueryAsync("""
            query($codes: [String]) { areas(where: { code: { in: $codes } }) { code } }
            """, new { codes = new[] { "S12000046" } });
        Assert.Equal("S12000049", (string?)result["data"]!["areas"]![0]!["code"]);
    }
}
