using System.Runtime.CompilerServices;
using CommunityJustice.Analytics.Ingest.Manifests;
using CommunityJustice.Analytics.Ingest.Reading;
using CommunityJustice.Analytics.Ingest.StatGov;
using CommunityJustice.Analytics.Ingest.Tabular;
using CommunityJustice.Analytics.Model.Observations;

namespace CommunityJustice.Analytics.Ingest.Formats.PivotCsv;

/// <summary>
/// The statistics.gov.scot pivot download CSV: metadata lines (<c>name,value</c>: the dataset, the
/// measure type and every dimension fixed in the pivot), a blank line, a row of period URIs over the
/// value columns, a header row (the row-key columns' names, then period labels), then one row per
/// geography. Wide periods are unpivoted: each non-empty value cell is one row read. Empty cells
/// are absent figures, as suppressed cells are absent rows in the tidy download.
/// </summary>
internal sealed class PivotCsvReader(InspectedFile file, DatasetManifest manifest, ReferenceLookup reference) : IRowSource, IReportsSkippedRows
{
    private const string Format = "statistics.gov.scot pivot CSV";
    private readonly RowResolver _resolver = new(manifest, reference,
        (manifest.Layout?.IndicatorCodes.Values ?? []).Append(manifest.Layout?.Indicator).OfType<string>());

    public long RowsRead { get; private set; }

    public IReadOnlyDictionary<string, long> Skipped => _resolver.Skipped;

    public async IAsyncEnumerable<StagedRow> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var layout = _resolver.Layout;
        var metadata = new Dictionary<string, (string Value, long Line)>(StringComparer.Ordinal);
        var stage = Stage.Metadata;
        TabularRow? periodRow = null;
        var periods = new List<(int Column, Period Period)>();
        int area = 0, keyColumns = 0;
        string? indicator = null;
        var sex = layout.Sex ?? Sex.All;
        var ageBand = layout.AgeBand;

        await foreach (var row in TabularFile.ReadAsync(file, null, cancellationToken))
        {
            if (row.Malformed is not null)
            {
                RowsRead++;
                yield return StagedRow.Reject(row.Line, row.Malformed);
                yield break;
            }
            switch (stage)
            {
                case Stage.Metadata:
                    if (row.IsBlank)
                    {
                        if (metadata.Count == 0) continue;
                        (indicator, sex, ageBand) = FromMetadata(metadata, sex, ageBand);
                        stage = Stage.Periods;
                        continue;
                    }
                    if (StatGovUris.TryParsePeriod(row.Cells.LastOrDefault(c => c.Length > 0) ?? "", out _) && row.Cells.Count(c => c.Length > 0) > 2)
                        throw Structure($"line {row.Line} looks like the row of period URIs, but no blank line separates it from the metadata lines above");
                    var name = row.Cell(0).Trim();
                    if (name.Length > 0 && !metadata.ContainsKey(name)) metadata[name] = (row.Cell(1).Trim(), row.Line);
                    continue;

                case Stage.Periods:
                    if (row.IsBlank) continue;
                    periodRow = row;
                    for (var i = 0; i < row.Cells.Length; i++)
                    {
                        var cell = row.Cells[i].Trim();
                        if (cell.Length == 0)
                        {
                            if (periods.Count > 0) throw Structure($"the period row (line {row.Line}) has an empty cell in column {TabularFile.ColumnLetter(i)} between period columns");
                            continue;
                        }
                        if (!StatGovUris.TryParsePeriod(cell, out var period))
                            throw Structure($"the period row (line {row.Line}) has '{cell}' in column {TabularFile.ColumnLetter(i)}, which is not a period URI (e.g. http://reference.data.gov.uk/id/year/2016) or DateCode");
                        periods.Add((i, period));
                    }
                    if (periods.Count == 0) throw Structure($"line {row.Line} should be the row of period URIs but has no periods");
                    keyColumns = periods[0].Column;
                    stage = Stage.Header;
                    continue;

                case Stage.Header:
                    var header = new TabularHeader(new TabularRow(row.Line, row.Cells.Take(keyColumns).ToArray()), StringComparer.Ordinal);
                    header.Check([layout.AreaColumn!], layout.IgnoredColumns, file.Path, manifest.Code, Format, StringComparer.Ordinal);
                    if (header.Names.Count != keyColumns)
                        throw Structure($"the header row (line {row.Line}) names {header.Names.Count} key columns but the period row leaves {keyColumns} before the first period");
                    area = header.Find(layout.AreaColumn)!.Value;
                    stage = Stage.Data;
                    continue;

                default:
                    if (row.IsBlank) continue;
                    if (row.Cells.Length < periods[^1].Column + 1 && row.Cells.Skip(keyColumns).Any(c => c.Length > 0) || row.Cells.Length <= keyColumns)
                    {
                        RowsRead++;
                        yield return StagedRow.Reject(row.Line, $"has {row.Cells.Length} fields, expected {periods[^1].Column + 1} (truncated or ragged line)");
                        continue;
                    }
                    if (_resolver.SkipsArea(row.Cell(area))) continue;
                    foreach (var (column, period) in periods)
                    {
                        var cell = row.Cell(column);
                        if (string.IsNullOrWhiteSpace(cell)) continue;
                        RowsRead++;
                        _resolver.Begin();
                        var areaCode = _resolver.Area(row.Cell(area), $"area ({layout.AreaColumn})");
                        var (number, status, mark) = _resolver.Value(cell, null, $"value for {period.Label} (column {TabularFile.ColumnLetter(column)})");
                        yield return _resolver.Finish(row.Line, indicator, areaCode, period, sex, ageBand, number, status, mark);
                    }
                    continue;
            }
        }

