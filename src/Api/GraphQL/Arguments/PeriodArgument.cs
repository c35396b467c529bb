using System.Globalization;
using System.Text.RegularExpressions;
using CommunityJustice.Analytics.Api.GraphQL.Errors;

namespace CommunityJustice.Analytics.Api.GraphQL.Arguments;

/// <summary>A period argument: a financial year label or DateCode, or a calendar year.</summary>
public sealed partial record PeriodArgument(string Label, DateOnly Start, DateOnly End)
{
    public static PeriodArgument Parse(string text)
    {
        var value = text.Trim();
        var financial = FinancialYear().Match(value);
        if (financial.Success)
        {
            var startYear = int.Parse(financial.Groups["start"].Value, CultureInfo.InvariantCulture);
            var endText = financial.Groups["end"].Value;
            var endYear = endText.Length == 2 ? startYear / 100 * 100 + int.Parse(endText, CultureInfo.InvariantCulture) : int.Parse(endText, CultureInfo.InvariantCulture);
            if (endText.Length == 2 && endYear < startYear) endYear += 100; // 1999-00
            if (endYear != startYear + 1) throw new InvalidPeriodError(text);
            return new PeriodArgument($"{startYear}-{endYear % 100:00}", new DateOnly(startYear, 4, 1), new DateOnly(endYear, 3, 31));
        }
        if (CalendarYear().IsMatch(value))
        {
            var year = int.Parse(value, CultureInfo.InvariantCulture);
            return new PeriodArgument(value, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        }
        throw new InvalidPeriodError(text);
    }

    [GeneratedRegex(@"^(?<start>(19|20)\d{2})\s*[-/]\s*(?<end>\d{2}|(19|20)\d{2})$")]
    private static partial Regex FinancialYear();

    [GeneratedRegex(@"^(19|20)\d{2}$")]
    private static partial Regex CalendarYear();
}
