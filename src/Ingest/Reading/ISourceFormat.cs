using CommunityJustice.Analytics.Ingest.Manifests;

namespace CommunityJustice.Analytics.Ingest.Reading;

/// <summary>
/// One source format, named by a manifest's <c>format</c>: what such a manifest must say, how its
/// file is inspected (hashed, its encoding decided) and the reader that streams its rows. Each format
/// lives in its own folder under <c>Formats/</c> and is listed once in <c>Formats/SourceFormats.cs</c>.
/// </summary>
public interface ISourceFormat
{
    /// <summary>The manifest's <c>format</c> value.</summary>
    string Name { get; }

    /// <summary>What a manifest of this format must say beyond the fields every manifest has; empty when it is complete.</summary>
    IEnumerable<string> Validate(DatasetManifest manifest);

    /// <summary>Hashes the file and checks it is the kind of file the format reads; throws <see cref="IngestException"/> when it is not.</summary>
    Task<InspectedFile> InspectAsync(string path, DatasetManifest manifest, CancellationToken cancellationToken);

    /// <summary>Opens the reader; checks the file's header (or tables) against the manifest before anything is written.</summary>
    Task<IRowSource> OpenAsync(InspectedFile file, DatasetManifest manifest, ReferenceLookup reference, CancellationToken cancellationToken);

    /// <summary>How a load's result names the file's encoding.</summary>
    string DescribeEncoding(InspectedFile file) => file.EncodingName;

    /// <summary>Manifests the format keeps in a folder of its own under the manifest folder (one per edition); none by default.</summary>
    IEnumerable<DatasetManifest> LoadManifests(string manifestFolder) => [];

    /// <summary>For a manifest that holds its figures itself: writes its file under the cache folder and returns the path; null when the file is fetched.</summary>
    string? WriteFile(DatasetManifest manifest, string cacheFolder) => null;
}
