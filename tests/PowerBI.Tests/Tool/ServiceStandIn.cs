using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CommunityJustice.Analytics.PowerBI.Tests.Tool;

/// <summary>
/// A loopback (127.0.0.1) stand-in for the documented Fabric items and Power BI REST endpoints the
/// tool calls, with their request and response shapes: items list, create/updateDefinition with
/// 202 + Location + Retry-After long-running operations (operations/{id}, operations/{id}/result),
/// Default.UpdateParameters, datasources, gateway datasource credentials, refreshes (202 + Location,
/// then status), executeQueries. Scenarios: throttling (429 + Retry-After), a transient 503, a failed
/// operation, a failed refresh, an unknown workspace, a token without permission or from another tenant.
/// </summary>
public sealed class ServiceStandIn : IAsyncDisposable
{
    public const string WorkspaceId = "0f6a5a0e-3b4b-4a53-9b8e-4c1de3c3a001";
    private readonly WebApplication _app;
    private int _operationCounter;

    public Uri Fabric => new($"{BaseAddress}fabric/v1/");
    public Uri PowerBI => new($"{BaseAddress}powerbi/v1.0/myorg/");
    public string BaseAddress { get; private set; } = "";

    // Scenario switches.
    public int ThrottleItemsListTimes { get; set; }
    public int FailUpdateParametersTimesWith503 { get; set; }
    public bool FailOperations { get; set; }
    public bool FailRefresh { get; set; }
    public Func<string, decimal?> DaxAnswers { get; set; } = _ => null;

    // What the tool did.
    public ConcurrentQueue<string> Requests { get; } = new();
    public ConcurrentDictionary<string, JsonObject> Items { get; } = new();
    public ConcurrentDictionary<string, List<JsonNode>> Definitions { get; } = new();
    public string? ApiBase { get; private set; }
    public string? CredentialType { get; private set; }
    public int UpdateDefinitionCalls;

    private readonly ConcurrentDictionary<string, (int Polls, JsonObject? Result, bool Fail)> _operations = new();
    private readonly ConcurrentDictionary<string, int> _refreshes = new();

    private ServiceStandIn(WebApplication app) => _app = app;

