using CommunityJustice.Analytics.Ingest.Reading;
using Npgsql;

namespace CommunityJustice.Analytics.Ingest.Loading;

/// <summary>
/// The per-load temporary table (dropped at commit or rollback) of the slower path, taken only when a
/// file gives a cell twice: rows are binary-COPYed into it, later rows for a cell become rejects naming
/// the first line, and the rest are inserted into the edition's partition. Rejects are staged too, with their
/// reason, so the reader never buffers them.
/// </summary>
internal static class StagingTable
{
    public const string Name = "ingest_staging";

    public const string CreateSql = $"""
        CREATE TEMP TABLE {Name} (
            line_number   bigint NOT NULL,
            reject_reason text,
            indicator_code text,
            area_code     text,
            period_type   text,
            period_label  text,
            period_start  date,
            period_end    date,
            sex           text,
            age_band_code text,
            value         numeric,
            status        text,
            marker        text,
            numerator     numeric,
            denominator   numeric
        ) ON COMMIT DROP
        """;

    private const string CopySql = $"COPY {Name} (line_number, reject_reason, {ObservationColumns.Names}) FROM STDIN (FORMAT BINARY)";

    /// <summary>Later rows for a cell already given by an earlier line become rejects naming that line.</summary>
    public const string MarkDuplicatesSql = $"""
        WITH ranked AS (
            SELECT ctid AS row_id,
                   first_value(line_number) OVER cell AS first_line,
                   row_number() OVER cell AS occurrence
            FROM {Name}
            WHERE reject_reason IS NULL
            WINDOW cell AS (PARTITION BY indicator_code, area_code, period_start, period_end, sex, age_band_code ORDER BY line_number)
        )
        UPDATE {Name} s
        SET reject_reason = 'duplicate cell: same indicator, area, period, sex and age band as line ' || r.first_line
        FROM ranked r
        WHERE s.ctid = r.row_id AND r.occurrence > 1
        """;

    public const string RejectsSql = $"SELECT line_number, reject_reason FROM {Name} WHERE reject_reason IS NOT NULL ORDER BY line_number";

    /// <summary>The rows that are not rejects, into the edition's partition (<see cref="EditionPartition"/>).</summary>
    public static string InsertObservationsSql(string partition) => $"""
        INSERT INTO {partition} ({ObservationColumns.Names}, dataset_version_id)
        SELECT {ObservationColumns.Names}, @version
        FROM {Name}
        WHERE reject_reason IS NULL
        ORDER BY line_number
        """;

    /// <summary>Streams rows into the staging table; returns how many were written.</summary>
    public static async Task<long> CopyAsync(NpgsqlConnection connection, IAsyncEnumerable<StagedRow> rows, Action<long>? progress, int progressInterval,
        CancellationToken cancellationToken)
    {
        long count = 0;
        var columns = new ObservationColumns();
        await using var copy = await BinaryCopyWriter.BeginAsync(connection, CopySql, cancellationToken);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            copy.StartRow(2 + ObservationColumns.Count);
            copy.WriteInt64(row.Line);
            if (row.RejectReason is not null)
            {
                copy.WriteText(row.RejectReason);
                ObservationColumns.WriteNulls(copy);
            }
            else
            {
                copy.WriteNull();
                columns.Write(copy, row);
            }
            await copy.EndRowAsync(cancellationToken);
            if (++count % progressInterval == 0) progress?.Invoke(count);
        }
        await copy.CompleteAsync(cancellationToken);
        progress?.Invoke(count);
        return count;
    }
}
