using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CommunityJustice.Analytics.Model;
using CommunityJustice.Analytics.Model.Access;
using Microsoft.EntityFrameworkCore;

namespace CommunityJustice.Analytics.Api.Tests.Access;

/// <summary>Keys and registered operations written straight to a test database, and requests carrying keys.</summary>
internal static class AccessTestSupport
{
    public const string Midlothian = "S12000019";

    public static AnalyticsDbContext Open(string connectionString) =>
        new(new DbContextOptionsBuilder<AnalyticsDbContext>().UseAnalyticsDatabase(connectionString).Options);

    public static async Task<string> CreateKeyAsync(string connectionString, string? partnership, string[] scopes,
        DateTimeOffset? expires = null, bool revoked = false, bool registeredOnly = false)
    {
        var key = ApiKeyFormat.Generate();
        await using var db = Open(connectionString);
        db.ApiKeys.Add(new ApiKey
        {
            KeyId = key.KeyId, SecretHash = key.SecretHash, Name = "test " + string.Join("+", scopes), PartnershipCode = partnership, Scopes = scopes,
            CreatedAt = DateTimeOffset.UtcNow, ExpiresAt = expires, RevokedAt = revoked ? DateTimeOffset.UtcNow : null, RegisteredOperationsOnly = registeredOnly,
        });
        await db.SaveChangesAsync();
        return key.Key;
    }

    public static async Task<string> RegisterAsync(string connectionString, string document)
    {
        var id = ApiKeyFormat.DocumentId(document);
        await using var db = Open(connectionString);
        if (!await db.PersistedOperations.AnyAsync(p => p.Id == id))
        {
            db.PersistedOperations.Add(new PersistedOperation { Id = id, Document = document, Source = "test", RegisteredAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }
        return id;
    }

    public sealed record Reply(int Status, JsonNode? Body, HttpResponseMessage Response, string Text);

    public static async Task<Reply> PostAsync(HttpClient http, object payload, string? bearer = null, string? apiKeyHeader = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(payload) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        if (apiKeyHeader is not null) request.Headers.Add("X-Api-Key", apiKeyHeader);
        return await SendAsync(http, request);
    }

    public static async Task<Reply> GetAsync(HttpClient http, string queryString, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?" + queryString);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return await SendAsync(http, request);
    }

    private static async Task<Reply> SendAsync(HttpClient http, HttpRequestMessage request)
    {
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? body = null;
        try { body = text.Length > 0 ? JsonNode.Parse(text) : null; } catch (System.Text.Json.JsonException) { }
        return new Reply((int)response.StatusCode, body, response, text);
    }

    public static string? ErrorCode(JsonNode? body) => (string?)body?["errors"]?[0]?["extensions"]?["code"];
}
