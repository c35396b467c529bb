namespace CommunityJustice.Analytics.Api.Statistics;

/// <summary>Direction of a series between two periods.</summary>
public enum TrendDirection
{
    Increasing,
    Decreasing,
    NoChange,
}

/// <summary>Whether a change is an improvement, given the indicator's polarity.</summary>
public enum TrendAssessment
{
    Improving,
    Worsening,
    NoChange,
    NotAssessed,
}
