using CommunityJustice.Analytics.Ingest.Catalog;
using CommunityJustice.Analytics.Ingest.Loading;
using CommunityJustice.Analytics.Ingest.Manifests;
using CommunityJustice.Analytics.Ingest.Sources;

namespace CommunityJustice.Analytics.Ingest;

/// <summary>The datasets this product ships manifests for, loaded in one call (for the API's tests and demos).</summary>
public static class BundledData
{
    /// <summary>Loads every bundled manifest's file from mirrorFolder into the (already migrated) database; throws on failure.</summary>
    /// <remarks>
    /// Files missing from the mirror are downloaded from their official address. Each file must
    /// match its manifest's SHA-256 and load with no rejected rows; files already loaded are skipped.
    /// </remarks>
    /// <param name="include">Which manifests to load (default: all).</param>
    public static async Task LoadAllAsync(string connectionString, string mirrorFolder, Func<DatasetManifest, bool>? include = null, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(mirrorFolder)) throw new IngestException($"The mirror folder {mirrorFolder} does not exist.");
        await LoadAsync(connectionString, new SourceFileStore(mirrorFolder, MirrorFolder.LocalFolder("ingest-cache")), ManifestCatalog.LoadBundled().Where(include ?? (_ => true)),
            cancellationToken);
    }

    /// <summary>The datasets below council level (the geography lookup, SIMD by data zone, small-area population): 1.4 million rows, which only tests about them need.</summary>
    public static bool IsDataZoneLevel(DatasetManifest manifest) =>
        manifest.Format == Formats.Geography.GeographyLookupFormat.FormatName || manifest.Code is "simd-2020v2" || manifest.Code.StartsWith("nrs-small-area-population-", StringComparison.Ordinal);

    /// <summary>Loads the given manifests in order and returns how each went; throws on the first failure.</summary>
    public static async Task<IReadOnlyList<LoadResult>> LoadAsync(string connectionString, SourceFileStore files, IEnumerable<DatasetManifest> manifests,
        CancellationToken cancellationToken = default)
    {
        var loader = new DatasetLoader(connectionString);
        var results = new List<LoadResult>();
        foreach (var manifest in manifests)
        {
            var path = await files.GetAsync(manifest, cancellationToken);
            results.Add(await loader.LoadAsync(new LoadRequest(manifest, path) { RequireManifestChecksum = true }, cancellationToken));
        }
        return results;
    }
}
