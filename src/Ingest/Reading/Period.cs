using CommunityJustice.Analytics.Model.Observations;

namespace CommunityJustice.Analytics.Ingest.Reading;

/// <summary>A reporting period with the label users see and the dates it covers (both inclusive).</summary>
public readonly record struct Period(PeriodType Type, string Label, DateOnly Start, DateOnly End);
