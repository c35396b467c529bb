using CommunityJustice.Analytics.Ingest.Manifests;
using CommunityJustice.Analytics.Ingest.Reading;
using CommunityJustice.Analytics.Ingest.Tabular;

namespace CommunityJustice.Analytics.Ingest.Formats.WideCsv;

/// <summary>
/// <c>plain-wide-csv</c>: a header and one row per area, measures in columns (NRS components of
/// change, SIMD), each measure column mapped to an indicator (or an age band) by the layout's <c>measures</c>; a CSV or
/// one sheet of an .xlsx workbook (NRS small-area population, ages in columns). Read by <see cref="WideTableReader"/>.
/// </summary>
public sealed class WideCsvFormat : ISourceFormat
{
    public string Name => "plain-wide-csv";

    public IEnumerable<string> Validate(DatasetManifest manifest)
    {
        foreach (var problem in LayoutRules.NoIndicatorMapping(manifest).Concat(LayoutRules.AreaAndPeriod(manifest))) yield return problem;
        if (manifest.Layout is not { } layout) yield break;
        if (layout.Measures.Count == 0) yield return "layout.measures must map at least one measure column to an indicator";
        foreach (var column in layout.Measures.Where(m => m.Indicator is null && layout.Indicator is null))
            yield return $"measure column '{column.Column}' needs an indicator (or the layout one for every column)";
        if (layout.BlankValue == Model.Observations.ObservationStatus.Published) yield return "layout.blankValue cannot be Published: a blank cell has no figure";
        if (manifest.Mapping.Dimensions.Any(d => d.Target == DimensionTarget.AgeBand) && layout.Measures.Any(m => m.AgeBand is not null))
            yield return "the age band comes either from a mapped column or from the measure columns, not both";
        foreach (var column in layout.Measures.GroupBy(c => c.Column).Where(g => g.Count() > 1)) yield return $"measure column '{column.Key}' is mapped more than once";
    }

    public Task<InspectedFile> InspectAsync(string path, DatasetManifest manifest, CancellationToken cancellationToken) =>
        TabularFile.InspectAsync(path, manifest, workbookAllowed: true, cancellationToken);

    public Task<IRowSource> OpenAsync(InspectedFile file, DatasetManifest manifest, ReferenceLookup reference, CancellationToken cancellationToken) =>
        Task.FromResult<IRowSource>(new WideTableReader(file, manifest, reference));
}
