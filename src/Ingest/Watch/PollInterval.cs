using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;

namespace CommunityJustice.Analytics.Ingest.Watch;

/// <summary>Reads polling intervals: ISO 8601 durations (<c>PT6H</c>, <c>P1D</c>, <c>PT30S</c>) or a number with s, m, h or d.</summary>
public static partial class PollInterval
{
    public static readonly TimeSpan Default = TimeSpan.FromHours(6);
    public static readonly TimeSpan Minimum = TimeSpan.FromSeconds(1);

    public static bool TryParse(string? text, out TimeSpan interval)
    {
        interval = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim();
        if (Short().Match(text) is { Success: true } m)
        {
            var n = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            interval = m.Groups[2].Value.ToLowerInvariant() switch
            {
                "s" => TimeSpan.FromSeconds(n),
                "m" => TimeSpan.FromMinutes(n),
                "h" => TimeSpan.FromHours(n),
                _ => TimeSpan.FromDays(n),
            };
        }
        else if (text.StartsWith('P') || text.StartsWith('p'))
        {
            try { interval = XmlConvert.ToTimeSpan(text.ToUpperInvariant()); }
            catch (FormatException) { return false; }
        }
        else return false;
        return interval >= Minimum;
    }

    /// <summary>The interval, or an error that names where the text came from.</summary>
    public static TimeSpan Parse(string? text, string where) =>
        TryParse(text, out var interval)
            ? interval
            : throw new IngestException($"{where}: '{text}' is not a polling interval of at least a second; write an ISO 8601 duration such as PT6H or P1D, or e.g. 30m, 6h, 1d.");

    public static string Describe(TimeSpan interval) =>
        interval.TotalDays >= 1 && interval.TotalDays % 1 == 0 ? $"{interval.TotalDays:0} d"
        : interval.TotalHours >= 1 && interval.TotalHours % 1 == 0 ? $"{interval.TotalHours:0} h"
        : interval.TotalMinutes >= 1 && interval.TotalMinutes % 1 == 0 ? $"{interval.TotalMinutes:0} min"
        : string.Create(CultureInfo.InvariantCulture, $"{interval.TotalSeconds:0.#} s");

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?)\s*([smhdSMHD])$")]
    private static partial Regex Short();
}
