namespace CommunityJustice.Analytics.Model.Areas;

/// <summary>A geography identified by its GSS code, e.g. S12000019 (Midlothian) or S92000003 (Scotland).</summary>
public sealed class Area
{
    public required string Code { get; init; }
    public required string Name { get; set; }
    public AreaLevel Level { get; set; }
    /// <summary>
    /// Code of the smallest area containing this one (Scotland for council areas; for an area a geography lookup defines, the
    /// first level in the lookup's order that contains it all); null for the country. Every containing area is in <see cref="AreaLink"/>.
    /// </summary>
    public string? ParentCode { get; set; }
    /// <summary>First day the code is in use, where the geography lookup's manifest says so (e.g. 2011 data zones); null when not stated.</summary>
    public DateOnly? ValidFrom { get; set; }
    /// <summary>Last day the code was in use, for a code no longer current; null while it is current.</summary>
    public DateOnly? ValidTo { get; set; }
    /// <summary>The geography lookup edition that last listed this area; null for Scotland and the council areas seeded with the model.</summary>
    public int? DefinedByVersionId { get; set; }

    public List<AreaAlias> Aliases { get; init; } = [];
}

/// <summary>The kinds of statistical geography, finest first. Stored as text.</summary>
public enum AreaLevel
{
    Country,
    CouncilArea,
    DataZone,
    IntermediateZone,
    MultiMemberWard,
    HealthBoard,
    IntegrationAuthority,
    PoliceDivision,
    ScottishParliamentConstituency,
    UrbanRuralClass,
}

/// <summary>
/// One area lying wholly inside another (a data zone in its intermediate zone, ward, council, health board ...), as a
/// geography lookup edition says: every containing area, not only the nearest, so "within" is one lookup. Links belong
/// to the edition that gave them; queries read the latest edition of each lookup.
/// </summary>
public sealed class AreaLink
{
    public required int DatasetVersionId { get; init; }
    public required string AreaCode { get; init; }
    public required string AncestorCode { get; init; }
}

/// <summary>Another spelling of an area's name seen in published files ("Edinburgh, City of").</summary>
public sealed class AreaAlias
{
    /// <summary>The alias as normalised by <see cref="AreaNames.Normalise"/>: the lookup key.</summary>
    public required string NormalisedName { get; init; }
    public required string Name { get; init; }
    public required string AreaCode { get; init; }
}

/// <summary>A GSS code retired and replaced, e.g. Fife S12000015 → S12000047 on 2018-02-02.</summary>
public sealed class AreaCodeSuccession
{
    public required string OldCode { get; init; }
    public required string NewCode { get; init; }
    public DateOnly EffectiveFrom { get; init; }
    public required string Reason { get; init; }
}
