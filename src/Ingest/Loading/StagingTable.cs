using CommunityJustice.Analytics.Model.Observations;
using Npgsql;
using NpgsqlTypes;

namespace CommunityJustice.Analytics.Ingest.Loading;

/// <summary>
/// The per-load temporary table (dropped at commit or rollback) that rows are binary-COPYed into
/// before the set-based checks and the merge into observations. Rejects are staged too, with their
/// reason, so the reader never buffers them.
/// </summary>
internal static class StagingTable
{
    public const string Name = "ingest_staging";

    private static readonly string[] SexNames = Enum.GetNames<Sex>();
    private static readonly string[] StatusNames = Enum.GetNames<ObservationStatus>();
    private static readonly string[] PeriodTypeNames = Enum.GetNames<PeriodType>();

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

    private const string CopySql = $"""
        COPY {Name} (line_number, reject_reason, indicator_code, area_code, period_type, period_label,
                     period_start, period_end, sex, age_band_code, value, status, marker, numerator, denominator)
        FROM STDIN (FORMAT BINARY)
        """;

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

    public const string InsertRejectsSql = $"""
        INSERT INTO ingest_rejects (dataset_version_id, line_number, reason)
        SELECT @version, line_number, reject_reason FROM {Name} WHERE reject_reason IS NOT NULL ORDER BY line_number
        """;

    public const string InsertObservationsSql = $"""
        INSERT INTO observations (indicator_code, area_code, period_type, period_label, period_start, period_end,
                                  sex, age_band_code, value, status, marker, numerator, denominator, dataset_version_id)
        SELECT indicator_code, area_code, period_type, period_label, period_start, period_end,
               sex, age_band_code, value, status, marker, numerator, denominator, @version
        FROM {Name}
        WHERE reject_reason IS NULL
        ORDER BY line_number
        """;

    /// <summary>Streams rows into the staging table; returns how many were written.</summary>
    public static async Task<long> CopyAsync(NpgsqlConnection connection, IAsyncEnumerable<StagedRow> rows, Action<long>? progress, int progressInterval,
        CancellationToken cancellationToken)
    {
        long count = 0;
        await using var importer = await connection.BeginBinaryImportAsync(CopySql, cancellationToken);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(row.Line, NpgsqlDbType.Bigint, cancellationToken);
            if (row.RejectReason is not null)
            {
                await importer.WriteAsync(row.RejectReason, NpgsqlDbType.Text, cancellationToken);
                for (var i = 0; i < 13; i++) await importer.WriteNullAsync(cancellationToken);
            }
            else
            {
                await importer.WriteNullAsync(cancellationToken);
                await importer.WriteAsync(row.IndicatorCode!, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(row.AreaCode!, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(PeriodTypeNames[(int)row.Period.Type], NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(row.Period.Label, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(row.Period.Start, NpgsqlDbType.Date, cancellationToken);
                await importer.WriteAsync(row.Period.End, NpgsqlDbType.Date, cancellationToken);
                await importer.WriteAsync(SexNames[(int)row.Sex], NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(row.AgeBandCode!, NpgsqlDbType.Text, cancellationToken);
                if (row.Value is { } value) await importer.WriteAsync(value, NpgsqlDbType.Numeric, cancellationToken);
                else await importer.WriteNullAsync(cancellationToken);
                await importer.WriteAsync(StatusNames[(int)row.Status], NpgsqlDbType.Text, cancellationToken);
                if (row.Marker is not null) await importer.WriteAsync(row.Marker, NpgsqlDbType.Text, cancellationToken);
                else await importer.WriteNullAsync(cancellationToken);
                if (row.Numerator is { } numerator) await importer.WriteAsync(numerator, NpgsqlDbType.Numeric, cancellationToken);
                else await importer.WriteNullAsync(cancellationToken);
                if (row.Denominator is { } denominator) await importer.WriteAsync(denominator, NpgsqlDbType.Numeric, cancellationToken);
                else await importer.WriteNullAsync(cancellationToken);
            }
            if (++count % progressInterval == 0) progress?.Invoke(count);
        }
        await importer.CompleteAsync(cancellationToken);
        progress?.Invoke(count);
        return count;
    }
}
