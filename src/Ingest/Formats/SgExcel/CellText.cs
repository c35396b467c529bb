using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CommunityJustice.Analytics.Ingest.Manifests;
using CommunityJustice.Analytics.Model.Observations;

namespace CommunityJustice.Analytics.Ingest.Formats.SgExcel;

/// <summary>How the text of Scottish Government publication tables is written, and how to read it.</summary>
public static partial class CellText
{
    /// <summary>
    /// Markers of SG tables (GSS symbols, the older publications' <c>' - '</c> and <c>**</c>, recorded
    /// crime's <c>n/l</c>/<c>low</c>), on top of <see cref="MarkerDefaults"/>. None of them is a zero.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, ObservationStatus> Markers = BuildMarkers();

    private static Dictionary<string, ObservationStatus> BuildMarkers()
    {
        var markers = new Dictionary<string, ObservationStatus>(MarkerDefaults.All, StringComparer.Ordinal)
        {
            ["[low]"] = ObservationStatus.Suppressed,    // less than 0.5%: a value exists but is not shown
            ["low"] = ObservationStatus.Suppressed,      // recorded crime: fewer than 5 crimes
            ["n/r"] = ObservationStatus.Suppressed,      // not reported: base below 10
            ["n/l"] = ObservationStatus.NotAvailable,    // recorded crime: not listed
            ["[x]"] = ObservationStatus.Suppressed,      // prison statistics: intentionally left blank
            ["**"] = ObservationStatus.Suppressed,       // reconviction: base too small to show
            ["-"] = ObservationStatus.NotAvailable,      // reconviction ' - ': no data, e.g. before a disposal existed
            ["x"] = ObservationStatus.NotAvailable,
            ["z"] = ObservationStatus.NotApplicable,
            ["[z]"] = ObservationStatus.NotApplicable,
            ["[c]"] = ObservationStatus.Suppressed,
        };
        return markers;
    }

    /// <summary>
    /// A header or label as meant: spaces collapsed, <c>[note N]</c> tags dropped, and footnote
    /// digits glued to a word removed (<c>Age2</c> → Age, <c>cohorts1,2</c> → cohorts,
    /// <c>Discharged from Custody3</c> → Discharged from Custody). Digits after a space or a
    /// digit are kept (<c>Under 16</c>, <c>2009-10</c>).
    /// </summary>
    public static string Normalise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var s = NoteTag().Replace(text, " ");
        s = Spaces().Replace(s, " ").Trim();
        s = GluedFootnote().Replace(s, "$1");
        return s.Trim();
    }

    /// <summary>The text of a cell as Excel would show it without formatting; null for an empty cell.</summary>
    public static string? Show(object? value) => value switch
    {
        null => null,
        string s => string.IsNullOrWhiteSpace(s) ? null : s,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>
    /// Reads a value cell: a number (stored as a number, or as text with thousands separators and
    /// flags such as <c>0.59*†</c>, whose flags become the marker), or a marker (value null).
    /// </summary>
    public static CellValue Read(object? cell)
    {
        switch (cell)
        {
            case null:
                return CellValue.Problem("the cell is empty and has no marker");
            case double d:
                if (!double.IsFinite(d) || Math.Abs(d) > (double)MaxValue) return CellValue.Problem($"the number {d} is too large to store");
                return new CellValue(ToDecimal(d), ObservationStatus.Published, null, null);
            case int or long or decimal or float:
                return new CellValue(Convert.ToDecimal(cell, CultureInfo.InvariantCulture), ObservationStatus.Published, null, null);
            case string s:
                var text = s.Trim();
                if (text.Length == 0) return CellValue.Problem("the cell is blank and has no marker");
                if (Markers.TryGetValue(text, out var status) && status != ObservationStatus.Published)
                    return new CellValue(null, status, text, null);
                var match = FlaggedNumber().Match(text);
                if (match.Success && TryNumber(match.Groups["number"].Value, out var number))
                {
                    var flags = match.Groups["flags"].Value.Replace(" ", "", StringComparison.Ordinal);
                    return new CellValue(number, ObservationStatus.Published, flags.Length == 0 ? null : flags, null);
                }
                return CellValue.Problem($"'{text}' is neither a number nor a known marker");
            default:
                return CellValue.Problem($"the cell holds a {cell.GetType().Name}, not a number or marker");
        }
    }

    /// <summary>The largest magnitude observations.value (numeric(18,6)) can hold.</summary>
    private const decimal MaxValue = 999_999_999_999.999999m;

    // 26.3, -7, 1,808 (thousands in groups of three); not 1,2.
    private static bool TryNumber(string text, out decimal value)
    {
        value = 0;
        if (text.Contains(',', StringComparison.Ordinal) && !Thousands().IsMatch(text)) return false;
        return decimal.TryParse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
            CultureInfo.InvariantCulture, out value) && Math.Abs(value) <= MaxValue;
    }

    // Excel stores binary doubles; 0.1 + 0.2 style noise is removed by going through the shortest round-trip text.
    private static decimal ToDecimal(double d) =>
        decimal.TryParse(d.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out var m) ? m : (decimal)d;

    /// <summary>A1-style address with the sheet: <c>'Table 13'!B12</c>.</summary>
    public static string Address(string sheet, int column, long row)
    {
        var name = SimpleSheetName().IsMatch(sheet) ? sheet : $"'{sheet.Replace("'", "''", StringComparison.Ordinal)}'";
        return $"{name}!{ColumnLetters(column)}{row.ToString(CultureInfo.InvariantCulture)}";
    }

    public static string ColumnLetters(int column)
    {
        var letters = new StringBuilder();
        for (var n = column + 1; n > 0; n = (n - 1) / 26) letters.Insert(0, (char)('A' + (n - 1) % 26));
        return letters.ToString();
    }

    [GeneratedRegex(@"\[note \d+\]", RegexOptions.IgnoreCase)]
    private static partial Regex NoteTag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    // A letter or closing bracket followed directly by footnote numbers (1, 12, 1,2) at the end.
    [GeneratedRegex(@"([\p{L})])\d{1,2}(,\d{1,2})*$")]
    private static partial Regex GluedFootnote();

    [GeneratedRegex(@"^(?<number>[-+]?[\d,]*\.?\d+)\s*(?<flags>[*†‡§¶#X ]*)$")]
    private static partial Regex FlaggedNumber();

    [GeneratedRegex(@"^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$")]
    private static partial Regex Thousands();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.]*$")]
    private static partial Regex SimpleSheetName();
}

/// <summary>A value cell read: value and status, the marker or flags as printed, or why it cannot be read.</summary>
public readonly record struct CellValue(decimal? Value, ObservationStatus Status, string? Marker, string? Error)
{
    public static CellValue Problem(string error) => new(null, ObservationStatus.Published, null, error);
}
