using CommunityJustice.Analytics.Ingest.Manifests;
using CommunityJustice.Analytics.Ingest.Reading;
using CommunityJustice.Analytics.Ingest.StatGov;
using CommunityJustice.Analytics.Model.Observations;
using CommunityJustice.Analytics.Model.Reference;

namespace CommunityJustice.Analytics.Ingest.Tabular;

/// <summary>
/// Turns the text of one source row's cells into an observation, or a reject naming every problem:
/// shared by the SPARQL, pivot, tidy-long, wide and template readers so they resolve areas
/// (codes, geography URIs, names through the alias table, retired codes through successions),
/// periods, sexes, age bands, numbers and markers the same way.
/// </summary>
internal sealed class RowResolver
{
    private readonly ReferenceLookup _reference;
    private readonly Dictionary<string, ObservationStatus> _markers;
    private readonly List<string> _problems = [];
    private readonly AreaLevelSkips _levels;

    public SourceLayout Layout { get; }
    public IReadOnlyList<CompiledDimension> Dimensions { get; }
    public Period? FixedPeriod { get; }

    public RowResolver(DatasetManifest manifest, ReferenceLookup reference, IEnumerable<string> indicators)
    {
        _reference = reference;
        Layout = manifest.Layout ?? new SourceLayout();
        _levels = new AreaLevelSkips(Layout.KeepAreas);
        var problems = new List<string>();
        foreach (var indicator in indicators.Distinct().Where(i => !reference.Indicators.Contains(i)))
            problems.Add($"indicator '{indicator}' is not in the indicator catalogue");
        foreach (var d in manifest.Mapping.Dimensions.Where(d => d.Target == DimensionTarget.AgeBand))
            problems.AddRange(d.Codes.Values.Where(code => !reference.AgeBands.Contains(code)).Distinct()
                .Select(code => $"column '{d.Column}' maps to age band '{code}', which is not in the age_bands table"));
        if (Layout.AgeBand is { } band && !reference.AgeBands.Contains(band)) problems.Add($"layout.ageBand '{band}' is not in the age_bands table");
        if (Layout.Period is { } spec)
        {
            if (TryFixedPeriod(spec, out var fixedPeriod, out var why)) FixedPeriod = fixedPeriod;
            else problems.Add(why);
        }
        if (problems.Count > 0)
            throw new IngestException($"The manifest for '{manifest.Code}' does not fit the database: {string.Join("; ", problems)}.");

        Dimensions = manifest.Mapping.Dimensions.Select(d => new CompiledDimension(d)).ToList();
        _markers = new Dictionary<string, ObservationStatus>(MarkerDefaults.All, StringComparer.OrdinalIgnoreCase);
        foreach (var (marker, status) in manifest.Mapping.Markers) _markers[marker] = status;
    }

    public bool HasProblems => _problems.Count > 0;

    /// <summary>Source rows skipped by <see cref="SourceLayout.KeepAreas"/>, by reason.</summary>
    public Dictionary<string, long> Skipped => _levels.Skipped;

    /// <summary>True, counting the row as skipped, when the layout's keepAreas leaves out the level of the code or URI <paramref name="text"/> (<see cref="AreaLevelSkips"/>).</summary>
    public bool SkipsArea(string text) => _levels.Skips(text);

    public void Begin() => _problems.Clear();

    public void Problem(string reason) => _problems.Add(reason);

    public StagedRow Finish(long line, string? indicator, string? area, Period period, Sex sex, string? ageBand, decimal? value,
        ObservationStatus status, string? marker, decimal? numerator = null, decimal? denominator = null) =>
        _problems.Count > 0
            ? StagedRow.Reject(line, string.Join("; ", _problems))
            : new StagedRow(line, null, indicator, area, period, sex, ageBand ?? ReferenceAgeBands.AllAges, value, status, marker)
            {
                Numerator = numerator, Denominator = denominator,
            };

