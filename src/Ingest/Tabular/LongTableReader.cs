using System.Runtime.CompilerServices;
using CommunityJustice.Analytics.Ingest.Manifests;
using CommunityJustice.Analytics.Ingest.Reading;
using CommunityJustice.Analytics.Model.Observations;

namespace CommunityJustice.Analytics.Ingest.Tabular;

/// <summary>
/// A long table with one figure per row and named columns: the tidy-long sheet or CSV (NRS
/// population: <c>Area, Year, Sex, Age, Population</c>) and the statistics.gov.scot SPARQL result
/// CSV, whose columns are the SPARQL select's variables and whose dimension values are full URIs
/// (geographies, reference.data.gov.uk periods, concept URIs) with numbers possibly in scientific
/// notation. The manifest's layout names the area, period, value (and optional marker and
/// measure) columns; its dimensions map sex and age columns.
/// </summary>
internal sealed class LongTableReader : IRowSource, IReportsSkippedRows
{
    private readonly InspectedFile _file;
    private readonly DatasetManifest _manifest;
    private readonly RowResolver _resolver;
    private readonly string _formatName;

    public long RowsRead { get; private set; }

    public IReadOnlyDictionary<string, long> Skipped => _resolver.Skipped;

    public LongTableReader(InspectedFile file, DatasetManifest manifest, ReferenceLookup reference, string formatName)
    {
        _file = file;
        _manifest = manifest;
        _formatName = formatName;
        var layout = manifest.Layout ?? new SourceLayout();
        _resolver = new RowResolver(manifest, reference, layout.IndicatorCodes.Values.Append(layout.Indicator).OfType<string>());
    }

    public async IAsyncEnumerable<StagedRow> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var layout = _resolver.Layout;
        TabularHeader? header = null;
        int area = 0, value = 0;
        int? period = null, marker = null, measure = null;
        var dimensions = new List<(CompiledDimension Dimension, int Column)>();

        await foreach (var row in TabularFile.ReadBodyAsync(_file, layout.Sheet, headerRow =>
        {
            var found = header = new TabularHeader(headerRow, StringComparer.Ordinal);
            var required = new[] { layout.AreaColumn!, layout.ValueColumn! }
                .Concat(new[] { layout.PeriodColumn, layout.IndicatorColumn }.OfType<string>())
                .Concat(_resolver.Dimensions.Select(d => d.Column));
            found.Check(required, layout.IgnoredColumns.Concat(new[] { layout.MarkerColumn }.OfType<string>()), _file.Path, _manifest.Code, _formatName, StringComparer.Ordinal);
            area = found.Find(layout.AreaColumn)!.Value;
            value = found.Find(layout.ValueColumn)!.Value;
            period = found.Find(layout.PeriodColumn);
            marker = found.Find(layout.MarkerColumn);
            measure = found.Find(layout.IndicatorColumn);
            dimensions = _resolver.Dimensions.Select(d => (d, found.Find(d.Column)!.Value)).ToList();
        }, cancellationToken))
        {
            RowsRead++;
            if (row.Malformed is not null)
            {
                yield return StagedRow.Reject(row.Line, row.Malformed);
                yield break;
            }
            var columns = header!.Names.Count;
            if (row.Cells.Length < columns)
            {
                yield return StagedRow.Reject(row.Line, $"has {row.Cells.Length} field{(row.Cells.Length == 1 ? "" : "s")}, expected {columns} (truncated or ragged line)");
                continue;
            }
            if (row.Cells.Skip(columns).Any(c => !string.IsNullOrWhiteSpace(c)))
            {
                yield return StagedRow.Reject(row.Line, $"has values beyond the {columns} columns of the header (ragged line)");
                continue;
            }

            if (_resolver.SkipsArea(row.Cell(area)))
            {
                RowsRead--; // skipped rows are reported, not read
                continue;
            }
            _resolver.Begin();
            var areaCode = _resolver.Area(row.Cell(area), $"area ({layout.AreaColumn})");
            var when = period is { } p ? _resolver.Period(row.Cell(p), $"period ({layout.PeriodColumn})") : _resolver.FixedPeriod!.Value;
            var indicator = measure is { } m ? _resolver.Indicator(row.Cell(m)) : layout.Indicator;
            var sex = layout.Sex ?? Sex.All;
            var ageBand = layout.AgeBand;
            foreach (var (dimension, column) in dimensions) _resolver.Dimension(dimension, row.Cell(column), ref sex, ref ageBand);
            var (number, status, mark) = _resolver.Value(row.Cell(value), marker is { } k ? row.Cell(k) : null, $"value ({layout.ValueColumn})");
            yield return _resolver.Finish(row.Line, indicator, areaCode, when, sex, ageBand, number, status, mark);
        }

        if (header is null) throw new IngestException($"{_file.Path} has no header row: it is empty or blank.");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
