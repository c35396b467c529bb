using CommunityJustice.Analytics.Model.Disclosure;
using Npgsql;

namespace CommunityJustice.Analytics.TestSupport;

/// <summary>What `ingest disclosure decide` does, for tests that edit figures by hand or change the rule.</summary>
public static class DecideAgain
{
    /// <summary>Decides every table again with <paramref name="rules"/> (default: threshold 5), in a transaction of its own.</summary>
    public static async Task AllTablesAsync(string connectionString, DisclosureRules? rules = null)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await DisclosureDecisions.DecideAsync(connection, transaction, rules ?? DisclosureRules.For(5), editionId: null, CancellationToken.None);
        await transaction.CommitAsync();
    }
}
