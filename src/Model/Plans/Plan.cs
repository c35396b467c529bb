namespace CommunityJustice.Analytics.Model.Plans;

/// <summary>A Community Justice partnership: the body that writes a CJOIP, covering one or more council areas.</summary>
public sealed class Partnership
{
    public int Id { get; init; }
    /// <summary>Short stable name used in queries and plan files, e.g. "midlothian".</summary>
    public required string Code { get; init; }
    public required string Name { get; set; }
    public List<PartnershipArea> Areas { get; init; } = [];
    public List<Plan> Plans { get; init; } = [];
}

/// <summary>One council area of a partnership.</summary>
public sealed class PartnershipArea
{
    public int PartnershipId { get; init; }
    public required string AreaCode { get; init; }
}

/// <summary>
/// A partnership's plan for a period (e.g. Midlothian 2023-28). What the plan says lives in its
/// editions: each loaded plan file is a new edition and none is overwritten.
/// </summary>
public sealed class Plan
{
    public int Id { get; init; }
    public int PartnershipId { get; init; }
    public Partnership? Partnership { get; set; }
    /// <summary>The plan's span as its title gives it, e.g. "2023-28".</summary>
    public required string Period { get; init; }
    public List<PlanEdition> Editions { get; init; } = [];
}

/// <summary>One loaded version of a plan file.</summary>
public sealed class PlanEdition
{
    public int Id { get; init; }
    public int PlanId { get; init; }
    public Plan? Plan { get; set; }
    /// <summary>The date this version took effect; "as published on" reads the newest edition dated on or before a date.</summary>
    public DateOnly EditionDate { get; init; }
    public string? Note { get; init; }
    public bool IsLatest { get; set; }
    public DateTimeOffset LoadedAt { get; init; }
    public required string FileName { get; init; }
    /// <summary>SHA-256 of the file's bytes, lower-case hex: the same file is never stored twice.</summary>
    public required string FileSha256 { get; init; }
    public required string Title { get; init; }
    public DateOnly Starts { get; init; }
    public DateOnly Ends { get; init; }
    public DateOnly Published { get; init; }
    public required string SourceDocument { get; init; }
    public string? SourceUrl { get; init; }
    public string? SourceReference { get; init; }
    public List<PlanItem> Items { get; init; } = [];
}

/// <summary>A heading of the plan's delivery framework, linked to the national framework where the plan says so.</summary>
public sealed class PlanItem
{
    public int Id { get; init; }
    public int PlanEditionId { get; init; }
    public int Position { get; init; }
    public required string Heading { get; init; }
    public int? NationalAimNumber { get; init; }
    public int[] PriorityActionNumbers { get; init; } = [];
    public int[] NationalOutcomeNumbers { get; init; } = [];
    public string? LocalOutcome { get; init; }
    public List<PlanKpi> Kpis { get; init; } = [];
    public List<PlanAction> Actions { get; init; } = [];
}
