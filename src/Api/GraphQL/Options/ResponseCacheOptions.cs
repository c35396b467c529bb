namespace CommunityJustice.Analytics.Api.GraphQL.Options;

/// <summary>The "GraphQL:Cache" configuration section.</summary>
public sealed class ResponseCacheOptions
{
    /// <summary>False turns off the in-process response cache and the ETag / Cache-Control headers.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Most memory the cached response bodies may take, in bytes; the least recently used go first.</summary>
    public long SizeLimitBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Largest single response body kept in the cache, in bytes.</summary>
    public long MaxEntryBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>max-age of the Cache-Control header on successful GET responses, in seconds.</summary>
    public int MaxAgeSeconds { get; set; } = 60;
}
