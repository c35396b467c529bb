using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CommunityJustice.Analytics.Api.Tests.Support;

/// <summary>Posts GraphQL requests to the in-memory API and returns the response as JSON.</summary>
public sealed class GraphQLClient(HttpClient http)
{
    public HttpClient Http { get; } = http;

    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>POSTs the query and returns the parsed response body; fails unless the status is 200 and there are no errors.</summary>
    public async Task<JsonNode> QueryAsync(string query, object? variables = null)
    {
        var (status, body) = await SendAsync(query, variables);
        Assert.True(status == 200, $"HTTP {status}: {body.ToJsonString()}");
        Assert.True(body["errors"] is null, $"errors: {body["errors"]?.ToJsonString(Pretty)}");
        return body;
    }

    /// <summary>POSTs the query and returns status and parsed body, whatever they are.</summary>
    public async Task<(int Status, JsonNode Body)> SendAsync(string query, object? variables = null, string? operationName = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = operationName is null ? JsonContent.Create(new { query, variables }) : JsonContent.Create(new { query, variables, operationName }),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonNode.Parse(text)!);
    }

    /// <summary>Indented JSON, readable in a snapshot file.</summary>
    public static string Format(JsonNode node) => node.ToJsonString(Pretty);
}
