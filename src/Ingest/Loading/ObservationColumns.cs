using CommunityJustice.Analytics.Ingest.Reading;
using CommunityJustice.Analytics.Model.Observations;
using Npgsql;
using NpgsqlTypes;

namespace CommunityJustice.Analytics.Ingest.Loading;

/// <summary>
/// The 13 columns of an observation a row carries (everything but its dataset version), in one order,
/// and how a <see cref="StagedRow"/> is written to them by binary COPY: shared by the direct copy into
/// observations (<see cref="ObservationCopy"/>) and the staging table (<see cref="StagingTable"/>).
/// </summary>
internal static class ObservationColumns
{
    public const string Names = "indicator_code, area_code, period_type, period_label, period_start, period_end, sex, age_band_code, value, status, marker, numerator, denominator";

    public const int Count = 13;

    private static readonly string[] SexNames = Enum.GetNames<Sex>();
    private static readonly string[] StatusNames = Enum.GetNames<ObservationStatus>();
    private static readonly string[] PeriodTypeNames = Enum.GetNames<PeriodType>();

    /// <summary>
    /// Writes the row's 13 cells. Synchronous writes: they only block when the 8 KB buffer goes to the
    /// socket, and save an async state machine per column.
    /// </summary>
    public static void Write(NpgsqlBinaryImporter importer, in StagedRow row)
    {
        importer.Write(row.IndicatorCode!, NpgsqlDbType.Text);
        importer.Write(row.AreaCode!, NpgsqlDbType.Text);
        importer.Write(PeriodTypeNames[(int)row.Period.Type], NpgsqlDbType.Text);
        importer.Write(row.Period.Label, NpgsqlDbType.Text);
        importer.Write(row.Period.Start, NpgsqlDbType.Date);
        importer.Write(row.Period.End, NpgsqlDbType.Date);
        importer.Write(SexNames[(int)row.Sex], NpgsqlDbType.Text);
        importer.Write(row.AgeBandCode!, NpgsqlDbType.Text);
        if (row.Value is { } value) importer.Write(value, NpgsqlDbType.Numeric);
        else importer.WriteNull();
        importer.Write(StatusNames[(int)row.Status], NpgsqlDbType.Text);
        if (row.Marker is not null) importer.Write(row.Marker, NpgsqlDbType.Text);
        else importer.WriteNull();
        if (row.Numerator is { } numerator) importer.Write(numerator, NpgsqlDbType.Numeric);
        else importer.WriteNull();
        if (row.Denominator is { } denominator) importer.Write(denominator, NpgsqlDbType.Numeric);
        else importer.WriteNull();
    }

    /// <summary>The 13 cells of a rejected row, all null.</summary>
    public static void WriteNulls(NpgsqlBinaryImporter importer)
    {
        for (var i = 0; i < Count; i++) importer.WriteNull();
    }
}
