using CommunityJustice.Analytics.Ingest.Manifests;
using CommunityJustice.Analytics.Ingest.StatGov;

namespace CommunityJustice.Analytics.Ingest.Tabular;

/// <summary>
/// A layout's <c>keepAreas</c>, for every format that reads an area per row: a row whose area is a GSS code (or a
/// statistics.gov.scot geography URI) of a level not kept is skipped and counted under the reason, never rejected. A
/// name, or a code of a kept level, is not skipped: it is resolved, so a typo is still rejected.
/// </summary>
internal sealed class AreaLevelSkips(AreaLevelFilter? keep)
{
    /// <summary>Source rows skipped, by reason.</summary>
    public Dictionary<string, long> Skipped { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether the layout skips any level at all (when not, no row needs its area checked).</summary>
    public bool Active => keep is not null;

    /// <summary>True, counting the row as skipped, when <paramref name="text"/> is a GSS code or geography URI of a level not kept.</summary>
    public bool Skips(string text)
    {
        if (keep is null) return false;
        var code = text.Trim();
        if (StatGovUris.IsUri(code)) code = StatGovUris.LastSegment(code);
        if (code.Length != 9 || !char.IsAsciiLetter(code[0]) || code.AsSpan(1).ContainsAnyExceptInRange('0', '9')) return false;
        if (keep.Codes.Any(prefix => code.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))) return false;
        Skipped[keep.Reason] = Skipped.GetValueOrDefault(keep.Reason) + 1;
        return true;
    }

    /// <summary>What is wrong with a manifest's <c>layout.keepAreas</c>, if anything.</summary>
    public static IEnumerable<string> Check(AreaLevelFilter? keep)
    {
        if (keep is null) yield break;
        if (keep.Codes.Count == 0 || keep.Codes.Any(c => c.Length != 3 || !char.IsAsciiLetterUpper(c[0]) || !char.IsAsciiDigit(c[1]) || !char.IsAsciiDigit(c[2])))
            yield return "layout.keepAreas.codes must list GSS entity codes such as \"S12\" (council areas) and \"S92\" (Scotland)";
        if (string.IsNullOrWhiteSpace(keep.Reason)) yield return "layout.keepAreas.reason must say why the other areas are not loaded";
    }
}
