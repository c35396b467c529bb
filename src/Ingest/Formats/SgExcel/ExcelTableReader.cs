using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using CommunityJustice.Analytics.Ingest.Manifests;
using CommunityJustice.Analytics.Ingest.Reading;
using CommunityJustice.Analytics.Model.Observations;
using CommunityJustice.Analytics.Model.Reference;

namespace CommunityJustice.Analytics.Ingest.Formats.SgExcel;

/// <summary>
/// Reads the tables a <c>sg-excel-table</c> manifest describes from a Scottish Government Excel
/// publication: finds each header, reads data rows until the first blank row or note, takes
/// section rows as a dimension, unpivots wide period columns, and turns every value cell into an
/// observation or a reject addressed by cell (<c>'Table 13'!C12</c>). The reject's line number is
/// the worksheet row.
/// </summary>
public sealed partial class ExcelTableReader : IRowSource, IReportsSkippedRows
{
    private readonly IReadOnlyList<CompiledTable> _tables;
    private readonly Dictionary<string, long> _skipped = new(StringComparer.Ordinal);

    public long RowsRead { get; private set; }

    public IReadOnlyDictionary<string, long> Skipped => _skipped;

    private ExcelTableReader(IReadOnlyList<CompiledTable> tables) => _tables = tables;

    public static Task<IRowSource> OpenAsync(InspectedFile file, DatasetManifest manifest, ReferenceLookup reference, CancellationToken cancellationToken)
    {
        var tables = manifest.Tables;
        if (tables.Count == 0) throw new IngestException($"The manifest for '{manifest.Code}' lists no tables.");
        var sheets = ExcelWorkbook.ReadSheets(file.Path, tables.Select(t => t.Sheet).Distinct(StringComparer.OrdinalIgnoreCase).ToList(), cancellationToken);
        var compiled = tables.Select(t => CompiledTable.Compile(t, sheets[t.Sheet.Trim()], manifest, reference, file.Path)).ToList();
        return Task.FromResult<IRowSource>(new ExcelTableReader(compiled));
    }

