using System.Text;
using System.Text.Json.Nodes;
using CommunityJustice.Analytics.PowerBI.Tests.Support;
using Microsoft.Identity.Client;

namespace CommunityJustice.Analytics.PowerBI.Tests.Tool;

/// <summary>A fixed bearer token: who the stand-in thinks is calling.</summary>
internal sealed class FixedToken(string token) : ITokenSource
{
    public Task<string> GetTokenAsync(string scope, CancellationToken cancellationToken) => Task.FromResult(token);
}

/// <summary>A token source that fails as Entra ID does for an unknown tenant.</summary>
internal sealed class UnknownTenant : ITokenSource
{
    public Task<string> GetTokenAsync(string scope, CancellationToken cancellationToken) =>
        throw MsalTokenSource.Explain(new MsalServiceException("invalid_request",
            "AADSTS90002: Tenant 'contoso.invalid' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud."));
}

/// <summary>The powerbi tool's publish / refresh commands against the loopback stand-in of the REST APIs.</summary>
[Collection(nameof(PowerBIToolTests))] // the command line's endpoint and token overrides are static
public sealed class PowerBIToolTests : IAsyncLifetime
{
    private ServiceStandIn _service = null!;

    public async Task InitializeAsync() => _service = await ServiceStandIn.StartAsync();

    public async Task DisposeAsync() => await _service.DisposeAsync();

    private async Task<(int Exit, string Output, string Error)> RunAsync(string token, params string[] args) =>
        await RunAsync(new FixedToken(token), args);

    private async Task<(int Exit, string Output, string Error)> RunAsync(ITokenSource tokens, params string[] args)
    {
        Assert.StartsWith("http://127.0.0.1:", _service.BaseAddress);
        PowerBICommandLine.Endpoints = () => new ServiceEndpoints(_service.Fabric, _service.PowerBI)
        {
            PollInterval = TimeSpan.FromMilliseconds(20), RetryBaseDelay = TimeSpan.FromMilliseconds(20), Timeout = TimeSpan.FromSeconds(30),
        };
        PowerBICommandLine.Tokens = (_, _, _) => tokens;
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await PowerBICommandLine.Build(output, error).Parse(args).InvokeAsync();
        return (exit, output.ToString(), error.ToString());
    }

    private static string[] Publish(string workspace = ServiceStandIn.WorkspaceId, params string[] extra) =>
        ["publish", "--workspace", workspace, "--tenant", "contoso.example", "--client-id", "11111111-2222-3333-4444-555555555555",
         "--api-base", "https://cja.example.org/", "--project", PowerBIPaths.Project, .. extra];

