using Sylvan.Data.Csv;

namespace CommunityJustice.Analytics.Ingest.Formats.TidyCsv;

/// <summary>Column positions of a tidy CSV, checked against the format's rules and the manifest's dimensions.</summary>
internal sealed record TidyCsvHeader(int FieldCount, int Area, int DateCode, int Measurement, int Units, int Value, int? DataMarker, IReadOnlyList<int> Dimensions)
{
    private static readonly string[] Required = ["DateCode", "Measurement", "Units", "Value"];

    // statistics.gov.scot adds these descriptive columns to some downloads; they carry nothing the codes do not.
    private static readonly string[] Ignored = ["FeatureName", "FeatureType"];

    public static TidyCsvHeader Read(CsvDataReader csv, TidyCsvMapping mapping, string path, string dataset)
    {
        var names = Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetName(i).Trim()).ToList();
        var problems = new List<string>();

        foreach (var repeated in names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1))
            problems.Add($"column '{repeated.Key}' appears {repeated.Count()} times");

        var area = names.IndexOf("FeatureCode");
        if (area < 0) area = names.IndexOf("GeographyCode");
        if (area < 0) problems.Add("missing column FeatureCode (or GeographyCode)");

        var missing = Required.Concat(mapping.Dimensions.Select(d => d.Column)).Where(c => !names.Contains(c)).ToList();
        if (missing.Count > 0) problems.Add($"missing column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)}");

        var known = Required.Concat(["FeatureCode", "GeographyCode", "DataMarker"]).Concat(Ignored).Concat(mapping.Dimensions.Select(d => d.Column));
        var unexpected = names.Except(known, StringComparer.Ordinal).ToList();
        if (unexpected.Count > 0)
            problems.Add($"unexpected column{(unexpected.Count > 1 ? "s" : "")} {string.Join(", ", unexpected.Select(u => $"'{u}'"))} (a dimension the manifest does not map)");

        if (problems.Count > 0)
        {
            var expected = string.Join(",", new[] { "FeatureCode" }.Concat(Required).Concat(mapping.Dimensions.Select(d => d.Column)));
            var shown = string.Join(",", names);
            if (shown.Length > 200) shown = shown[..200] + "…";
            throw new IngestException(
                $"{path} does not have the header of a statistics.gov.scot tidy CSV for dataset '{dataset}': {string.Join("; ", problems)}. " +
                $"Expected {expected} (optionally DataMarker); found {shown}.");
        }

        var marker = names.IndexOf("DataMarker");
        return new TidyCsvHeader(names.Count, area, names.IndexOf("DateCode"), names.IndexOf("Measurement"), names.IndexOf("Units"),
            names.IndexOf("Value"), marker < 0 ? null : marker, mapping.Dimensions.Select(d => names.IndexOf(d.Column)).ToList());
    }
}
