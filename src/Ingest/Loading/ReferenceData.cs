using CommunityJustice.Analytics.Model.Areas;
using Npgsql;

namespace CommunityJustice.Analytics.Ingest.Loading;

/// <summary>
/// The database's areas, code successions, name aliases, age bands and indicators, held in memory
/// for the length of a load (a few hundred rows) so each source row resolves without a round trip.
/// </summary>
public sealed class ReferenceData
{
    private const string GeographyUriPrefix = "http://statistics.gov.scot/id/statistical-geography/";
    private const int MaxCachedNames = 10_000;

    private readonly Dictionary<string, string> _areaCodes;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _areaCodeLookup;
    private readonly Dictionary<string, string> _successions;
    private readonly Dictionary<string, string> _aliases;
    private readonly Dictionary<string, string?> _resolvedNames = new(StringComparer.Ordinal);

    public IReadOnlySet<string> AgeBands { get; }
    public IReadOnlySet<string> Indicators { get; }

    private ReferenceData(IEnumerable<string> areas, Dictionary<string, string> successions, Dictionary<string, string> aliases,
        IReadOnlySet<string> ageBands, IReadOnlySet<string> indicators)
    {
        _areaCodes = areas.ToDictionary(c => c, c => c, StringComparer.Ordinal);
        _areaCodeLookup = _areaCodes.GetAlternateLookup<ReadOnlySpan<char>>();
        _successions = successions;
        _aliases = aliases;
        AgeBands = ageBands;
        Indicators = indicators;
    }

    public static async Task<ReferenceData> LoadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var areas = await ListAsync(connection, "SELECT code FROM areas", cancellationToken);
        var successions = (await PairsAsync(connection, "SELECT old_code, new_code FROM area_code_successions", cancellationToken))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var aliases = (await PairsAsync(connection, "SELECT normalised_name, area_code FROM area_aliases", cancellationToken))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var ageBands = (await ListAsync(connection, "SELECT code FROM age_bands", cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var indicators = (await ListAsync(connection, "SELECT code FROM indicators", cancellationToken)).ToHashSet(StringComparer.Ordinal);
        return new ReferenceData(areas, successions, aliases, ageBands, indicators);
    }

    /// <summary>
    /// Resolves a GSS code (current, or retired and succeeded: S12000015 → S12000047), a
    /// statistics.gov.scot geography URI, or an area name or alias ("Edinburgh, City of").
    /// </summary>
    public bool TryResolveArea(ReadOnlySpan<char> text, out string code)
    {
        text = text.Trim();
        if (text.StartsWith(GeographyUriPrefix, StringComparison.Ordinal)) text = text[GeographyUriPrefix.Length..];
        if (_areaCodeLookup.TryGetValue(text, out code!)) return true;

        var key = text.ToString();
        if (_resolvedNames.TryGetValue(key, out var known)) return (code = known!) is not null;

        var resolved = Succeed(key) ?? (_aliases.TryGetValue(AreaNames.Normalise(key), out var byName) ? byName : null);
        if (_resolvedNames.Count < MaxCachedNames) _resolvedNames[key] = resolved;
        code = resolved!;
        return resolved is not null;
    }

    private string? Succeed(string code)
    {
        // Successions can chain (a code retired twice); the bound guards against a cycle in bad reference data.
        string? current = null;
        for (var step = 0; step < 10 && _successions.TryGetValue(current ?? code, out var next); step++) current = next;
        return current is not null && _areaCodes.ContainsKey(current) ? current : null;
    }

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
