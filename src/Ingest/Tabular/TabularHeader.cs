namespace CommunityJustice.Analytics.Ingest.Tabular;

/// <summary>A header row's column names and the checks every tabular format makes on it.</summary>
internal sealed class TabularHeader
{
    private readonly Dictionary<string, int> _index;

    public IReadOnlyList<string> Names { get; }
    public long Line { get; }

    public TabularHeader(TabularRow row, StringComparer comparer)
    {
        Line = row.Line;
        // Trailing empty cells (a worksheet's formatted but empty columns, a CSV's trailing comma) are not columns.
        var count = row.Cells.Length;
        while (count > 0 && string.IsNullOrWhiteSpace(row.Cells[count - 1])) count--;
        Names = row.Cells.Take(count).Select(c => c.Trim()).ToList();
        _index = new Dictionary<string, int>(comparer);
        for (var i = 0; i < Names.Count; i++) _index.TryAdd(Names[i], i);
    }

    public int? Find(string? name) => name is not null && _index.TryGetValue(name, out var i) ? i : null;

    /// <summary>Checks the header has every required column, no column twice, and nothing unexpected; throws naming every problem.</summary>
    public void Check(IEnumerable<string> required, IEnumerable<string> optional, string path, string dataset, string format, StringComparer comparer)
    {
        var requiredList = required.Distinct(comparer).ToList();
        var problems = new List<string>();
        foreach (var repeated in Names.GroupBy(n => n, comparer).Where(g => g.Count() > 1))
            problems.Add($"column '{repeated.Key}' appears {repeated.Count()} times");
        foreach (var (name, i) in Names.Select((n, i) => (n, i)).Where(p => p.n.Length == 0))
            problems.Add($"column {TabularFile.ColumnLetter(i)} has no name");
        var missing = requiredList.Where(c => !_index.ContainsKey(c)).ToList();
        if (missing.Count > 0) problems.Add($"missing column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing.Select(m => $"'{m}'"))}");
        var known = new HashSet<string>(requiredList.Concat(optional), comparer);
        var unexpected = Names.Where(n => n.Length > 0 && !known.Contains(n)).ToList();
        if (unexpected.Count > 0)
            problems.Add($"unexpected column{(unexpected.Count > 1 ? "s" : "")} {string.Join(", ", unexpected.Select(u => $"'{u}'"))} (not mapped by the manifest)");
        if (problems.Count == 0) return;
        var shown = string.Join(",", Names);
        if (shown.Length > 300) shown = shown[..300] + "…";
        throw new IngestException($"{path} does not have the header of a {format} file for dataset '{dataset}' (line {Line}): {string.Join("; ", problems)}. " +
                                  $"Expected {string.Join(",", requiredList)}; found {shown}.");
    }
}
