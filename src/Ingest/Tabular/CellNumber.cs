using System.Globalization;

namespace CommunityJustice.Analytics.Ingest.Tabular;

/// <summary>
/// Numbers as the sources print them: plain (<c>-240</c>, <c>26.3</c>), scientific notation as
/// SPARQL results write it (<c>2.29E0</c>), and thousands separators in groups of three
/// (<c>"-7,663"</c>, <c>14,700</c>). Anything else (<c>1,2</c>, <c>12a</c>, <c>n/a</c>) is not a number.
/// </summary>
public static class CellNumber
{
    /// <summary>The largest magnitude observations.value (numeric(18,6)) can hold.</summary>
    public const decimal MaxValue = 999_999_999_999.999999m;

    public static bool TryParse(ReadOnlySpan<char> text, out decimal value)
    {
        value = 0;
        text = text.Trim();
        if (text.IsEmpty) return false;
        if (text.Contains(','))
        {
            if (!HasThousandsGroups(text)) return false;
            Span<char> plain = stackalloc char[text.Length];
            var n = 0;
            foreach (var c in text) if (c != ',') plain[n++] = c;
            return decimal.TryParse(plain[..n], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
                && Math.Abs(value) <= MaxValue;
        }
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return Math.Abs(value) <= MaxValue;
        // decimal refuses some exponent forms double accepts (e.g. 1E-30 underflow); fall back through double for those.
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) && Math.Abs(d) <= (double)MaxValue)
        {
            value = (decimal)d;
            return true;
        }
        return false;
    }

    // -7,663 / 1,234,567.5: an optional sign, 1-3 digits, then groups of exactly three.
    private static bool HasThousandsGroups(ReadOnlySpan<char> text)
    {
        if (text[0] is '-' or '+') text = text[1..];
        var point = text.IndexOf('.');
        var whole = point < 0 ? text : text[..point];
        var groups = whole.ToString().Split(',');
        if (groups[0].Length is < 1 or > 3) return false;
        foreach (var g in groups) if (!g.All(char.IsAsciiDigit)) return false;
        for (var i = 1; i < groups.Length; i++) if (groups[i].Length != 3) return false;
        return point < 0 || (text[(point + 1)..].Length > 0 && text[(point + 1)..].IndexOfAnyExceptInRange('0', '9') < 0);
    }
}