    public string? Area(string text, string what = "area")
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            Problem($"{what} is empty");
            return null;
        }
        if (_reference.TryResolveArea(text, out var code)) return code;
        Problem($"unknown {what} '{text.Trim()}' (not a current or retired GSS code, geography URI, or known area name)");
        return null;
    }

    public Period Period(string text, string what = "period")
    {
        if (StatGovUris.TryParsePeriod(text, out var period)) return period;
        Problem(string.IsNullOrWhiteSpace(text)
            ? $"{what} is empty"
            : $"unparseable {what} '{text.Trim()}' (expected a DateCode such as 2016, 2016-Q2, 2016M08, 2009/2010, 2005-2007, 2005/06 - 2009/10, or a reference.data.gov.uk period URI)");
        return default;
    }

    public string? Indicator(string text)
    {
        var key = text.Trim();
        if (Layout.IndicatorCodes.TryGetValue(key, out var code)) return code;
        if (StatGovUris.IsUri(key) && Layout.IndicatorCodes.TryGetValue(StatGovUris.LastSegment(key), out code)) return code;
        Problem($"unmapped measure '{key}'");
        return null;
    }

    /// <summary>Maps a dimension value; a URI may be mapped by its full text or by its last path segment.</summary>
    public bool Dimension(CompiledDimension dimension, string text, ref Sex sex, ref string? ageBand)
    {
        var key = text.Trim();
        if (!dimension.TryMap(key, out var code) && !(StatGovUris.IsUri(key) && dimension.TryMap(StatGovUris.LastSegment(key), out code)))
        {
            Problem($"unmapped {dimension.Column} value '{key}'");
            return false;
        }
        if (dimension.Target == DimensionTarget.Sex) sex = dimension.ToSex(code);
        else ageBand = code;
        return true;
    }

    /// <summary>
    /// A figure and its marker: a number is Published (keeping any marker printed beside it); an
    /// empty value needs a known marker, which gives the status. A marker that says suppressed or
    /// not available beside a number is a contradiction and a reject.
    /// </summary>
    public (decimal? Value, ObservationStatus Status, string? Marker) Value(string valueText, string? markerText, string what = "value")
    {
        var text = valueText.Trim();
        var marker = string.IsNullOrWhiteSpace(markerText) ? null : markerText.Trim();
        if (text.Length > 0 && CellNumber.TryParse(text, out var number))
        {
            if (marker is not null && _markers.TryGetValue(marker, out var says) && says != ObservationStatus.Published)
                Problem($"{what} {text} is given but the marker '{marker}' says the figure is {says}");
            return (number, ObservationStatus.Published, marker);
        }
        if (text.Length > 0 && marker is null && _markers.TryGetValue(text, out var inline))
        {
            // Some files put the marker in the value cell itself ("[x]", "..").
            if (inline != ObservationStatus.Published) return (null, inline, text);
        }
        if (text.Length > 0)
        {
            Problem($"non-numeric {what} '{text}'");
            return (null, ObservationStatus.Published, marker);
        }
        if (marker is null)
        {
            Problem($"{what} is empty and there is no marker saying why");
            return (null, ObservationStatus.Published, null);
        }
        if (_markers.TryGetValue(marker, out var status) && status != ObservationStatus.Published) return (null, status, marker);
        Problem($"{what} is empty and the marker '{marker}' is not a known marker (known: {string.Join(" ", _markers.Keys.Order(StringComparer.Ordinal))})");
        return (null, ObservationStatus.Published, marker);
    }

    /// <summary>An optional count (numerator/denominator): empty is none.</summary>
    public decimal? OptionalNumber(string text, string what)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (CellNumber.TryParse(text, out var number)) return number;
        Problem($"non-numeric {what} '{text.Trim()}'");
        return null;
    }

    public static bool TryFixedPeriod(PeriodSpec spec, out Period period, out string problem)
    {
        period = default;
        problem = "";
        if (spec.DateCode is { } code)
        {
            if (StatGovUris.TryParsePeriod(code, out period)) return true;
            problem = $"layout.period.dateCode '{code}' is not a DateCode";
            return false;
        }
        if (spec is { Type: { } type, Label: { Length: > 0 } label, Start: { } start, End: { } end } && end >= start)
        {
            period = new Period(type, label, start, end);
            return true;
        }
        problem = "layout.period needs a dateCode, or a type, label, start and end (end not before start)";
        return false;
    }
}
