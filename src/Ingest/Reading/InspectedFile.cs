using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace CommunityJustice.Analytics.Ingest.Reading;

/// <summary>What one streaming pass over a source file learnt: its hash, and how its text is encoded.</summary>
public sealed record InspectedFile(string Path, long Length, string Sha256, Encoding Encoding, bool HasUtf8Bom)
{
    /// <summary>How many line feeds the file has (counted on the bytes: LF is one byte in UTF-8 and Windows-1252).</summary>
    public long LineFeeds { get; init; }

    /// <summary>False when the file's last byte is not a line feed: its last line may have been cut short.</summary>
    public bool EndsWithLineBreak { get; init; } = true;

    /// <summary>The number of physical lines: the line feeds, plus the last line when it has none after it.</summary>
    public long PhysicalLines => LineFeeds + (EndsWithLineBreak ? 0 : 1);

    public string EncodingName => HasUtf8Bom ? "UTF-8 with BOM" : Encoding.CodePage == 1252 ? "Windows-1252" : "UTF-8";

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    // Bytes Windows-1252 leaves undefined; .NET's code page decoder would quietly map them to C1 controls.
    private static readonly SearchValues<byte> Undefined1252 = SearchValues.Create([0x81, 0x8D, 0x8F, 0x90, 0x9D]);

    static InspectedFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Windows1252 => Encoding.GetEncoding(1252, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

    /// <summary>
    /// Hashes the file and decides its encoding: UTF-8 (with or without BOM) when every byte
    /// sequence is valid UTF-8, else Windows-1252. Refuses empty files, binary content (NUL or
    /// other control bytes) and text valid in neither encoding. Reads in fixed-size blocks, so
    /// memory does not depend on the file's size.
    /// </summary>
    public static async Task<InspectedFile> InspectAsync(string path, CancellationToken cancellationToken)
    {
        var stream = SourceFileStream.OpenSequential(path);

        await using (stream)
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var utf8 = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
            var buffer = new byte[1 << 16];
            var chars = new char[buffer.Length + 4];
            long offset = 0;
            long firstInvalidUtf8 = -1;
            long firstUndefined1252 = -1;
            var hasBom = false;
            long lineFeeds = 0;
            byte last = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                var block = buffer.AsSpan(0, read);
                hash.AppendData(block);
                if (offset == 0 && block.StartsWith(Utf8Bom)) hasBom = true;
                if (offset == 0 && (block.StartsWith((byte[])[0xFF, 0xFE]) || block.StartsWith((byte[])[0xFE, 0xFF])))
                    throw new IngestException($"{path} is UTF-16 text; save it as UTF-8 (statistics.gov.scot CSV files are UTF-8).");
                if (offset == 0 && Utf16WithoutBom(block) is { } utf16)
                    throw new IngestException($"{path} is {utf16} text without a byte order mark (every other byte is 0x00); save it as UTF-8 (statistics.gov.scot CSV files are UTF-8).");

                var control = block.IndexOfAnyInRange((byte)0x00, (byte)0x08);
                if (control < 0) control = block.IndexOfAnyInRange((byte)0x0B, (byte)0x0C);
                if (control < 0) control = block.IndexOfAnyInRange((byte)0x0E, (byte)0x1F);
                if (control >= 0)
                    throw new IngestException($"{path} is not a text file: it has the control byte 0x{block[control]:X2} at byte offset {offset + control}. It looks like binary data, not CSV.");

                if (firstUndefined1252 < 0 && block.IndexOfAny(Undefined1252) is var undefined and >= 0) firstUndefined1252 = offset + undefined;
                if (firstInvalidUtf8 < 0)
                {
                    try { utf8.GetChars(block, chars, flush: false); }
                    catch (DecoderFallbackException e) { firstInvalidUtf8 = offset + Math.Max(0, e.Index); }
                }
                lineFeeds += block.Count((byte)'\n');
                last = block[^1];
                offset += read;
            }
            if (firstInvalidUtf8 < 0)
            {
                try { utf8.GetChars([], chars, flush: true); }
                catch (DecoderFallbackException) { firstInvalidUtf8 = offset; }
            }

            if (offset == 0 || (hasBom && offset == Utf8Bom.Length))
                throw new IngestException($"{path} is empty.");
            if (firstInvalidUtf8 >= 0 && hasBom)
                throw new IngestException($"{path} starts with a UTF-8 byte order mark but is not valid UTF-8 (first bad byte near offset {firstInvalidUtf8}).");
            if (firstInvalidUtf8 >= 0 && firstUndefined1252 >= 0)
                throw new IngestException($"{path} is neither valid UTF-8 (bad byte near offset {firstInvalidUtf8}) nor Windows-1252 (undefined byte at offset {firstUndefined1252}); check the file was saved as text.");

            var encoding = firstInvalidUtf8 >= 0 ? Windows1252 : new UTF8Encoding(false, throwOnInvalidBytes: true);
            return new InspectedFile(path, offset, Convert.ToHexStringLower(hash.GetHashAndReset()), encoding, hasBom)
            {
                LineFeeds = lineFeeds, EndsWithLineBreak = last == (byte)'\n',
            };
        }
    }

    /// <summary>
    /// "UTF-16LE" or "UTF-16BE" when the first block reads as ASCII-range UTF-16 with no byte order mark
    /// (a 0x00 in every other byte, on the same side), else null.
    /// </summary>
    private static string? Utf16WithoutBom(ReadOnlySpan<byte> block)
    {
        var pairs = Math.Min(block.Length / 2, 4096);
        if (pairs < 2) return null;
        int zeroOdd = 0, zeroEven = 0;
        for (var i = 0; i < pairs; i++)
        {
            if (block[2 * i] == 0) zeroEven++;
            if (block[2 * i + 1] == 0) zeroOdd++;
        }
        if (zeroOdd * 10 >= pairs * 9 && zeroEven * 10 < pairs) return "UTF-16LE";
        if (zeroEven * 10 >= pairs * 9 && zeroOdd * 10 < pairs) return "UTF-16BE";
        return null;
    }

    /// <summary>Opens the file as text in its detected encoding, positioned after any BOM.</summary>
    public StreamReader OpenText()
    {
        // Not FileOptions.Asynchronous: readers that read synchronously then make a plain read per block.
        var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        if (HasUtf8Bom) stream.Position = Utf8Bom.Length;
        return new StreamReader(stream, Encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
    }
}
