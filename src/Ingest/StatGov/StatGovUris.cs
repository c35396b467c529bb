using System.Globalization;
using CommunityJustice.Analytics.Ingest.Reading;
using CommunityJustice.Analytics.Model.Observations;

namespace CommunityJustice.Analytics.Ingest.StatGov;

/// <summary>
/// The URIs statistics.gov.scot SPARQL results and pivot downloads use for dimension values:
/// reference.data.gov.uk periods (<c>/id/year/2016</c>, <c>/id/government-year/2015-2016</c>,
/// <c>/id/quarter/2016-Q2</c>, <c>/id/month/2016-08</c>) and concept URIs whose last path segment
/// names the value (<c>http://statistics.gov.scot/def/concept/gender/male</c>).
/// </summary>
public static class StatGovUris
{
    private const string PeriodPrefix = "http://reference.data.gov.uk/id/";

    public static bool IsUri(ReadOnlySpan<char> text) =>
        text.StartsWith("http://", StringComparison.Ordinal) || text.StartsWith("https://", StringComparison.Ordinal);

    /// <summary>The last path segment (or fragment) of a URI: <c>.../gender/male</c> → <c>male</c>.</summary>
    public static string LastSegment(string uri)
    {
        var trimmed = uri.TrimEnd('/');
        var cut = Math.Max(trimmed.LastIndexOf('/'), trimmed.LastIndexOf('#'));
        return cut < 0 ? trimmed : trimmed[(cut + 1)..];
    }

    /// <summary>A period URI, or any DateCode form, as a period.</summary>
    public static bool TryParsePeriod(ReadOnlySpan<char> text, out Period period)
    {
        period = default;
        text = text.Trim();
        var https = "https://reference.data.gov.uk/id/";
        ReadOnlySpan<char> rest;
        if (text.StartsWith(PeriodPrefix, StringComparison.Ordinal)) rest = text[PeriodPrefix.Length..];
        else if (text.StartsWith(https, StringComparison.Ordinal)) rest = text[https.Length..];
        else return DateCode.TryParse(text, out period);

        var slash = rest.IndexOf('/');
        if (slash < 0) return false;
        var kind = rest[..slash].ToString();
        var value = rest[(slash + 1)..].TrimEnd('/');
        switch (kind)
        {
            case "year":
                return value.Length == 4 && DateCode.TryParse(value, out period) && period.Type == PeriodType.CalendarYear;
            case "government-year":
                // 2015-2016 → the DateCode form 2015/2016
                if (value.Length != 9 || value[4] != '-') return false;
                return DateCode.TryParse($"{value[..4]}/{value[5..]}", out period) && period.Type == PeriodType.FinancialYear;
            case "quarter":
                return DateCode.TryParse(value, out period) && period.Type == PeriodType.Quarter;
            case "month":
                // 2016-08 → 2016M08
                if (value.Length != 7 || value[4] != '-') return false;
                return DateCode.TryParse($"{value[..4]}M{value[5..]}", out period) && period.Type == PeriodType.Month;
            default:
                return false;
        }
    }

    /// <summary>A short form of a period for messages.</summary>
    public static string Describe(Period period) => $"{period.Label} ({period.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} to {period.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})";
}
