using System.Globalization;
using System.Text.RegularExpressions;
using CommunityJustice.Analytics.Ingest.Reading;
using CommunityJustice.Analytics.Ingest.StatGov;
using CommunityJustice.Analytics.Model.Observations;

namespace CommunityJustice.Analytics.Ingest.Formats.SgExcel;

/// <summary>
/// Period labels as SG tables print them. The forms a table uses are named in its manifest,
/// because the printed text alone is ambiguous: <c>2010-11</c> is the financial year 2010-11 in a
/// year column but would be November 2010 in a monthly one.
/// </summary>
public static partial class ExcelPeriod
{
    public const string FinancialYear = "financialYear";
    public const string CalendarYear = "calendarYear";
    public const string Month = "month";
    public const string Quarter = "quarter";
    public const string DateCodeForm = "dateCode";

    public static readonly IReadOnlyList<string> KnownForms = [FinancialYear, CalendarYear, Month, Quarter, DateCodeForm];

    public static bool TryParse(string text, IReadOnlyList<string> forms, out Period period)
    {
        text = text.Trim();
        foreach (var form in forms.Count == 0 ? [FinancialYear] : forms)
        {
            var parsed = form switch
            {
                FinancialYear => TryFinancialYear(text, out period),
                CalendarYear => TryCalendarYear(text, out period),
                Month => TryMonth(text, out period),
                Quarter => TryQuarter(text, out period),
                DateCodeForm => DateCode.TryParse(text, out period),
                _ => Fail(out period),
            };
            if (parsed) return true;
        }
        period = default;
        return false;
    }

    // 2017-18, 1999-00 (and 2017/18): the second part must be the next year's last two digits.
    private static bool TryFinancialYear(string text, out Period period)
    {
        period = default;
        var m = FinancialYearPattern().Match(text);
        if (!m.Success) return false;
        var year = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        if (int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) != (year + 1) % 100) return false;
        period = new Period(PeriodType.FinancialYear, $"{year}-{(year + 1) % 100:00}", new DateOnly(year, 4, 1), new DateOnly(year + 1, 3, 31));
        return true;
    }

    private static bool TryCalendarYear(string text, out Period period)
    {
        period = default;
        if (!YearPattern().IsMatch(text)) return false;
        var year = int.Parse(text, CultureInfo.InvariantCulture);
        period = new Period(PeriodType.CalendarYear, text, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        return true;
    }

    // 2019-04 (X1 of the prison workbook).
    private static bool TryMonth(string text, out Period period)
    {
        period = default;
        var m = MonthPattern().Match(text);
        if (!m.Success) return false;
        var year = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var month = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        if (month is < 1 or > 12) return false;
        var start = new DateOnly(year, month, 1);
        period = new Period(PeriodType.Month, $"{year}-{month:00}", start, start.AddMonths(1).AddDays(-1));
        return true;
    }

    // Calendar quarters: 2019 - Qtr 2, 2019 Q2, 2019-Q2.
    private static bool TryQuarter(string text, out Period period)
    {
        period = default;
        var m = QuarterPattern().Match(text);
        if (!m.Success) return false;
        var year = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var quarter = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        var start = new DateOnly(year, quarter * 3 - 2, 1);
        period = new Period(PeriodType.Quarter, $"{year}-Q{quarter}", start, start.AddMonths(3).AddDays(-1));
        return true;
    }

    private static bool Fail(out Period period)
    {
        period = default;
        return false;
    }

    [GeneratedRegex(@"^((?:19|20)\d\d)\s*[-/]\s*(\d\d)$")]
    private static partial Regex FinancialYearPattern();

    [GeneratedRegex(@"^(?:19|20)\d\d$")]
    private static partial Regex YearPattern();

    [GeneratedRegex(@"^((?:19|20)\d\d)-(\d\d)$")]
    private static partial Regex MonthPattern();

    [GeneratedRegex(@"^((?:19|20)\d\d)\s*-?\s*(?:Qtr|Q|Quarter)\s*([1-4])$", RegexOptions.IgnoreCase)]
    private static partial Regex QuarterPattern();
}
