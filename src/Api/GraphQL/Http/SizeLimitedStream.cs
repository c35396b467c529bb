namespace CommunityJustice.Analytics.Api.GraphQL.Http;

/// <summary>
/// A write-only stream in front of another that refuses to take more than a number of bytes: the
/// response body is serialised through it, so an answer over <c>MaxResponseBytes</c> stops being
/// written at the limit (<see cref="LimitReachedException"/>) instead of being sent whole.
/// </summary>
public sealed class SizeLimitedStream(Stream inner, long limit) : Stream
{
    private long _written;

    public sealed class LimitReachedException() : IOException("The response is larger than the limit.");

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _written;
    public override long Position { get => _written; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Take(buffer.Length);
        inner.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Take(buffer.Length);
        return inner.WriteAsync(buffer, cancellationToken);
    }

    private void Take(int count)
    {
        _written += count;
        if (_written > limit) throw new LimitReachedException();
    }

    public override void Flush() => inner.Flush();
    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
