using CommunityJustice.Analytics.Model.Areas;
using CommunityJustice.Analytics.Model.Reference;
using Npgsql;

namespace CommunityJustice.Analytics.Ingest.Reading;

/// <summary>
/// The database's areas, code successions, name aliases, age bands and indicators, held in memory
/// for the length of a load (a few hundred rows) so each source row resolves without a round trip.
/// </summary>
public sealed class ReferenceLookup
{
    private const int MaxCachedNames = 10_000;

    private readonly AreaResolver _areas;
    private readonly Dictionary<string, string?> _resolvedNames = new(StringComparer.Ordinal);

    public IReadOnlySet<string> AgeBands { get; }
    public IReadOnlySet<string> Indicators { get; }

    private ReferenceLookup(AreaResolver areas, IReadOnlySet<string> ageBands, IReadOnlySet<string> indicators)
    {
        _areas = areas;
        AgeBands = ageBands;
        Indicators = indicators;
    }

    public static async Task<ReferenceLookup> LoadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var areas = new AreaResolver(
            await ListAsync(connection, "SELECT code FROM areas", cancellationToken),
            await PairsAsync(connection, "SELECT old_code, new_code FROM area_code_successions", cancellationToken),
            await PairsAsync(connection, "SELECT normalised_name, area_code FROM area_aliases", cancellationToken));
        var ageBands = (await ListAsync(connection, "SELECT code FROM age_bands", cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var indicators = (await ListAsync(connection, "SELECT code FROM indicators", cancellationToken)).ToHashSet(StringComparer.Ordinal);
        return new ReferenceLookup(areas, ageBands, indicators);
    }

    /// <summary>
    /// The reference data as the model ships it (areas, successions, aliases, age bands, the indicator catalogue), plus
    /// <paramref name="extraIndicators"/> and <paramref name="extraAreas"/> (those of the catalogue's geography lookups): for checking a file against a manifest with no database (`ingest validate`).
    /// </summary>
    public static ReferenceLookup FromModel(IEnumerable<string> extraIndicators, IEnumerable<string>? extraAreas = null) =>
        new(new AreaResolver(
                ReferenceAreas.All.Select(a => a.Code).Concat(extraAreas ?? []),
                ReferenceAreas.Successions.Select(s => new KeyValuePair<string, string>(s.OldCode, s.NewCode)),
                ReferenceAreas.AliasRows().Select(a => new KeyValuePair<string, string>(a.NormalisedName, a.AreaCode))),
            ReferenceCatalogue.AgeBands.Select(b => b.Code).ToHashSet(StringComparer.Ordinal),
            ReferenceCatalogue.Indicators.Select(i => i.Code).Concat(extraIndicators).ToHashSet(StringComparer.Ordinal));

    /// <summary>
    /// Resolves a GSS code (current, or retired and succeeded: S12000015 → S12000047), a
    /// statistics.gov.scot geography URI, or an area name or alias ("Edinburgh, City of"), by the
    /// model's <see cref="AreaResolver"/> rule; texts that are not current codes are remembered for the load.
    /// </summary>
    public bool TryResolveArea(ReadOnlySpan<char> text, out string code)
    {
        if (_areas.IsCurrentCode(text.Trim(), out code)) return true;

        var key = text.ToString();
        if (_resolvedNames.TryGetValue(key, out var known)) return (code = known!) is not null;
        var resolved = _areas.Resolve(key);
        if (_resolvedNames.Count < MaxCachedNames) _resolvedNames[key] = resolved;
        code = resolved!;
        return resolved is not null;
    }

    /// <summary>The current code for a current or retired GSS code (no names); null when no area has it.</summary>
    public string? CurrentAreaCode(string code) => _areas.CurrentCode(code);

    private static async Task<List<string>> ListAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var values = new List<string>();
        while (await reader.ReadAsync(cancellationToken)) values.Add(reader.GetString(0));
        return values;
    }

    private static async Task<List<KeyValuePair<string, string>>> PairsAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var values = new List<KeyValuePair<string, string>>();
        while (await reader.ReadAsync(cancellationToken)) values.Add(new(reader.GetString(0), reader.GetString(1)));
        return values;
    }
}
