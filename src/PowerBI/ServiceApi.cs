using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace CommunityJustice.Analytics.PowerBI;

/// <summary>A failure the user can act on: wrong tenant, missing permission, workspace not found, failed refresh or operation.</summary>
public sealed class PowerBIException(string message) : Exception(message);

/// <summary>Where the REST APIs are, how long to wait between polls, and how to retry.</summary>
public sealed record ServiceEndpoints(Uri Fabric, Uri PowerBI)
{
    public static ServiceEndpoints Public { get; } = new(new Uri("https://api.fabric.microsoft.com/v1/"), new Uri("https://api.powerbi.com/v1.0/myorg/"));
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(30);
    public int MaxRetries { get; init; } = 6;
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(2);
}

/// <summary>Gets an access token for a resource scope (MSAL in the tool, a fixed token in tests).</summary>
public interface ITokenSource
{
    Task<string> GetTokenAsync(string scope, CancellationToken cancellationToken);
}

/// <summary>
/// HTTP to the Fabric and Power BI REST APIs with a bearer token, through a Polly pipeline from
/// Microsoft.Extensions.Http.Resilience: 429 and transient faults (5xx, 408, network) are retried,
/// waiting the server's Retry-After when it gives one. Errors come back as <see cref="PowerBIException"/>
/// with what to do about them.
/// </summary>
public sealed class ServiceApi
{
    public const string FabricScope = "https://api.fabric.microsoft.com/.default";
    public const string PowerBIScope = "https://analysis.windows.net/powerbi/api/.default";

    private readonly HttpClient _http;
    private readonly ITokenSource _tokens;
    private readonly Action<string> _log;

    public ServiceEndpoints Endpoints { get; }

    public ServiceApi(ServiceEndpoints endpoints, ITokenSource tokens, Action<string> log, HttpMessageHandler? inner = null)
    {
        Endpoints = endpoints;
        _tokens = tokens;
        _log = log;
        var retry = new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = endpoints.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            Delay = endpoints.RetryBaseDelay,
            ShouldRetryAfterHeader = true,
            OnRetry = args =>
            {
                var why = args.Outcome.Exception?.Message ?? $"HTTP {(int)args.Outcome.Result!.StatusCode}";
                _log($"retrying after {why} (attempt {args.AttemptNumber + 1}, waiting {args.RetryDelay.TotalSeconds:0.#} s)");
                return ValueTask.CompletedTask;
            },
        };
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>().AddRetry(retry).Build();
#pragma warning disable EXTEXP0001 // ResilienceHandler over a hand-built pipeline (no DI container in a console tool)
        var handler = new ResilienceHandler(pipeline) { InnerHandler = inner ?? new SocketsHttpHandler() };
#pragma warning restore EXTEXP0001
        _http = new HttpClient(handler) { Timeout = TimeSpan.FromMinutes(5) };
    }

    public Uri Fabric(string relative) => new(Endpoints.Fabric, relative);
    public Uri PowerBI(string relative) => new(Endpoints.PowerBI, relative);

    /// <summary>Sends a request with a token for the URI's API and returns the response; throws <see cref="PowerBIException"/> on an error status.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, object? body, string what, CancellationToken cancellationToken)
    {
        var scope = uri.AbsoluteUri.StartsWith(Endpoints.Fabric.AbsoluteUri, StringComparison.Ordinal) ? FabricScope : PowerBIScope;
        var token = await _tokens.GetTokenAsync(scope, cancellationToken);
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body);
        var response = await _http.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode) return response;
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        response.Dispose();
        throw Explain(response.StatusCode, text, what);
    }

    public async Task<JsonNode?> JsonAsync(HttpMethod method, Uri uri, object? body, string what, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(method, uri, body, what, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    /// <summary>Turns an error response of either API into a message that says what went wrong and what to do.</summary>
    public static PowerBIException Explain(HttpStatusCode status, string body, string what)
    {
        string? code = null, message = null;
        try
        {
            var json = JsonNode.Parse(body);
            code = json?["errorCode"]?.GetValue<string>() ?? json?["error"]?["code"]?.GetValue<string>();
            message = json?["message"]?.GetValue<string>() ?? json?["error"]?["message"]?.GetValue<string>();
        }
        catch (JsonException) { }
        var detail = $"{what}: HTTP {(int)status}{(code is null ? "" : " " + code)}{(message is null ? "" : ": " + message)}";
        return (status, code) switch
        {
            (HttpStatusCode.Unauthorized, _) => new PowerBIException(
                $"{detail}. The token was refused: check --tenant is the tenant the workspace belongs to, and that the app registration exists there."),
            (HttpStatusCode.Forbidden, _) or (_, "InsufficientPrivileges" or "PrincipalTypeNotSupported" or "Unauthorized") => new PowerBIException(
                $"{detail}. Missing permission: the service principal (or user) needs the Contributor role (or higher) on the workspace, and the tenant setting 'Service principals can use Fabric APIs' must allow it."),
            (HttpStatusCode.NotFound, _) when code == "WorkspaceNotFound" || what.Contains("workspace", StringComparison.OrdinalIgnoreCase) => new PowerBIException(
                $"{detail}. Workspace not found: check --workspace is the workspace's id (a GUID from its URL) and that the principal has been added to it."),
            _ => new PowerBIException(detail),
        };
    }

    /// <summary>
    /// Waits for a Fabric long-running operation: polls the Location header's address, honouring
    /// Retry-After, until Succeeded (returns the result when the operation has one) or Failed (throws with its error).
    /// </summary>
    public async Task<JsonNode?> WaitForOperationAsync(HttpResponseMessage accepted, string what, CancellationToken cancellationToken)
    {
        var location = accepted.Headers.Location ?? throw new PowerBIException($"{what}: 202 Accepted without a Location header");
        var delay = accepted.Headers.RetryAfter?.Delta ?? Endpoints.PollInterval;
        var deadline = DateTimeOffset.UtcNow + Endpoints.Timeout;
        while (true)
        {
            await Task.Delay(delay, cancellationToken);
            using var response = await SendAsync(HttpMethod.Get, location, null, $"{what} (operation status)", cancellationToken);
            var state = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var status = state?["status"]?.GetValue<string>();
            _log($"{what}: {status}{(state?["percentComplete"] is { } p ? $" ({p}%)" : "")}");
            switch (status)
            {
                case "Succeeded":
                    var result = response.Headers.Location;
                    return result is null ? null : await JsonAsync(HttpMethod.Get, result, null, $"{what} (operation result)", cancellationToken);
                case "Failed":
                    var error = state?["error"];
                    throw new PowerBIException($"{what} failed: {error?["errorCode"]?.GetValue<string>()}: {error?["message"]?.GetValue<string>()}");
                case "NotStarted" or "Running" or "Undefined":
                    break;
                default:
                    throw new PowerBIException($"{what}: unexpected operation status '{status}'");
            }
            if (DateTimeOffset.UtcNow > deadline) throw new PowerBIException($"{what}: still {status} after {Endpoints.Timeout}");
            delay = response.Headers.RetryAfter?.Delta ?? Endpoints.PollInterval;
        }
    }
}
