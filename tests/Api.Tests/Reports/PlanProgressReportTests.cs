using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CommunityJustice.Analytics.Api.Tests.Access;
using CommunityJustice.Analytics.Api.Tests.GraphQL.Plans;
using CommunityJustice.Analytics.Api.Tests.Ide;
using CommunityJustice.Analytics.Model.Access;
using Microsoft.Playwright;

namespace CommunityJustice.Analytics.Api.Tests.Reports;

/// <summary>
/// The annual plan progress report (GET /reports/plan-progress) for the seed plans on every bundled
/// dataset, opened in real headless Chromium against the API on a real port, and printed to PDF.
/// </summary>
public sealed class PlanProgressReportTests(IdeServerFixture server) : IClassFixture<IdeServerFixture>, IAsyncLifetime
{
    private const string MidlothianReport = "/reports/plan-progress?partnership=Midlothian&period=2023-28&year=2024";

    public async Task InitializeAsync() => await SeedPlans.LoadAllAsync(server);

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The plan as the report's own query answers it, to compare the page with.</summary>
    private async Task<JsonNode> PlanAsync(string? asOf)
    {
        var reply = await AccessTestSupport.PostAsync(server.CreateClient(), new
        {
            query = """query($asOf: Date) { plan(partnership: "midlothian", period: "2023-28", asPublishedOn: $asOf) { title kpis { number progress { verdictText } } actions { number } overdueActions { number } } }""",
            variables = new { asOf },
        });
        Assert.True(reply.Body?["errors"] is null, reply.Text);
        return reply.Body!["data"]!["plan"]!;
    }

    [Fact]
    public async Task The_Midlothian_report_shows_the_plan_every_KPI_its_verdict_and_action_statuses_and_prints_to_PDF()
    {
        var plan = await PlanAsync("2025-03-31");
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = await chromium.PageAsync();
        var response = await page.GotoAsync(new Uri(server.BaseAddress, MidlothianReport).ToString());
        Assert.Equal(200, response!.Status);

        var text = await page.InnerTextAsync("body");
        Assert.Contains((string)plan["title"]!, text);
        Assert.Contains("Midlothian Community Safety and Justice Partnership", text);
        // Plan year 2024 of a plan starting 1 April: reported as at 31 March 2025.
        Assert.Contains("as at 31 March 2025", text);

        // One row per KPI, in plan order, each with the verdict the API computes for it.
        var rows = page.Locator("tr.kpi");
        var kpis = plan["kpis"]!.AsArray();
        Assert.Equal(kpis.Count, await rows.CountAsync());
        for (var i = 0; i < kpis.Count; i++)
        {
            var row = rows.Nth(i);
            Assert.Equal((string)kpis[i]!["number"]!, (await row.Locator("td.number").InnerTextAsync()).Trim());
            Assert.Contains((string)kpis[i]!["progress"]!["verdictText"]!, await row.InnerTextAsync());
        }
        Assert.Contains("Not yet measurable", text);

        // Actions grouped by status: the published plan records none, and the ones due "by 2024" are marked overdue.
        Assert.Contains($"No status recorded ({plan["actions"]!.AsArray().Count})", text);
        var overdue = plan["overdueActions"]!.AsArray().Select(a => (string)a!["number"]!).ToList();
        Assert.NotEmpty(overdue);
        var overdueRows = page.Locator("tr.overdue");
        Assert.Equal(overdue.Count, await overdueRows.CountAsync());
        foreach (var number in overdue)
            Assert.Contains("OVERDUE", await page.Locator($"tr[data-action='{number}']").InnerTextAsync());

        // Charts are inline SVG (nothing fetched from elsewhere).
        Assert.True(await page.Locator("svg[role=img]").CountAsync() >= 2);

        var pdf = await page.PdfAsync(new PagePdfOptions { PrintBackground = true });
        Assert.True(pdf.Length > 20_000, $"PDF is {pdf.Length} bytes");
        Assert.Equal("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5));
        // The print stylesheet lays the 25 KPIs and 46 actions over several A4 landscape pages.
        var pages = System.Text.RegularExpressions.Regex.Matches(Encoding.Latin1.GetString(pdf), @"/Type\s*/Page[^s]").Count;
        Assert.True(pages >= 3, $"{pages} pages");
    }

    [Fact]
    public async Task A_status_recorded_over_the_API_shows_in_the_report_from_the_date_it_was_recorded()
    {
        var key = await AccessTestSupport.CreateKeyAsync(server.ConnectionString, AccessTestSupport.Midlothian, [ApiScopes.PlansWrite]);
        var reply = await AccessTestSupport.PostAsync(server.CreateClient(), new
        {
            query = """mutation { recordActionStatus(partnership: "midlothian", period: "2023-28", action: "6a", status: COMPLETE, date: "2024-11-15", note: "Service map <b>agreed</b>") { status } }""",
        }, key);
        Assert.True(reply.Body?["errors"] is null, reply.Text);

        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = await chromium.PageAsync();
        await page.GotoAsync(new Uri(server.BaseAddress, "/reports/plan-progress?partnership=midlothian&period=2023-28").ToString());
        var action = page.Locator("tr[data-action='6a']");
        var now = await action.InnerTextAsync();
        Assert.Contains("Complete", now);
        Assert.DoesNotContain("OVERDUE", now);
        // The note is shown as text, not markup.
        Assert.Contains("Service map <b>agreed</b>", now);
        Assert.Equal(0, await action.Locator("b").CountAsync());

        // The report for plan year 2024 reads statuses recorded by 31 March 2025; this one was recorded later.
        await page.GotoAsync(new Uri(server.BaseAddress, MidlothianReport).ToString());
        var then = await page.Locator("tr[data-action='6a']").InnerTextAsync();
        Assert.Contains("No status recorded", then);
        Assert.Contains("OVERDUE", then);
    }

    [Theory]
    [InlineData("?partnership=Nowhere&period=2023-28", HttpStatusCode.NotFound, "No partnership has the code, name or council area 'Nowhere'")]
    [InlineData("?partnership=Midlothian&period=2031-36", HttpStatusCode.NotFound, "has no plan for 2031-36")]
    [InlineData("?partnership=Midlothian", HttpStatusCode.BadRequest, "Name the plan")]
    [InlineData("?partnership=Midlothian&period=2023-28&year=20x4", HttpStatusCode.BadRequest, "year must be a year such as 2024, not '20x4'")]
    [InlineData("?partnership=Midlothian&period=2023-28&year=2031", HttpStatusCode.BadRequest, "year must be one whose plan year starts within it (2023 to 2027), not 2031")]
    [InlineData("?partnership=Midlothian&period=2023-28&asOf=2025-02-30", HttpStatusCode.BadRequest, "asOf must be a date that exists")]
    [InlineData("?partnership=%3Cscript%3Ealert(1)%3C/script%3E&period=2023-28", HttpStatusCode.NotFound, "'<script>alert(1)</script>'")]
    public async Task An_unknown_plan_or_a_bad_parameter_gets_a_clear_refusal(string query, HttpStatusCode status, string message)
    {
        var response = await server.CreateClient().GetAsync("/reports/plan-progress" + query);
        Assert.Equal(status, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>", body);
        Assert.Contains(message, WebUtility.HtmlDecode(body));
    }
}
