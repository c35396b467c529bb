namespace CommunityJustice.Analytics.Model.Areas;

/// <summary>A geography identified by its GSS code, e.g. S12000019 (Midlothian) or S92000003 (Scotland).</summary>
public sealed class Area
{
    public required string Code { get; init; }
    public required string Name { get; set; }
    public AreaLevel Level { get; set; }
    /// <summary>Code of the containing area (Scotland for council areas); null for the country.</summary>
    public string? ParentCode { get; set; }

    public List<AreaAlias> Aliases { get; init; } = [];
}

public enum AreaLevel
{
    Country,
    CouncilArea,
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
