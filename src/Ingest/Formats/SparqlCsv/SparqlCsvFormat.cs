using CommunityJustice.Analytics.Ingest.Manifests;
using CommunityJustice.Analytics.Ingest.Reading;
using CommunityJustice.Analytics.Ingest.Tabular;

namespace CommunityJustice.Analytics.Ingest.Formats.SparqlCsv;

/// <summary>
/// <c>statgov-sparql-csv</c>: a SPARQL result CSV from statistics.gov.scot, one figure per row, whose
/// columns are the query's variables and whose values are full URIs (geographies, reference.data.gov.uk
/// periods, concepts) with numbers possibly in scientific notation. Read as a long table (<see cref="LongTableReader"/>);
/// the URIs are resolved by <see cref="RowResolver"/>.
/// </summary>
public sealed class SparqlCsvFormat : ISourceFormat
{
    public string Name => "statgov-sparql-csv";

    public IEnumerable<string> Validate(DatasetManifest manifest) =>
        LayoutRules.NoIndicatorMapping(manifest)
            .Concat(LayoutRules.AreaAndPeriod(manifest))
            .Concat(manifest.Layout is { } layout ? LayoutRules.OneValuePerRow(layout) : []);

    public Task<InspectedFile> InspectAsync(string path, DatasetManifest manifest, CancellationToken cancellationToken) =>
        TabularFile.InspectAsync(path, manifest, workbookAllowed: false, cancellationToken);

    public Task<IRowSource> OpenAsync(InspectedFile file, DatasetManifest manifest, ReferenceLookup reference, CancellationToken cancellationToken) =>
        Task.FromResult<IRowSource>(new LongTableReader(file, manifest, reference, "statistics.gov.scot SPARQL result CSV"));
}
