namespace CommunityJustice.Analytics.Api.GraphQL.Errors;

/// <summary>
/// "Did you mean ...?" for a misspelt name, by the rule graphql-js uses for its own suggestions
/// (suggestionList): options within an edit distance of about 40% of the input's length (at least 1),
/// closest first, case-insensitively; at most five.
/// </summary>
public static class Suggestions
{
    public static IReadOnlyList<string> For(string input, IEnumerable<string> options)
    {
        var threshold = Math.Floor(input.Length * 0.4) + 1;
        return options.Distinct(StringComparer.Ordinal)
            .Select(o => (Option: o, Distance: string.Equals(o, input, StringComparison.OrdinalIgnoreCase) ? 1 : Distance(input.ToLowerInvariant(), o.ToLowerInvariant())))
            .Where(o => o.Distance <= threshold)
            .OrderBy(o => o.Distance).ThenBy(o => o.Option, StringComparer.Ordinal)
            .Take(5).Select(o => o.Option).ToList();
    }

    /// <summary>" Did you mean 'a' or 'b'?", or "" when nothing is close.</summary>
    public static string DidYouMean(string input, IEnumerable<string> options)
    {
        var found = For(input, options);
        if (found.Count == 0) return "";
        var quoted = found.Select(s => $"'{s}'").ToList();
        return " Did you mean " + (quoted.Count == 1 ? quoted[0] : string.Join(", ", quoted[..^1]) + " or " + quoted[^1]) + "?";
    }

    /// <summary>Levenshtein distance with transpositions counted as one edit (optimal string alignment).</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
