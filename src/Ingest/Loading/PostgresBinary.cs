using System.Buffers.Binary;

namespace CommunityJustice.Analytics.Ingest.Loading;

/// <summary>
/// PostgreSQL's binary representations of the values observations store (what the server's
/// <c>numeric_send</c>, <c>date_send</c>, <c>int4send</c>… write and their <c>…_recv</c> read), big-endian.
/// Used by <see cref="BinaryCopyWriter"/>; each method returns the bytes written.
/// </summary>
internal static class PostgresBinary
{
    /// <summary>The most bytes <see cref="WriteNumeric"/> writes: 8 header bytes and at most 9 base-10,000 digits (a decimal's 96-bit mantissa, padded to whole fraction digits).</summary>
    public const int MaxNumericBytes = 8 + 2 * 9;

    private const ushort NumericPositive = 0x0000;
    private const ushort NumericNegative = 0x4000;
    private const int NumericBase = 10_000;

    private static readonly int PostgresEpoch = new DateOnly(2000, 1, 1).DayNumber;

    private static readonly uint[] FractionPadding = [1, 10, 100, 1000];

    /// <summary>A date as days since 2000-01-01 (int32).</summary>
    public static int WriteDate(Span<byte> destination, DateOnly value)
    {
        BinaryPrimitives.WriteInt32BigEndian(destination, value.DayNumber - PostgresEpoch);
        return 4;
    }

    /// <summary>
    /// A decimal as numeric: int16 count of base-10,000 digits, int16 weight (the power of 10,000 of the first digit),
    /// uint16 sign, uint16 display scale (the decimal's own scale, so 1.50 stays 1.50 in an unconstrained column), then the
    /// digits, most significant first, without leading or trailing zero digits. The fraction is padded to whole base-10,000
    /// digits (0.5 is the digit 5,000 at weight -1). A column with a typmod (numeric(18,6)) rounds it as the server does for
    /// any input.
    /// </summary>
    public static int WriteNumeric(Span<byte> destination, decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = (bits[3] >> 16) & 0xFF;
        var negative = bits[3] < 0;
        var fractionDigits = (scale + 3) / 4;
        var padding = FractionPadding[fractionDigits * 4 - scale];

        // Base-10,000 digits, least significant first.
        Span<short> digits = stackalloc short[9];
        var count = 0;
        var high = (uint)bits[2];
        var low = ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
        if (high == 0 && low <= ulong.MaxValue / 1000)
        {
            var mantissa = low * padding;
            while (mantissa != 0)
            {
                (mantissa, var digit) = Math.DivRem(mantissa, NumericBase);
                digits[count++] = (short)digit;
            }
        }
        else
        {
            var mantissa = (((UInt128)high << 64) | low) * padding;
            while (mantissa != 0)
            {
                (mantissa, var digit) = UInt128.DivRem(mantissa, NumericBase);
                digits[count++] = (short)digit;
            }
        }

        var trailingZeros = 0;
        while (trailingZeros < count && digits[trailingZeros] == 0) trailingZeros++;
        var written = count - trailingZeros;
        // Zero (also -0m) is no digits, weight 0, positive.
        var weight = written == 0 ? 0 : count - fractionDigits - 1;
        BinaryPrimitives.WriteInt16BigEndian(destination, (short)written);
        BinaryPrimitives.WriteInt16BigEndian(destination[2..], (short)weight);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], negative && written != 0 ? NumericNegative : NumericPositive);
        BinaryPrimitives.WriteUInt16BigEndian(destination[6..], (ushort)scale);
        var offset = 8;
        for (var i = count - 1; i >= trailingZeros; i--, offset += 2) BinaryPrimitives.WriteInt16BigEndian(destination[offset..], digits[i]);
        return offset;
    }
}