    public static async Task<ServiceStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new ServiceStandIn(app);
        standIn.Map();
        await app.StartAsync();
        standIn.BaseAddress = app.Urls.Single().TrimEnd('/') + "/";
        return standIn;
    }

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new { requestId = Guid.NewGuid().ToString(), errorCode = code, message }, statusCode: status);

    /// <summary>The bearer token decides who is calling: "ok", "no-permission" or "other-tenant".</summary>
    private IResult? Authorize(HttpContext context, string workspace)
    {
        Requests.Enqueue($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}");
        var auth = context.Request.Headers.Authorization.ToString();
        if (!auth.StartsWith("Bearer ", StringComparison.Ordinal)) return Error(401, "Unauthorized", "Missing bearer token");
        var token = auth["Bearer ".Length..];
        if (token == "other-tenant") return Error(401, "TokenNotValidForTenant", "The token was issued for a different tenant");
        if (workspace != WorkspaceId) return Error(404, "WorkspaceNotFound", "The requested workspace was not found");
        if (token == "no-permission") return Error(403, "InsufficientPrivileges", "The caller does not have sufficient permissions on the workspace");
        return null;
    }

    private IResult Accepted(HttpContext context, JsonObject? result)
    {
        var id = $"op-{Interlocked.Increment(ref _operationCounter)}";
        _operations[id] = (0, result, FailOperations);
        context.Response.Headers.Location = $"{Fabric}operations/{id}";
        context.Response.Headers.RetryAfter = "0";
        context.Response.Headers["x-ms-operation-id"] = id;
        return Results.StatusCode(202);
    }

    private static string? Part(JsonNode body, string path)
    {
        var part = body["definition"]?["parts"]?.AsArray().FirstOrDefault(p => p?["path"]?.GetValue<string>() == path);
        if (part is null) return null;
        if (part["payloadType"]?.GetValue<string>() != "InlineBase64") throw new InvalidOperationException("payloadType must be InlineBase64");
        return Encoding.UTF8.GetString(Convert.FromBase64String(part["payload"]!.GetValue<string>()));
    }

    private void Map()
    {
        _app.MapGet("/fabric/v1/workspaces/{ws}/items", (HttpContext c, string ws, string? type) =>
        {
            if (Authorize(c, ws) is { } denied) return denied;
            if (ThrottleItemsListTimes > 0)
            {
                ThrottleItemsListTimes--;
                c.Response.Headers.RetryAfter = "1";
                return Error(429, "RequestBlocked", "Request is blocked by the upstream service until: throttled");
            }
            var items = Items.Values.Where(i => type is null || i["type"]!.GetValue<string>() == type).Select(i => i.DeepClone()).ToArray();
            return Results.Json(new JsonObject { ["value"] = new JsonArray(items) });
        });

        foreach (var (collection, type, required) in new[] { ("semanticModels", "SemanticModel", "definition.pbism"), ("reports", "Report", "definition.pbir") })
        {
            _app.MapPost($"/fabric/v1/workspaces/{{ws}}/{collection}", async (HttpContext c, string ws) =>
            {
                if (Authorize(c, ws) is { } denied) return denied;
                var body = (await JsonNode.ParseAsync(c.Request.Body))!;
                if (body["displayName"] is null || Part(body, required) is null) return Error(400, "InvalidDefinition", $"{required} is required");
                if (type == "Report")
                {
                    var pbir = JsonNode.Parse(Part(body, "definition.pbir")!)!;
                    var connection = pbir["datasetReference"]?["byConnection"]?["connectionString"]?.GetValue<string>() ?? "";
                    if (!Items.Keys.Any(id => connection.Contains($"semanticmodelid={id}", StringComparison.Ordinal)))
                        return Error(400, "InvalidDefinition", "definition.pbir must reference an existing semantic model byConnection");
                }
                var item = new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["type"] = type, ["displayName"] = body["displayName"]!.GetValue<string>(), ["workspaceId"] = ws };
                Definitions[item["id"]!.GetValue<string>()] = [body["definition"]!.DeepClone()];
                if (type == "Report") { Items[item["id"]!.GetValue<string>()] = item; return Results.Json(item, statusCode: 201); }
                return Accepted(c, item);
            });
            _app.MapPost($"/fabric/v1/workspaces/{{ws}}/{collection}/{{id}}/updateDefinition", async (HttpContext c, string ws, string id) =>
            {
                if (Authorize(c, ws) is { } denied) return denied;
                if (!Items.ContainsKey(id)) return Error(404, "ItemNotFound", "The requested item was not found");
                var body = (await JsonNode.ParseAsync(c.Request.Body))!;
                if (Part(body, required) is null) return Error(400, "InvalidDefinition", $"{required} is required");
                Interlocked.Increment(ref UpdateDefinitionCalls);
                Definitions[id].Add(body["definition"]!.DeepClone());
                return type == "Report" ? Results.Ok() : Accepted(c, null);
            });
        }

        _app.MapGet("/fabric/v1/operations/{id}", (HttpContext c, string id) =>
        {
            if (Authorize(c, WorkspaceId) is { } denied) return denied;
            var (polls, result, fail) = _operations[id];
            _operations[id] = (polls + 1, result, fail);
            c.Response.Headers.RetryAfter = "0";
            if (polls == 0) return Results.Json(new { status = "Running", createdTimeUtc = DateTime.UtcNow, lastUpdatedTimeUtc = DateTime.UtcNow, percentComplete = 50, error = (object?)null });
            if (fail) return Results.Json(new { status = "Failed", percentComplete = 100, error = new { errorCode = "InvalidDefinition", message = "The definition part 'definition/tables/Figures.tmdl' could not be deserialized" } });
            if (result is not null)
            {
                Items[result["id"]!.GetValue<string>()] = result;
                c.Response.Headers.Location = $"{Fabric}operations/{id}/result";
            }
            return Results.Json(new { status = "Succeeded", percentComplete = 100, error = (object?)null });
        });
        _app.MapGet("/fabric/v1/operations/{id}/result", (HttpContext c, string id) =>
            Authorize(c, WorkspaceId) ?? Results.Json(_operations[id].Result));

        const string dataset = "/powerbi/v1.0/myorg/groups/{ws}/datasets/{id}";
        _app.MapPost(dataset + "/Default.UpdateParameters", async (HttpContext c, string ws, string id) =>
        {
            if (Authorize(c, ws) is { } denied) return denied;
            if (FailUpdateParametersTimesWith503 > 0) { FailUpdateParametersTimesWith503--; return Results.StatusCode(503); }
            var body = (await JsonNode.ParseAsync(c.Request.Body))!;
            var detail = body["updateDetails"]?.AsArray().SingleOrDefault(d => d?["name"]?.GetValue<string>() == "ApiBase");
            if (detail is null) return Error(400, "InvalidRequest", "updateDetails must name the ApiBase parameter");
            ApiBase = detail["newValue"]!.GetValue<string>();
            return Results.Ok();
        });
        _app.MapGet(dataset + "/datasources", (HttpContext c, string ws, string id) =>
            Authorize(c, ws) ?? Results.Json(new { value = new[] { new { datasourceType = "Web", connectionDetails = new { url = ApiBase }, datasourceId = "5f1c6a7e-ds", gatewayId = "8d2e6b1a-gw" } } }));
        _app.MapMethods("/powerbi/v1.0/myorg/gateways/{gw}/datasources/{ds}", ["PATCH"], async (HttpContext c, string gw, string ds) =>
        {
            if (Authorize(c, WorkspaceId) is { } denied) return denied;
            var body = (await JsonNode.ParseAsync(c.Request.Body))!;
            var details = body["credentialDetails"];
            var type = details?["credentialType"]?.GetValue<string>();
            if (type is not ("Anonymous" or "Key") || details?["credentials"] is null || details["privacyLevel"] is null) return Error(400, "InvalidRequest", "credentialDetails incomplete");
            JsonNode.Parse(details["credentials"]!.GetValue<string>()); // a JSON string, as documented
            CredentialType = type;
            return Results.Ok();
        });
        _app.MapPost(dataset + "/refreshes", (HttpContext c, string ws, string id) =>
        {
            if (Authorize(c, ws) is { } denied) return denied;
            var refreshId = Guid.NewGuid().ToString();
            _refreshes[refreshId] = 0;
            c.Response.Headers.Location = $"{PowerBI}groups/{ws}/datasets/{id}/refreshes/{refreshId}";
            c.Response.Headers["RequestId"] = refreshId;
            return Results.StatusCode(202);
        });
        _app.MapGet(dataset + "/refreshes/{refreshId}", (HttpContext c, string ws, string id, string refreshId) =>
        {
            if (Authorize(c, ws) is { } denied) return denied;
            var polls = _refreshes[refreshId]++;
            if (polls == 0) return Results.Json(new { requestId = refreshId, status = "Unknown", extendedStatus = "InProgress" });
            if (FailRefresh)
                return Results.Json(new
                {
                    requestId = refreshId, status = "Failed", extendedStatus = "Failed",
                    messages = new[] { new { message = "Web.Contents failed to get contents from 'https://cja.example/graphql' (404): Not Found", type = "Error" } },
                    serviceExceptionJson = "{\"errorCode\":\"ModelRefresh_ShortMessage_ProcessingError\"}"
                });
            return Results.Json(new { requestId = refreshId, status = "Completed", extendedStatus = "Completed" });
        });
        _app.MapPost(dataset + "/executeQueries", async (HttpContext c, string ws, string id) =>
        {
            if (Authorize(c, ws) is { } denied) return denied;
            var body = (await JsonNode.ParseAsync(c.Request.Body))!;
            var dax = body["queries"]![0]!["query"]!.GetValue<string>();
            return Results.Json(new { results = new[] { new { tables = new[] { new { rows = new[] { new Dictionary<string, decimal?> { ["[v]"] = DaxAnswers(dax) } } } } } } });
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
