using CommunityJustice.Analytics.Model.Observations;
using CommunityJustice.Analytics.Model.Plans;

namespace CommunityJustice.Analytics.Ingest.PlanFiles;

/// <summary>A plan file after checking: every code resolved, every date valid (docs/plan-template.md).</summary>
public sealed record PlanDocument(
    string PartnershipCode,
    string PartnershipName,
    IReadOnlyList<string> AreaCodes,
    string Title,
    string Period,
    DateOnly Starts,
    DateOnly Ends,
    DateOnly Published,
    string SourceDocument,
    string? SourceUrl,
    string? SourceReference,
    DateOnly EditionDate,
    string? EditionNote,
    IReadOnlyList<PlanItemDocument> Items);

public sealed record PlanItemDocument(
    string Heading,
    int? Aim,
    IReadOnlyList<int> PriorityActions,
    IReadOnlyList<int> NationalOutcomes,
    string? LocalOutcome,
    IReadOnlyList<KpiDocument> Kpis,
    IReadOnlyList<ActionDocument> Actions);

public sealed record KpiDocument(
    string Number,
    string Wording,
    string? Unit,
    KpiPolarity Polarity,
    bool MeasuredLocally,
    string? Note,
    KpiIndicatorLink? Link,
    KpiBaseline? Baseline,
    KpiTarget? Target,
    IReadOnlyList<KpiFigureDocument> Figures);

public sealed record KpiFigureDocument(string Period, decimal? Value, ObservationStatus Status, string? Note);

public sealed record ActionDocument(
    string Number,
    string Wording,
    string? Kpi,
    IReadOnlyList<string> Leads,
    DateOnly? Due,
    string? DueWording,
    string? Target,
    string? Note,
    IReadOnlyList<ActionStatusDocument> Statuses);

public sealed record ActionStatusDocument(ActionStatus Status, DateOnly Date, string? AsPublished, string? Note, string RecordedBy);

/// <summary>One reason a plan file is refused, at its line (1-based).</summary>
public sealed record PlanFileError(int Line, string Reason)
{
    public override string ToString() => $"line {Line}: {Reason}";
}

/// <summary>A plan file refused: every reason found, each with its line. Nothing was stored.</summary>
public sealed class PlanFileException(string file, IReadOnlyList<PlanFileError> errors)
    : IngestException($"{Path.GetFileName(file)} is refused ({errors.Count} problem{(errors.Count == 1 ? "" : "s")}); nothing was stored:{Environment.NewLine}"
                      + string.Join(Environment.NewLine, errors.Select(e => $"  {e}")))
{
    public IReadOnlyList<PlanFileError> Errors { get; } = errors;
}
