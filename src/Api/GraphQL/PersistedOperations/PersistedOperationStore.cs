using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using CommunityJustice.Analytics.Model;
using CommunityJustice.Analytics.Model.Access;
using Microsoft.EntityFrameworkCore;

namespace CommunityJustice.Analytics.Api.GraphQL.PersistedOperations;

/// <summary>
/// Registered GraphQL documents (table persisted_operations, filled by <c>ingest operations register</c>),
/// found by id: "sha256:&lt;hex&gt;" of the document's UTF-8 text. An id names its text forever, so a
/// document once found is kept in memory; an unknown id is asked of the database each time (a
/// document registered while the API runs is found at once).
/// </summary>
public sealed partial class PersistedOperationStore(IDbContextFactory<AnalyticsDbContext> databases)
{
    private readonly ConcurrentDictionary<string, string> _found = new(StringComparer.Ordinal);

    /// <summary>Whether an id has the form "sha256:" followed by 64 hex digits.</summary>
    public static bool IsWellFormed(string id) => IdPattern().IsMatch(id);

    public static string Normalise(string id) => id.ToLowerInvariant();

    /// <summary>The document registered under <paramref name="id"/>, or null.</summary>
    public async ValueTask<string?> FindAsync(string id, CancellationToken cancellationToken)
    {
        id = Normalise(id);
        if (_found.TryGetValue(id, out var text)) return text;
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var document = await db.PersistedOperations.AsNoTracking().Where(p => p.Id == id).Select(p => p.Document).FirstOrDefaultAsync(cancellationToken);
        // Only a document whose text hashes to its id is served (a row edited by hand is not).
        if (document is null || ApiKeyFormat.DocumentId(document) != id) return null;
        return _found[id] = document;
    }

    [GeneratedRegex("^sha256:[0-9a-fA-F]{64}$")]
    private static partial Regex IdPattern();
}