    [Fact]
    public async Task Publish_creates_the_model_and_report_sets_ApiBase_and_binds_anonymous_credentials_through_throttling()
    {
        _service.ThrottleItemsListTimes = 1;
        _service.FailUpdateParametersTimesWith503 = 1;
        var (exit, output, error) = await RunAsync("ok", Publish());
        Assert.True(exit == 0, output + error);

        var model = _service.Items.Values.Single(i => i["type"]!.GetValue<string>() == "SemanticModel");
        var report = _service.Items.Values.Single(i => i["type"]!.GetValue<string>() == "Report");
        Assert.Equal("CommunityJustice", model["displayName"]!.GetValue<string>());
        // The model went up as TMDL parts, the ApiBase parameter among them.
        var parts = _service.Definitions[model["id"]!.GetValue<string>()][0]["parts"]!.AsArray();
        var paths = parts.Select(p => p!["path"]!.GetValue<string>()).ToList();
        Assert.Contains("definition.pbism", paths);
        Assert.Contains("definition/tables/Figures.tmdl", paths);
        var expressions = Encoding.UTF8.GetString(Convert.FromBase64String(parts.Single(p => p!["path"]!.GetValue<string>() == "definition/expressions.tmdl")!["payload"]!.GetValue<string>()));
        Assert.Contains("expression ApiBase", expressions);
        // The report is bound to the published model, not the project's relative path.
        var reportParts = _service.Definitions[report["id"]!.GetValue<string>()][0]["parts"]!.AsArray();
        Assert.Contains(reportParts, p => p!["path"]!.GetValue<string>().StartsWith("definition/pages/", StringComparison.Ordinal));
        Assert.Equal("https://cja.example.org/", _service.ApiBase);
        Assert.Equal("Anonymous", _service.CredentialType);
        // 429 with Retry-After and a 503 were retried, and the long-running operation was polled to the end.
        Assert.Contains("retrying after HTTP 429", output);
        Assert.Contains("retrying after HTTP 503", output);
        Assert.Contains("create SemanticModel: Running (50%)", output);
        Assert.Contains("create SemanticModel: Succeeded", output);
        Assert.Equal(2, _service.Requests.Count(r => r.StartsWith("GET /fabric/v1/operations/", StringComparison.Ordinal) && !r.EndsWith("/result", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Publishing_again_updates_the_definitions_and_binds_key_credentials()
    {
        Assert.Equal(0, (await RunAsync("ok", Publish())).Exit);
        var (exit, output, error) = await RunAsync("ok", Publish(extra: ["--api-key", "k-123"]));
        Assert.True(exit == 0, output + error);
        Assert.Equal(2, _service.UpdateDefinitionCalls);
        Assert.Equal(2, _service.Items.Count);
        Assert.Equal("Key", _service.CredentialType);
    }

    [Fact]
    public async Task A_failed_long_running_operation_fails_publish_with_the_services_error()
    {
        _service.FailOperations = true;
        var (exit, _, error) = await RunAsync("ok", Publish());
        Assert.Equal(1, exit);
        Assert.Contains("create SemanticModel failed: InvalidDefinition", error);
        Assert.Empty(_service.Items);
    }

    [Fact]
    public async Task Refresh_waits_for_completion()
    {
        Assert.Equal(0, (await RunAsync("ok", Publish())).Exit);
        var (exit, output, error) = await RunAsync("ok", "refresh", "--workspace", ServiceStandIn.WorkspaceId, "--tenant", "t", "--client-id", "c");
        Assert.True(exit == 0, output + error);
        Assert.Contains(": Unknown", output);
        Assert.Contains("refresh completed", output);
    }

    [Fact]
    public async Task A_failed_refresh_fails_with_the_services_messages()
    {
        Assert.Equal(0, (await RunAsync("ok", Publish())).Exit);
        _service.FailRefresh = true;
        var (exit, _, error) = await RunAsync("ok", "refresh", "--workspace", ServiceStandIn.WorkspaceId, "--tenant", "t", "--client-id", "c");
        Assert.Equal(1, exit);
        Assert.Contains("Failed", error);
        Assert.Contains("Web.Contents failed to get contents", error);
    }

    [Fact]
    public async Task An_unknown_workspace_is_named_as_such()
    {
        var (exit, _, error) = await RunAsync("ok", Publish(workspace: "9e9e9e9e-0000-0000-0000-000000000000"));
        Assert.Equal(1, exit);
        Assert.Contains("Workspace not found", error);
        Assert.Contains("WorkspaceNotFound", error);
    }

    [Fact]
    public async Task Missing_permission_is_explained()
    {
        var (exit, _, error) = await RunAsync("no-permission", Publish());
        Assert.Equal(1, exit);
        Assert.Contains("Missing permission", error);
        Assert.Contains("Contributor", error);
    }

    [Fact]
    public async Task A_wrong_tenant_is_explained_whether_sign_in_or_the_service_refuses_it()
    {
        var (exit, _, error) = await RunAsync(new UnknownTenant(), Publish());
        Assert.Equal(1, exit);
        Assert.Contains("Wrong tenant", error);
        Assert.Empty(_service.Requests);

        (exit, _, error) = await RunAsync("other-tenant", Publish());
        Assert.Equal(1, exit);
        Assert.Contains("check --tenant", error);
    }

    [Fact]
    public async Task A_bad_ApiBase_is_refused_before_it_reaches_the_model()
    {
        var args = Publish();
        args[Array.IndexOf(args, "--api-base") + 1] = "cja.example.org/graphql";
        var (exit, _, error) = await RunAsync("ok", args);
        Assert.Equal(1, exit);
        Assert.Contains("--api-base must be an absolute http(s) address ending with '/'", error);
        Assert.Null(_service.ApiBase);
        Assert.Empty(_service.Requests);
    }
}

[CollectionDefinition(nameof(PowerBIToolTests), DisableParallelization = true)]
public sealed class PowerBIToolCollection;

/// <summary>verify: DAX results from the (stand-in) published model against the real API on the bundled data.</summary>
public sealed class PowerBIVerifyTests(ApiFixture api) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private ServiceStandIn _service = null!;

    public async Task InitializeAsync() => _service = await ServiceStandIn.StartAsync();

    public async Task DisposeAsync() => await _service.DisposeAsync();

    /// <summary>What a correctly refreshed model answers: the API's own figures for the checks' cells.</summary>
    private async Task<Func<string, decimal?>> ModelAnswersFromTheApiAsync(decimal drift)
    {
        using var client = api.CreateClient();
        var answers = new Dictionary<string, decimal?>();
        foreach (var check in Deployment.ReferenceChecks())
        {
            using var response = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(client, "/graphql", new { query = check.GraphQL });
            var value = check.FromApi(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["data"]!);
            answers[check.Dax] = value + drift;
        }
        return dax => answers[dax];
    }

    private Deployment Connect(List<string> log) =>
        new(new ServiceApi(new ServiceEndpoints(_service.Fabric, _service.PowerBI) { PollInterval = TimeSpan.FromMilliseconds(20), RetryBaseDelay = TimeSpan.FromMilliseconds(20) },
            new FixedToken("ok"), log.Add), ServiceStandIn.WorkspaceId, log.Add);

    [Fact]
    public async Task Verify_passes_when_the_model_gives_the_APIs_figures()
    {
        _service.DaxAnswers = await ModelAnswersFromTheApiAsync(0m);
        var log = new List<string>();
        using var client = api.CreateClient();
        var mismatches = await Connect(log).VerifyAsync("model-id", client.BaseAddress!, client, CancellationToken.None);
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches.Concat(log)));
        Assert.Contains(log, l => l.StartsWith("Midlothian 2017-18 reconviction, female: model 20.5, API 20.5", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Verify_reports_a_model_that_disagrees_with_the_API()
    {
        _service.DaxAnswers = await ModelAnswersFromTheApiAsync(0.1m);
        var log = new List<string>();
        using var client = api.CreateClient();
        var mismatches = await Connect(log).VerifyAsync("model-id", client.BaseAddress!, client, CancellationToken.None);
        Assert.Equal(Deployment.ReferenceChecks().Count, mismatches.Count);
    }
}
