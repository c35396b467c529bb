using CommunityJustice.Analytics.Ingest.Formats.Snsa;
using CommunityJustice.Analytics.Ingest.Manifests;
using CommunityJustice.Analytics.Ingest.Reading;
using CommunityJustice.Analytics.Ingest.Tabular;

namespace CommunityJustice.Analytics.Ingest.Formats.Transcribed;

/// <summary>
/// <c>transcribed</c>: figures typed from the text of publications, each with its citation, kept in
/// Datasets/transcribed/ (<see cref="TranscribedManifests"/>). Each edition's file is written from the
/// manifest in the SNSA template layout and read by the template's reader.
/// </summary>
public sealed class TranscribedFormat : ISourceFormat
{
    public string Name => TranscribedManifests.Format;

    public IEnumerable<string> Validate(DatasetManifest manifest)
    {
        foreach (var problem in LayoutRules.NoIndicatorMapping(manifest)) yield return problem;
        if (!manifest.TranscribedFromText) yield return "a transcribed manifest must say transcribedFromText: true";
        if (manifest.Transcribed is null) yield return "a transcribed manifest lives in Datasets/transcribed/ and is read with its editions";
    }

    public Task<InspectedFile> InspectAsync(string path, DatasetManifest manifest, CancellationToken cancellationToken) =>
        TabularFile.InspectAsync(path, manifest, workbookAllowed: false, cancellationToken);

    public Task<IRowSource> OpenAsync(InspectedFile file, DatasetManifest manifest, ReferenceLookup reference, CancellationToken cancellationToken) =>
        Task.FromResult<IRowSource>(new SnsaTemplateReader(file, manifest, reference));

    public IEnumerable<DatasetManifest> LoadManifests(string manifestFolder) =>
        TranscribedManifests.LoadFolder(Path.Combine(manifestFolder, TranscribedManifests.Folder));

    public string? WriteFile(DatasetManifest manifest, string cacheFolder) =>
        manifest.Transcribed is null ? null : TranscribedManifests.Materialise(manifest, cacheFolder);
}
