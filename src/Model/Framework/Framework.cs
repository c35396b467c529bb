namespace CommunityJustice.Analytics.Model.Framework;

/// <summary>One of the four national aims of the National Strategy for Community Justice (2022).</summary>
public sealed class NationalAim
{
    public int Number { get; init; }
    public required string Title { get; set; }
    public List<PriorityAction> PriorityActions { get; init; } = [];
}

/// <summary>A priority action of the national strategy, under one national aim.</summary>
public sealed class PriorityAction
{
    public int Number { get; init; }
    public int NationalAimNumber { get; init; }
    public NationalAim? NationalAim { get; set; }
    public required string Title { get; set; }
    public List<NationalOutcome> Outcomes { get; init; } = [];
}

/// <summary>A nationally determined outcome of the Community Justice Performance Framework (2023).</summary>
public sealed class NationalOutcome
{
    public int Number { get; init; }
    public int PriorityActionNumber { get; init; }
    public PriorityAction? PriorityAction { get; set; }
    public required string Title { get; set; }
    public List<NationalIndicator> Indicators { get; init; } = [];
}

/// <summary>A national indicator of the Community Justice Performance Framework (2023).</summary>
public sealed class NationalIndicator
{
    public required string Code { get; init; }
    public int NationalOutcomeNumber { get; init; }
    public NationalOutcome? NationalOutcome { get; set; }
    public required string Title { get; set; }
}
