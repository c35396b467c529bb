using System.Text.Json.Nodes;
using CommunityJustice.Analytics.Api.Tests.Access;
using CommunityJustice.Analytics.Api.Tests.Support;
using CommunityJustice.Analytics.Model.Access;

namespace CommunityJustice.Analytics.Api.Tests.GraphQL.Plans;

/// <summary>
/// The three seed plans (src/Ingest/Plans/seeds) loaded onto every bundled real dataset: what the API
/// makes of the Midlothian CJOIP 2023-28, and the Lothian &amp; Borders 2015-16 outcome table compared,
/// KPI by KPI, with the verdicts that plan printed (docs/plans.md, "The Lothian &amp; Borders 2015-16
/// table against the data").
/// </summary>
public sealed class SeedPlanTests(ApiFixture api) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    public async Task InitializeAsync() => await SeedPlans.LoadAllAsync(api);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Every_seed_plan_loads_with_every_KPI_and_action_its_file_holds()
    {
        var plans = (await api.CreateClient().QueryAsync("""
            { plans { partnership { code } period title kpis { number } actions { number } } }
            """))["data"]!["plans"]!.AsArray();
        Assert.Equal(3, SeedPlans.Files.Count);
        foreach (var file in SeedPlans.Files)
        {
            var document = SeedPlans.Read(file);
            var plan = plans.Single(p => (string?)p!["partnership"]!["code"] == document.PartnershipCode && (string?)p["period"] == document.Period)!;
            Assert.Equal(document.Title, (string?)plan["title"]);
            Assert.Equal(document.Items.SelectMany(i => i.Kpis).Select(k => k.Number), plan["kpis"]!.AsArray().Select(k => (string)k!["number"]!));
            Assert.Equal(document.Items.SelectMany(i => i.Actions).Select(a => a.Number), plan["actions"]!.AsArray().Select(a => (string)a!["number"]!));
        }
    }

    private const string MidlothianQuery = """
        {
          plan(partnership: "Midlothian", period: "2023-28") {
            kpis {
              number note measuredLocally
              link { indicator { code } }
              progress { figures { period value status } current { period value status } verdict verdictText reasoning }
              actions { number status }
            }
            actions { number due status latestStatus { date note recordedBy } }
            overdueActions { number }
          }
        }
        """;

    [Fact]
    public async Task Midlothian_2023_28_answers_every_KPI_with_the_reason_for_its_verdict_and_every_action_with_its_status()
    {
        var client = api.CreateClient();
        var plan = (await client.QueryAsync(MidlothianQuery))["data"]!["plan"]!;
        var document = SeedPlans.Read(SeedPlans.File("midlothian-2023-28.yaml"));
        var kpis = plan["kpis"]!.AsArray();
        Assert.Equal(document.Items.SelectMany(i => i.Kpis).Select(k => k.Number), kpis.Select(k => (string)k!["number"]!));

        foreach (var kpi in kpis.Select(k => k!))
        {
            var progress = kpi["progress"]!;
            var reasoning = (string)progress["reasoning"]!;
            var verdict = (string)progress["verdict"]!;
            Assert.False(string.IsNullOrWhiteSpace((string?)progress["verdictText"]));
            if (kpi["measuredLocally"]!.GetValue<bool>())
            {
                // Measured by the partnership itself; the plan file records no figure, so none is invented.
                Assert.Empty(progress["figures"]!.AsArray());
                Assert.Equal("NOT_YET_MEASURABLE", verdict);
                Assert.Contains("No figure has been recorded for this locally measured KPI yet", reasoning);
            }
            else
            {
                // Not linked: the verdict says so, and the file's own reason travels with it.
                Assert.Null(kpi["link"]);
                Assert.Equal("NOT_COMPUTED", verdict);
                Assert.StartsWith("Not linked to an indicator, so there are no figures to judge it by.", reasoning);
                Assert.Contains((string)kpi["note"]!, reasoning);
            }
        }

        // The plan as published records no status; the dated actions ("by 2024") are overdue today.
        var actions = plan["actions"]!.AsArray();
        Assert.Equal(document.Items.SelectMany(i => i.Actions).Select(a => a.Number), actions.Select(a => (string)a!["number"]!));
        Assert.All(actions, a => Assert.Null(a!["status"]));
        var dueBefore = actions.Where(a => a!["due"] is { } due && DateOnly.Parse((string)due!, System.Globalization.CultureInfo.InvariantCulture) < DateOnly.FromDateTime(DateTime.UtcNow))
            .Select(a => (string)a!["number"]!).ToList();
        Assert.NotEmpty(dueBefore);
        Assert.Equal(dueBefore.Order(StringComparer.Ordinal), plan["overdueActions"]!.AsArray().Select(a => (string)a!["number"]!).Order(StringComparer.Ordinal));

        // A status recorded by Midlothian's key is the action's status, and a completed action is no longer overdue.
        var key = await AccessTestSupport.CreateKeyAsync(api.ConnectionString, AccessTestSupport.Midlothian, [ApiScopes.PlansWrite]);
        var reply = await AccessTestSupport.PostAsync(api.Factory.CreateClient(), new
        {
            query = """mutation { recordActionStatus(partnership: "midlothian", period: "2023-28", action: "2a", status: COMPLETE, date: "2024-03-28", note: "Booklets shared with custody units") { number status } }""",
        }, key);
        Assert.True(reply.Body?["errors"] is null, reply.Text);
        var after = (await client.QueryAsync(MidlothianQuery))["data"]!["plan"]!;
        var recorded = after["actions"]!.AsArray().Single(a => (string?)a!["number"] == "2a")!;
        Assert.Equal("COMPLETE", (string?)recorded["status"]);
        Assert.Equal("2024-03-28", (string?)recorded["latestStatus"]!["date"]);
        Assert.Equal("COMPLETE", (string?)after["kpis"]!.AsArray().Single(k => (string?)k!["number"] == "2")!["actions"]!.AsArray().Single(a => (string?)a!["number"] == "2a")!["status"]);
        Assert.DoesNotContain("2a", after["overdueActions"]!.AsArray().Select(a => (string)a!["number"]!));
    }

    private const string LothianAndBordersQuery = """
        query($asOf: Date) {
          plan(partnership: "lothian-and-borders-cja", period: "2015-16", asPublishedOn: $asOf) {
            kpis {
              number note
              target { differenceUnit }
              progress { figures { period status note } current { period value status } direction verdict reasoning }
            }
          }
        }
        """;

    /// <summary>
    /// Section 8 of the L&amp;B plan, row by row: what the plan printed in its CURRENT column, the verdict
    /// computed on the figures as published at the end of the plan year (31 March 2016) and on the figures
    /// loaded now, and the words of the reasoning that explain any difference.
    /// </summary>
    public static TheoryData<string, string, string, string, string, string> LothianAndBordersTable => new()
    {
        // Victimisation: the plan's own two figures (typed, no survey data here) give the same fall it printed.
        { "1", "↓ 19.2% (2013-14)", "ON_TRACK", "went from 27.1 (2011-12) to 19.2 (2013-14)", "ON_TRACK", "went from 27.1 (2011-12) to 19.2 (2013-14)" },
        // Reconviction: no edition of the reconviction statistics loaded here was published by 2016, and
        // L&B's five councils cannot be added up since (the cube publishes rates without counts).
        { "2", "→ 25.4 % for 2010-11 cohort On track", "NOT_YET_MEASURABLE", "is loaded for every area of the partnership, so the KPI is not yet measurable", "CANNOT_BE_JUDGED", "is not available" },
        { "3", "→ 31.4% for 2010-11 cohort On track", "NOT_YET_MEASURABLE", "is loaded for every area of the partnership, so the KPI is not yet measurable", "CANNOT_BE_JUDGED", "is not available" },
        // Polmont re-offending: TBC throughout.
        { "4", "TBC", "NOT_YET_MEASURABLE", "No figure has been recorded", "NOT_YET_MEASURABLE", "No figure has been recorded" },
        // Voluntary throughcare: one figure (13 clients), nothing after it to compare.
        { "5", "13 Clients from L&B Sept 2013 to Jan 2014", "NOT_YET_MEASURABLE", "There is no figure after the baseline (2013-14)", "NOT_YET_MEASURABLE", "There is no figure after the baseline (2013-14)" },
        // Women in custody: the plan's baseline and current (typed) give the fall it printed.
        { "6", "↓ 39 (SPS data March 2014)", "ON_TRACK", "From the plan's baseline 50 (2012M05) to 39 (2013-14)", "ON_TRACK", "From the plan's baseline 50 (2012M05) to 39 (2013-14)" },
        { "7", "→ 20.1% (2010-11) Below national average but off target", "NOT_YET_MEASURABLE", "is loaded for every area of the partnership, so the KPI is not yet measurable", "CANNOT_BE_JUDGED", "is not available" },
    };

    [Theory]
    [MemberData(nameof(LothianAndBordersTable))]
    public async Task Lothian_and_Borders_2015_16_each_published_verdict_against_the_verdict_computed_from_the_data(
        string kpi, string published, string verdictThen, string reasonThen, string verdictNow, string reasonNow)
    {
        var client = api.CreateClient();
        async Task<JsonNode> KpiAsync(string? asOf) =>
            (await client.QueryAsync(LothianAndBordersQuery, new { asOf }))["data"]!["plan"]!["kpis"]!.AsArray().Single(k => (string?)k!["number"] == kpi)!;

        var then = await KpiAsync("2016-03-31");
        var now = await KpiAsync(null);
        // The published CURRENT column is kept with the KPI, so the report shows both side by side.
        Assert.Contains(published, (string)now["note"]!);
        Assert.Equal(verdictThen, (string?)then["progress"]!["verdict"]);
        Assert.Contains(reasonThen, (string)then["progress"]!["reasoning"]!);
        Assert.Equal(verdictNow, (string?)now["progress"]!["verdict"]);
        Assert.Contains(reasonNow, (string)now["progress"]!["reasoning"]!);
        // Where the plan printed a falling arrow and the data agree, the computed direction is the same.
        if (published.StartsWith('↓')) Assert.Equal("DECREASING", (string?)now["progress"]!["direction"]);
    }

    [Fact]
    public async Task Lothian_and_Borders_reconviction_KPIs_are_not_computed_from_figures_that_cannot_be_added_up()
    {
        var kpis = (await api.CreateClient().QueryAsync(LothianAndBordersQuery, new { asOf = (string?)null }))["data"]!["plan"]!["kpis"]!.AsArray();
        foreach (var number in new[] { "2", "3", "7" })
        {
            var kpi = kpis.Single(k => (string?)k!["number"] == number)!;
            // "5% below the national average" is stored as per cent, the reading under which two of the three published verdicts hold.
            Assert.Equal("PER_CENT", (string?)kpi["target"]!["differenceUnit"]);
            var figures = kpi["progress"]!["figures"]!.AsArray();
            Assert.NotEmpty(figures);
            // Every period of the five councils together is marked not available, with why; none is a zero.
            Assert.All(figures, f => Assert.Equal("NOT_AVAILABLE", (string?)f!["status"]));
            Assert.Contains(figures, f => ((string)f!["note"]!).Contains("a percentage needs every area's count and base", StringComparison.Ordinal));
            Assert.Null(kpi["progress"]!["current"]!["value"]);
        }
    }
}
