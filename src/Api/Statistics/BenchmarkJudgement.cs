namespace CommunityJustice.Analytics.Api.Statistics;

/// <summary>The benchmark judgement of a figure against a benchmark value (Fingertips' rule).</summary>
public enum BenchmarkJudgement
{
    Better,
    Similar,
    Worse,
    Higher,
    Lower,
    NotCompared,
}
