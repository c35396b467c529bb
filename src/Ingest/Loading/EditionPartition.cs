using CommunityJustice.Analytics.Model;
using Npgsql;

namespace CommunityJustice.Analytics.Ingest.Loading;

/// <summary>
/// One dataset edition's partition of observations (docs/architecture.md, "Storage of observations").
/// A load creates it as a table of its own with observations' columns, checks and foreign keys but no
/// index, copies the edition's rows into it, builds its indexes in bulk once every row is in (a sort
/// each, instead of maintaining them row by row), and attaches it to observations inside the load's
/// transaction: readers see the whole edition at commit, or nothing of it.
/// The keys, indexes and foreign keys are read from observations itself (the migration
/// ObservationsPartitionedByEdition defines them), so a partition always matches its parent and
/// ATTACH adopts its indexes and constraints instead of building or validating them again.
/// </summary>
internal sealed class EditionPartition
{
    // Sorts for the index builds stay in memory up to about 2M rows instead of spilling to disk (PostgreSQL's default is 64MB).
    private const string IndexBuildMemory = "256MB";

    private readonly int _versionId;

    private EditionPartition(int versionId) => _versionId = versionId;

    /// <summary>The partition of an edition whose rows a committed load already stored (<see cref="StoredEdition"/>).</summary>
    public static EditionPartition Of(StoredEdition stored) => new(stored.VersionId);

    /// <summary>The partition's table name, e.g. observations_edition_42.</summary>
    public string Table => AnalyticsDatabase.EditionPartition(_versionId);

    /// <summary>
    /// Creates the empty table. Its foreign keys are declared here, while it is empty, so that they are valid
    /// without a scan; creating them takes SHARE ROW EXCLUSIVE locks on the referenced tables, so this must come
    /// before the load locks any of them (otherwise two concurrent loads could each wait for the other).
    /// All but the foreign key to dataset_versions: the edition's row there is written when it is published, after its
    /// rows are stored and committed; ATTACH adds and checks that key (one scan of the partition).
    /// </summary>
    public static async Task<EditionPartition> CreateAsync(NpgsqlConnection connection, int versionId, CancellationToken cancellationToken)
    {
        var partition = new EditionPartition(versionId);
        var sequence = await ScalarAsync(connection, "SELECT pg_get_serial_sequence('observations', 'id')", cancellationToken);
        var foreignKeys = await ListAsync(connection, """
            SELECT pg_get_constraintdef(oid) FROM pg_constraint
            WHERE conrelid = 'observations'::regclass AND contype = 'f' AND confrelid <> 'dataset_versions'::regclass ORDER BY conname
            """, cancellationToken);
        var table = partition.Table;
        var clauses = new List<string>
        {
            $"ALTER COLUMN id SET DEFAULT nextval('{sequence}'::regclass)",
            $"ADD CONSTRAINT {table}_edition CHECK (dataset_version_id = {versionId})",
        };
        clauses.AddRange(foreignKeys.Select(definition => "ADD " + definition));
        await ExecuteAsync(connection, $"""
            CREATE TABLE {table} (LIKE observations INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
            ALTER TABLE {table} {string.Join(", ", clauses)};
            """, cancellationToken);
        return partition;
    }

    /// <summary>
    /// Builds the partition's primary key and indexes, as observations declares them, then its planner statistics.
    /// A unique index that meets a cell given twice fails with <see cref="DuplicateCellsException"/>.
    /// </summary>
    public async Task BuildIndexesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // Primary key and unique constraints, then plain indexes (those not behind a constraint).
        var constraints = await ListAsync(connection, """
            SELECT pg_get_constraintdef(oid) FROM pg_constraint
            WHERE conrelid = 'observations'::regclass AND contype IN ('p', 'u') ORDER BY contype, conname
            """, cancellationToken);
        var indexes = await ListAsync(connection, """
            SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i
            WHERE i.indrelid = 'observations'::regclass
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
            ORDER BY i.indexrelid
            """, cancellationToken);
        await ExecuteAsync(connection, $"SET LOCAL maintenance_work_mem = '{IndexBuildMemory}'", cancellationToken);
        try
        {
            foreach (var definition in constraints) await ExecuteAsync(connection, $"ALTER TABLE {Table} ADD {definition}", cancellationToken);
            foreach (var definition in indexes)
            {
                // "CREATE [UNIQUE] INDEX name ON ONLY public.observations USING btree (…)" → the same on this table, named by PostgreSQL.
                var unique = definition.StartsWith("CREATE UNIQUE", StringComparison.Ordinal) ? "UNIQUE " : "";
                var shape = definition[definition.IndexOf(" USING ", StringComparison.Ordinal)..];
                await ExecuteAsync(connection, $"CREATE {unique}INDEX ON {Table}{shape}", cancellationToken);
            }
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new DuplicateCellsException(Table, e);
        }
        await ExecuteAsync(connection, $"ANALYZE {Table}", cancellationToken);
    }

    /// <summary>
    /// Makes the partition part of observations. The edition check constraint proves every row belongs to this
    /// edition without a scan, and the matching indexes and foreign keys are adopted, not rebuilt.
    /// Before that it gets copies of observations' statement triggers (a statement on a partition does not fire its parent's:
    /// without them a hand edit of the partition would go unnoticed; function copy_statement_triggers, migration
    /// ObservationsPartitionedByEdition), and announces its rows as one write of observations by a statement that changes
    /// no row (statement triggers fire all the same): the rows were stored earlier, unseen and unannounced.
    /// </summary>
    public Task AttachAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, $"""
            SELECT copy_statement_triggers('observations', '{Table}');
            DELETE FROM {Table} WHERE false;
            ALTER TABLE observations ATTACH PARTITION {Table} FOR VALUES IN ({_versionId});
            """, cancellationToken);

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<string> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<List<string>> ListAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        var values = new List<string>();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) values.Add(reader.GetString(0));
        return values;
    }
}

/// <summary>The stored rows give a cell twice (the partition's unique cell index could not be built): the transaction is aborted.</summary>
internal sealed class DuplicateCellsException(string table, PostgresException inner)
    : Exception($"{table} holds a cell more than once: {inner.MessageText}", inner);
