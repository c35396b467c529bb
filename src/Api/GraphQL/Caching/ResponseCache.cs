using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CommunityJustice.Analytics.Api.GraphQL.Options;
using GraphQL.Transport;
using Microsoft.Extensions.Caching.Memory;

namespace CommunityJustice.Analytics.Api.GraphQL.Caching;

/// <summary>A response body kept for identical requests while the data version stays the same.</summary>
/// <param name="OperationName">The operation's name, kept so that a cache hit is counted under it in telemetry without parsing the query.</param>
public sealed record CachedResponse(byte[] Body, string MediaType, string? OperationName = null);

/// <summary>
/// Successful query responses in memory, keyed by data version, negotiated media type, query,
/// operation name, variables and extensions (and the signed-in user, should there ever be one).
/// Bounded by total body size; least recently used entries go first. Entries of an old version are
/// never looked up again and age out.
/// </summary>
public sealed class ResponseCache : IDisposable
{
    private readonly MemoryCache _cache;
    private readonly ResponseCacheOptions _options;

    public ResponseCache(ResponseCacheOptions options)
    {
        _options = options;
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, _options.SizeLimitBytes), CompactionPercentage = 0.25 });
    }

    /// <summary>The key of a request under a data version: a SHA-256, also the GET response's ETag.</summary>
    public static string Key(string dataVersion, string mediaType, GraphQLRequest request, string? user)
    {
        var text = new StringBuilder()
            .Append(dataVersion).Append('\n')
            .Append(mediaType).Append('\n')
            .Append(user).Append('\n')
            .Append(request.OperationName).Append('\n')
            .Append(request.Variables is null ? "" : JsonSerializer.Serialize(request.Variables)).Append('\n')
            .Append(request.Extensions is null ? "" : JsonSerializer.Serialize(request.Extensions)).Append('\n')
            .Append(request.Query)
            .ToString();
        return Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The strong ETag of a response with this key.</summary>
    public static string ETag(string key) => "\"" + key + "\"";

    public bool TryGet(string key, out CachedResponse response)
    {
        if (_cache.TryGetValue(key, out CachedResponse? found) && found is not null)
        {
            response = found;
            return true;
        }
        response = null!;
        return false;
    }

    public void Set(string key, CachedResponse response)
    {
        if (response.Body.Length > _options.MaxEntryBytes) return;
        _cache.Set(key, response, new MemoryCacheEntryOptions
        {
            Size = response.Body.Length + key.Length * 2 + 64,
            SlidingExpiration = TimeSpan.FromMinutes(30),
        });
    }

    public void Dispose() => _cache.Dispose();
}
