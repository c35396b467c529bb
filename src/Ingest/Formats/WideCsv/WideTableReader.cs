using System.Runtime.CompilerServices;
using CommunityJustice.Analytics.Ingest.Manifests;
using CommunityJustice.Analytics.Ingest.Reading;
using CommunityJustice.Analytics.Ingest.Tabular;
using CommunityJustice.Analytics.Model.Observations;

namespace CommunityJustice.Analytics.Ingest.Formats.WideCsv;

/// <summary>
/// A plain wide CSV: a header, then one row per area with one column per measure (NRS
/// components of change: <c>Area, Natural change, Other changes, ...</c>). Each measure cell of
/// each row is one observation, so a row of six measures counts as six rows read, and a problem
/// with the row's area rejects each of its cells (with the cell's column named).
/// </summary>
internal sealed class WideTableReader(InspectedFile file, DatasetManifest manifest, ReferenceLookup reference) : IRowSource
{
    private readonly RowResolver _resolver = new(manifest, reference, (manifest.Layout?.Measures ?? []).Select(m => m.Indicator));

    public long RowsRead { get; private set; }

    public async IAsyncEnumerable<StagedRow> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var layout = _resolver.Layout;
        TabularHeader? header = null;
        int area = 0;
        int? period = null;
        var measures = new List<(MeasureColumn Measure, int Column)>();

        await foreach (var row in TabularFile.ReadBodyAsync(file, layout.Sheet, headerRow =>
        {
            var found = header = new TabularHeader(headerRow, StringComparer.Ordinal);
            found.Check(new[] { layout.AreaColumn! }.Concat(new[] { layout.PeriodColumn }.OfType<string>()).Concat(layout.Measures.Select(m => m.Column)),
                layout.IgnoredColumns, file.Path, manifest.Code, "plain wide CSV", StringComparer.Ordinal);
            area = found.Find(layout.AreaColumn)!.Value;
            period = found.Find(layout.PeriodColumn);
            measures = layout.Measures.Select(m => (m, found.Find(m.Column)!.Value)).ToList();
        }, cancellationToken))
        {
            if (row.Malformed is not null)
            {
                RowsRead++;
                yield return StagedRow.Reject(row.Line, row.Malformed);
                yield break;
            }

            var columns = header!.Names.Count;
            if (row.Cells.Length != columns && row.Cells.Skip(columns).Any(c => !string.IsNullOrWhiteSpace(c)) || row.Cells.Length < columns)
            {
                foreach (var (measure, _) in measures)
                {
                    RowsRead++;
                    yield return StagedRow.Reject(row.Line, $"{measure.Column}: the line has {row.Cells.Length} fields, expected {columns} (truncated or ragged line)");
                }
                continue;
            }

            foreach (var (measure, column) in measures)
            {
                RowsRead++;
                _resolver.Begin();
                var areaCode = _resolver.Area(row.Cell(area), $"area ({layout.AreaColumn})");
                var when = period is { } p ? _resolver.Period(row.Cell(p), $"period ({layout.PeriodColumn})") : _resolver.FixedPeriod!.Value;
                var (number, status, mark) = _resolver.Value(row.Cell(column), null, $"'{measure.Column}' value");
                var staged = _resolver.Finish(row.Line, measure.Indicator, areaCode, when, layout.Sex ?? Sex.All, layout.AgeBand, number, status, mark);
                yield return staged.RejectReason is null ? staged : staged with { RejectReason = $"{measure.Column}: {staged.RejectReason}" };
            }
        }

        if (header is null) throw new IngestException($"{file.Path} has no header row: it is empty or blank.");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
