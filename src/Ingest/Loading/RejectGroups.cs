namespace CommunityJustice.Analytics.Ingest.Loading;

/// <summary>
/// Rejects with the same reason (which names the value: "unknown area code 'S12999999'"), counted, with the first lines
/// they are on (each line once: a pivot line gives one reject per period cell) and whether they are on more lines.
/// </summary>
public sealed record RejectGroup(string Reason, long Count, IReadOnlyList<long> FirstLines)
{
    /// <summary>True when the rejects are on more lines than <see cref="FirstLines"/> lists.</summary>
    public bool MoreLines { get; init; }
}

/// <summary>
/// Groups rejects by reason as they are met, so a summary shows one line per distinct reason and value rather than the
/// same reason repeated; bounded in memory (past <see cref="MaxGroups"/> distinct reasons the rest are counted together).
/// </summary>
internal sealed class RejectGroups
{
    public const int LinesKept = 5;
    public const int MaxGroups = 1000;
    public const string OtherReasons = "(other reasons, beyond the first 1000 distinct ones: see the reject report)";

    private readonly Dictionary<string, (long Count, List<long> Lines, bool MoreLines)> _groups = new(StringComparer.Ordinal);

    public void Add(long line, string reason)
    {
        if (!_groups.ContainsKey(reason) && _groups.Count >= MaxGroups) reason = OtherReasons;
        if (!_groups.TryGetValue(reason, out var group)) group = (0, [], false);
        var newLine = group.Lines.Count == 0 || group.Lines[^1] != line;
        if (newLine && group.Lines.Count < LinesKept) group.Lines.Add(line);
        else if (newLine) group.MoreLines = true;
        _groups[reason] = (group.Count + 1, group.Lines, group.MoreLines);
    }

    /// <summary>The groups, most frequent first, then by first line.</summary>
    public IReadOnlyList<RejectGroup> ToList() =>
        [.. _groups.Select(g => new RejectGroup(g.Key, g.Value.Count, g.Value.Lines) { MoreLines = g.Value.MoreLines })
            .OrderByDescending(g => g.Count).ThenBy(g => g.FirstLines[0])];

    /// <summary>Rejects already listed (in file order), grouped the same way.</summary>
    public static IReadOnlyList<RejectGroup> Of(IEnumerable<RejectedRow> rejects)
    {
        var groups = new RejectGroups();
        foreach (var reject in rejects) groups.Add(reject.Line, reject.Reason);
        return groups.ToList();
    }
}
