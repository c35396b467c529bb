using CommunityJustice.Analytics.Model.Indicators;

namespace CommunityJustice.Analytics.Ingest.Manifests;

/// <summary>
/// An indicator a manifest adds to the catalogue (the manifest's <c>indicators</c> array), so a new publisher's file needs no
/// change to src/Model: inserted in the load's transaction when its code is new; when the code is already in the catalogue its
/// title, unit, measure type and polarity must be the same.
/// </summary>
public sealed record ManifestIndicator
{
    public required string Code { get; init; }
    public required string Title { get; init; }
    public required string Description { get; init; }
    public MeasureType MeasureType { get; init; }
    /// <summary>The unit as a reader would say it: "people convicted", "% of offenders reconvicted within one year".</summary>
    public required string Unit { get; init; }
    public Polarity Polarity { get; init; }
    /// <summary>The framework's national indicator it reports (e.g. "NI-3"), when there is one.</summary>
    public string? NationalIndicator { get; init; }
    /// <summary>The national aim (1-4) it evidences, when it is not itself a national indicator.</summary>
    public int? NationalAim { get; init; }
}
