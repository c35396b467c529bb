using System.Text;

namespace CommunityJustice.Analytics.Ingest.Loading;

/// <summary>
/// Rejects met while rows stream straight into observations: kept in a temporary file (not in
/// memory, so a file full of bad rows cannot exhaust it), counted, and the first
/// <see cref="LoadResult.RejectSampleSize"/> kept for the result.
/// </summary>
internal sealed class RejectSpill : IAsyncDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"cja-rejects-{Guid.NewGuid():N}.bin");
    private readonly FileStream _stream;
    private readonly BinaryWriter _writer;
    private readonly List<RejectedRow> _sample = [];

    public long Count { get; private set; }
    public IReadOnlyList<RejectedRow> Sample => _sample;
    public RejectGroups Groups { get; } = new();

    public RejectSpill()
    {
        _stream = new FileStream(_path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        _writer = new BinaryWriter(_stream, Encoding.UTF8, leaveOpen: true);
    }

    public void Add(long line, string reason)
    {
        if (Count++ < LoadResult.RejectSampleSize) _sample.Add(new RejectedRow(line, reason));
        Groups.Add(line, reason);
        _writer.Write(line);
        _writer.Write(reason);
    }

    /// <summary>Every reject in the order added (line order).</summary>
    public IEnumerable<RejectedRow> ReadAll()
    {
        _writer.Flush();
        _stream.Position = 0;
        using var reader = new BinaryReader(_stream, Encoding.UTF8, leaveOpen: true);
        for (long i = 0; i < Count; i++) yield return new RejectedRow(reader.ReadInt64(), reader.ReadString());
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        await _stream.DisposeAsync();
    }
}
