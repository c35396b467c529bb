using System.Runtime.CompilerServices;
using CommunityJustice.Analytics.Ingest.Manifests;
using CommunityJustice.Analytics.Ingest.Reading;
using CommunityJustice.Analytics.Ingest.Tabular;
using CommunityJustice.Analytics.Model.Observations;
using CommunityJustice.Analytics.Model.Reference;

namespace CommunityJustice.Analytics.Ingest.Formats.Snsa;

/// <summary>
/// The local SNSA template (CSV or .xlsx, same columns): one figure per row, with the area as a
/// GSS code or a name, the period in any DateCode form, sex, an age band code, an indicator code
/// from the catalogue, the value or a marker saying why there is none, and optionally the count and
/// base behind it. Column names match case-insensitively and in any order. When the manifest names a
/// partnership, every row must be for that partnership's area. Also reads the canonical files
/// transcribed manifests are written to.
/// </summary>
internal sealed class SnsaTemplateReader : IRowSource
{
    private static readonly StringComparer Names = StringComparer.OrdinalIgnoreCase;

    private readonly InspectedFile _file;
    private readonly DatasetManifest _manifest;
    private readonly ReferenceLookup _reference;
    private readonly RowResolver _resolver;
    private readonly string? _partnershipArea;

    public long RowsRead { get; private set; }

    public SnsaTemplateReader(InspectedFile file, DatasetManifest manifest, ReferenceLookup reference)
    {
        _file = file;
        _manifest = manifest;
        _reference = reference;
        _resolver = new RowResolver(manifest, reference, []);
        if (_resolver.Layout.Partnership is { } partnership)
        {
            _partnershipArea = reference.TryResolveArea(partnership, out var code)
                ? code
                : throw new IngestException($"The manifest for '{manifest.Code}' names the partnership '{partnership}', which is not a known area code or name.");
        }
    }

    public async IAsyncEnumerable<StagedRow> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        TabularHeader? header = null;
        var column = new Dictionary<string, int>(Names);

        await foreach (var row in TabularFile.ReadBodyAsync(_file, _resolver.Layout.Sheet, headerRow =>
        {
            var found = header = new TabularHeader(headerRow, Names);
            found.Check(SnsaTemplate.Columns, [], _file.Path, _manifest.Code, "local SNSA template", Names);
            foreach (var name in SnsaTemplate.Columns) column[name] = found.Find(name)!.Value;
        }, cancellationToken))
        {
            RowsRead++;
            if (row.Malformed is not null)
            {
                yield return StagedRow.Reject(row.Line, row.Malformed);
                yield break;
            }

            if (row.Cells.Length < header!.Names.Count && !(row.Cells.Length == header.Names.Count - 1 && header.Find(SnsaTemplate.Notes) == header.Names.Count - 1))
            {
                yield return StagedRow.Reject(row.Line, $"has {row.Cells.Length} fields, expected {header.Names.Count} (truncated or ragged line)");
                continue;
            }
            if (row.Cells.Skip(header.Names.Count).Any(c => !string.IsNullOrWhiteSpace(c)))
            {
                yield return StagedRow.Reject(row.Line, $"has values beyond the {header.Names.Count} template columns (ragged line, or a comma in an unquoted note)");
                continue;
            }
            string Cell(string name) => row.Cell(column[name]);

            _resolver.Begin();
            var area = _resolver.Area(Cell(SnsaTemplate.Area), SnsaTemplate.Area);
            if (area is not null && _partnershipArea is not null && area != _partnershipArea)
                _resolver.Problem($"{SnsaTemplate.Area} '{Cell(SnsaTemplate.Area).Trim()}' is {area}, not this partnership's area {_partnershipArea}: a partnership's template holds only its own figures");
            var period = _resolver.Period(Cell(SnsaTemplate.Period));

            var sexText = Cell(SnsaTemplate.Sex).Trim();
            var sex = Sex.All;
            if (sexText.Length > 0 && !Enum.TryParse(sexText, ignoreCase: true, out sex) || sexText.Any(char.IsDigit))
                _resolver.Problem($"sex '{sexText}' is not All, Male or Female");

            var ageText = Cell(SnsaTemplate.AgeBand).Trim();
            var ageBand = ageText.Length == 0 ? ReferenceAgeBands.AllAges : ageText.ToLowerInvariant();
            if (!_reference.AgeBands.Contains(ageBand)) _resolver.Problem($"age_band '{ageText}' is not an age band code (see Catalogue/age-bands.json, e.g. all, under-21, 21-25, age-16)");

            var indicatorText = Cell(SnsaTemplate.Indicator).Trim();
            var indicator = indicatorText.ToLowerInvariant();
            if (indicatorText.Length == 0) _resolver.Problem("indicator is empty");
            else if (!_reference.Indicators.Contains(indicator)) _resolver.Problem($"indicator '{indicatorText}' is not in the indicator catalogue");

            var (value, status, marker) = _resolver.Value(Cell(SnsaTemplate.Value), Cell(SnsaTemplate.Marker));
            var numerator = _resolver.OptionalNumber(Cell(SnsaTemplate.Numerator), SnsaTemplate.Numerator);
            var denominator = _resolver.OptionalNumber(Cell(SnsaTemplate.Denominator), SnsaTemplate.Denominator);
            if (denominator is 0) _resolver.Problem("denominator is 0");
            yield return _resolver.Finish(row.Line, indicator, area, period, sex, ageBand, value, status, marker, numerator, denominator);
        }

        if (header is null) throw new IngestException($"{_file.Path} has no header row: it is empty or blank. Start from src/Ingest/Templates/snsa-template-blank.csv.");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
