using CommunityJustice.Analytics.Model.Observations;

namespace CommunityJustice.Analytics.Model.Plans;

public enum ActionStatus
{
    NotStarted,
    OnTrack,
    AtRisk,
    OffTrack,
    Complete,
    Withdrawn,
}

/// <summary>
/// One dated status of an action, from a plan file (<see cref="PlanEditionId"/>) or recorded through
/// the API by a partner key (<see cref="ApiKeyId"/>). Keyed by plan and action number, not by an
/// edition's row, so statuses recorded through the API carry over to later editions.
/// </summary>
public sealed class ActionStatusEntry
{
    public long Id { get; init; }
    public int PlanId { get; init; }
    public required string ActionNumber { get; init; }
    public ActionStatus Status { get; init; }
    public DateOnly Date { get; init; }
    public string? AsPublished { get; init; }
    public string? Note { get; init; }
    public required string RecordedBy { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public int? PlanEditionId { get; init; }
    public int? ApiKeyId { get; init; }
}

/// <summary>A figure for a locally measured KPI, from a plan file or recorded through the API; kept as history.</summary>
public sealed class KpiFigure
{
    public long Id { get; init; }
    public int PlanId { get; init; }
    public required string KpiNumber { get; init; }
    public required string PeriodLabel { get; init; }
    /// <summary>Null whenever <see cref="Status"/> is not Published.</summary>
    public decimal? Value { get; init; }
    public ObservationStatus Status { get; init; }
    public string? Note { get; init; }
    public required string RecordedBy { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public int? PlanEditionId { get; init; }
    public int? ApiKeyId { get; init; }
}
