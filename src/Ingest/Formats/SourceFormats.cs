using System.Security.Cryptography;
using System.Text;
using CommunityJustice.Analytics.Ingest.Loading;
using CommunityJustice.Analytics.Ingest.Manifests;
using CommunityJustice.Analytics.Ingest.Sources;
using CommunityJustice.Analytics.Ingest.StatGov;
using CommunityJustice.Analytics.Ingest.Tabular;
using CommunityJustice.Analytics.Ingest.Template;
using CommunityJustice.Analytics.Ingest.Transcribed;
using CommunityJustice.Analytics.Model.Observations;

namespace CommunityJustice.Analytics.Ingest.Formats;

/// <summary>
/// The formats beyond the statistics.gov.scot tidy CSV and the SG Excel tables: what each
/// manifest must say, how its file is inspected, and which reader opens it.
/// <list type="bullet">
/// <item><c>statgov-sparql-csv</c>: a SPARQL result CSV from statistics.gov.scot (URIs, scientific notation).</item>
/// <item><c>statgov-pivot-csv</c>: a statistics.gov.scot pivot download (metadata, blank line, period URIs, header, one row per geography).</item>
/// <item><c>tidy-long</c>: a long table, CSV or one sheet of an .xlsx, with named columns (NRS population).</item>
/// <item><c>plain-wide-csv</c>: a header and one row per area, measures in columns (NRS components of change).</item>
/// <item><c>snsa-template</c>: the local SNSA template a partnership fills in, CSV or .xlsx (docs/snsa-template.md).</item>
/// <item><c>transcribed</c>: figures typed into the manifest from published text, each with its citation.</item>
/// </list>
/// </summary>
public static class SourceFormats
{
    public const string SparqlCsv = "statgov-sparql-csv";
    public const string PivotCsv = "statgov-pivot-csv";
    public const string TidyLong = "tidy-long";
    public const string WideCsv = "plain-wide-csv";
    public const string SnsaTemplate = "snsa-template";
    public const string Transcribed = TranscribedManifests.Format;

    public static IReadOnlyList<string> All { get; } = [SparqlCsv, PivotCsv, TidyLong, WideCsv, SnsaTemplate, Transcribed];

    public static bool IsKnown(string format) => All.Contains(format);

    /// <summary>What a manifest of one of these formats must say; empty when it is complete.</summary>
    public static IEnumerable<string> Validate(DatasetManifest m)
    {
        var layout = m.Layout;
        if (m.Mapping.Indicators.Count > 0) yield return $"mapping.indicators (Measurement/Units pairs) belong to {ManifestCatalog.TidyCsvFormat} manifests; format {m.Format} names its indicators in layout";
        switch (m.Format)
        {
            case Transcribed:
                if (!m.TranscribedFromText) yield return "a transcribed manifest must say transcribedFromText: true";
                if (m.Transcribed is null) yield return "a transcribed manifest lives in Datasets/transcribed/ and is read with its editions";
                yield break;
            case SnsaTemplate:
                if (layout?.Partnership is not { Length: > 0 }) yield return "layout.partnership must name the community justice partnership (its council area name or code) whose figures the template holds";
                yield break;
        }
        if (layout is null)
        {
            yield return $"format {m.Format} needs a layout saying which columns hold the area, period and value";
            yield break;
        }
        if (layout.AreaColumn is not { Length: > 0 }) yield return "layout.areaColumn is required";
        if (layout.PeriodColumn is null && layout.Period is null && m.Format != PivotCsv) yield return "layout needs a periodColumn or a fixed period";
        if (layout.PeriodColumn is not null && layout.Period is not null) yield return "layout gives both a periodColumn and a fixed period";
        if (layout.Period is { } period && !RowResolver.TryFixedPeriod(period, out _, out var why)) yield return why;
        switch (m.Format)
        {
            case WideCsv:
                if (layout.Measures.Count == 0) yield return "layout.measures must map at least one measure column to an indicator";
                foreach (var column in layout.Measures.GroupBy(c => c.Column).Where(g => g.Count() > 1)) yield return $"measure column '{column.Key}' is mapped more than once";
                break;
            default:
                if (m.Format != PivotCsv && layout.ValueColumn is not { Length: > 0 }) yield return "layout.valueColumn is required";
                if ((layout.Indicator is null) == (layout.IndicatorColumn is null)) yield return "layout needs exactly one of indicator (one measure) and indicatorColumn (with indicatorCodes)";
                if (layout.IndicatorColumn is not null && layout.IndicatorCodes.Count == 0) yield return "layout.indicatorCodes must map the values of indicatorColumn";
                if (m.Format == PivotCsv && layout.PeriodColumn is not null) yield return "a pivot file's periods come from its row of period URIs, not a periodColumn";
                break;
        }
    }

    /// <summary>Hashes the file: a workbook (a ZIP package) as bytes, anything else through the text checks of <see cref="InspectedFile"/>.</summary>
    public static async Task<InspectedFile> InspectAsync(string path, DatasetManifest manifest, CancellationToken cancellationToken)
    {
        var workbookAllowed = manifest.Format is TidyLong or SnsaTemplate;
        if (File.Exists(path) && TabularFile.IsWorkbook(path))
        {
            if (!workbookAllowed)
                throw new IngestException($"{path} is an Excel workbook (a ZIP package), but format {manifest.Format} of dataset '{manifest.Code}' is a CSV. Nothing was loaded.");
            await using var stream = File.OpenRead(path);
            var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
            return new InspectedFile(path, stream.Length, sha, new UTF8Encoding(false), false);
        }
        return await InspectedFile.InspectAsync(path, cancellationToken);
    }

    /// <summary>The reader for a manifest of one of these formats; null for other formats.</summary>
    public static IRowSource? Open(InspectedFile file, DatasetManifest manifest, ReferenceData reference) => manifest.Format switch
    {
        SparqlCsv => new LongTableReader(file, manifest, reference, "statistics.gov.scot SPARQL result CSV"),
        TidyLong => new LongTableReader(file, manifest, reference, "tidy long table"),
        WideCsv => new WideTableReader(file, manifest, reference),
        PivotCsv => new PivotCsvReader(file, manifest, reference),
        SnsaTemplate or Transcribed => new SnsaTemplateReader(file, manifest, reference),
        _ => null,
    };
}
