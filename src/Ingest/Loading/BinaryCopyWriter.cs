using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Npgsql;

namespace CommunityJustice.Analytics.Ingest.Loading;

/// <summary>
/// Writes COPY … FROM STDIN (FORMAT BINARY) itself, through Npgsql's raw copy stream: the PGCOPY header, per row an
/// int16 field count and per field an int32 length and the value's bytes (-1 for null), and an int16 -1 trailer
/// (PostgreSQL's "Binary Format" of COPY). Rows are encoded into one large pooled buffer that goes to the socket whole.
/// Npgsql's <see cref="NpgsqlBinaryImporter"/> resolves a converter and binds a parameter for every value; at millions
/// of rows that was most of a load's client CPU (docs/benchmarks.md, "Client-side COPY encoding").
/// Text the caller knows to repeat as the same string instance (the reference data's codes) is encoded to UTF-8 once
/// and copied afterwards (<see cref="WriteRepeatedText"/>).
/// Disposing a writer that was not completed abandons the COPY (CopyFail): nothing written reaches the table.
/// </summary>
internal sealed class BinaryCopyWriter : IAsyncDisposable
{
    private const int BufferSize = 128 * 1024;
    // A row that starts before this point fits the buffer unless it is unusually long (the buffer then grows).
    private const int FlushThreshold = BufferSize - 16 * 1024;
    private const int MaxRepeatedTexts = 16_384;

    private static readonly byte[] Header = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly NpgsqlRawCopyStream _stream;
    private readonly Dictionary<string, byte[]> _repeatedTexts = new(ReferenceEqualityComparer.Instance);
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    private int _position;
    private bool _completed;

    private BinaryCopyWriter(NpgsqlRawCopyStream stream) => _stream = stream;

    /// <summary>Starts <paramref name="copySql"/>, a <c>COPY … FROM STDIN (FORMAT BINARY)</c>.</summary>
    public static async Task<BinaryCopyWriter> BeginAsync(NpgsqlConnection connection, string copySql, CancellationToken cancellationToken)
    {
        var writer = new BinaryCopyWriter(await connection.BeginRawBinaryCopyAsync(copySql, cancellationToken));
        Header.CopyTo(writer._buffer, 0);
        writer._position = Header.Length;
        return writer;
    }

    /// <summary>A text field, length included, to pass to <see cref="WriteField"/>.</summary>
    public static byte[] TextField(string value)
    {
        var field = new byte[4 + Utf8.GetByteCount(value)];
        BinaryPrimitives.WriteInt32BigEndian(field, field.Length - 4);
        Utf8.GetBytes(value, field.AsSpan(4));
        return field;
    }

    /// <summary>An int4 field, length included, to pass to <see cref="WriteField"/>.</summary>
    public static byte[] Int32Field(int value)
    {
        var field = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(field, 4);
        BinaryPrimitives.WriteInt32BigEndian(field.AsSpan(4), value);
        return field;
    }

    /// <summary>A date field, length included, to pass to <see cref="WriteField"/>.</summary>
    public static byte[] DateField(DateOnly value)
    {
        var field = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(field, 4);
        PostgresBinary.WriteDate(field.AsSpan(4), value);
        return field;
    }

    public void StartRow(int fieldCount)
    {
        BinaryPrimitives.WriteInt16BigEndian(Reserve(2), (short)fieldCount);
        _position += 2;
    }

    /// <summary>One or more fields encoded beforehand (each with its length), e.g. by <see cref="TextField"/>.</summary>
    public void WriteField(ReadOnlySpan<byte> encoded)
    {
        encoded.CopyTo(Reserve(encoded.Length));
        _position += encoded.Length;
    }

    public void WriteNull()
    {
        BinaryPrimitives.WriteInt32BigEndian(Reserve(4), -1);
        _position += 4;
    }

    public void WriteInt64(long value)
    {
        var span = Reserve(12);
        BinaryPrimitives.WriteInt32BigEndian(span, 8);
        BinaryPrimitives.WriteInt64BigEndian(span[4..], value);
        _position += 12;
    }

    public void WriteNumeric(decimal value)
    {
        var span = Reserve(4 + PostgresBinary.MaxNumericBytes);
        var length = PostgresBinary.WriteNumeric(span[4..], value);
        BinaryPrimitives.WriteInt32BigEndian(span, length);
        _position += 4 + length;
    }

    public void WriteNumeric(decimal? value)
    {
        if (value is { } number) WriteNumeric(number);
        else WriteNull();
    }

    /// <summary>Text encoded as it comes (a marker, a reject's reason); null writes a null.</summary>
    public void WriteText(string? value)
    {
        if (value is null)
        {
            WriteNull();
            return;
        }
        var span = Reserve(4 + Utf8.GetMaxByteCount(value.Length));
        var length = Utf8.GetBytes(value, span[4..]);
        BinaryPrimitives.WriteInt32BigEndian(span, length);
        _position += 4 + length;
    }

    /// <summary>
    /// Text that recurs as the same string instance (readers hand out the reference data's own code strings): its UTF-8
    /// is encoded on first sight and copied afterwards. The cache is keyed by reference and bounded, so a reader that
    /// makes a new string per row only costs a look-up more than <see cref="WriteText"/>.
    /// </summary>
    public void WriteRepeatedText(string value)
    {
        if (!_repeatedTexts.TryGetValue(value, out var field))
        {
            field = TextField(value);
            if (_repeatedTexts.Count < MaxRepeatedTexts) _repeatedTexts[value] = field;
        }
        WriteField(field);
    }

    /// <summary>Call after each row: sends the buffer once it is nearly full.</summary>
    public ValueTask EndRowAsync(CancellationToken cancellationToken) =>
        _position >= FlushThreshold ? FlushAsync(cancellationToken) : ValueTask.CompletedTask;

    /// <summary>Writes the trailer and ends the COPY; the server's errors (a constraint, a foreign key) surface here.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        BinaryPrimitives.WriteInt16BigEndian(Reserve(2), -1);
        _position += 2;
        await FlushAsync(cancellationToken);
        _completed = true;
        await _stream.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_completed)
        {
            _completed = true;
            try
            {
                await _stream.CancelAsync();
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or ObjectDisposedException)
            {
                // Already failing: the caller's exception is the one to report, and the load's transaction is rolled back.
            }
        }
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
    }

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(_buffer.AsMemory(0, _position), cancellationToken);
        _position = 0;
    }

    private Span<byte> Reserve(int bytes)
    {
        if (_position + bytes > _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _position + bytes));
            _buffer.AsSpan(0, _position).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        return _buffer.AsSpan(_position);
    }
}
