using CommunityJustice.Analytics.Ingest.Catalog;
using CommunityJustice.Analytics.Ingest.Loading;
using CommunityJustice.Analytics.Ingest.Manifests;
using CommunityJustice.Analytics.TestSupport;

namespace CommunityJustice.Analytics.Ingest.Tests.Support;

public static class Datasets
{
    public static DatasetManifest Reconvictions { get; } = ManifestCatalog.Find(ManifestCatalog.LoadBundled(), "reconvictions");

    public static string ReconvictionsFile { get; } = RepositoryPaths.MirrorFile(Reconvictions.MirrorPath);

    /// <summary>The reconvictions mapping under another dataset code, for tests that must not touch the real dataset.</summary>
    public static DatasetManifest Scratch(string code) => Reconvictions with { Code = code, Title = $"Test dataset {code}" };

    public static LoadRequest GeneratedFile(DatasetManifest manifest, string path, long maxRejects = 0) =>
        new(manifest, path) { EditionDate = new DateOnly(2024, 1, 31), MaxRejects = maxRejects };
}
