using CommunityJustice.Analytics.Api.GraphQL.Caching;
using CommunityJustice.Analytics.Api.GraphQL.Options;
using Microsoft.Net.Http.Headers;

namespace CommunityJustice.Analytics.Api.GraphQL.Http;

/// <summary>ETag / If-None-Match and Cache-Control for successful GET query responses.</summary>
public static class HttpCaching
{
    /// <summary>True when If-None-Match names the ETag (weak or strong) or is *.</summary>
    public static bool IfNoneMatch(HttpRequest request, string etag)
    {
        var header = request.Headers.IfNoneMatch;
        if (header.Count == 0) return false;
        if (!EntityTagHeaderValue.TryParseList(header, out var tags)) return false;
        var ours = new EntityTagHeaderValue(etag);
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(ours, useStrongComparison: false));
    }

    /// <summary>
    /// ETag of the response (data version + request), Cache-Control (public only when no user is
    /// signed in), and Vary: Accept, since the same URL answers in two media types.
    /// </summary>
    public static void SetHeaders(HttpContext http, string cacheKey, ResponseCacheOptions options, bool shared)
    {
        var headers = http.Response.Headers;
        headers.ETag = ResponseCache.ETag(cacheKey);
        headers.CacheControl = $"{(shared ? "public" : "private")}, max-age={options.MaxAgeSeconds}, must-revalidate";
        headers.Vary = "Accept";
    }
}
