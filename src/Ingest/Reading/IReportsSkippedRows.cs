namespace CommunityJustice.Analytics.Ingest.Reading;

/// <summary>Readers that drop rows on purpose (totals, out-of-scope categories) say which and how many.</summary>
public interface IReportsSkippedRows
{
    /// <summary>Reason → number of source rows skipped for it.</summary>
    IReadOnlyDictionary<string, long> Skipped { get; }
}
