using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace CommunityJustice.Analytics.Api.GraphQL.Http;

/// <summary>Content negotiation of the GraphQL-over-HTTP specification.</summary>
public static class GraphQLMediaTypes
{
    public const string GraphQLResponse = "application/graphql-response+json";
    public const string Json = "application/json";

    /// <summary>
    /// The response media type for an Accept header: application/graphql-response+json or
    /// application/json, whichever the client rates higher; null when it accepts neither (406).
    /// A client that names application/graphql-response+json gets it on a tie. A missing Accept
    /// header, */* or application/* gets application/json, as the specification asks for legacy
    /// clients (and as the graphql-http audit checks, 80D8 and 47DE); such clients, e.g. Power
    /// Query's Web.Contents, also cope better with 200 than with 4xx for GraphQL errors.
    /// Media ranges asking for a charset other than UTF-8 do not match.
    /// </summary>
    public static string? Negotiate(StringValues accept)
    {
        if (StringValues.IsNullOrEmpty(accept)) return Json;
        if (!MediaTypeHeaderValue.TryParseList(accept, out var ranges) || ranges.Count == 0) return Json;

        double graphQLResponse = -1, json = -1;
        int graphQLResponseSpecificity = -1, jsonSpecificity = -1;
        foreach (var range in ranges)
        {
            if (range.Charset.HasValue && !IsUtf8(range.Charset.Value)) continue;
            var quality = range.Quality ?? 1.0;
            var type = range.MediaType.Value ?? "";
            Match(type, GraphQLResponse, quality, ref graphQLResponse, ref graphQLResponseSpecificity);
            Match(type, Json, quality, ref json, ref jsonSpecificity);
        }
        if (graphQLResponse <= 0 && json <= 0) return null;
        if (graphQLResponse != json) return graphQLResponse > json ? GraphQLResponse : Json;
        // Equal quality: graphql-response+json only when the client names it.
        return graphQLResponseSpecificity == 2 ? GraphQLResponse : Json;
    }

    /// <summary>True for a POST content type this endpoint reads: application/json, in UTF-8 (the default).</summary>
    public static bool IsJsonRequest(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && parsed.MediaType.Equals(Json, StringComparison.OrdinalIgnoreCase)
        && (!parsed.Charset.HasValue || IsUtf8(parsed.Charset.Value));

    private static bool IsUtf8(string? charset) =>
        string.Equals(charset, "utf-8", StringComparison.OrdinalIgnoreCase) || string.Equals(charset, "utf8", StringComparison.OrdinalIgnoreCase);

    // The most specific matching range decides the quality (RFC 9110, 12.5.1).
    private static void Match(string range, string mediaType, double quality, ref double best, ref int bestSpecificity)
    {
        var specificity = range.Equals(mediaType, StringComparison.OrdinalIgnoreCase) ? 2
            : range.Equals("application/*", StringComparison.OrdinalIgnoreCase) ? 1
            : range == "*/*" ? 0
            : -1;
        if (specificity < 0 || specificity < bestSpecificity) return;
        if (specificity > bestSpecificity) best = quality;
        else best = Math.Max(best, quality);
        bestSpecificity = specificity;
    }
}
