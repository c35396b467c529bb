using CommunityJustice.Analytics.Ingest.Manifests;
using CommunityJustice.Analytics.Ingest.Reading;
using CommunityJustice.Analytics.Ingest.Tabular;

namespace CommunityJustice.Analytics.Ingest.Formats.PivotCsv;

/// <summary>
/// <c>statgov-pivot-csv</c>: a statistics.gov.scot pivot download (metadata lines, a blank line, a row
/// of period URIs, a header, then one row per geography). Read by <see cref="PivotCsvReader"/>.
/// </summary>
public sealed class PivotCsvFormat : ISourceFormat
{
    public string Name => "statgov-pivot-csv";

    public IEnumerable<string> Validate(DatasetManifest manifest)
    {
        foreach (var problem in LayoutRules.NoIndicatorMapping(manifest).Concat(LayoutRules.AreaAndPeriod(manifest, periodRequired: false))) yield return problem;
        if (manifest.Layout is not { } layout) yield break;
        foreach (var problem in LayoutRules.OneValuePerRow(layout, valueColumnRequired: false)) yield return problem;
        if (layout.PeriodColumn is not null) yield return "a pivot file's periods come from its row of period URIs, not a periodColumn";
    }

    public Task<InspectedFile> InspectAsync(string path, DatasetManifest manifest, CancellationToken cancellationToken) =>
        TabularFile.InspectAsync(path, manifest, workbookAllowed: false, cancellationToken);

    public Task<IRowSource> OpenAsync(InspectedFile file, DatasetManifest manifest, ReferenceLookup reference, CancellationToken cancellationToken) =>
        Task.FromResult<IRowSource>(new PivotCsvReader(file, manifest, reference));
}
