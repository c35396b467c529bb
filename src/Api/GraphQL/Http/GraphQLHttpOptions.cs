namespace CommunityJustice.Analytics.Api.GraphQL.Http;

/// <summary>Limits of the GraphQL endpoint, bound from the "GraphQL" configuration section.</summary>
public sealed class GraphQLHttpOptions
{
    public const string Section = "GraphQL";

    /// <summary>Largest POST body accepted, in bytes (larger: 413). Queries are small; 256 KiB is generous.</summary>
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Deepest selection nesting accepted (GraphQL.NET's complexity analyzer); introspection needs about 13.</summary>
    public int MaxDepth { get; set; } = 15;

    /// <summary>
    /// Largest query complexity accepted (GraphQL.NET's complexity analyzer: each field costs 1, and
    /// a list multiplies its children by its first/last argument, or 5 when it has none).
    /// </summary>
    public int MaxComplexity { get; set; } = 50_000;
}
