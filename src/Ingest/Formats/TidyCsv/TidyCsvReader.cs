using System.Globalization;
using System.Runtime.CompilerServices;
using CommunityJustice.Analytics.Ingest.Manifests;
using CommunityJustice.Analytics.Ingest.Reading;
using CommunityJustice.Analytics.Ingest.StatGov;
using CommunityJustice.Analytics.Ingest.Tabular;
using CommunityJustice.Analytics.Model.Observations;
using CommunityJustice.Analytics.Model.Reference;
using Sylvan.Data.Csv;

namespace CommunityJustice.Analytics.Ingest.Formats.TidyCsv;

/// <summary>
/// Streams a statistics.gov.scot tidy CSV (FeatureCode, DateCode, Measurement, Units, Value,
/// dimension columns, optional DataMarker) as <see cref="StagedRow"/>s, one record at a time.
/// </summary>
public sealed class TidyCsvReader : IRowSource, IReportsSkippedRows
{
    // The largest magnitude observations.value (numeric(18,6)) can hold.
    private const decimal MaxValue = 999_999_999_999.999999m;

    private readonly CsvDataReader _csv;
    private readonly TidyCsvHeader _header;
    private readonly TidyCsvMapping _mapping;
    private readonly ReferenceLookup _reference;
    private readonly InspectedFile _file;
    private readonly AreaLevelSkips _levels;
    private const int MaxCachedPeriods = 10_000;
    private readonly Dictionary<string, Period> _periods = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Period>.AlternateLookup<ReadOnlySpan<char>> _periodsByText;
    private readonly PreviousRowMemo<string> _previousArea = new();
    private readonly PreviousRowMemo<Period> _previousPeriod = new();
    private readonly PreviousRowMemo<string>[] _previousDimensions;

    public long RowsRead { get; private set; }

    /// <summary>Rows skipped by the layout's keepAreas, by reason.</summary>
    public IReadOnlyDictionary<string, long> Skipped => _levels.Skipped;

    private TidyCsvReader(CsvDataReader csv, TidyCsvHeader header, TidyCsvMapping mapping, ReferenceLookup reference, InspectedFile file, AreaLevelFilter? keepAreas)
    {
        _levels = new AreaLevelSkips(keepAreas);
        _periodsByText = _periods.GetAlternateLookup<ReadOnlySpan<char>>();
        _previousDimensions = [.. mapping.Dimensions.Select(_ => new PreviousRowMemo<string>())];
        _csv = csv;
        _header = header;
        _mapping = mapping;
        _reference = reference;
        _file = file;
    }

    /// <summary>Opens the file and checks its header against the manifest; throws <see cref="IngestException"/> when it does not fit.</summary>
    public static async Task<TidyCsvReader> OpenAsync(InspectedFile file, DatasetManifest manifest, ReferenceLookup reference, CancellationToken cancellationToken)
    {
        var mapping = new TidyCsvMapping(manifest, reference);
        var text = file.OpenText();
        CsvDataReader csv;
        try
        {
            csv = CsvDataReader.Create(text, CsvRecords.Options(hasHeaders: true));
        }
        catch (CsvMissingHeadersException e)
        {
            text.Dispose();
            throw new IngestException($"{file.Path} has no readable CSV header: {e.Message}", e);
        }
        catch (Exception e) when (CsvRecords.IsCsvError(e))
        {
            text.Dispose();
            // Sylvan reads ahead while opening, so the record it could not read may be a data line after the header.
            throw new IngestException($"{file.Path} cannot be read as CSV from its start: {Reason(e)}. Nothing was loaded.", e);
        }

        try
        {
            var header = TidyCsvHeader.Read(csv, mapping, file.Path, manifest.Code);
            return new TidyCsvReader(csv, header, mapping, reference, file, manifest.Layout?.KeepAreas);
        }
        catch
        {
            await csv.DisposeAsync();
            throw;
        }
    }

    public async IAsyncEnumerable<StagedRow> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Physical line numbers: the header is line 1, blank lines and newlines inside quoted fields count.
        long line = 1;
        while (true)
        {
            string? malformed = null;
            bool more;
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                // Synchronous: a local file's next block is a plain read, and a row's await (Sylvan's state machines, a
                // thread-pool hop per block) cost more than the row's parsing (docs/benchmarks.md, "The 1M-row load").
                more = _csv.Read();
            }
            catch (Exception e) when (CsvRecords.IsCsvError(e))
            {
                // Only a broken record on the file's last line is a reject; anywhere else the file is refused.
                malformed = CsvRecords.RejectOrRefuse(_file, line + 1, e);
                more = false;
            }
            if (malformed is not null)
            {
                RowsRead++;
                yield return StagedRow.Reject(line + 1, malformed);
                yield break;
            }
            if (!more) yield break;

            line++;
            var fields = _csv.RowFieldCount;
            if (fields == 1 && _csv.GetFieldSpan(0).IsWhiteSpace()) continue;

