using CommunityJustice.Analytics.Ingest.Manifests;
using CommunityJustice.Analytics.Ingest.Sources;
using CommunityJustice.Analytics.Ingest.StatGov;

namespace CommunityJustice.Analytics.Ingest.Loading;

/// <summary>A reader that turns one source file into a stream of resolved rows and rejects, one at a time.</summary>
public interface IRowSource : IAsyncDisposable
{
    /// <summary>Rows read so far (loaded or rejected; blank lines do not count).</summary>
    long RowsRead { get; }

    IAsyncEnumerable<StagedRow> ReadAsync(CancellationToken cancellationToken);
}

/// <summary>Picks the reader for a manifest's format. A new format adds a case here.</summary>
public static class RowSources
{
    public static async Task<IRowSource> OpenAsync(InspectedFile file, DatasetManifest manifest, ReferenceData reference, CancellationToken cancellationToken) =>
        manifest.Format switch
        {
            ManifestCatalog.TidyCsvFormat => await TidyCsvReader.OpenAsync(file, manifest, reference, cancellationToken),
            Excel.ExcelManifestRules.Format => await Excel.ExcelTableReader.OpenAsync(file, manifest, reference, cancellationToken),
            _ => Formats.SourceFormats.Open(file, manifest, reference) ?? throw new IngestException($"The manifest for '{manifest.Code}' has format '{manifest.Format}', which this worker cannot read."),
        };
}
