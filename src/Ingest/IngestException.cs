namespace CommunityJustice.Analytics.Ingest;

/// <summary>
/// A failure the user can act on (bad file, bad manifest, checksum mismatch, too many rejects):
/// its message is the whole explanation, so the command line prints it without a stack trace.
/// </summary>
public class IngestException(string message, Exception? inner = null) : Exception(message, inner);
