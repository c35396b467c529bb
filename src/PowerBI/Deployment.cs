using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CommunityJustice.Analytics.PowerBI;

/// <summary>One definition part as the Fabric items API takes it: a path in the item folder and its content in base64.</summary>
public sealed record DefinitionPart(string Path, string Payload)
{
    public object ToJson() => new { path = Path, payload = Payload, payloadType = "InlineBase64" };
    public string Text => Encoding.UTF8.GetString(Convert.FromBase64String(Payload));
}

/// <summary>Publishes, refreshes and verifies the report's semantic model and report in a workspace.</summary>
public sealed class Deployment(ServiceApi api, string workspaceId, Action<string> log)
{
    public const string ModelName = "CommunityJustice";

    /// <summary>The definition parts of an item folder (X.SemanticModel or X.Report): every file except .pbi/ local settings and the cache.</summary>
    public static List<DefinitionPart> Parts(string itemFolder) =>
        Directory.GetFiles(itemFolder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(itemFolder, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(p => !p.StartsWith(".pbi/", StringComparison.Ordinal) && p != ".platform")
            .Order(StringComparer.Ordinal)
            .Select(p => new DefinitionPart(p, Convert.ToBase64String(File.ReadAllBytes(Path.Combine(itemFolder, p)))))
            .ToList();

    /// <summary>The report's definition.pbir pointed at the published model (the service takes byConnection, not the project's relative byPath).</summary>
    public static DefinitionPart ReportBinding(string semanticModelId) => new("definition.pbir", Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["$schema"] = "https://developer.microsoft.com/json-schemas/fabric/item/report/definitionProperties/2.0.0/schema.json",
        ["version"] = "4.0",
        ["datasetReference"] = new { byConnection = new { connectionString = $"semanticmodelid={semanticModelId}" } },
    }))));

    private async Task<string?> FindAsync(string type, string displayName, CancellationToken ct)
    {
        var items = await api.JsonAsync(HttpMethod.Get, api.Fabric($"workspaces/{workspaceId}/items?type={type}"), null, $"list {type} items in workspace {workspaceId}", ct);
        return items?["value"]?.AsArray().FirstOrDefault(i => i?["displayName"]?.GetValue<string>() == displayName)?["id"]?.GetValue<string>();
    }

    /// <summary>Creates the item, or updates its definition when one of that name exists; waits for the long-running operation.</summary>
    private async Task<string> CreateOrUpdateAsync(string type, string collection, List<DefinitionPart> parts, CancellationToken ct)
    {
        var definition = new { parts = parts.Select(p => p.ToJson()).ToArray() };
        var id = await FindAsync(type, ModelName, ct);
        if (id is null)
        {
            log($"creating {type} {ModelName}");
            using var created = await api.SendAsync(HttpMethod.Post, api.Fabric($"workspaces/{workspaceId}/{collection}"),
                new { displayName = ModelName, description = "CommunityJustice.Analytics: the JSNSA author's report over the GraphQL API", definition }, $"create {type}", ct);
            var item = created.StatusCode == System.Net.HttpStatusCode.Accepted
                ? await api.WaitForOperationAsync(created, $"create {type}", ct)
                : JsonNode.Parse(await created.Content.ReadAsStringAsync(ct));
            return item?["id"]?.GetValue<string>() ?? await FindAsync(type, ModelName, ct) ?? throw new PowerBIException($"create {type}: no id in the result");
        }
        log($"updating {type} {ModelName} ({id})");
        using var updated = await api.SendAsync(HttpMethod.Post, api.Fabric($"workspaces/{workspaceId}/{collection}/{id}/updateDefinition"), new { definition }, $"update {type}", ct);
        if (updated.StatusCode == System.Net.HttpStatusCode.Accepted) await api.WaitForOperationAsync(updated, $"update {type}", ct);
        return id;
    }

    /// <summary>Deploys the model and the report; returns their ids.</summary>
    public async Task<(string ModelId, string ReportId)> PublishAsync(string projectFolder, CancellationToken ct)
    {
        var modelParts = Parts(Path.Combine(projectFolder, "CommunityJustice.SemanticModel"));
        var modelId = await CreateOrUpdateAsync("SemanticModel", "semanticModels", modelParts, ct);
        var reportParts = Parts(Path.Combine(projectFolder, "CommunityJustice.Report")).Where(p => p.Path != "definition.pbir").Append(ReportBinding(modelId)).ToList();
        var reportId = await CreateOrUpdateAsync("Report", "reports", reportParts, ct);
        return (modelId, reportId);
    }

    /// <summary>Refuses an ApiBase the M could not use: it must be an absolute http(s) address ending with '/' (the M adds "graphql").</summary>
    public static void ValidateApiBase(string apiBase)
    {
        if (!Uri.TryCreate(apiBase, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !apiBase.EndsWith('/'))
            throw new PowerBIException($"--api-base must be an absolute http(s) address ending with '/', e.g. https://cja.example.org/ (got '{apiBase}')");
    }

    /// <summary>Sets the ApiBase parameter (Power BI REST Default.UpdateParameters).</summary>
    public async Task SetApiBaseAsync(string modelId, string apiBase, CancellationToken ct)
    {
        ValidateApiBase(apiBase);
        log($"setting ApiBase = {apiBase}");
        using var _ = await api.SendAsync(HttpMethod.Post, api.PowerBI($"groups/{workspaceId}/datasets/{modelId}/Default.UpdateParameters"),
            new { updateDetails = new[] { new { name = "ApiBase", newValue = apiBase } } }, "set the ApiBase parameter", ct);
    }

    /// <summary>Binds credentials to the model's Web data source: anonymous, or an API key sent as the named header.</summary>
    public async Task BindCredentialsAsync(string modelId, string? apiKey, CancellationToken ct)
    {
        var sources = await api.JsonAsync(HttpMethod.Get, api.PowerBI($"groups/{workspaceId}/datasets/{modelId}/datasources"), null, "list the model's data sources", ct);
        var web = sources?["value"]?.AsArray().Where(s => s?["datasourceType"]?.GetValue<string>() == "Web").ToList() ?? [];
        if (web.Count == 0) throw new PowerBIException("the published model has no Web data source to bind: was it published from this project?");
        foreach (var source in web)
        {
            var credentials = apiKey is null
                ? new { credentialType = "Anonymous", credentials = JsonSerializer.Serialize(new { credentialData = "" }) }
                : new { credentialType = "Key", credentials = JsonSerializer.Serialize(new { credentialData = new[] { new { name = "key", value = apiKey } } }) };
            log($"binding {credentials.credentialType} credentials to {source!["connectionDetails"]?["url"]}");
            using var _ = await api.SendAsync(HttpMethod.Patch, api.PowerBI($"gateways/{source["gatewayId"]}/datasources/{source["datasourceId"]}"),
                new { credentialDetails = new { credentials.credentialType, credentials.credentials, encryptedConnection = "Encrypted", encryptionAlgorithm = "None", privacyLevel = "Public" } },
                "bind data source credentials", ct);
        }
    }

    /// <summary>Triggers a refresh and waits for it: returns when it completes, throws with the service's message when it fails.</summary>
    public async Task RefreshAsync(string modelId, CancellationToken ct)
    {
        using var accepted = await api.SendAsync(HttpMethod.Post, api.PowerBI($"groups/{workspaceId}/datasets/{modelId}/refreshes"),
            new { notifyOption = "NoNotification", type = "full", retryCount = 1 }, "start a refresh", ct);
        var refreshId = accepted.Headers.Location?.Segments.LastOrDefault()?.Trim('/')
            ?? (accepted.Headers.TryGetValues("RequestId", out var ids) ? ids.First() : null)
            ?? throw new PowerBIException("start a refresh: the service returned no refresh id (Location or RequestId header)");
        log($"refresh {refreshId} started");
        var deadline = DateTimeOffset.UtcNow + api.Endpoints.Timeout;
        while (true)
        {
            await Task.Delay(api.Endpoints.PollInterval, ct);
            var state = await api.JsonAsync(HttpMethod.Get, api.PowerBI($"groups/{workspaceId}/datasets/{modelId}/refreshes/{refreshId}"), null, "refresh status", ct);
            var status = state?["status"]?.GetValue<string>();
            log($"refresh {refreshId}: {status}");
            switch (status)
            {
                case "Completed": return;
                case "Failed" or "Cancelled" or "Disabled":
                    var messages = state?["messages"]?.AsArray().Select(m => m?["message"]?.GetValue<string>()).OfType<string>().ToList() ?? [];
                    var exception = state?["serviceExceptionJson"]?.GetValue<string>();
                    throw new PowerBIException($"refresh {refreshId} {status}: {string.Join("; ", messages.Append(exception).OfType<string>())}");
            }
            if (DateTimeOffset.UtcNow > deadline) throw new PowerBIException($"refresh {refreshId}: still {status} after {api.Endpoints.Timeout}");
        }
    }

    /// <summary>One figure to compare: a DAX measure for a cell, and the same figure from the API.</summary>
    public sealed record Check(string Description, string Dax, string GraphQL, Func<JsonNode, decimal?> FromApi);

    /// <summary>The checks verify runs: Midlothian 2017-18 reconviction, all persons / female / male, and Scotland.</summary>
    public static List<Check> ReferenceChecks()
    {
        const string cell = "Indicator[IndicatorCode] = \"reconviction-rate\", Area[AreaCode] = \"S12000019\", Period[PeriodLabel] = \"2017-18\", AgeBand[AgeBandCode] = \"all\"";
        const string gql = "{ genderBreakdown(indicator: \"reconviction-rate\", area: \"S12000019\", period: \"2017-18\") { allPersons { value } female { value } male { value } } compare(indicator: \"reconviction-rate\", area: \"S12000019\", period: \"2017-18\") { scotland { value } } }";
        return
        [
            new("Midlothian 2017-18 reconviction, all persons", $"EVALUATE ROW(\"v\", CALCULATE([Value], {cell}, Sex[Sex] = \"ALL\"))", gql, d => d["genderBreakdown"]?["allPersons"]?["value"]?.GetValue<decimal>()),
            new("Midlothian 2017-18 reconviction, female", $"EVALUATE ROW(\"v\", CALCULATE([Female value], {cell}))", gql, d => d["genderBreakdown"]?["female"]?["value"]?.GetValue<decimal>()),
            new("Midlothian 2017-18 reconviction, male", $"EVALUATE ROW(\"v\", CALCULATE([Male value], {cell}))", gql, d => d["genderBreakdown"]?["male"]?["value"]?.GetValue<decimal>()),
            new("Scotland 2017-18 reconviction", $"EVALUATE ROW(\"v\", CALCULATE([Scotland value], {cell}, Sex[Sex] = \"ALL\"))", gql, d => d["compare"]?["scotland"]?["value"]?.GetValue<decimal>()),
        ];
    }

    /// <summary>Runs each check's DAX against the published model (executeQueries) and its query against the API; returns the mismatches.</summary>
    public async Task<List<string>> VerifyAsync(string modelId, Uri apiBase, HttpClient apiClient, CancellationToken ct)
    {
        var mismatches = new List<string>();
        foreach (var check in ReferenceChecks())
        {
            var result = await api.JsonAsync(HttpMethod.Post, api.PowerBI($"groups/{workspaceId}/datasets/{modelId}/executeQueries"),
                new { queries = new[] { new { query = check.Dax } }, serializerSettings = new { includeNulls = true } }, $"executeQueries ({check.Description})", ct);
            var row = result?["results"]?[0]?["tables"]?[0]?["rows"]?[0];
            var modelValue = row?["[v]"]?.GetValue<decimal>();
            using var response = await apiClient.PostAsJsonAsync(new Uri(apiBase, "graphql"), new { query = check.GraphQL }, ct);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct));
            if (!response.IsSuccessStatusCode || body?["errors"] is not null || body?["data"] is null)
                throw new PowerBIException($"verify: the API at {apiBase} answered HTTP {(int)response.StatusCode}: {body?["errors"]?.ToJsonString()}");
            var apiValue = check.FromApi(body["data"]!);
            var same = modelValue is not null && apiValue is not null && Math.Abs(modelValue.Value - apiValue.Value) < 0.0001m;
            log($"{check.Description}: model {modelValue?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "blank"}, API {apiValue?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}{(same ? "" : "  MISMATCH")}");
            if (!same) mismatches.Add($"{check.Description}: model {modelValue}, API {apiValue}");
        }
        return mismatches;
    }
}
