using CommunityJustice.Analytics.Model.Areas;

namespace CommunityJustice.Analytics.Ingest.Manifests;

/// <summary>
/// Format <c>geography-lookup</c>: a lookup file with one row per smallest area (a data zone) and, in columns, the code
/// (and name) of every larger area it lies in. Loading it defines the areas of every level listed and which areas lie in
/// which (src/Ingest/Formats/Geography).
/// </summary>
public sealed record GeographyMapping
{
    /// <summary>The levels the file gives, smallest first: the first is the row's own area; an area can only lie in areas of levels listed after its own.</summary>
    public required IReadOnlyList<GeographyLevelColumns> Levels { get; init; }
    /// <summary>Columns of the file that carry nothing to load.</summary>
    public IReadOnlyList<string> IgnoredColumns { get; init; } = [];
}

/// <summary>One level of a geography lookup: the columns holding its code and name.</summary>
public sealed record GeographyLevelColumns
{
    public required AreaLevel Level { get; init; }
    public required string CodeColumn { get; init; }
    public string? NameColumn { get; init; }
    /// <summary>
    /// Put before the code to make it an area code, for classifications published as bare numbers (urban-rural class
    /// <c>1</c> of the 6-fold classification becomes <c>UR6-1</c>); codes must end up 9 characters at most.
    /// </summary>
    public string? CodePrefix { get; init; }
    /// <summary>The first day this level's codes are in use, where the publisher says so.</summary>
    public DateOnly? ValidFrom { get; init; }
    /// <summary>
    /// A classification rather than a territory (urban-rural class): only the rows' own areas are linked to it, so a
    /// council is never said to lie "in" Large Urban Areas because all its data zones happen to be.
    /// </summary>
    public bool RowsOnly { get; init; }
}
