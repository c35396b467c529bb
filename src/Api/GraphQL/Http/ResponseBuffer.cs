using System.Buffers;

namespace CommunityJustice.Analytics.Api.GraphQL.Http;

/// <summary>
/// A write-only stream the response body is serialised into before anything is sent, in a buffer
/// rented from the array pool (returned on disposal), that refuses to hold more than a number of
/// bytes: an answer over <c>MaxResponseBytes</c> stops being written at the limit
/// (<see cref="LimitReachedException"/>) and can still be refused with a status and a coded error.
/// </summary>
public sealed class ResponseBuffer(long limit) : Stream
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(4096);
    private int _written;

    public sealed class LimitReachedException() : IOException("The response is larger than the limit.");

    /// <summary>The bytes written so far (valid until disposal).</summary>
    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _written);

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _written;
    public override long Position { get => _written; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if ((long)_written + buffer.Length > limit) throw new LimitReachedException();
        if (_written + buffer.Length > _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(Math.Max((long)_buffer.Length * 2, _written + buffer.Length), Array.MaxLength));
            _buffer.AsSpan(0, _written).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        buffer.CopyTo(_buffer.AsSpan(_written));
        _written += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && _buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
            _written = 0;
        }
        base.Dispose(disposing);
    }
}