    public async IAsyncEnumerable<StagedRow> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (var table in _tables)
        {
            foreach (var row in table.Read(Skip))
            {
                cancellationToken.ThrowIfCancellationRequested();
                RowsRead++;
                yield return row;
            }
        }
    }

    private void Skip(string reason) => _skipped[reason] = _skipped.GetValueOrDefault(reason) + 1;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    // "1. Figures for ...", "* These figures ...", "† ...", "X  From the ...", "Note: ...", "Source: ...", "Return to Index".
    [GeneratedRegex(@"^(\d+\.\s|\*|†|‡|X\s|Notes?\b|Sources?\b|Return to\b)", RegexOptions.IgnoreCase)]
    internal static partial Regex NoteLine();

    private sealed class CompiledTable
    {
        private readonly ExcelTableMapping _map;
        private readonly IReadOnlyList<object?[]> _rows;
        private readonly int _headerIndex;
        private readonly int _labelColumn;
        private readonly ReferenceLookup _reference;
        private readonly CompiledDimension? _area, _period, _sex, _age;
        private readonly IReadOnlyList<CompiledDimension> _keys;
        private readonly IReadOnlyList<(int Column, HashSet<string> Keep, string Reason)> _filters;
        private readonly IReadOnlyList<(int Column, string Indicator, int? Numerator, int? Denominator)> _measures;
        private readonly IReadOnlyList<(int Column, Period Period)> _periodColumns;
        private readonly bool _hasSections;

        private CompiledTable(ExcelTableMapping map, IReadOnlyList<object?[]> rows, int headerIndex, int labelColumn, ReferenceLookup reference,
            CompiledDimension? area, CompiledDimension? period, CompiledDimension? sex, CompiledDimension? age, IReadOnlyList<CompiledDimension> keys,
            IReadOnlyList<(int, HashSet<string>, string)> filters, IReadOnlyList<(int, string, int?, int?)> measures, IReadOnlyList<(int, Period)> periodColumns)
        {
            _map = map; _rows = rows; _headerIndex = headerIndex; _labelColumn = labelColumn; _reference = reference;
            _area = area; _period = period; _sex = sex; _age = age; _keys = keys; _filters = filters; _measures = measures; _periodColumns = periodColumns;
            _hasSections = new[] { area, period, sex, age }.Concat(keys).Any(d => d is { Source.Section: true });
        }

        private string Sheet => _map.Sheet.Trim();

        public static CompiledTable Compile(ExcelTableMapping map, IReadOnlyList<object?[]> rows, DatasetManifest manifest, ReferenceLookup reference, string path)
        {
            var sheet = map.Sheet.Trim();
            var headerIndex = FindHeader(map, rows, path);
            var header = rows[headerIndex].Select(c => CellText.Normalise(CellText.Show(c))).ToList();
            var labelColumn = header.FindIndex(h => h.Length > 0);
            var problems = new List<string>();

            int Column(string name, string role)
            {
                var wanted = CellText.Normalise(name);
                var index = header.FindIndex(h => string.Equals(h, wanted, StringComparison.OrdinalIgnoreCase));
                if (index < 0) problems.Add($"no column '{name}' ({role})");
                return index;
            }

            CompiledDimension? Dimension(ExcelDimension? d, string role)
            {
                if (d is null) return null;
                int? column = d.Column is null ? null : Column(d.Column, role);
                return new CompiledDimension(d, role, column);
            }

            var area = Dimension(map.Area, "area");
            var period = Dimension(map.Period, "period");
            var sex = Dimension(map.Sex, "sex");
            var age = Dimension(map.AgeBand, "age band");
            var keys = map.Keys.Select(k => Dimension(k, $"key '{k.Name}'")!).ToList();
            var filters = map.Filters.Select(f => (Column(f.Column, "filter"), f.Keep.Select(CellText.Normalise).ToHashSet(StringComparer.OrdinalIgnoreCase),
                $"{sheet}: rows whose {f.Column} is not {string.Join(" or ", f.Keep.Select(k => $"'{k}'"))} not loaded: {f.Reason}")).ToList();
            var measures = map.Measures.Select(m => (Column(m.Column, $"measure for {m.Indicator}"), m.Indicator,
                m.Numerator is null ? (int?)null : Column(m.Numerator, "numerator"), m.Denominator is null ? (int?)null : Column(m.Denominator, "denominator"))).ToList();

            var periodColumns = new List<(int, Period)>();
            if (map.Period is { Wide: true } wide)
            {
                for (var i = 0; i < header.Count; i++)
                {
                    if (header[i].Length > 0 && ExcelPeriod.TryParse(header[i], wide.Forms, out var p)) periodColumns.Add((i, p));
                }
                if (periodColumns.Count == 0) problems.Add($"no header reads as a period ({string.Join("/", wide.Forms.DefaultIfEmpty(ExcelPeriod.FinancialYear))})");
            }

            // Every indicator the table can produce must be in the catalogue, and every code in the database.
            var indicators = map.Measures.Select(m => m.Indicator).ToList();
            if (map.Indicator is { } template) indicators.AddRange(Expand(template, map.Keys));
            foreach (var code in indicators.Distinct().Where(c => !reference.Indicators.Contains(c)))
                problems.Add($"indicator '{code}' is not in the indicator catalogue");
            if (map.Sex is { } s)
            {
                foreach (var code in s.Codes.Values.Append(s.Value).OfType<string>().Distinct().Where(c => !Enum.TryParse<Sex>(c, out _)))
                    problems.Add($"sex code '{code}' is not All, Male or Female");
            }
            if (map.AgeBand is { } a)
            {
                foreach (var code in a.Codes.Values.Append(a.Value).OfType<string>().Distinct().Where(c => !reference.AgeBands.Contains(c)))
                    problems.Add($"age band '{code}' is not in the age_bands table");
            }
            if (map.Area is { } ar)
            {
                foreach (var code in ar.Codes.Values.Append(ar.Value).OfType<string>().Distinct().Where(c => !reference.TryResolveArea(c, out _)))
                    problems.Add($"area '{code}' is not a known area");
            }
            if (map.Period is { Value: { } fixedPeriod } fp && !ExcelPeriod.TryParse(fixedPeriod, fp.Forms, out _))
                problems.Add($"period '{fixedPeriod}' cannot be read");

            if (problems.Count > 0)
            {
                var shown = string.Join(" | ", header.Where(h => h.Length > 0));
                throw new IngestException($"Worksheet '{sheet}' of {path} does not fit the manifest for '{manifest.Code}': {string.Join("; ", problems)}. " +
                                          $"Header (row {headerIndex + 1}): {shown}. Nothing was loaded.");
            }
            return new CompiledTable(map, rows, headerIndex, labelColumn, reference, area, period, sex, age, keys, filters, measures, periodColumns);
        }

        private static int FindHeader(ExcelTableMapping map, IReadOnlyList<object?[]> rows, string path)
        {
            if (map.HeaderRow is { } number)
            {
                if (number < 1 || number > rows.Count)
                    throw new IngestException($"Worksheet '{map.Sheet.Trim()}' of {path} has {rows.Count} rows, so it has no header row {number}. Nothing was loaded.");
                return number - 1;
            }
            var wanted = CellText.Normalise(map.HeaderStartsWith);
            for (var i = 0; i < rows.Count; i++)
            {
                var first = rows[i].Select(c => CellText.Normalise(CellText.Show(c))).FirstOrDefault(t => t.Length > 0);
                if (string.Equals(first, wanted, StringComparison.OrdinalIgnoreCase)) return i;
            }
            throw new IngestException($"Worksheet '{map.Sheet.Trim()}' of {path} has no header row starting '{map.HeaderStartsWith}'. Nothing was loaded.");
        }

        private static IEnumerable<string> Expand(string template, IReadOnlyList<ExcelDimension> keys)
        {
            IEnumerable<string> results = [template];
            foreach (var key in keys.Where(k => k.Name is not null && template.Contains($"{{{k.Name}}}", StringComparison.Ordinal)))
            {
                var codes = key.Codes.Values.Append(key.Value).OfType<string>().Distinct().ToList();
                results = results.SelectMany(r => codes.Select(c => r.Replace($"{{{key.Name}}}", c, StringComparison.Ordinal))).ToList();
            }
            return results;
        }

        public IEnumerable<StagedRow> Read(Action<string> skip)
        {
            string? section = null;
            for (var r = _headerIndex + 1; r < _rows.Count; r++)
            {
                var cells = _rows[r];
                var line = r + 1L;
                var filled = 0;
                var first = -1;
                for (var c = 0; c < cells.Length; c++)
                {
                    if (CellText.Show(cells[c]) is null) continue;
                    filled++;
                    if (first < 0) first = c;
                }
                if (filled == 0) yield break; // the table ends at the first blank row
                var firstText = CellText.Show(cells[first])!.Trim();
                if (NoteLine().IsMatch(firstText)) yield break; // numbered notes straight under the table
                if (filled == 1 && first <= Math.Max(0, _labelColumn))
                {
                    if (!_hasSections) yield break; // a lone label under a table without sections is a note
                    section = CellText.Normalise(firstText);
                    continue;
                }

                string? skipReason = null;
                var problems = new List<string>();
                foreach (var (column, keep, reason) in _filters)
                {
                    var value = CellText.Normalise(CellText.Show(Cell(cells, column)));
                    if (!keep.Contains(value)) skipReason ??= reason;
                }
                var codes = new Dictionary<string, string>(StringComparer.Ordinal);
                string? areaCode = null, ageCode = ReferenceAgeBands.AllAges;
                var sex = Sex.All;
                Period period = default;
                if (skipReason is null)
                {
                    foreach (var d in new[] { _area, _period, _sex, _age }.Concat(_keys))
                    {
                        if (d is null || d.Source.Wide) continue; // wide periods come from each value column's header
                        var outcome = d.Resolve(cells, section, out var code, out var text);
                        if (outcome == Resolution.Skip) { skipReason = $"{Sheet}: {d.Role} '{text}' not loaded: {code}"; break; }
                        if (outcome == Resolution.Problem) { problems.Add(code!); continue; }
                        if (d == _area)
                        {
                            if (_reference.TryResolveArea(code!, out var resolved)) areaCode = resolved;
                            else problems.Add($"unknown area '{text}'");
                        }
                        else if (d == _period)
                        {
                            if (ExcelPeriod.TryParse(code!, d.Source.Forms, out var p)) period = p;
                            else problems.Add($"'{text}' is not a period of the form {string.Join("/", d.Source.Forms.DefaultIfEmpty(ExcelPeriod.FinancialYear))}");
                        }
                        else if (d == _sex) sex = Enum.Parse<Sex>(code!);
                        else if (d == _age) ageCode = code;
                        else codes[d.Source.Name!] = code!;
                    }
                    if (_area is null) problems.Add("the manifest gives no area for this table");
                }
                if (skipReason is not null)
                {
                    skip(skipReason);
                    continue;
                }

                if (_period is { Source.Wide: true })
                {
                    var indicator = Fill(_map.Indicator!, codes);
                    foreach (var (column, columnPeriod) in _periodColumns)
                        yield return Cell(line, column, cells, indicator, areaCode, columnPeriod, sex, ageCode, null, null, problems);
                }
                else
                {
                    foreach (var (column, indicator, numerator, denominator) in _measures)
                        yield return Cell(line, column, cells, Fill(indicator, codes), areaCode, period, sex, ageCode, numerator, denominator, problems);
                }
            }
        }

        private StagedRow Cell(long line, int column, object?[] cells, string indicator, string? area, Period period, Sex sex, string? age,
            int? numeratorColumn, int? denominatorColumn, List<string> rowProblems)
        {
            var address = CellText.Address(Sheet, column, line);
            var value = CellText.Read(Cell(cells, column));
            var problems = value.Error is null ? rowProblems : [.. rowProblems, value.Error];
            if (problems.Count > 0) return StagedRow.Reject(line, $"{address}: {string.Join("; ", problems)}");
            return new StagedRow(line, null, indicator, area, period, sex, age, value.Value, value.Status, value.Marker)
            {
                Numerator = Count(cells, numeratorColumn),
                Denominator = Count(cells, denominatorColumn),
            };
        }

        // A count beside the figure, used only when published as a number (a marked count gives no base).
        private static decimal? Count(object?[] cells, int? column) =>
            column is { } c && CellText.Read(Cell(cells, c)) is { Error: null, Status: ObservationStatus.Published, Value: { } v } ? v : null;

        private static object? Cell(object?[] cells, int column) => column >= 0 && column < cells.Length ? cells[column] : null;

        private static string Fill(string template, Dictionary<string, string> codes)
        {
            foreach (var (name, code) in codes) template = template.Replace($"{{{name}}}", code, StringComparison.Ordinal);
            return template;
        }
    }

    private enum Resolution { Value, Skip, Problem }

    private sealed class CompiledDimension(ExcelDimension source, string role, int? column)
    {
        private readonly bool _passThrough = role is "area" or "period";
        private readonly Dictionary<string, string> _codes = new(source.Codes.Select(p => KeyValuePair.Create(CellText.Normalise(p.Key), p.Value)), StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, string> _skip = new(source.Skip.Select(p => KeyValuePair.Create(CellText.Normalise(p.Key), p.Value)), StringComparer.OrdinalIgnoreCase);

        public ExcelDimension Source { get; } = source;
        public string Role { get; } = source.Column ?? role;

        /// <summary>The code for this row; or, for Skip, the reason in <paramref name="code"/>; for Problem, the reject reason.</summary>
        public Resolution Resolve(object?[] cells, string? section, out string? code, out string text)
        {
            if (Source.Value is { } fixedValue) { text = fixedValue; code = fixedValue; return Resolution.Value; }
            if (Source.Section)
            {
                text = section ?? "";
                if (section is null) { code = $"no section row ({Role}) above this row"; return Resolution.Problem; }
            }
            else text = CellText.Normalise(CellText.Show(column is { } c && c < cells.Length ? cells[c] : null));

            if (_codes.TryGetValue(text, out code)) return Resolution.Value;
            if (_skip.TryGetValue(text, out code)) return Resolution.Skip;
            if (Source.SkipOthers is { } reason) { code = reason; return Resolution.Skip; }
            // With no code list, the text itself is the value (area names resolved through aliases, period labels).
            // Areas and periods fall through to the alias table and the period forms when not listed.
            if ((_codes.Count == 0 || _passThrough) && text.Length > 0) { code = text; return Resolution.Value; }
            code = text.Length == 0 ? $"{Role} is empty" : $"unmapped {Role} '{text}'";
            return Resolution.Problem;
        }
    }
}