            var first = line;
            for (var i = 0; i < fields; i++) line += _csv.GetFieldSpan(i).Count('\n');
            // A complete line of a level the layout does not keep is skipped, not read; a ragged one, or a last line that may be
            // cut short (so the file may be truncated), is still read and rejected.
            // Strings are made only for a row that needs one (a skip check, a reject reason): a row read is otherwise spans only.
            var mayBeCut = CsvRecords.MayBeCut(_file, line);
            if (fields == _header.FieldCount && !mayBeCut && _levels.Active && _levels.Skips(_csv.GetString(_header.Area))) continue;
            RowsRead++;
            var row = fields != _header.FieldCount
                ? StagedRow.Reject(first, $"has {fields} field{(fields == 1 ? "" : "s")}, expected {_header.FieldCount} (truncated or ragged line)")
                : mayBeCut && CsvRecords.CutLastLine(_file, line, _csv.GetString(fields - 1)) is { } cut
                    ? StagedRow.Reject(first, cut)
                    : Resolve(first);
            yield return row;
        }
    }

    private StagedRow Resolve(long line)
    {
        List<string>? problems = null;
        void Problem(string reason) => (problems ??= []).Add(reason);

        var areaText = Field(_header.Area);
        if (!_previousArea.TryGet(areaText, out var area))
        {
            if (_reference.TryResolveArea(areaText, out area)) _previousArea.Remember(areaText, area);
            else Problem($"unknown area code '{areaText.Trim().ToString()}'");
        }

        var dateText = Field(_header.DateCode);
        if (!_previousPeriod.TryGet(dateText, out var period))
        {
            if (TryParsePeriod(dateText, out period)) _previousPeriod.Remember(dateText, period);
            else Problem($"unparseable DateCode '{dateText.ToString()}'");
        }

        var measurement = Field(_header.Measurement).Trim();
        var units = Field(_header.Units).Trim();
        var indicator = _mapping.Indicator(measurement, units);
        if (indicator is null)
            Problem($"unmapped Measurement/Units '{measurement.ToString()}' / '{units.ToString()}'");

        var sex = Sex.All;
        var ageBand = ReferenceAgeBands.AllAges;
        for (var i = 0; i < _mapping.Dimensions.Count; i++)
        {
            var dimension = _mapping.Dimensions[i];
            var value = Field(_header.Dimensions[i]);
            if (!_previousDimensions[i].TryGet(value, out var code))
            {
                if (!dimension.TryMap(value, out code))
                {
                    Problem($"unmapped {dimension.Column} value '{value.ToString()}'");
                    continue;
                }
                _previousDimensions[i].Remember(value, code);
            }
            if (dimension.Target == DimensionTarget.Sex) sex = dimension.ToSex(code);
            else ageBand = code;
        }

        var valueText = Field(_header.Value).Trim();
        var markerText = _header.DataMarker is { } markerColumn ? Field(markerColumn).Trim() : default;
        var marker = markerText.IsEmpty ? null : markerText.ToString();
        decimal? number = null;
        var status = ObservationStatus.Published;
        if (!valueText.IsEmpty)
        {
            if (!decimal.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
                Problem($"non-numeric Value '{valueText.ToString()}'");
            else if (Math.Abs(parsed) > MaxValue)
                Problem($"Value {valueText.ToString()} is too large to store");
            else
                number = parsed;
        }
        else if (marker is null)
        {
            Problem("Value is empty and there is no DataMarker");
        }
        else if (_mapping.Markers.TryGetValue(markerText, out var markerStatus) && markerStatus != ObservationStatus.Published)
        {
            status = markerStatus;
        }
        else
        {
            Problem($"Value is empty and the DataMarker '{marker}' is not a known marker");
        }

        return problems is not null
            ? StagedRow.Reject(line, string.Join("; ", problems))
            : new StagedRow(line, null, indicator, area, period, sex, ageBand, number, status, marker);
    }

    private ReadOnlySpan<char> Field(int ordinal) => _csv.GetFieldSpan(ordinal);

    /// <summary>
    /// A DateCode parsed once per distinct text (a file has few periods and many rows of each), so a row costs a look-up by
    /// span rather than a parse and a new label string. The cache is bounded; past the bound each row is parsed again.
    /// </summary>
    private bool TryParsePeriod(ReadOnlySpan<char> text, out Period period)
    {
        if (_periodsByText.TryGetValue(text, out period)) return true;
        if (!DateCode.TryParse(text, out period)) return false;
        if (_periods.Count < MaxCachedPeriods) _periodsByText[text] = period;
        return true;
    }

    public ValueTask DisposeAsync() => _csv.DisposeAsync();

    public override string ToString() => _file.Path;

    private static string Reason(Exception e) => e is CsvRecordTooLargeException
        ? $"the header or the first data line is longer than {CsvRecords.MaxRecordChars:N0} characters, the longest line this worker reads"
        : "broken quoting (a quote \" opened and not closed where a value should end) in the header or the first data line";
}
