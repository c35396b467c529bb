using System.Data.Common;
using CommunityJustice.Analytics.Model.Observations;

namespace CommunityJustice.Analytics.Api.Disclosure;

/// <summary>
/// The columns of a row of observations as the API reads it, and the one place that turns such a row into an
/// <see cref="Observation"/> for statements written by hand (EF Core maps the same columns through the model).
/// </summary>
public static class ObservationRows
{
    /// <summary>The stored columns, in the order <see cref="Read"/> expects them.</summary>
    public const string Columns =
        "id, indicator_code, area_code, period_type, period_label, period_start, period_end, sex, age_band_code, value, status, numerator, denominator, marker, dataset_version_id";

    /// <summary>The current row of a reader over <see cref="Columns"/> (the enums are stored as their names, as the model maps them).</summary>
    public static Observation Read(DbDataReader row) => new()
    {
        Id = row.GetInt64(0),
        IndicatorCode = row.GetString(1),
        AreaCode = row.GetString(2),
        PeriodType = Enum.Parse<PeriodType>(row.GetString(3)),
        PeriodLabel = row.GetString(4),
        PeriodStart = row.GetFieldValue<DateOnly>(5),
        PeriodEnd = row.GetFieldValue<DateOnly>(6),
        Sex = Enum.Parse<Sex>(row.GetString(7)),
        AgeBandCode = row.GetString(8),
        Value = row.IsDBNull(9) ? null : row.GetDecimal(9),
        Status = Enum.Parse<ObservationStatus>(row.GetString(10)),
        Numerator = row.IsDBNull(11) ? null : row.GetDecimal(11),
        Denominator = row.IsDBNull(12) ? null : row.GetDecimal(12),
        Marker = row.IsDBNull(13) ? null : row.GetString(13),
        DatasetVersionId = row.GetInt32(14),
    };
}
