using System.Text.Json.Nodes;
using CommunityJustice.Analytics.Api.Tests.Support;

namespace CommunityJustice.Analytics.Api.Tests.GraphQL.Framework;

/// <summary>"Everything under Aim 2 for Midlothian, 2017-18 to latest" as one query.</summary>
public sealed class FrameworkEvidenceTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Aim_2_evidence_for_Midlothian_from_2017_18_in_one_query()
    {
        var result = await api.CreateClient().QueryAsync("""
            { nationalAim(number: 2) { number title
                evidence(area: "Midlothian", from: "2017-18") { indicator { code } area { code } period { start label } value intervalNote } } }
            """);
        var aim = result["data"]!["nationalAim"]!;
        Assert.Equal(2, (int)aim["number"]!);
        foreach (var figure in aim["evidence"]!.AsArray().Cast<JsonNode>())
        {
            Assert.Equal("S12000019", (string?)figure["area"]!["code"]);
            Assert.True(string.CompareOrdinal((string)figure["period"]!["start"]!, "2017-04-01") >= 0);
        }
    }

    [Fact]
    public async Task Reconviction_is_overarching_not_under_an_aim()
    {
        var result = await api.CreateClient().QueryAsync("{ overarchingIndicators { code nationalAim { number } } }");
        var codes = result["data"]!["overarchingIndicators"]!.AsArray().Select(i => (string?)i!["code"]).ToList();
        Assert.Contains("reconviction-rate", codes);
        Assert.Contains("reconvictions-per-offender", codes);
    }
}
