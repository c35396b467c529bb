using System.Net.Http.Headers;
using CommunityJustice.Analytics.Api.Tests.Support;
using CommunityJustice.Analytics.Model.Access;
using Microsoft.AspNetCore.Mvc.Testing;
using static CommunityJustice.Analytics.Api.Tests.Access.AccessTestSupport;

namespace CommunityJustice.Analytics.Api.Tests.Access;

/// <summary>
/// Persisted operations by id over GET and POST (documentId and Apollo's persistedQuery extension),
/// PERSISTED_QUERY_NOT_FOUND, keys limited to registered operations, and CORS preflights.
/// </summary>
public sealed class PersistedOperationAndCorsTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string AreaName = "query AreaName { area(code: \"S12000019\") { name } }";

    [Fact]
    public async Task A_registered_operation_runs_by_documentId_over_POST_and_GET()
    {
        var id = await RegisterAsync(api.ConnectionString, AreaName);
        var http = api.Factory.CreateClient();
        var post = await PostAsync(http, new { documentId = id });
        Assert.Equal(200, post.Status);
        Assert.Equal("Midlothian", (string?)post.Body!["data"]!["area"]!["name"]);

        var get = await GetAsync(http, "documentId=" + Uri.EscapeDataString(id));
        Assert.Equal(200, get.Status);
        Assert.Equal("Midlothian", (string?)get.Body!["data"]!["area"]!["name"]);
    }

    [Fact]
    public async Task Apollo_persisted_query_hashes_are_accepted()
    {
        var id = await RegisterAsync(api.ConnectionString, AreaName);
        var hash = id["sha256:".Length..];
        var http = api.Factory.CreateClient();
        var extensions = new { persistedQuery = new { version = 1, sha256Hash = hash } };
        var post = await PostAsync(http, new { extensions });
        Assert.Equal("Midlothian", (string?)post.Body!["data"]!["area"]!["name"]);
        var get = await GetAsync(http, "extensions=" + Uri.EscapeDataString(System.Text.Json.JsonSerializer.Serialize(extensions)));
        Assert.Equal("Midlothian", (string?)get.Body!["data"]!["area"]!["name"]);
        // Text and hash together: the hash must be the text's.
        var mismatch = await PostAsync(http, new { query = "{ __typename }", extensions });
        Assert.Equal("PERSISTED_QUERY_HASH_MISMATCH", ErrorCode(mismatch.Body));
    }

    [Fact]
    public async Task An_unknown_id_gets_PERSISTED_QUERY_NOT_FOUND_and_a_malformed_one_INVALID_DOCUMENT_ID()
    {
        var http = api.Factory.CreateClient();
        var unknown = ApiKeyFormat.DocumentId("{ never registered }");
        var post = await PostAsync(http, new { documentId = unknown });
        Assert.Equal(400, post.Status);
        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", ErrorCode(post.Body));
        var apq = await PostAsync(http, new { extensions = new { persistedQuery = new { version = 1, sha256Hash = unknown[7..] } } });
        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", ErrorCode(apq.Body));
        var get = await GetAsync(http, "documentId=" + Uri.EscapeDataString(unknown));
        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", ErrorCode(get.Body));
        var malformed = await PostAsync(http, new { documentId = "md5:abc" });
        Assert.Equal(400, malformed.Status);
        Assert.Equal("INVALID_DOCUMENT_ID", ErrorCode(malformed.Body));
    }

    [Fact]
    public async Task A_key_limited_to_registered_operations_cannot_send_other_documents()
    {
        var id = await RegisterAsync(api.ConnectionString, AreaName);
        var key = await CreateKeyAsync(api.ConnectionString, Midlothian, [ApiScopes.RestrictedRead], registeredOnly: true);
        var http = api.Factory.CreateClient();
        var other = await PostAsync(http, new { query = "{ areas { code } }" }, bearer: key);
        Assert.Equal(403, other.Status);
        Assert.Equal("PERSISTED_QUERY_REQUIRED", ErrorCode(other.Body));
        Assert.Null(other.Body!["data"]);
        var byId = await GetAsync(http, "documentId=" + Uri.EscapeDataString(id), bearer: key);
        Assert.Equal("Midlothian", (string?)byId.Body!["data"]!["area"]!["name"]);
        var registeredText = await PostAsync(http, new { query = AreaName }, bearer: key);
        Assert.Equal(200, registeredText.Status);
        // The same document from an unlimited caller is fine.
        Assert.Equal(200, (await PostAsync(http, new { query = "{ areas { code } }" })).Status);
    }

    private static async Task<HttpResponseMessage> PreflightAsync(HttpClient http, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/graphql");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type, authorization");
        return await http.SendAsync(request);
    }

    [Fact]
    public async Task By_default_no_origin_is_allowed()
    {
        var response = await PreflightAsync(api.Factory.CreateClient(), "https://dashboard.example");
        Assert.NotEqual(405, (int)response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_configured_origin_gets_its_preflight_answered_and_its_responses_marked()
    {
        await using var factory = api.Factory.WithWebHostBuilder(b => b.UseSetting("Cors:AllowedOrigins:0", "https://dashboard.example"));
        var http = factory.CreateClient();
        var preflight = await PreflightAsync(http, "https://dashboard.example");
        Assert.Equal(204, (int)preflight.StatusCode);
        Assert.Equal("https://dashboard.example", preflight.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("POST", string.Join(",", preflight.Headers.GetValues("Access-Control-Allow-Methods")));
        Assert.Contains("authorization", string.Join(",", preflight.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.OrdinalIgnoreCase);
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Credentials"));

        var other = await PreflightAsync(http, "https://elsewhere.example");
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("{ __typename }"));
        request.Headers.Add("Origin", "https://dashboard.example");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        var actual = await http.SendAsync(request);
        Assert.Equal(200, (int)actual.StatusCode);
        Assert.Equal("https://dashboard.example", actual.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public void Any_origin_with_credentials_is_refused_at_start_up()
    {
        var factory = api.Factory.WithWebHostBuilder(b => b.UseSetting("Cors:AllowedOrigins:0", "*").UseSetting("Cors:AllowCredentials", "true"));
        var failure = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("AllowCredentials", failure.ToString());
    }
}
