namespace CommunityJustice.Analytics.Ingest.Loading;

/// <summary>Rejects with the same reason (which names the value: "unknown area code 'S12999999'"), counted, with their first lines.</summary>
public sealed record RejectGroup(string Reason, long Count, IReadOnlyList<long> FirstLines);

/// <summary>
/// Groups rejects by reason as they are met, so a summary shows one line per distinct reason and value rather than the
/// same reason repeated; bounded in memory (past <see cref="MaxGroups"/> distinct reasons the rest are counted together).
/// </summary>
internal sealed class RejectGroups
{
    public const int LinesKept = 5;
    public const int MaxGroups = 1000;
    public const string OtherReasons = "(other reasons, beyond the first 1000 distinct ones: see the reject report)";

    private readonly Dictionary<string, (long Count, List<long> Lines)> _groups = new(StringComparer.Ordinal);

    public void Add(long line, string reason)
    {
        if (!_groups.ContainsKey(reason) && _groups.Count >= MaxGroups) reason = OtherReasons;
        if (!_groups.TryGetValue(reason, out var group)) group = (0, []);
        if (group.Lines.Count < LinesKept) group.Lines.Add(line);
        _groups[reason] = (group.Count + 1, group.Lines);
    }

    /// <summary>The groups, most frequent first, then by first line.</summary>
    public IReadOnlyList<RejectGroup> ToList() =>
        [.. _groups.Select(g => new RejectGroup(g.Key, g.Value.Count, g.Value.Lines)).OrderByDescending(g => g.Count).ThenBy(g => g.FirstLines[0])];
}
