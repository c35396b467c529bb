using System.Globalization;
using System.Text.Json.Nodes;
using CommunityJustice.Analytics.Api.Tests.Access;
using CommunityJustice.Analytics.Api.Tests.Support;
using CommunityJustice.Analytics.Ingest.PlanFiles;
using CommunityJustice.Analytics.Model.Access;
using CommunityJustice.Analytics.TestSupport;

namespace CommunityJustice.Analytics.Api.Tests.GraphQL.Plans;

/// <summary>
/// A plan loaded from a file onto every bundled real dataset, and its progress read over GraphQL: the
/// figures behind each linked KPI, targets relative to Scotland resolved from the right period, and the
/// write mutations' scope checks. The plan is a test plan for Midlothian (its targets are test inputs,
/// not a published plan's); every figure compared comes from the loaded data through another query.
/// </summary>
public sealed class PlanProgressTests(ApiFixture api) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private const string Partnership = "midlothian-test";

    private const string PlanFile = """
        format: cjoip-plan/1
        partnership: { code: midlothian-test, name: Midlothian test partnership, areas: [S12000019] }
        plan:
          title: Test plan on the bundled figures
          period: 2016-21
          starts: 2016-04-01
          ends: 2021-03-31
          published: 2016-06-30
          source: { document: Test plan written for PlanProgressTests }
        items:
          - heading: National Aim 2
            aim: 2
            priorityActions: [5]
            kpis:
              - number: "1"
                wording: Reconviction rate at or below 5 per cent under the national average
                polarity: lower-is-better
                indicator: { code: reconviction-rate, area: Midlothian }
                baseline: { kind: national-average, period: 2012-13 }
                target: { kind: relative-to-scotland, wording: 5% below the national average, comparison: at-or-below, difference: 5, differenceUnit: per-cent }
              - number: "2"
                wording: Reconviction rate 1 percentage point under the 2012-13 national average
                polarity: lower-is-better
                indicator: { code: reconviction-rate, area: S12000019 }
                target: { kind: relative-to-scotland, wording: 1 point below the 2012-13 average, comparison: below, difference: 1, differenceUnit: percentage-points, scotlandPeriod: 2012-13 }
              - number: "3"
                wording: Fewer arrivals in prison from Midlothian
                polarity: lower-is-better
                indicator: { code: prison-arrivals, area: Midlothian }
                target: { kind: direction, wording: Reduce, direction: decrease }
              - number: "4"
                wording: Individuals using voluntary throughcare
                polarity: higher-is-better
                measuredLocally: true
                target: { kind: direction, wording: Increase, direction: increase }
            actions:
              - { number: 4a, kpi: "4", wording: Publish referral guidance, due: 2017-01-31 }
              - number: 4b
                kpi: "4"
                wording: Review referrals
                due: 2017-03-31
                status:
                  - { status: complete, date: 2017-03-01 }
        """;

    public async Task InitializeAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"plan-progress-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, PlanFile);
        try
        {
            await using var db = api.CreateContext();
            await PlanFileLoader.LoadAsync(db, path, dryRun: false, CancellationToken.None);
        }
        finally
        {
            File.Delete(path);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private const string ProgressQuery = """
        query($partnership: String!, $asOf: Date) {
          plan(partnership: $partnership, period: "2016-21", asPublishedOn: $asOf) {
            kpis {
              number
              link { indicator { code } }
              progress {
                current { period value status }
                baseline { kind period value }
                target { threshold scotlandValue scotlandPeriod judgedPeriod differenceUnit }
                verdict reasoning direction changeSinceBaseline
              }
            }
          }
        }
        """;

    private async Task<JsonArray> KpisAsync(GraphQLClient client) =>
        (await client.QueryAsync(ProgressQuery, new { partnership = Partnership }))["data"]!["plan"]!["kpis"]!.AsArray();

    private static JsonNode Kpi(JsonArray kpis, string number) => kpis.Single(k => (string?)k!["number"] == number)!;

    private static decimal Dec(JsonNode? node) => decimal.Parse(node!.ToJsonString(), CultureInfo.InvariantCulture);

    /// <summary>Scotland's figure for a period, read through trend (the same newest-edition rule as every derived view).</summary>
    private static async Task<decimal> ScotlandAsync(GraphQLClient client, string indicator, string period)
    {
        var trend = await client.QueryAsync("""query($i: String!) { trend(indicator: $i, area: "S92000003") { points { period value } } }""", new { i = indicator });
        return Dec(trend["data"]!["trend"]!["points"]!.AsArray().Single(p => (string?)p!["period"] == period)!["value"]);
    }

    [Fact]
    public async Task Every_linked_KPI_gets_a_current_value_and_a_reasoned_verdict()
    {
        var kpis = await KpisAsync(api.CreateClient());
        var linked = kpis.Where(k => k!["link"] is not null).ToList();
        Assert.Equal(3, linked.Count);
        foreach (var kpi in linked)
        {
            var progress = kpi!["progress"]!;
            Assert.Equal("PUBLISHED", (string?)progress["current"]!["status"]);
            Assert.NotNull(progress["current"]!["value"]);
            Assert.DoesNotContain((string?)progress["verdict"], new[] { "NOT_YET_MEASURABLE", "NOT_COMPUTED" });
            Assert.Contains((string)progress["current"]!["period"]!, (string)progress["reasoning"]!);
        }
    }

    [Fact]
    public async Task A_target_relative_to_Scotland_is_resolved_from_Scotlands_figure_for_the_period_judged_or_the_period_it_names()
    {
        var client = api.CreateClient();
        var kpis = await KpisAsync(client);

        var sameAsFigure = Kpi(kpis, "1")["progress"]!;
        var period = (string)sameAsFigure["current"]!["period"]!;
        Assert.Equal(period, (string?)sameAsFigure["target"]!["scotlandPeriod"]);
        Assert.Equal(period, (string?)sameAsFigure["target"]!["judgedPeriod"]);
        var scotland = await ScotlandAsync(client, "reconviction-rate", period);
        Assert.Equal(scotland, Dec(sameAsFigure["target"]!["scotlandValue"]));
        Assert.Equal("PER_CENT", (string?)sameAsFigure["target"]!["differenceUnit"]);
        Assert.Equal(Math.Round(scotland * 0.95m, 4), Dec(sameAsFigure["target"]!["threshold"]));
        // The national-average baseline is Scotland's figure for the baseline's own period.
        Assert.Equal("2012-13", (string?)sameAsFigure["baseline"]!["period"]);
        Assert.Equal(await ScotlandAsync(client, "reconviction-rate", "2012-13"), Dec(sameAsFigure["baseline"]!["value"]));
        var current = Dec(sameAsFigure["current"]!["value"]);
        var threshold = Dec(sameAsFigure["target"]!["threshold"]);
        var verdict = (string?)sameAsFigure["verdict"];
        Assert.Contains(verdict, current <= threshold ? ["ON_TRACK", "MET"] : new[] { "OFF_TRACK", "CANNOT_BE_JUDGED" });

        var fixedPeriod = Kpi(kpis, "2")["progress"]!;
        Assert.Equal("2012-13", (string?)fixedPeriod["target"]!["scotlandPeriod"]);
        var scotland201213 = await ScotlandAsync(client, "reconviction-rate", "2012-13");
        Assert.Equal(scotland201213, Dec(fixedPeriod["target"]!["scotlandValue"]));
        Assert.Equal(scotland201213 - 1, Dec(fixedPeriod["target"]!["threshold"]));
    }

    [Fact]
    public async Task Figures_as_published_on_a_date_before_the_plan_do_not_show_the_plan()
    {
        var (_, body) = await api.CreateClient().SendAsync(ProgressQuery, new { partnership = Partnership, asOf = "2016-01-01" });
        Assert.Equal("UNKNOWN_PLAN", AccessTestSupport.ErrorCode(body));
    }

    private const string RecordStatus = """
        mutation($status: ActionStatus!) { recordActionStatus(partnership: "midlothian-test", period: "2016-21", action: "4a", status: $status, date: "2017-02-15", note: "Guidance issued") {
          status statusHistory { status date note recordedBy fromPlanFile } } }
        """;

    private const string OverdueQuery = """{ overdueActions(partnership: "midlothian-test") { number } }""";

    [Fact]
    public async Task Recording_a_status_without_plans_write_for_the_partnership_is_refused_and_stores_nothing()
    {
        var http = api.Factory.CreateClient();
        var before = await api.CountAsync("SELECT count(*) FROM action_statuses");
        var readOnly = await AccessTestSupport.CreateKeyAsync(api.ConnectionString, AccessTestSupport.Midlothian, [ApiScopes.RestrictedRead]);
        var otherPartnership = await AccessTestSupport.CreateKeyAsync(api.ConnectionString, "S12000047", [ApiScopes.PlansWrite]);

        var anonymous = await AccessTestSupport.PostAsync(http, new { query = RecordStatus, variables = new { status = "COMPLETE" } });
        var wrongScope = await AccessTestSupport.PostAsync(http, new { query = RecordStatus, variables = new { status = "COMPLETE" } }, readOnly);
        var wrongPartnership = await AccessTestSupport.PostAsync(http, new { query = RecordStatus, variables = new { status = "COMPLETE" } }, otherPartnership);

        Assert.Equal("AUTHENTICATION_REQUIRED", AccessTestSupport.ErrorCode(anonymous.Body));
        Assert.Equal("INSUFFICIENT_SCOPE", AccessTestSupport.ErrorCode(wrongScope.Body));
        Assert.Equal("FORBIDDEN_PARTNERSHIP", AccessTestSupport.ErrorCode(wrongPartnership.Body));
        Assert.Equal(before, await api.CountAsync("SELECT count(*) FROM action_statuses"));
    }

    [Fact]
    public async Task A_status_recorded_with_plans_write_is_stored_audited_and_kept_as_history()
    {
        var http = api.Factory.CreateClient();
        var client = api.CreateClient();
        var key = await AccessTestSupport.CreateKeyAsync(api.ConnectionString, AccessTestSupport.Midlothian, [ApiScopes.PlansWrite]);
        Assert.Contains(new JsonObject { ["number"] = "4a" }.ToJsonString(), (await client.QueryAsync(OverdueQuery)).ToJsonString());
        var writesBefore = await api.CountAsync("SELECT count(*) FROM audit_log WHERE kind = 'write'");

        var first = await AccessTestSupport.PostAsync(http, new { query = RecordStatus, variables = new { status = "ON_TRACK" } }, key);
        var second = await AccessTestSupport.PostAsync(http, new { query = RecordStatus, variables = new { status = "COMPLETE" } }, key);

        Assert.True(first.Body?["errors"] is null, first.Text);
        var action = second.Body!["data"]!["recordActionStatus"]!;
        Assert.Equal("COMPLETE", (string?)action["status"]);
        var history = action["statusHistory"]!.AsArray();
        Assert.Equal(["ON_TRACK", "COMPLETE"], history.Select(h => (string)h!["status"]!));
        Assert.All(history, h => Assert.StartsWith("test plans:write (key ", (string)h!["recordedBy"]!));
        Assert.Equal(writesBefore + 2, await api.CountAsync("SELECT count(*) FROM audit_log WHERE kind = 'write'"));
        // Complete: no longer overdue. 4b was completed in the plan file and never was.
        Assert.DoesNotContain("\"4", (await client.QueryAsync(OverdueQuery)).ToJsonString());
    }

    [Fact]
    public async Task A_local_KPI_figure_is_recorded_as_history_and_a_linked_KPI_refuses_typed_figures()
    {
        var http = api.Factory.CreateClient();
        var key = await AccessTestSupport.CreateKeyAsync(api.ConnectionString, AccessTestSupport.Midlothian, [ApiScopes.PlansWrite]);
        const string record = """
            mutation($kpi: String!, $period: String!, $value: Decimal) { recordKpiFigure(partnership: "midlothian-test", period: "2016-21", kpi: $kpi, figurePeriod: $period, value: $value, note: "CGL referrals") {
              localFigures { period value recordedBy } progress { current { period value } verdict reasoning } } }
            """;
        var before = await api.CountAsync("SELECT count(*) FROM kpi_figures");

        var linked = await AccessTestSupport.PostAsync(http, new { query = record, variables = new { kpi = "3", period = "2017-18", value = 10 } }, key);
        Assert.Equal("INVALID_PLAN_INPUT", AccessTestSupport.ErrorCode(linked.Body));
        Assert.Equal(before, await api.CountAsync("SELECT count(*) FROM kpi_figures"));

        await AccessTestSupport.PostAsync(http, new { query = record, variables = new { kpi = "4", period = "2016-17", value = 12 } }, key);
        await AccessTestSupport.PostAsync(http, new { query = record, variables = new { kpi = "4", period = "2017-18", value = 15 } }, key);
        var corrected = await AccessTestSupport.PostAsync(http, new { query = record, variables = new { kpi = "4", period = "2017-18", value = 18 } }, key);

        var kpi = corrected.Body!["data"]!["recordKpiFigure"]!;
        Assert.Equal([12m, 15m, 18m], kpi["localFigures"]!.AsArray().Select(f => Dec(f!["value"])));
        Assert.Equal(18m, Dec(kpi["progress"]!["current"]!["value"]));
        Assert.Equal("ON_TRACK", (string?)kpi["progress"]!["verdict"]);
        Assert.Equal(before + 3, await api.CountAsync("SELECT count(*) FROM kpi_figures"));
    }
}
