using CommunityJustice.Analytics.Ingest.Manifests;
using CommunityJustice.Analytics.Model.Observations;

namespace CommunityJustice.Analytics.Ingest.Reading;

/// <summary>A manifest's <see cref="DimensionMapping"/> made ready for look-ups by span: source value → sex or age band code.</summary>
internal sealed class CompiledDimension
{
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _codes;
    private readonly Dictionary<string, Sex> _sexes;

    public string Column { get; }
    public DimensionTarget Target { get; }

    public CompiledDimension(DimensionMapping mapping)
    {
        Column = mapping.Column;
        Target = mapping.Target;
        var codes = new Dictionary<string, string>(mapping.Codes, StringComparer.Ordinal);
        _codes = codes.GetAlternateLookup<ReadOnlySpan<char>>();
        _sexes = Target == DimensionTarget.Sex ? codes.Values.Distinct().ToDictionary(c => c, Enum.Parse<Sex>, StringComparer.Ordinal) : [];
    }

    public bool TryMap(ReadOnlySpan<char> value, out string code) => _codes.TryGetValue(value.Trim(), out code!);

    public Sex ToSex(string code) => _sexes[code];
}
