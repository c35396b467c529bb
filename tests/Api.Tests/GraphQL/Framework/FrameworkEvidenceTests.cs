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
        Assert.Contains(aim["evidence"]!.AsArray(), f => (string?)f!["indicator"]!["code"] == "prison-arrivals-untried" && f["value"] is not null);
        foreach (var figure in aim["evidence"]!.AsArray().Cast<JsonNode>())
        {
            Assert.Equal("S12000019", (string?)figure["area"]!["code"]);
            Assert.True(string.CompareOrdinal((string)figure["period"]!["start"]!, "2017-04-01") >= 0);
        }
    }

    /// <summary>
    /// Aim 2 for Midlothian, 2022-23 to 2023-24: the 2023-24 prison population tables give arrivals by
    /// the council area people came from, and the catalogue places untried arrivals and arrivals
    /// convicted awaiting sentence under aim 2 (src/Model/Reference/Catalogue/indicators/prison.json).
    /// The evidence must be exactly the figures observations gives for the indicators the framework
    /// graph places under aim 2 (directly, or through priority action → outcome → national indicator),
    /// for that area, sex, age band and period range.
    /// </summary>
    [Fact]
    public async Task Aim_2_evidence_for_Midlothian_2022_23_to_2023_24_is_the_aims_figures_for_that_area_and_range()
    {
        var client = api.CreateClient();
        var result = await client.QueryAsync("""
            { nationalAim(number: 2) {
                measures { code }
                priorityActions { outcomes { indicators { measures { code } } } }
                evidence(area: "Midlothian", from: "2022-23", to: "2023-24") {
                    indicator { code } area { code } period { label start end } sex ageBand { code } value status source { dataset { code } } } } }
            """);
        var aim = result["data"]!["nationalAim"]!;
        var aimIndicators = aim["measures"]!.AsArray().Select(m => (string)m!["code"]!)
            .Concat(aim["priorityActions"]!.AsArray().SelectMany(p => p!["outcomes"]!.AsArray()).SelectMany(o => o!["indicators"]!.AsArray())
                .SelectMany(i => i!["measures"]!.AsArray()).Select(m => (string)m!["code"]!))
            .ToHashSet(StringComparer.Ordinal);
        Assert.Contains("prison-arrivals-untried", aimIndicators);

        var evidence = aim["evidence"]!.AsArray().Cast<JsonNode>().ToList();
        Assert.NotEmpty(evidence);
        foreach (var figure in evidence)
        {
            Assert.Contains((string)figure["indicator"]!["code"]!, aimIndicators);
            Assert.Equal("S12000019", (string?)figure["area"]!["code"]);
            Assert.True(string.CompareOrdinal((string)figure["period"]!["start"]!, "2022-04-01") >= 0, figure.ToJsonString());
            Assert.True(string.CompareOrdinal((string)figure["period"]!["end"]!, "2024-03-31") <= 0, figure.ToJsonString());
            Assert.Equal("ALL", (string?)figure["sex"]);
            Assert.Equal("all", (string?)figure["ageBand"]!["code"]);
        }
        var keys = evidence.Select(f => ((string)f["indicator"]!["code"]!, (string)f["period"]!["label"]!)).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Contains(("prison-arrivals-untried", "2023-24"), keys);
        Assert.Contains(("prison-arrivals-convicted-awaiting-sentence", "2023-24"), keys);
        Assert.All(evidence.Where(f => ((string)f["indicator"]!["code"]!).StartsWith("prison-arrivals-", StringComparison.Ordinal)),
            f => Assert.True(f["value"] is not null && (string?)f["status"] == "PUBLISHED", f.ToJsonString()));

        // The same cells through observations: every aim-2 figure for the area, sex, age band and range.
        var codes = string.Join(", ", aimIndicators.Order(StringComparer.Ordinal).Select(c => $"\"{c}\""));
        var direct = await client.QueryAsync($$"""
            { observations(where: { indicator: { code: { in: [{{codes}}] } }, area: { code: { eq: "S12000019" } }, sex: { eq: ALL }, ageBand: { code: { eq: "all" } },
                period: { start: { gte: "2022-04-01" }, end: { lte: "2024-03-31" } } }, first: 500) {
                nodes { indicator { code } period { label } value } } }
            """);
        var fromObservations = direct["data"]!["observations"]!["nodes"]!.AsArray()
            .ToLookup(n => ((string)n!["indicator"]!["code"]!, (string)n["period"]!["label"]!), n => n!["value"]?.GetValue<decimal>());
        Assert.Equal(fromObservations.Select(g => g.Key).Order(), keys.Order());
        foreach (var figure in evidence)
            Assert.Contains(figure["value"]?.GetValue<decimal>(), fromObservations[((string)figure["indicator"]!["code"]!, (string)figure["period"]!["label"]!)]);
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
