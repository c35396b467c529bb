using CommunityJustice.Analytics.Model.Access;

namespace CommunityJustice.Analytics.Api.Access;

/// <summary>What one request's caller may do: anonymous (the public view), or an API key's grant.</summary>
public sealed record AccessGrant(int ApiKeyId, string KeyId, string Name, string? PartnershipCode, IReadOnlySet<string> Scopes, bool RegisteredOperationsOnly)
{
    public bool Has(string scope) => Scopes.Contains(scope);

    /// <summary>The areas whose figures this key sees unsuppressed: its partnership's, with restricted:read; else none.</summary>
    public IReadOnlyCollection<string> RestrictedAreas =>
        Has(ApiScopes.RestrictedRead) && PartnershipCode is { } code ? [code] : [];
}

/// <summary>The caller of the current request (scoped), set by <see cref="ApiKeyAuthentication"/> before the endpoint runs.</summary>
public sealed class RequestAccess
{
    /// <summary>Null for an anonymous caller.</summary>
    public AccessGrant? Grant { get; set; }

    /// <summary>Whether a persisted operation's id, not a document text, was sent (set by the endpoint).</summary>
    public bool ByDocumentId { get; set; }

    public IReadOnlyCollection<string> RestrictedAreas => Grant?.RestrictedAreas ?? [];
}

public static class RequestAccessExtensions
{
    public static RequestAccess Access(this IServiceProvider services) => services.GetRequiredService<RequestAccess>();
}
