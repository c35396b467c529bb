namespace CommunityJustice.Analytics.Ingest;

public static class BundledData
{
    /// <summary>Loads every bundled manifest's file from mirrorFolder into the (already migrated) database; throws on failure.</summary>
    public static Task LoadAllAsync(string connectionString, string mirrorFolder, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("BundledData.LoadAllAsync is being built");
}
