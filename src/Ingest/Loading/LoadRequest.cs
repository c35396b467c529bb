using CommunityJustice.Analytics.Ingest.Manifests;

namespace CommunityJustice.Analytics.Ingest.Loading;

/// <summary>One file to load as an edition of a dataset, and the policy for the load.</summary>
public sealed record LoadRequest(DatasetManifest Manifest, string FilePath)
{
    /// <summary>The edition's publication date; defaults to the manifest's when the file is the one the manifest describes.</summary>
    public DateOnly? EditionDate { get; init; }

    /// <summary>When true (manifest-driven loads) a file whose SHA-256 differs from the manifest's is an error.</summary>
    public bool RequireManifestChecksum { get; init; }

    /// <summary>How many rejected rows are tolerated; one more and the whole load is rolled back.</summary>
    public long MaxRejects { get; init; }

    /// <summary>Read, resolve and stage everything, then roll back.</summary>
    public bool DryRun { get; init; }

    /// <summary>Folder under which each load writes a run log and a reject report; null writes none.</summary>
    public string? ReportFolder { get; init; }

    /// <summary>Called with the number of rows read so far, every <see cref="DatasetLoader.ProgressInterval"/> rows.</summary>
    public Action<long>? Progress { get; init; }
}
