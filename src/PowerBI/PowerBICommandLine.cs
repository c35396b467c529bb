using System.CommandLine;

namespace CommunityJustice.Analytics.PowerBI;

/// <summary>
/// powerbi publish | refresh | verify: deploys powerbi/ to a Power BI workspace through the Fabric
/// items API, sets ApiBase and binds credentials (Power BI REST), refreshes and checks figures.
/// </summary>
public static class PowerBICommandLine
{
    private static readonly Option<string> Workspace = new("--workspace") { Description = "Workspace id (GUID)", Required = true };
    private static readonly Option<string> Tenant = new("--tenant") { Description = "Entra ID tenant id or domain; default: POWERBI_TENANT_ID" };
    private static readonly Option<string> ClientId = new("--client-id") { Description = "Application (client) id; default: POWERBI_CLIENT_ID" };
    private static readonly Option<string?> ApiBaseOption = new("--api-base") { Description = "The API's base address for the ApiBase parameter, ending with '/'", Required = true };
    private static readonly Option<string?> ApiKey = new("--api-key") { Description = "Bind Key credentials with this API key instead of Anonymous" };
    private static readonly Option<string> Project = new("--project") { Description = "The Power BI project folder", DefaultValueFactory = _ => "powerbi" };
    private static readonly Option<string> Model = new("--model") { Description = "Semantic model id; default: the one named CommunityJustice" };

    /// <summary>Overridable for tests: the REST endpoints, the token source and the HTTP handler.</summary>
    public static Func<ServiceEndpoints> Endpoints { get; set; } = () => ServiceEndpoints.Public;
    public static Func<string, string, Action<string>, ITokenSource>? Tokens { get; set; }
    public static Func<HttpMessageHandler?> Handler { get; set; } = () => null;

    public static RootCommand Build(TextWriter output, TextWriter error)
    {
        void Log(string message) => output.WriteLine(message);
        Deployment Connect(ParseResult parse, out ServiceApi api)
        {
            var tenant = parse.GetValue(Tenant) ?? Environment.GetEnvironmentVariable("POWERBI_TENANT_ID")
                ?? throw new PowerBIException("--tenant (or POWERBI_TENANT_ID) is required");
            var clientId = parse.GetValue(ClientId) ?? Environment.GetEnvironmentVariable("POWERBI_CLIENT_ID")
                ?? throw new PowerBIException("--client-id (or POWERBI_CLIENT_ID) is required");
            var tokens = Tokens?.Invoke(tenant, clientId, Log)
                ?? new MsalTokenSource(tenant, clientId, Environment.GetEnvironmentVariable("POWERBI_CLIENT_SECRET"), Log);
            api = new ServiceApi(Endpoints(), tokens, Log, Handler());
            return new Deployment(api, parse.GetValue(Workspace)!, Log);
        }
        async Task<string> ModelIdAsync(ParseResult parse, ServiceApi api, CancellationToken ct)
        {
            if (parse.GetValue(Model) is { } id) return id;
            var items = await api.JsonAsync(HttpMethod.Get, api.Fabric($"workspaces/{parse.GetValue(Workspace)}/items?type=SemanticModel"), null, $"list the models in workspace {parse.GetValue(Workspace)}", ct);
            return items?["value"]?.AsArray().FirstOrDefault(i => i?["displayName"]?.GetValue<string>() == Deployment.ModelName)?["id"]?.GetValue<string>()
                ?? throw new PowerBIException($"no semantic model named {Deployment.ModelName} in the workspace: run publish first");
        }
        Command WithAction(Command command, Func<ParseResult, CancellationToken, Task<int>> body)
        {
            command.SetAction(async (parse, ct) =>
            {
                try { return await body(parse, ct); }
                catch (PowerBIException e) { error.WriteLine(e.Message); return 1; }
                catch (HttpRequestException e) { error.WriteLine($"Could not reach the service: {e.Message}"); return 1; }
            });
            return command;
        }

        var publish = WithAction(new Command("publish", "Create or update the semantic model and report in the workspace, set ApiBase, bind credentials")
            { Workspace, Tenant, ClientId, ApiBaseOption, ApiKey, Project }, async (parse, ct) =>
        {
            Deployment.ValidateApiBase(parse.GetValue(ApiBaseOption)!);
            var deployment = Connect(parse, out _);
            var (modelId, reportId) = await deployment.PublishAsync(parse.GetValue(Project)!, ct);
            await deployment.SetApiBaseAsync(modelId, parse.GetValue(ApiBaseOption)!, ct);
            await deployment.BindCredentialsAsync(modelId, parse.GetValue(ApiKey), ct);
            Log($"published: semantic model {modelId}, report {reportId}");
            return 0;
        });
        var refresh = WithAction(new Command("refresh", "Refresh the semantic model and wait for the result") { Workspace, Tenant, ClientId, Model }, async (parse, ct) =>
        {
            var deployment = Connect(parse, out var api);
            await deployment.RefreshAsync(await ModelIdAsync(parse, api, ct), ct);
            Log("refresh completed");
            return 0;
        });
        var verify = WithAction(new Command("verify", "Compare figures from the published model (DAX executeQueries) with the API's") { Workspace, Tenant, ClientId, Model, ApiBaseOption }, async (parse, ct) =>
        {
            var deployment = Connect(parse, out var api);
            using var apiClient = new HttpClient(Handler() ?? new SocketsHttpHandler(), disposeHandler: false);
            var mismatches = await deployment.VerifyAsync(await ModelIdAsync(parse, api, ct), new Uri(parse.GetValue(ApiBaseOption)!), apiClient, ct);
            if (mismatches.Count > 0) { error.WriteLine("The published model disagrees with the API:\n" + string.Join("\n", mismatches)); return 1; }
            Log("verified: the published model's figures match the API's");
            return 0;
        });
        return new RootCommand("Publishes, refreshes and verifies the CommunityJustice Power BI report (powerbi/).") { publish, refresh, verify };
    }
}
