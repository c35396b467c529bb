using System.Globalization;
using CommunityJustice.Analytics.Ingest.Reading;
using CommunityJustice.Analytics.Model.Observations;

namespace CommunityJustice.Analytics.Ingest.StatGov;

/// <summary>
/// Parses statistics.gov.scot DateCode values: <c>2016</c>, <c>2016-Q2</c>, <c>2016M08</c>,
/// <c>2009/2010</c> (financial year, 1 April to 31 March), <c>2005-2007</c> (year range) and
/// <c>2005/06 - 2009/10</c> (financial-year range).
/// </summary>
public static class DateCode
{
    private const int MinYear = 1800;
    private const int MaxYear = 2200;

    public static bool TryParse(ReadOnlySpan<char> text, out Period period)
    {
        period = default;
        text = text.Trim();
        return TryCalendarYear(text, out period)
            || TryQuarter(text, out period)
            || TryMonth(text, out period)
            || TryFinancialYear(text, out period)
            || TryYearRange(text, out period)
            || TryFinancialYearRange(text, out period);
    }

    public static Period Parse(string text) =>
        TryParse(text, out var period) ? period : throw new FormatException($"'{text}' is not a statistics.gov.scot DateCode.");

    private static bool TryCalendarYear(ReadOnlySpan<char> text, out Period period)
    {
        period = default;
        if (!TryYear(text, out var year)) return false;
        period = new Period(PeriodType.CalendarYear, Year(year), new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        return true;
    }

    // 2016-Q2
    private static bool TryQuarter(ReadOnlySpan<char> text, out Period period)
    {
        period = default;
        if (text.Length != 7 || text[4] != '-' || (text[5] != 'Q' && text[5] != 'q')) return false;
        if (!TryYear(text[..4], out var year) || text[6] is < '1' or > '4') return false;
        var quarter = text[6] - '0';
        var start = new DateOnly(year, (quarter - 1) * 3 + 1, 1);
        period = new Period(PeriodType.Quarter, $"{Year(year)}-Q{quarter}", start, start.AddMonths(3).AddDays(-1));
        return true;
    }

    // 2016M08
    private static bool TryMonth(ReadOnlySpan<char> text, out Period period)
    {
        period = default;
        if (text.Length != 7 || (text[4] != 'M' && text[4] != 'm')) return false;
        if (!TryYear(text[..4], out var year) || !TryDigits(text[5..], out var month) || month is < 1 or > 12) return false;
        var start = new DateOnly(year, month, 1);
        period = new Period(PeriodType.Month, $"{Year(year)}-{month:00}", start, start.AddMonths(1).AddDays(-1));
        return true;
    }

    // 2009/2010, also the short 2009/10
    private static bool TryFinancialYear(ReadOnlySpan<char> text, out Period period)
    {
        period = default;
        if (!TryFinancialYearStart(text, out var year)) return false;
        period = new Period(PeriodType.FinancialYear, FinancialYearLabel(year), FinancialYearStart(year), FinancialYearStart(year + 1).AddDays(-1));
        return true;
    }

    // 2005-2007
    private static bool TryYearRange(ReadOnlySpan<char> text, out Period period)
    {
        period = default;
        if (text.Length != 9 || text[4] != '-') return false;
        if (!TryYear(text[..4], out var first) || !TryYear(text[5..], out var last) || last <= first) return false;
        period = new Period(PeriodType.YearRange, $"{Year(first)}-{Year(last)}", new DateOnly(first, 1, 1), new DateOnly(last, 12, 31));
        return true;
    }

    // 2005/06 - 2009/10 (spaces around the dash are optional)
    private static bool TryFinancialYearRange(ReadOnlySpan<char> text, out Period period)
    {
        period = default;
        var dash = text.IndexOf('-');
        if (dash < 0) return false;
        if (!TryFinancialYearStart(text[..dash].Trim(), out var first) || !TryFinancialYearStart(text[(dash + 1)..].Trim(), out var last) || last <= first)
            return false;
        period = new Period(PeriodType.FinancialYearRange, $"{FinancialYearLabel(first)} to {FinancialYearLabel(last)}",
            FinancialYearStart(first), FinancialYearStart(last + 1).AddDays(-1));
        return true;
    }

    private static bool TryFinancialYearStart(ReadOnlySpan<char> text, out int year)
    {
        year = 0;
        var slash = text.IndexOf('/');
        if (slash != 4 || !TryYear(text[..4], out year)) return false;
        var second = text[5..];
        var next = year + 1;
        return second.Length switch
        {
            4 => TryDigits(second, out var full) && full == next,
            2 => TryDigits(second, out var two) && two == next % 100,
            _ => false,
        };
    }

    private static bool TryYear(ReadOnlySpan<char> text, out int year) =>
        TryDigits(text, out year) && text.Length == 4 && year is >= MinYear and <= MaxYear;

    private static bool TryDigits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 9) return false;
        foreach (var c in text)
        {
            if (c is < '0' or > '9') return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }

    private static DateOnly FinancialYearStart(int year) => new(year, 4, 1);

    private static string FinancialYearLabel(int year) => $"{Year(year)}-{(year + 1) % 100:00}";

    private static string Year(int year) => year.ToString(CultureInfo.InvariantCulture);
}
