namespace CommunityJustice.Analytics.Model.Areas;

/// <summary>
/// The one rule for turning what a file or a caller says into an area's current GSS code, used by
/// the ingest worker (each source row) and the API (arguments and filters):
/// <list type="number">
/// <item>surrounding spaces and a statistics.gov.scot geography URI prefix are dropped;</item>
/// <item>a current code matches as written, or upper-cased (<c>s12000019</c>);</item>
/// <item>a retired code follows its successions to the code in use now (Fife S12000015 → S12000047,
/// chains included);</item>
/// <item>otherwise the text is a name as publications spell it ("Edinburgh, City of", "Argyll &amp;
/// Bute"), compared after <see cref="AreaNames.Normalise"/>.</item>
/// </list>
/// Nothing else matches: no partial names, no guesses.
/// </summary>
public sealed class AreaResolver
{
    public const string GeographyUriPrefix = "http://statistics.gov.scot/id/statistical-geography/";

    private readonly Dictionary<string, string> _currentCodes;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _currentCodeLookup;
    private readonly Dictionary<string, string> _successors;
    private readonly Dictionary<string, string> _aliases;

    /// <param name="codes">Every current area code.</param>
    /// <param name="successions">Retired code → the code that replaced it.</param>
    /// <param name="aliases">Normalised name (<see cref="AreaNames.Normalise"/>) → area code.</param>
    public AreaResolver(IEnumerable<string> codes, IEnumerable<KeyValuePair<string, string>> successions, IEnumerable<KeyValuePair<string, string>> aliases)
    {
        _currentCodes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var code in codes) _currentCodes.TryAdd(code, code);
        _currentCodeLookup = _currentCodes.GetAlternateLookup<ReadOnlySpan<char>>();
        _successors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (oldCode, newCode) in successions) _successors.TryAdd(oldCode, newCode);
        _aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, code) in aliases) _aliases.TryAdd(name, code);
    }

    /// <summary>The current code for a current or retired code (exactly as written or upper-cased); null when no area has it.</summary>
    public string? CurrentCode(string code) => Succeed(code) ?? (HasLowerCase(code) ? Succeed(code.ToUpperInvariant()) : null);

    /// <summary>The current code of the area a text names (code, former code, geography URI or name); false when nothing matches.</summary>
    public bool TryResolve(ReadOnlySpan<char> text, out string code)
    {
        text = text.Trim();
        if (text.StartsWith(GeographyUriPrefix, StringComparison.Ordinal)) text = text[GeographyUriPrefix.Length..];
        if (IsCurrentCode(text, out code)) return true;

        var key = text.ToString();
        var resolved = CurrentCode(key)
                       ?? (_aliases.TryGetValue(AreaNames.Normalise(key), out var byName) ? Succeed(byName) : null);
        code = resolved!;
        return resolved is not null;
    }

    /// <summary>Whether the text is exactly a current code: the common case, answered without allocating.</summary>
    public bool IsCurrentCode(ReadOnlySpan<char> text, out string code) => _currentCodeLookup.TryGetValue(text, out code!);

    /// <summary>Like <see cref="TryResolve"/>, returning null when nothing matches.</summary>
    public string? Resolve(string text) => TryResolve(text, out var code) ? code : null;

    private string? Succeed(string code)
    {
        // Successions can chain (a code retired twice); the bound guards against a cycle in bad reference data.
        for (var hops = 0; hops <= _successors.Count; hops++)
        {
            if (_currentCodes.ContainsKey(code)) return code;
            if (!_successors.TryGetValue(code, out var next)) return null;
            code = next;
        }
        return null;
    }

    private static bool HasLowerCase(string text)
    {
        foreach (var c in text)
            if (char.IsLower(c)) return true;
        return false;
    }
}
