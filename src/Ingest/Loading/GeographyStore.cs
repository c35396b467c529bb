using CommunityJustice.Analytics.Ingest.Formats.Geography;
using Npgsql;
using NpgsqlTypes;

namespace CommunityJustice.Analytics.Ingest.Loading;

/// <summary>
/// Stores a geography lookup edition inside the load's transaction: its areas are added (or, when an earlier lookup
/// defined them, renamed and re-dated: the newest edition's wording wins; Scotland and the council areas seeded with
/// the model keep theirs), and every (area, containing area) pair goes into area_hierarchy under the new edition.
/// </summary>
internal static class GeographyStore
{
    public static async Task<long> WriteAsync(NpgsqlConnection connection, int versionId, DateOnly edition, GeographyEdition lookup, CancellationToken cancellationToken)
    {
        await Execute(connection, "CREATE TEMP TABLE geography_areas (code text PRIMARY KEY, name text, level text, valid_from date, parent_code text) ON COMMIT DROP", cancellationToken);
        await using (var importer = await connection.BeginBinaryImportAsync("COPY geography_areas FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var area in lookup.Areas)
            {
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(area.Code, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(area.Name, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(area.Level.ToString(), NpgsqlDbType.Text, cancellationToken);
                if (area.ValidFrom is { } from) await importer.WriteAsync(from, NpgsqlDbType.Date, cancellationToken);
                else await importer.WriteNullAsync(cancellationToken);
                if (area.ParentCode is { } parent) await importer.WriteAsync(parent, NpgsqlDbType.Text, cancellationToken);
                else await importer.WriteNullAsync(cancellationToken);
            }
            await importer.CompleteAsync(cancellationToken);
        }

        await using (var clash = new NpgsqlCommand("""
            SELECT g.code, a.level, g.level FROM geography_areas g JOIN areas a ON a.code = g.code WHERE a.level <> g.level ORDER BY g.code LIMIT 5
            """, connection))
        await using (var rows = await clash.ExecuteReaderAsync(cancellationToken))
        {
            var clashes = new List<string>();
            while (await rows.ReadAsync(cancellationToken)) clashes.Add($"{rows.GetString(0)} is a {rows.GetString(1)}, the lookup says {rows.GetString(2)}");
            if (clashes.Count > 0)
                throw new IngestException($"The geography lookup gives known areas another level ({string.Join("; ", clashes)}); nothing was loaded.");
        }

        await Execute(connection, """
            INSERT INTO areas (code, name, level, valid_from, defined_by_version_id)
            SELECT code, name, level, valid_from, @version FROM geography_areas
            ON CONFLICT (code) DO UPDATE SET name = excluded.name, valid_from = excluded.valid_from, valid_to = NULL,
                defined_by_version_id = excluded.defined_by_version_id
            WHERE areas.defined_by_version_id IS NOT NULL
              AND (SELECT edition_date FROM dataset_versions WHERE id = areas.defined_by_version_id) <= @edition;
            UPDATE areas a SET parent_code = g.parent_code FROM geography_areas g WHERE a.code = g.code AND a.defined_by_version_id = @version;
            """, cancellationToken, ("version", versionId), ("edition", edition));

        await using (var importer = await connection.BeginBinaryImportAsync(
                         "COPY area_hierarchy (dataset_version_id, area_code, ancestor_code) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var (area, ancestor) in lookup.Links)
            {
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(versionId, NpgsqlDbType.Integer, cancellationToken);
                await importer.WriteAsync(area, NpgsqlDbType.Varchar, cancellationToken);
                await importer.WriteAsync(ancestor, NpgsqlDbType.Varchar, cancellationToken);
            }
            await importer.CompleteAsync(cancellationToken);
        }

        if (lookup.Rejects.Count > 0)
        {
            await using var importer = await connection.BeginBinaryImportAsync(
                "COPY ingest_rejects (dataset_version_id, line_number, reason) FROM STDIN (FORMAT BINARY)", cancellationToken);
            foreach (var (line, reason) in lookup.Rejects)
            {
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(versionId, NpgsqlDbType.Integer, cancellationToken);
                await importer.WriteAsync(line, NpgsqlDbType.Bigint, cancellationToken);
                await importer.WriteAsync(reason, NpgsqlDbType.Text, cancellationToken);
            }
            await importer.CompleteAsync(cancellationToken);
        }
        return lookup.RowsRead - lookup.Rejects.Count;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
