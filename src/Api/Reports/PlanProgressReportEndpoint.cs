using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using CommunityJustice.Analytics.Api.GraphQL;
using CommunityJustice.Analytics.Api.GraphQL.Errors;
using CommunityJustice.Analytics.Api.GraphQL.Limits;
using CommunityJustice.Analytics.Api.GraphQL.Options;
using GraphQL;

namespace CommunityJustice.Analytics.Api.Reports;

/// <summary>
/// GET /reports/plan-progress?partnership=Midlothian&amp;period=2023-28[&amp;year=2024|&amp;asOf=2025-03-31]:
/// the annual progress report of a plan as an HTML page (print it to PDF from the browser). It runs
/// <see cref="PlanProgressQuery"/> through the same schema as /graphql, with the caller's access, so the
/// page shows exactly what that query answers.
/// </summary>
public static class PlanProgressReportEndpoint
{
    public const string Path = "/reports/plan-progress";

    public static IEndpointRouteBuilder MapPlanProgressReport(this IEndpointRouteBuilder endpoints)
    {
        var route = endpoints.MapGet(Path, HandleAsync).WithDisplayName("Plan progress report");
        if (endpoints.ServiceProvider.GetRequiredService<GraphQLHttpOptions>().Admission.Enabled) route.RequireRateLimiting(ClientRateLimits.PolicyName);
        return endpoints;
    }

    private static async Task HandleAsync(HttpContext http)
    {
        var query = http.Request.Query;
        var partnership = query["partnership"].ToString().Trim();
        var period = query["period"].ToString().Trim();
        if (partnership.Length == 0 || period.Length == 0)
        {
            await ErrorAsync(http, StatusCodes.Status400BadRequest, "Name the plan: /reports/plan-progress?partnership=Midlothian&period=2023-28 (optionally &year=2024 for the plan year starting in 2024, or &asOf=2025-03-31).");
            return;
        }
        var yearText = query["year"].ToString();
        var asOfText = query["asOf"].ToString();
        int? year = null;
        DateOnly? asOf = null;
        if (yearText.Length > 0)
        {
            if (!int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y is < 1900 or > 2999)
            {
                await ErrorAsync(http, StatusCodes.Status400BadRequest, $"year must be a year such as 2024, not '{yearText}'.");
                return;
            }
            year = y;
        }
        if (asOfText.Length > 0)
        {
            if (year is not null)
            {
                await ErrorAsync(http, StatusCodes.Status400BadRequest, "Give year or asOf, not both.");
                return;
            }
            if (!DateOnly.TryParseExact(asOfText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                await ErrorAsync(http, StatusCodes.Status400BadRequest, $"asOf must be a date that exists, written YYYY-MM-DD, not '{asOfText}'.");
                return;
            }
            asOf = d;
        }

        string reportingNote;
        if (year is { } reportYear)
        {
            // A plan year runs from the plan's own start day (1 April for most CJOIPs): year=2024 is the
            // plan year that starts in 2024, reported as at its last day.
            var span = await ExecuteAsync(http, "query($p: String!, $q: String!) { plan(partnership: $p, period: $q) { starts ends } }",
                new Inputs(new Dictionary<string, object?> { ["p"] = partnership, ["q"] = period }));
            if (span.Failure is { } spanFailure) { await ErrorAsync(http, spanFailure.Status, spanFailure.Message); return; }
            var starts = DateOnly.ParseExact((string)span.Plan!["starts"]!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var ends = DateOnly.ParseExact((string)span.Plan!["ends"]!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var yearStarts = starts.AddYears(reportYear - starts.Year);
            if (reportYear < starts.Year || yearStarts > ends)
            {
                await ErrorAsync(http, StatusCodes.Status400BadRequest,
                    $"The {period} plan runs from {starts:yyyy-MM-dd} to {ends:yyyy-MM-dd}: year must be one whose plan year starts within it ({starts.Year} to {ends.AddDays(1).AddYears(-1).Year}), not {reportYear}.");
                return;
            }
            asOf = yearStarts.AddYears(1).AddDays(-1);
            reportingNote = $"plan year {yearStarts:d MMMM yyyy} to {asOf:d MMMM yyyy}";
        }
        else reportingNote = asOf is null ? "today" : "the date asked";

        var reportDate = asOf ?? DateOnly.FromDateTime(http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        var result = await ExecuteAsync(http, PlanProgressQuery.Text, new Inputs(new Dictionary<string, object?>
        {
            ["partnership"] = partnership,
            ["period"] = period,
            ["asOf"] = asOf?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }));
        if (result.Failure is { } failure) { await ErrorAsync(http, failure.Status, failure.Message); return; }

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        await http.Response.WriteAsync(PlanProgressReport.Render(result.Plan!, reportDate, reportingNote), http.RequestAborted);
    }

    private sealed record Answer(JsonNode? Plan, (int Status, string Message)? Failure);

    private static async Task<Answer> ExecuteAsync(HttpContext http, string queryText, Inputs variables)
    {
        var services = http.RequestServices;
        var result = await services.GetRequiredService<IDocumentExecuter<AnalyticsSchema>>().ExecuteAsync(new ExecutionOptions
        {
            Query = queryText,
            Variables = variables,
            RequestServices = services,
            User = http.User,
            CancellationToken = http.RequestAborted,
        });
        if (result.Errors is { Count: > 0 } errors)
        {
            var status = errors.Any(e => e is DatabaseUnavailableError) ? StatusCodes.Status503ServiceUnavailable
                : errors.Any(e => e.Code == "UNKNOWN_PLAN") ? StatusCodes.Status404NotFound
                : StatusCodes.Status400BadRequest;
            return new Answer(null, (status, string.Join(" ", errors.Select(e => e.Message))));
        }
        using var buffer = new MemoryStream();
        await services.GetRequiredService<IGraphQLSerializer>().WriteAsync(buffer, result, http.RequestAborted);
        buffer.Position = 0;
        var plan = JsonNode.Parse(buffer)!["data"]!["plan"];
        return new Answer(plan, null);
    }

    private static async Task ErrorAsync(HttpContext http, int status, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/html; charset=utf-8";
        var text = HtmlEncoder.Default.Encode(message);
        await http.Response.WriteAsync(
            $"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Plan progress report: {status}</title></head><body><h1>No report</h1><p class=\"error\">{text}</p></body></html>",
            http.RequestAborted);
    }
}
