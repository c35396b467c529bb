using System.Text.Json;
using CommunityJustice.Analytics.Model;
using Npgsql;
using NpgsqlTypes;

namespace CommunityJustice.Analytics.Ingest.Loading;

/// <summary>
/// An edition between a load's two commits (docs/architecture.md, "Storage of observations"): its rows are stored in its
/// own partition table, committed but not attached, so nothing reads them yet; its row in stored_editions keeps what
/// publishing it needs without the file being read again (the file's identity, the counts, the rejects and the rows
/// skipped on purpose). A load that dies after storing leaves both behind; the next load of the same file and edition
/// publishes them (<see cref="DatasetLoader"/>), and a load of any other file of the dataset drops them.
/// </summary>
internal sealed record StoredEdition(int VersionId, string DatasetCode, DateOnly EditionDate, string FileName, string Sha256, long RowsRead, long RowsLoaded,
    long RowsRejected)
{
    public string Table => AnalyticsDatabase.EditionPartition(VersionId);

    /// <summary>The rows a reader skipped on purpose, by reason (kept for the result of a resumed load).</summary>
    public IReadOnlyDictionary<string, long> Skipped { get; init; } = new Dictionary<string, long>();

    public static async Task<List<StoredEdition>> FindAsync(NpgsqlConnection connection, string datasetCode, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT dataset_version_id, edition_date, file_name, file_sha256, rows_read, rows_loaded, rows_rejected, skipped
            FROM stored_editions WHERE dataset_code = @code ORDER BY dataset_version_id
            """, connection);
        command.Parameters.AddWithValue("code", datasetCode);
        var found = new List<StoredEdition>();
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
            found.Add(new StoredEdition(rows.GetInt32(0), datasetCode, rows.GetFieldValue<DateOnly>(1), rows.GetString(2), rows.GetString(3), rows.GetInt64(4),
                rows.GetInt64(5), rows.GetInt64(6))
            { Skipped = JsonSerializer.Deserialize<Dictionary<string, long>>(rows.GetString(7))! });
        return found;
    }

    /// <summary>Records the edition as stored, with its rejects: those kept in the spill of a direct copy, or (null) those marked in the staging table.</summary>
    public async Task RecordAsync(NpgsqlConnection connection, RejectSpill? rejects, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            INSERT INTO stored_editions (dataset_version_id, dataset_code, edition_date, file_name, file_sha256, rows_read, rows_loaded, rows_rejected, rejects, skipped)
            VALUES (@version, @code, @edition, @file, @sha, @read, @loaded, @rejected, {(rejects is null ? StagedRejectsJson : "@rejects")}, @skipped)
            """, connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue("version", VersionId);
        command.Parameters.AddWithValue("code", DatasetCode);
        command.Parameters.AddWithValue("edition", EditionDate);
        command.Parameters.AddWithValue("file", FileName);
        command.Parameters.AddWithValue("sha", Sha256);
        command.Parameters.AddWithValue("read", RowsRead);
        command.Parameters.AddWithValue("loaded", RowsLoaded);
        command.Parameters.AddWithValue("rejected", RowsRejected);
        if (rejects is not null) command.Parameters.Add(new NpgsqlParameter("rejects", NpgsqlDbType.Jsonb) { Value = RejectsJson(rejects) });
        command.Parameters.Add(new NpgsqlParameter("skipped", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(Skipped) });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The rejects in line order, as recorded (what a resumed load reports).</summary>
    public async Task<List<RejectedRow>> ReadRejectsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT r.line, r.reason FROM stored_editions s, jsonb_to_recordset(s.rejects) AS r(line bigint, reason text)
            WHERE s.dataset_version_id = @version ORDER BY r.line
            """, connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue("version", VersionId);
        var rejects = new List<RejectedRow>();
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken)) rejects.Add(new RejectedRow(rows.GetInt64(0), rows.GetString(1)));
        return rejects;
    }

    /// <summary>Moves the rejects into ingest_rejects (its dataset_versions row exists by now) and forgets the edition as stored: part of publishing it.</summary>
    public async Task PublishRejectsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO ingest_rejects (dataset_version_id, line_number, reason)
            SELECT s.dataset_version_id, r.line, r.reason FROM stored_editions s, jsonb_to_recordset(s.rejects) AS r(line bigint, reason text)
            WHERE s.dataset_version_id = @version ORDER BY r.line;
            DELETE FROM stored_editions WHERE dataset_version_id = @version;
            """, connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue("version", VersionId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Drops the stored rows and the record, in a transaction of its own.</summary>
    public async Task DropAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"DROP TABLE IF EXISTS {Table}; DELETE FROM stored_editions WHERE dataset_version_id = @version", connection);
        command.Parameters.AddWithValue("version", VersionId);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private const string StagedRejectsJson = $"""
        (SELECT coalesce(jsonb_agg(jsonb_build_object('line', line_number, 'reason', reject_reason) ORDER BY line_number), '[]'::jsonb)
         FROM {StagingTable.Name} WHERE reject_reason IS NOT NULL)
        """;

    private static string RejectsJson(RejectSpill rejects)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var reject in rejects.ReadAll())
            {
                json.WriteStartObject();
                json.WriteNumber("line", reject.Line);
                json.WriteString("reason", reject.Reason);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
