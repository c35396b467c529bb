using CommunityJustice.Analytics.Model.Observations;

namespace CommunityJustice.Analytics.Ingest.Reading;

/// <summary>
/// One row read from a source: either a resolved observation, or a reject with its reason.
/// Rejects travel to the staging table with the good rows, so nothing is held back in memory.
/// </summary>
public readonly record struct StagedRow(
    long Line,
    string? RejectReason,
    string? IndicatorCode = null,
    string? AreaCode = null,
    Period Period = default,
    Sex Sex = Sex.All,
    string? AgeBandCode = null,
    decimal? Value = null,
    ObservationStatus Status = ObservationStatus.Published,
    string? Marker = null)
{
    /// <summary>The count behind the figure, where the source prints it in the same row (e.g. people reconvicted).</summary>
    public decimal? Numerator { get; init; }
    /// <summary>The base of the figure, where the source prints it for exactly the same cohort (e.g. offenders in the cohort).</summary>
    public decimal? Denominator { get; init; }

    public static StagedRow Reject(long line, string reason) => new(line, reason);
}
