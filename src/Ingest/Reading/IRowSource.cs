namespace CommunityJustice.Analytics.Ingest.Reading;

/// <summary>A reader that turns one source file into a stream of resolved rows and rejects, one at a time.</summary>
public interface IRowSource : IAsyncDisposable
{
    /// <summary>Rows read so far (loaded or rejected; blank lines do not count).</summary>
    long RowsRead { get; }

    IAsyncEnumerable<StagedRow> ReadAsync(CancellationToken cancellationToken);
}
