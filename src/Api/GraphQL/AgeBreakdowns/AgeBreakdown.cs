using CommunityJustice.Analytics.Model.Areas;
using CommunityJustice.Analytics.Model.Indicators;
using CommunityJustice.Analytics.Model.Observations;

namespace CommunityJustice.Analytics.Api.GraphQL.AgeBreakdowns;

/// <summary>An age band the indicator has for the period, in the editions read, but not for this area and sex; see <see cref="Observations.FigureGaps"/>.</summary>
public sealed record AgeBandGap(AgeBand AgeBand, string Reason);

/// <summary>One indicator, area, period and sex by age band: the figures the source has, and the bands it has elsewhere but not here.</summary>
public sealed record AgeBreakdown(Indicator Indicator, Area Area, string Period, Sex Sex, IReadOnlyList<Observation> Bands, IReadOnlyList<AgeBandGap> MissingBands);
