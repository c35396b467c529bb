using CommunityJustice.Analytics.Ingest.Manifests;
using CommunityJustice.Analytics.Ingest.Reading;
using CommunityJustice.Analytics.Ingest.Tabular;

namespace CommunityJustice.Analytics.Ingest.Formats.TidyLong;

/// <summary>
/// <c>tidy-long</c>: a long table, CSV or one sheet of an .xlsx, with named columns and one figure
/// per row (NRS population: <c>Area, Year, Sex, Age, Population</c>). Read by <see cref="LongTableReader"/>.
/// </summary>
public sealed class TidyLongFormat : ISourceFormat
{
    public string Name => "tidy-long";

    public IEnumerable<string> Validate(DatasetManifest manifest) =>
        LayoutRules.NoIndicatorMapping(manifest)
            .Concat(LayoutRules.AreaAndPeriod(manifest))
            .Concat(manifest.Layout is { } layout ? LayoutRules.OneValuePerRow(layout) : []);

    public Task<InspectedFile> InspectAsync(string path, DatasetManifest manifest, CancellationToken cancellationToken) =>
        TabularFile.InspectAsync(path, manifest, workbookAllowed: true, cancellationToken);

    public Task<IRowSource> OpenAsync(InspectedFile file, DatasetManifest manifest, ReferenceLookup reference, CancellationToken cancellationToken) =>
        Task.FromResult<IRowSource>(new LongTableReader(file, manifest, reference, "tidy long table"));
}
