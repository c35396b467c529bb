using CommunityJustice.Analytics.Ingest.Manifests;
using CommunityJustice.Analytics.Ingest.Reading;
using CommunityJustice.Analytics.Ingest.Tabular;

namespace CommunityJustice.Analytics.Ingest.Formats.Geography;

/// <summary>
/// Reads a geography lookup. Each row is one smallest area (level 0) with the code of each larger area it lies in. An area
/// of a larger level lies in another when every row that names it names the same other area (wards lie in councils;
/// intermediate zones do not always lie in one ward, and then no link is made): that is what "lies in" means for areas
/// built from data zones. Retired codes resolve to their successors (the model's AreaResolver rule), so a lookup carrying
/// Fife's pre-2018 code links to today's Fife.
/// </summary>
internal static class GeographyLookupReader
{
    private const int MaxCodeLength = 9;

    public static async Task<GeographyEdition> ReadAsync(InspectedFile file, DatasetManifest manifest, ReferenceLookup reference, CancellationToken cancellationToken)
    {
        var levels = manifest.Geography!.Levels;
        var n = levels.Count;
        int[] codeColumns = [];
        int?[] nameColumns = [];
        TabularHeader? header = null;
        var areas = new Dictionary<string, (int Level, string Name, long Line)>(StringComparer.Ordinal);
        var rows = new List<string[]>();
        var rejects = new List<(long, string)>();
        long read = 0;

        await foreach (var row in TabularFile.ReadBodyAsync(file, null, headerRow =>
        {
            var found = header = new TabularHeader(headerRow, StringComparer.Ordinal);
            found.Check(levels.SelectMany(l => new[] { l.CodeColumn, l.NameColumn }).OfType<string>(), manifest.Geography.IgnoredColumns,
                file.Path, manifest.Code, "geography lookup", StringComparer.Ordinal);
            codeColumns = levels.Select(l => found.Find(l.CodeColumn)!.Value).ToArray();
            nameColumns = levels.Select(l => found.Find(l.NameColumn)).ToArray();
        }, cancellationToken))
        {
            read++;
            if (row.Malformed is not null)
            {
                rejects.Add((row.Line, row.Malformed));
                continue;
            }
            if (row.Cells.Length < header!.Names.Count)
            {
                rejects.Add((row.Line, $"the line has {row.Cells.Length} fields, expected {header.Names.Count} (truncated or ragged line)"));
                continue;
            }

            var problems = new List<string>();
            var codes = new string[n];
            var names = new string[n];
            for (var i = 0; i < n; i++)
            {
                var level = levels[i];
                var text = row.Cell(codeColumns[i]).Trim();
                if (text.Length == 0)
                {
                    problems.Add($"{level.CodeColumn} is empty");
                    continue;
                }
                var code = (level.CodePrefix ?? "") + text;
                codes[i] = reference.CurrentAreaCode(code) ?? code;
                names[i] = nameColumns[i] is { } nameColumn && row.Cell(nameColumn).Trim() is { Length: > 0 } name ? name : code;
                if (code.Length > MaxCodeLength || code.Any(char.IsWhiteSpace))
                    problems.Add($"{level.CodeColumn} '{code}' is not an area code (at most {MaxCodeLength} characters, no spaces)");
                else if (areas.TryGetValue(codes[i], out var known) && (i == 0 || known.Level != i))
                    problems.Add(i == 0 && known.Level == 0
                        ? $"{level.CodeColumn} '{codes[i]}' is given twice (first on line {known.Line})"
                        : $"{level.CodeColumn} '{codes[i]}' is also a {levels[known.Level].Level} code (line {known.Line})");
                else if (known.Name is { } knownName && knownName != names[i])
                    problems.Add($"{level.NameColumn} '{names[i]}' for {codes[i]}, which line {known.Line} names '{knownName}'");
            }
            if (problems.Count > 0)
            {
                rejects.Add((row.Line, string.Join("; ", problems)));
                continue;
            }
            for (var i = 0; i < n; i++) areas.TryAdd(codes[i], (i, names[i], row.Line));
            rows.Add(codes);
        }
        if (header is null) throw new IngestException($"{file.Path} has no header row: it is empty or blank.");

        var links = Links(levels, rows);
        var parents = new Dictionary<string, string>(StringComparer.Ordinal);
        // Links are made level by level in the manifest's order, so the first link of an area is its nearest territory.
        foreach (var (area, ancestor, ancestorLevel) in links)
            if (!levels[ancestorLevel].RowsOnly) parents.TryAdd(area, ancestor);
        return new GeographyEdition(
            [.. areas.Select(a => new GeographyArea(a.Key, a.Value.Name, levels[a.Value.Level].Level, levels[a.Value.Level].ValidFrom, parents.GetValueOrDefault(a.Key)))],
            [.. links.Select(l => (l.Area, l.Ancestor))],
            read, rejects);
    }

    /// <summary>Every (area, area it lies in) pair: a row's own area lies in every area the row names; a larger area in another when all its rows agree.</summary>
    private static List<(string Area, string Ancestor, int AncestorLevel)> Links(IReadOnlyList<GeographyLevelColumns> levels, List<string[]> rows)
    {
        var links = new List<(string, string, int)>();
        foreach (var row in rows)
            for (var j = 1; j < levels.Count; j++)
                links.Add((row[0], row[j], j));

        for (var i = 1; i < levels.Count; i++)
        {
            if (levels[i].RowsOnly) continue;
            for (var j = i + 1; j < levels.Count; j++)
            {
                if (levels[j].RowsOnly) continue;
                // null marks an area whose rows name different areas of level j: it does not lie in one.
                var container = new Dictionary<string, string?>(StringComparer.Ordinal);
                foreach (var row in rows)
                {
                    if (!container.TryGetValue(row[i], out var seen)) container[row[i]] = row[j];
                    else if (seen is not null && seen != row[j]) container[row[i]] = null;
                }
                foreach (var (area, ancestor) in container)
                    if (ancestor is not null && ancestor != area) links.Add((area, ancestor, j));
            }
        }
        return links;
    }
}
