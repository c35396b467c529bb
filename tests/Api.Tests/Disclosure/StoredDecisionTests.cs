using System.Net;
using CommunityJustice.Analytics.Api.Tests.Support;
using CommunityJustice.Analytics.Model.Disclosure;
using CommunityJustice.Analytics.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace CommunityJustice.Analytics.Api.Tests.Disclosure;

/// <summary>
/// The API serves the decisions the ingest stored when the data was loaded, and only under the rule
/// they were taken with: an API configured with another threshold answers 503
/// DISCLOSURE_DECISIONS_OUT_OF_DATE and is not ready, until the decisions are taken again with its rule.
/// </summary>
public class StoredDecisionTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    /// <summary>Shetland's prison arrivals by legal status, whose small counts are withheld at threshold 5.</summary>
    private const string Arrivals = """
        { observations(where: { indicator: { code: { eq: "prison-arrivals-untried" } }, area: { code: { eq: "S12000027" } } }, first: 50) {
            nodes { id value status suppressionReason } } }
        """;

    [Fact]
    public async Task Figures_are_served_only_under_the_rule_the_stored_decisions_were_taken_with()
    {
        var stored = await WithheldIdsAsync();
        Assert.NotEmpty(stored);

        // The API as configured by default (threshold 5) masks exactly what the load decided.
        var served = await fixture.CreateClient().QueryAsync(Arrivals);
        foreach (var node in served["data"]!["observations"]!["nodes"]!.AsArray())
        {
            var withheld = stored.ContainsKey(node!["id"]!.GetValue<long>());
            Assert.Equal(withheld, node["value"] is null && (string?)node["suppressionReason"] is { } reason && !reason.StartsWith("SOURCE", StringComparison.Ordinal));
        }

        await using var stricter = fixture.Factory.WithWebHostBuilder(b => b.UseSetting("DisclosureControl:Threshold", "10"));
        var http = stricter.CreateClient();
        var (status, body) = await new GraphQLClient(http).SendAsync(Arrivals);
        Assert.Equal(503, status);
        Assert.Equal("DISCLOSURE_DECISIONS_OUT_OF_DATE", (string?)body["errors"]![0]!["extensions"]!["code"]);
        Assert.Contains("threshold 5", (string?)body["errors"]![0]!["message"], StringComparison.Ordinal);
        Assert.Null(body["data"]?["observations"]);
        using (var ready = await http.GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Contains("ingest disclosure decide", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Decided again with threshold 10 (as `ingest disclosure decide` does): the stricter API serves, withholding more.
        await DecideAgain.AllTablesAsync(fixture.ConnectionString, DisclosureRules.Create(10, null));
        var atTen = await WithheldIdsAsync();
        Assert.True(atTen.Count > stored.Count);
        // Served again once the decision run's notification has arrived (503 until then).
        var (strictStatus, _) = await new GraphQLClient(http).SendAsync(Arrivals);
        for (var i = 0; i < 250 && strictStatus != 200; i++)
        {
            await Task.Delay(20);
            (strictStatus, _) = await new GraphQLClient(http).SendAsync(Arrivals);
        }
        Assert.Equal(200, strictStatus);
        var strictAnswer = await new GraphQLClient(http).QueryAsync(Arrivals);
        foreach (var node in strictAnswer["data"]!["observations"]!["nodes"]!.AsArray())
            if (atTen.ContainsKey(node!["id"]!.GetValue<long>())) Assert.Null(node["value"]);
        using (var ready = await http.GetAsync("/health/ready")) Assert.Equal(HttpStatusCode.OK, ready.StatusCode);

        // ... and the API still configured for 5 now refuses, rather than serve decisions it did not ask for.
        var (defaultStatus, _) = await fixture.CreateClient().SendAsync(Arrivals);
        Assert.Equal(503, defaultStatus);
    }

    private async Task<Dictionary<long, string>> WithheldIdsAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT observation_id, reason FROM withheld_figures", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new Dictionary<long, string>();
        while (await reader.ReadAsync()) ids[reader.GetInt64(0)] = reader.GetString(1);
        return ids;
    }
}

/// <summary>
/// A figure edited by hand in the database has not been through disclosure control: the API stops
/// serving figures (503 DISCLOSURE_DECISIONS_OUT_OF_DATE) until the decisions are taken again, then
/// serves the edited figure, never the cached one.
/// </summary>
public class HandEditTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private const string Rate = """
        { observations(where: { indicator: { code: { eq: "reconviction-rate" } }, area: { code: { eq: "S12000019" } },
                                sex: { eq: ALL }, ageBand: { code: { eq: "all" } }, period: { label: { eq: "2017-18" } } }) {
            nodes { value } } }
        """;

    [Fact]
    public async Task A_hand_edit_of_a_figure_stops_the_serving_of_figures_until_decided_again()
    {
        var client = fixture.CreateClient();
        var before = (await client.QueryAsync(Rate))["data"]!["observations"]!["nodes"]![0]!["value"]!.GetValue<decimal>();

        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using (var edit = new NpgsqlCommand("""
            UPDATE observations SET value = value + 1
            WHERE indicator_code = 'reconviction-rate' AND area_code = 'S12000019' AND sex = 'All' AND age_band_code = 'all' AND period_label = '2017-18'
            """, connection))
            Assert.True(await edit.ExecuteNonQueryAsync() > 0);

        // The change is announced when the edit commits; allow the notification a moment to arrive.
        (int Status, System.Text.Json.Nodes.JsonNode Body) answer = default;
        for (var i = 0; i < 100; i++)
        {
            answer = await client.SendAsync(Rate);
            if (answer.Status == 503) break;
            await Task.Delay(50);
        }
        Assert.Equal(503, answer.Status);
        Assert.Equal("DISCLOSURE_DECISIONS_OUT_OF_DATE", (string?)answer.Body!["errors"]![0]!["extensions"]!["code"]);

        await DecideAgain.AllTablesAsync(fixture.ConnectionString);
        decimal? after = null;
        for (var i = 0; i < 100 && after is null; i++)
        {
            var (status, body) = await client.SendAsync(Rate);
            if (status == 200) after = body["data"]!["observations"]!["nodes"]![0]!["value"]!.GetValue<decimal>();
            else await Task.Delay(50);
        }
        Assert.Equal(before + 1, after);
    }
}
