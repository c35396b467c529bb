using CommunityJustice.Analytics.Ingest.Manifests;
using CommunityJustice.Analytics.Ingest.Reading;
using CommunityJustice.Analytics.Model.Observations;

namespace CommunityJustice.Analytics.Ingest.Formats.TidyCsv;

/// <summary>A manifest's mapping, checked against the database and turned into span-keyed lookups.</summary>
internal sealed class TidyCsvMapping
{
    private readonly Dictionary<string, Dictionary<string, string>> _indicators = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ObservationStatus> _markers;

    // The previous row's measurement and units, and the indicator they mapped to (a reader's rows come grouped by measure).
    private readonly PreviousRowMemo<string> _previousMeasurement = new();
    private readonly PreviousRowMemo<string> _previousUnits = new();

    public IReadOnlyList<CompiledDimension> Dimensions { get; }

    public Dictionary<string, ObservationStatus>.AlternateLookup<ReadOnlySpan<char>> Markers { get; }

    public TidyCsvMapping(DatasetManifest manifest, ReferenceLookup reference)
    {
        var problems = new List<string>();
        foreach (var map in manifest.Mapping.Indicators)
        {
            if (!reference.Indicators.Contains(map.Indicator)) problems.Add($"indicator '{map.Indicator}' is not in the indicator catalogue");
            if (!_indicators.TryGetValue(map.Measurement, out var byUnits)) _indicators[map.Measurement] = byUnits = new(StringComparer.Ordinal);
            byUnits[map.Units] = map.Indicator;
        }
        foreach (var d in manifest.Mapping.Dimensions.Where(d => d.Target == DimensionTarget.AgeBand))
        {
            problems.AddRange(d.Codes.Values.Where(code => !reference.AgeBands.Contains(code)).Distinct()
                .Select(code => $"column '{d.Column}' maps to age band '{code}', which is not in the age_bands table"));
        }
        if (problems.Count > 0)
            throw new IngestException($"The manifest for '{manifest.Code}' does not fit the database: {string.Join("; ", problems)}.");

        Dimensions = manifest.Mapping.Dimensions.Select(d => new CompiledDimension(d)).ToList();
        _markers = new Dictionary<string, ObservationStatus>(MarkerDefaults.All, StringComparer.Ordinal);
        foreach (var (marker, status) in manifest.Mapping.Markers) _markers[marker] = status;
        Markers = _markers.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The indicator a Measurement/Units pair maps to; null when the mapping has none. One mapping per reader.</summary>
    public string? Indicator(ReadOnlySpan<char> measurement, ReadOnlySpan<char> units)
    {
        if (_previousMeasurement.TryGet(measurement, out _) && _previousUnits.TryGet(units, out var previous)) return previous;
        if (!_indicators.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(measurement, out var byUnits)
            || !byUnits.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(units, out var code))
            return null;
        _previousMeasurement.Remember(measurement, code);
        _previousUnits.Remember(units, code);
        return code;
    }
}
