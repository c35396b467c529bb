using CommunityJustice.Analytics.Ingest.Reading;
using CommunityJustice.Analytics.Model.Observations;

namespace CommunityJustice.Analytics.Ingest.Loading;

/// <summary>
/// The 13 columns of an observation a row carries (everything but its dataset version), in one order,
/// and how a <see cref="StagedRow"/> is encoded into them for binary COPY: shared by the direct copy into
/// the edition's partition (<see cref="ObservationCopy"/>) and the staging table (<see cref="StagingTable"/>).
/// One instance per COPY: it remembers each period's four encoded fields, so a period costs one copy per row.
/// </summary>
internal sealed class ObservationColumns
{
    public const string Names = "indicator_code, area_code, period_type, period_label, period_start, period_end, sex, age_band_code, value, status, marker, numerator, denominator";

    public const int Count = 13;

    private const int MaxEncodedPeriods = 16_384;

    // Indexed by the enums' values, which run 0, 1, 2… as declared (stored as their names, as EF writes them).
    private static readonly byte[][] SexFields = [.. Enum.GetNames<Sex>().Select(BinaryCopyWriter.TextField)];
    private static readonly byte[][] StatusFields = [.. Enum.GetNames<ObservationStatus>().Select(BinaryCopyWriter.TextField)];
    private static readonly string[] PeriodTypeNames = Enum.GetNames<PeriodType>();

    // Keyed by the label's string instance (a reader hands out one Period per distinct DateCode); the stored Period is
    // compared with the row's, so a reader that reuses a label for another period still gets its own dates.
    private readonly Dictionary<string, (Period Period, byte[] Fields)> _periods = new(ReferenceEqualityComparer.Instance);

    /// <summary>Writes the row's 13 cells.</summary>
    public void Write(BinaryCopyWriter writer, in StagedRow row)
    {
        writer.WriteRepeatedText(row.IndicatorCode!);
        writer.WriteRepeatedText(row.AreaCode!);
        writer.WriteField(PeriodFields(row.Period));
        writer.WriteField(SexFields[(int)row.Sex]);
        writer.WriteRepeatedText(row.AgeBandCode!);
        writer.WriteNumeric(row.Value);
        writer.WriteField(StatusFields[(int)row.Status]);
        writer.WriteText(row.Marker);
        writer.WriteNumeric(row.Numerator);
        writer.WriteNumeric(row.Denominator);
    }

    /// <summary>The 13 cells of a rejected row, all null.</summary>
    public static void WriteNulls(BinaryCopyWriter writer)
    {
        for (var i = 0; i < Count; i++) writer.WriteNull();
    }

    /// <summary>period_type, period_label, period_start and period_end, encoded together.</summary>
    private byte[] PeriodFields(in Period period)
    {
        if (_periods.TryGetValue(period.Label, out var known) && known.Period == period) return known.Fields;
        byte[] fields = [.. BinaryCopyWriter.TextField(PeriodTypeNames[(int)period.Type]), .. BinaryCopyWriter.TextField(period.Label),
            .. BinaryCopyWriter.DateField(period.Start), .. BinaryCopyWriter.DateField(period.End)];
        if (_periods.Count < MaxEncodedPeriods || _periods.ContainsKey(period.Label)) _periods[period.Label] = (period, fields);
        return fields;
    }
}
