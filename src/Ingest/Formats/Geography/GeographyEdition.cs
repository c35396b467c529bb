using CommunityJustice.Analytics.Model.Areas;

namespace CommunityJustice.Analytics.Ingest.Formats.Geography;

/// <summary>An area as a geography lookup defines it.</summary>
/// <param name="ParentCode">The first area, in the manifest's order of levels, that contains it all; null for the largest.</param>
public sealed record GeographyArea(string Code, string Name, AreaLevel Level, DateOnly? ValidFrom, string? ParentCode);

/// <summary>What one geography lookup file says: its areas, every (area, containing area) pair, and its rejected rows.</summary>
public sealed record GeographyEdition(
    IReadOnlyList<GeographyArea> Areas,
    IReadOnlyList<(string Area, string Ancestor)> Links,
    long RowsRead,
    IReadOnlyList<(long Line, string Reason)> Rejects);
