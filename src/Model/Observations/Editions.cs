using CommunityJustice.Analytics.Model.Datasets;

namespace CommunityJustice.Analytics.Model.Observations;

/// <summary>
/// Published statistics are revised: every loaded edition of a dataset is kept (dataset_versions),
/// and these helpers choose among them. An edition is newer than another when its edition date is
/// later, or on the same date when it was loaded later (higher id), the same order that sets
/// <see cref="DatasetVersion.IsLatest"/>.
/// </summary>
public static class Editions
{
    /// <summary>
    /// The observations "as published on <paramref name="date"/>": for each dataset, only those of its
    /// newest edition with an edition date on or before the date (datasets with no edition by then
    /// drop out). With no date, each dataset's latest edition, which is what queries read by default.
    /// </summary>
    public static IQueryable<Observation> AsPublishedOn(this IQueryable<Observation> observations, DateOnly? date) =>
        date is not { } asOf
            ? observations.Where(o => o.DatasetVersion!.IsLatest)
            : observations.Where(o => o.DatasetVersion!.EditionDate <= asOf
                && !o.DatasetVersion.Dataset!.Versions.Any(v => v.EditionDate <= asOf
                    && (v.EditionDate > o.DatasetVersion.EditionDate || (v.EditionDate == o.DatasetVersion.EditionDate && v.Id > o.DatasetVersionId))));

    /// <summary>The dataset versions that <see cref="AsPublishedOn"/> reads for the date: one per dataset at most.</summary>
    public static IQueryable<DatasetVersion> AsPublishedOn(this IQueryable<DatasetVersion> versions, DateOnly? date) =>
        date is not { } asOf
            ? versions.Where(v => v.IsLatest)
            : versions.Where(v => v.EditionDate <= asOf
                && !v.Dataset!.Versions.Any(w => w.EditionDate <= asOf
                    && (w.EditionDate > v.EditionDate || (w.EditionDate == v.EditionDate && w.Id > v.Id))));

    /// <summary>
    /// The same choice as <see cref="AsPublishedOn(IQueryable{DatasetVersion}, DateOnly?)"/> over editions
    /// already in memory: for each dataset, the newest edition dated on or before <paramref name="date"/>
    /// (with no date, the newest of all).
    /// </summary>
    public static IEnumerable<DatasetVersion> CurrentOn(IEnumerable<DatasetVersion> versions, DateOnly? date) =>
        versions
            .Where(v => date is not { } asOf || v.EditionDate <= asOf)
            .GroupBy(v => v.DatasetCode)
            .Select(g => g.OrderByDescending(v => v.EditionDate).ThenByDescending(v => v.Id).First());

    /// <summary>
    /// Every edition's figure for one cell (indicator, area, period, sex, age band), oldest edition first,
    /// across all datasets that publish it. Pass the result to <see cref="MarkChanges"/> to see which
    /// editions revised the figure.
    /// </summary>
    public static IQueryable<CellRevision> Revisions(this IQueryable<Observation> observations,
        string indicatorCode, string areaCode, DateOnly periodStart, DateOnly periodEnd, Sex sex, string ageBandCode) =>
        observations
            .Where(o => o.IndicatorCode == indicatorCode && o.AreaCode == areaCode && o.PeriodStart == periodStart && o.PeriodEnd == periodEnd
                        && o.Sex == sex && o.AgeBandCode == ageBandCode)
            .OrderBy(o => o.DatasetVersion!.DatasetCode).ThenBy(o => o.DatasetVersion!.EditionDate).ThenBy(o => o.DatasetVersionId)
            .Select(o => new CellRevision(o.DatasetVersion!.DatasetCode, o.DatasetVersionId, o.DatasetVersion.EditionDate, o.DatasetVersion.IsLatest,
                o.PeriodLabel, o.Value, o.Status, o.Marker, false));

    /// <summary>
    /// Marks each revision whose value, status or marker differs from the previous edition of the same
    /// dataset (<see cref="CellRevision.Changed"/>); the first edition of each dataset is never a change.
    /// Expects the order <see cref="Revisions"/> returns.
    /// </summary>
    public static IReadOnlyList<CellRevision> MarkChanges(IEnumerable<CellRevision> revisions)
    {
        var marked = new List<CellRevision>();
        CellRevision? previous = null;
        foreach (var r in revisions)
        {
            var changed = previous is not null && previous.DatasetCode == r.DatasetCode
                && (previous.Value != r.Value || previous.Status != r.Status || previous.Marker != r.Marker);
            marked.Add(r with { Changed = changed });
            previous = r;
        }
        return marked;
    }
}

/// <summary>One edition's figure for a cell.</summary>
/// <param name="Changed">Set by <see cref="Editions.MarkChanges"/>: the figure differs from the dataset's previous edition.</param>
public sealed record CellRevision(string DatasetCode, int DatasetVersionId, DateOnly EditionDate, bool IsLatest,
    string PeriodLabel, decimal? Value, ObservationStatus Status, string? Marker, bool Changed);
