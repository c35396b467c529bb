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
internal sealed class WideTableReader : IRowSource, IReportsSkippedRows
{
    private readonly InspectedFile _file;
    private readonly DatasetManifest _manifest;
    private readonly RowResolver _resolver;

    public WideTableReader(InspectedFile file, DatasetManifest manifest, ReferenceLookup reference)
    {
        _file = file;
        _manifest = manifest;
        var layout = manifest.Layout ?? new SourceLayout();
        _resolver = new RowResolver(manifest, reference, layout.Measures.Select(m => m.Indicator ?? layout.Indicator).OfType<string>());
        var unknownBands = layout.Measures.Select(m => m.AgeBand).OfType<string>().Where(b => !reference.AgeBands.Contains(b)).Distinct().ToList();
        if (unknownBands.Count > 0)
            throw new IngestException($"The manifest for '{manifest.Code}' does not fit the database: measure columns map to age bands {string.Join(", ", unknownBands.Select(b => $"'{b}'"))}, which are not in the age_bands table.");
    }

    public long RowsRead { get; private set; }

    /// <summary>Rows skipped by the layout's keepAreas, by reason (a row once, whatever its number of measures).</summary>
    public IReadOnlyDictionary<string, long> Skipped => _resolver.Skipped;

    public async IAsyncEnumerable<StagedRow> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var file = _file;
        var manifest = _manifest;
        var layout = _resolver.Layout;
        TabularHeader? header = null;
        int area = 0;
        int? period = null;
        var measures = new List<(MeasureColumn Measure, int Column)>();
        var dimensions = new List<(CompiledDimension Dimension, int Column)>();

        await foreach (var row in TabularFile.ReadBodyAsync(file, layout.Sheet, headerRow =>
        {
            var found = header = new TabularHeader(headerRow, StringComparer.Ordinal);
            found.Check(new[] { layout.AreaColumn! }.Concat(new[] { layout.PeriodColumn }.OfType<string>()).Concat(layout.Measures.Select(m => m.Column))
                    .Concat(_resolver.Dimensions.Select(d => d.Column)),
                layout.IgnoredColumns, file.Path, manifest.Code, "plain wide", StringComparer.Ordinal);
            area = found.Find(layout.AreaColumn)!.Value;
            period = found.Find(layout.PeriodColumn);
            measures = layout.Measures.Select(m => (m, found.Find(m.Column)!.Value)).ToList();
            dimensions = _resolver.Dimensions.Select(d => (d, found.Find(d.Column)!.Value)).ToList();
        }, cancellationToken, layout.HeaderRow))
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
            if (_resolver.SkipsArea(row.Cell(area))) continue;

            foreach (var (measure, column) in measures)
            {
                RowsRead++;
                _resolver.Begin();
                var areaCode = _resolver.Area(row.Cell(area), $"area ({layout.AreaColumn})");
                var when = period is { } p ? _resolver.Period(row.Cell(p), $"period ({layout.PeriodColumn})") : _resolver.FixedPeriod!.Value;
                var sex = layout.Sex ?? Sex.All;
                var ageBand = measure.AgeBand ?? layout.AgeBand;
                foreach (var (dimension, dimensionColumn) in dimensions) _resolver.Dimension(dimension, row.Cell(dimensionColumn), ref sex, ref ageBand);
                var (number, status, mark) = Value(row.Cell(column), measure);
                var staged = _resolver.Finish(row.Line, measure.Indicator ?? layout.Indicator, areaCode, when, sex, ageBand, number, status, mark);
                yield return staged.RejectReason is null ? staged : staged with { RejectReason = $"{measure.Column}: {staged.RejectReason}" };
            }
        }

        if (header is null) throw new IngestException($"{file.Path} has no header row: it is empty or blank.");
    }

    /// <summary>A cell's figure: a blank cell takes the layout's blankValue status when it has one; a percent column's "8%" is 8.</summary>
    private (decimal? Value, ObservationStatus Status, string? Marker) Value(string text, MeasureColumn measure)
    {
        var what = $"'{measure.Column}' value";
        if (string.IsNullOrWhiteSpace(text) && _resolver.Layout.BlankValue is { } blank) return (null, blank, null);
        // SIMD writes "8%" but, once, a bare "0" in the same column: the sign is dropped where present.
        if (measure.Percent && text.Trim() is var trimmed && trimmed.EndsWith('%')) return _resolver.Value(trimmed[..^1], null, what);
        return _resolver.Value(text, null, what);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
