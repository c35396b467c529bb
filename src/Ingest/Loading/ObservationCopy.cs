using CommunityJustice.Analytics.Ingest.Reading;
using Npgsql;

namespace CommunityJustice.Analytics.Ingest.Loading;

/// <summary>
/// The fast path of a load: rows stream by binary COPY straight into the new edition's partition
/// (<see cref="EditionPartition"/>, still unindexed and not yet part of observations), in the
/// transaction that stores them. A new edition has no cells yet, so the only possible conflict is a cell
/// given twice in the file itself; building the partition's unique cell index when the edition is
/// published detects that (and the loader starts again through the staging path, which names the
/// duplicate lines). Rejects go to a <see cref="RejectSpill"/> instead.
/// </summary>
internal static class ObservationCopy
{

    /// <summary>The codes a load wrote, to check against the reference tables in one query when per-row foreign-key checks are off.</summary>
    public sealed class CodesUsed
    {
        public HashSet<string> Indicators { get; } = new(StringComparer.Ordinal);
        public HashSet<string> Areas { get; } = new(StringComparer.Ordinal);
        public HashSet<string> AgeBands { get; } = new(StringComparer.Ordinal);
        public CellExtents Extents { get; } = new();
    }

    /// <summary>The distinct areas and periods of each indicator written (what edition_indicator_extents records).</summary>
    public sealed class CellExtents
    {
        private readonly Dictionary<string, (HashSet<string> Areas, HashSet<(DateOnly, DateOnly)> Periods)> _byIndicator = new(StringComparer.Ordinal);
        private string? _lastIndicator, _lastArea;
        private (DateOnly, DateOnly)? _lastPeriod;
        private (HashSet<string> Areas, HashSet<(DateOnly, DateOnly)> Periods) _last;

        public void Add(in StagedRow row)
        {
            // Readers hand out the reference data's own indicator and area strings, and rows of one indicator, area and
            // period mostly come together: a set is asked only when one of them changes.
            if (!ReferenceEquals(row.IndicatorCode, _lastIndicator))
            {
                _lastIndicator = row.IndicatorCode!;
                if (!_byIndicator.TryGetValue(_lastIndicator, out _last)) _byIndicator[_lastIndicator] = _last = ([], []);
                _lastArea = null;
                _lastPeriod = null;
            }
            if (!ReferenceEquals(row.AreaCode, _lastArea)) _last.Areas.Add(_lastArea = row.AreaCode!);
            var period = (row.Period.Start, row.Period.End);
            if (period != _lastPeriod)
            {
                _last.Periods.Add(period);
                _lastPeriod = period;
            }
        }

        public List<(string Indicator, int Areas, int Periods)> Counts() =>
            [.. _byIndicator.Select(e => (e.Key, e.Value.Areas.Count, e.Value.Periods.Count))];
    }

    /// <summary>Streams rows into observations; returns how many observations were written.</summary>
    public static async Task<long> CopyAsync(NpgsqlConnection connection, string table, int versionId, IAsyncEnumerable<StagedRow> rows, RejectSpill rejects,
        Func<long, string, Task>? onReject, CodesUsed codes, Action<long>? progress, int progressInterval, CancellationToken cancellationToken)
    {
        long count = 0, loaded = 0;
        string? lastIndicator = null, lastArea = null, lastAgeBand = null;
        var columns = new ObservationColumns();
        var version = BinaryCopyWriter.Int32Field(versionId);
        await using var copy = await BinaryCopyWriter.BeginAsync(connection,
            $"COPY {table} (dataset_version_id, {ObservationColumns.Names}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (++count % progressInterval == 0) progress?.Invoke(count);
            if (row.RejectReason is not null)
            {
                rejects.Add(row.Line, row.RejectReason);
                if (onReject is not null) await onReject(row.Line, row.RejectReason);
                continue;
            }
            // Readers hand out the reference data's own string instances, so a reference check skips most set look-ups.
            if (!ReferenceEquals(row.IndicatorCode, lastIndicator)) codes.Indicators.Add(lastIndicator = row.IndicatorCode!);
            if (!ReferenceEquals(row.AreaCode, lastArea)) codes.Areas.Add(lastArea = row.AreaCode!);
            if (!ReferenceEquals(row.AgeBandCode, lastAgeBand)) codes.AgeBands.Add(lastAgeBand = row.AgeBandCode!);
            codes.Extents.Add(row);

            copy.StartRow(1 + ObservationColumns.Count);
            copy.WriteField(version);
            columns.Write(copy, row);
            await copy.EndRowAsync(cancellationToken);
            loaded++;
        }
        await copy.CompleteAsync(cancellationToken);
        progress?.Invoke(count);
        return loaded;
    }
}
