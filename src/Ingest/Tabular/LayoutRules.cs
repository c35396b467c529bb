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
        foreach (var problem in AreaLevelSkips.Check(layout.KeepAreas)) yield return problem;
    }

    /// <summary>
    /// For a format whose file says where everything is (the statistics.gov.scot tidy CSV): a layout may only say which
    /// geography levels to keep; any other layout field would be ignored, so it is refused.
    /// </summary>
    public static IEnumerable<string> OnlyKeepAreas(DatasetManifest m)
    {
        if (m.Layout is not { } l) yield break;
        (string Field, bool Given)[] fields =
        [
            ("sheet", l.Sheet is not null), ("headerRow", l.HeaderRow is not null), ("blankValue", l.BlankValue is not null),
            ("areaColumn", l.AreaColumn is not null), ("periodColumn", l.PeriodColumn is not null), ("valueColumn", l.ValueColumn is not null),
            ("markerColumn", l.MarkerColumn is not null), ("indicatorColumn", l.IndicatorColumn is not null), ("indicatorCodes", l.IndicatorCodes.Count > 0),
            ("indicator", l.Indicator is not null), ("period", l.Period is not null), ("measures", l.Measures.Count > 0),
            ("ignoredColumns", l.IgnoredColumns.Count > 0), ("requiredMetadata", l.RequiredMetadata.Count > 0), ("sex", l.Sex is not null),
            ("ageBand", l.AgeBand is not null), ("partnership", l.Partnership is not null),
        ];
        var given = fields.Where(f => f.Given).Select(f => f.Field).ToList();
        if (given.Count > 0)
            yield return $"format {m.Format} finds its columns by their names, so its layout may only give keepAreas, not {string.Join(", ", given)}";
        foreach (var problem in AreaLevelSkips.Check(l.KeepAreas)) yield return problem;
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
