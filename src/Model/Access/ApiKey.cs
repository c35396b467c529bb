namespace CommunityJustice.Analytics.Model.Access;

/// <summary>
/// A partner's API key. The key itself is shown once, at creation, and never stored: the row keeps
/// its public id (the part of the key before the secret, safe to log and list) and the SHA-256 of
/// the whole key (<see cref="ApiKeyFormat"/>).
/// </summary>
public sealed class ApiKey
{
    public int Id { get; init; }
    /// <summary>The public part of the key ("cja_&lt;KeyId&gt;_&lt;secret&gt;"): names the key in lists and the audit log.</summary>
    public required string KeyId { get; init; }
    /// <summary>SHA-256 of the whole key text (32 bytes).</summary>
    public required byte[] SecretHash { get; init; }
    /// <summary>Who holds the key, for people reading lists and the audit log.</summary>
    public required string Name { get; set; }
    /// <summary>The council area (GSS code) of the Community Justice partnership the key belongs to; null for a key of no partnership (admin).</summary>
    public string? PartnershipCode { get; set; }
    /// <summary>Scopes granted (<see cref="ApiScopes"/>).</summary>
    public string[] Scopes { get; set; } = [];
    /// <summary>When set, the key may run registered (persisted) operations only.</summary>
    public bool RegisteredOperationsOnly { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>The key stops working at this instant; null: no expiry.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsActive(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}

/// <summary>The scopes a key can hold.</summary>
public static class ApiScopes
{
    /// <summary>Unsuppressed figures for the areas of the key's partnership (and the public view for every other area).</summary>
    public const string RestrictedRead = "restricted:read";
    /// <summary>Writes to the key's partnership's plan.</summary>
    public const string PlansWrite = "plans:write";
    /// <summary>Reading the audit log.</summary>
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [RestrictedRead, PlansWrite, Admin];
}

/// <summary>One restricted read or one write, by one key.</summary>
public sealed class AuditEntry
{
    public long Id { get; init; }
    public DateTimeOffset At { get; init; }
    public int ApiKeyId { get; init; }
    /// <summary>The key's public id (never the secret).</summary>
    public required string KeyId { get; init; }
    public string? PartnershipCode { get; init; }
    /// <summary>"restricted-read" or "write".</summary>
    public required string Kind { get; init; }
    public string? OperationName { get; init; }
    /// <summary>"sha256:&lt;hex&gt;" of the GraphQL document's text (a persisted operation's id).</summary>
    public required string DocumentHash { get; init; }
    /// <summary>The areas whose restricted figures the request could read.</summary>
    public string[] Areas { get; init; } = [];
}

/// <summary>A registered GraphQL document, callable by its id without sending its text.</summary>
public sealed class PersistedOperation
{
    /// <summary>"sha256:&lt;hex&gt;": the SHA-256 of the document's UTF-8 text, lower-case hex.</summary>
    public required string Id { get; init; }
    public required string Document { get; init; }
    /// <summary>Where it was registered from (a file name), for lists.</summary>
    public string? Source { get; set; }
    public DateTimeOffset RegisteredAt { get; init; }
}
