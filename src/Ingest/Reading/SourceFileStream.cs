namespace CommunityJustice.Analytics.Ingest.Reading;

internal static class SourceFileStream
{
    /// <summary>Opens a source file for one sequential pass; a file that cannot be opened is a user error, said plainly.</summary>
    public static FileStream OpenSequential(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IngestException($"Cannot open {path}: {e.Message}", e);
        }
    }
}
