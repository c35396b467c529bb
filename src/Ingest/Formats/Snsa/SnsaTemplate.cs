namespace CommunityJustice.Analytics.Ingest.Formats.Snsa;

/// <summary>The local SNSA template's columns, in the order the blank template and the example use (docs/snsa-template.md).</summary>
public static class SnsaTemplate
{
    public const string Area = "area_code_or_name";
    public const string Period = "period";
    public const string Sex = "sex";
    public const string AgeBand = "age_band";
    public const string Indicator = "indicator";
    public const string Value = "value";
    public const string Marker = "marker";
    public const string Numerator = "numerator";
    public const string Denominator = "denominator";
    public const string Notes = "notes";

    public static IReadOnlyList<string> Columns { get; } = [Area, Period, Sex, AgeBand, Indicator, Value, Marker, Numerator, Denominator, Notes];

    public static string HeaderLine => string.Join(",", Columns);
}