        if (stage != Stage.Data)
            throw Structure(stage switch
            {
                Stage.Metadata => "it has no blank line after the metadata lines, so no period row or header was found",
                Stage.Periods => "no row of period URIs follows the metadata",
                _ => $"no header row follows the period row (line {periodRow?.Line})",
            });
    }

    private (string? Indicator, Sex Sex, string? AgeBand) FromMetadata(Dictionary<string, (string Value, long Line)> metadata, Sex sex, string? ageBand)
    {
        var layout = _resolver.Layout;
        var problems = new List<string>();
        foreach (var (name, expected) in layout.RequiredMetadata)
        {
            if (!metadata.TryGetValue(name, out var found)) problems.Add($"missing metadata line '{name}'");
            else if (found.Value != expected) problems.Add($"metadata '{name}' (line {found.Line}) is '{found.Value}', expected '{expected}'");
        }
        string? indicator = layout.Indicator;
        if (layout.IndicatorColumn is { } measureName)
        {
            if (!metadata.TryGetValue(measureName, out var measure)) problems.Add($"missing metadata line '{measureName}' (the measure)");
            else
            {
                _resolver.Begin();
                indicator = _resolver.Indicator(measure.Value);
                if (_resolver.HasProblems) problems.Add($"metadata '{measureName}' (line {measure.Line}): unmapped measure '{measure.Value}'");
            }
        }
        foreach (var dimension in _resolver.Dimensions)
        {
            if (!metadata.TryGetValue(dimension.Column, out var fixedValue))
            {
                problems.Add($"missing metadata line '{dimension.Column}' (the pivot must fix that dimension)");
                continue;
            }
            _resolver.Begin();
            if (!_resolver.Dimension(dimension, fixedValue.Value, ref sex, ref ageBand))
                problems.Add($"metadata '{dimension.Column}' (line {fixedValue.Line}) has unmapped value '{fixedValue.Value}'");
        }
        if (problems.Count > 0) throw Structure(string.Join("; ", problems));
        return (indicator, sex, ageBand);
    }

    private IngestException Structure(string problem) =>
        new($"{file.Path} is not a {Format} as the manifest for '{manifest.Code}' describes it: {problem}. Nothing was loaded.");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private enum Stage { Metadata, Periods, Header, Data }
}
