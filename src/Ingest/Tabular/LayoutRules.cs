using CommunityJustice.Analytics.Ingest.Manifests;

namespace CommunityJustice.Analytics.Ingest.Tabular;

/// <summary>
/// Checks of a manifest's <see cref="SourceLayout"/> that the formats describing their files by a
/// layout (SPARQL CSV, pivot CSV, tidy-long, plain wide CSV, SNSA template, transcribed) share.
/// </summary>
public static class LayoutRules
{
    /// <summary>These formats name their indicators in the layout, not by Measurement/Units pairs.</summary>
    public static IEnumerable<string> NoIndicatorMapping(DatasetManifest m)
    {
        if (m.Mapping.Indicators.Count > 0) yield return $"mapping.indicators (Measurement/Units pairs) belong to statgov-tidy-csv manifests; format {m.Format} names its indicators in layout";
    }

    /// <summary>The layout must exist and say where the area and the period are.</summary>
    /// <param name="periodRequired">False when the file itself says the periods (a pivot file's row of period URIs).</param>
    public static IEnumerable<string> AreaAndPeriod(DatasetManifest m, bool periodRequired = true)
    {
        var layout = m.Layout;
        if (layout is null)
        {
            yield return $"format {m.Format} needs a layout saying which columns hold the area, period and value";
            yield break;
        }
        if (layout.AreaColumn is not { Length: > 0 }) yield return "layout.areaColumn is required";
        if (layout.PeriodColumn is null && layout.Period is null && periodRequired) yield return "layout needs a periodColumn or a fixed period";
        if (layout.PeriodColumn is not null && layout.Period is not null) yield return "layout gives both a periodColumn and a fixed period";
        if (layout.Period is { } period && !RowResolver.TryFixedPeriod(period, out _, out var why)) yield return why;
        if (layout.KeepAreas is { } keep)
        {
            if (keep.Codes.Count == 0 || keep.Codes.Any(c => c.Length != 3 || !char.IsAsciiLetterUpper(c[0]) || !char.IsAsciiDigit(c[1]) || !char.IsAsciiDigit(c[2])))
                yield return "layout.keepAreas.codes must list GSS entity codes such as \"S12\" (council areas) and \"S92\" (Scotland)";
            if (string.IsNullOrWhiteSpace(keep.Reason)) yield return "layout.keepAreas.reason must say why the other areas are not loaded";
        }
    }

    /// <summary>A file with one value per row: which indicator each value is.</summary>
    /// <param name="valueColumnRequired">False when the values are not in a named column (a pivot file's period columns).</param>
    public static IEnumerable<string> OneValuePerRow(SourceLayout layout, bool valueColumnRequired = true)
    {
        if (valueColumnRequired && layout.ValueColumn is not { Length: > 0 }) yield return "layout.valueColumn is required";
        if ((layout.Indicator is null) == (layout.IndicatorColumn is null)) yield return "layout needs exactly one of indicator (one measure) and indicatorColumn (with indicatorCodes)";
        if (layout.IndicatorColumn is not null && layout.IndicatorCodes.Count == 0) yield return "layout.indicatorCodes must map the values of indicatorColumn";
    }
}
