using CommunityJustice.Analytics.Model.Areas;

namespace CommunityJustice.Analytics.Api.Data;

/// <summary>
/// Which areas lie in which (each area's parent, and every pair the geography lookups' latest editions give): the part
/// of the reference data only <c>within</c>, <c>parents</c> and <c>children(level:)</c> need, read when one of them first
/// asks (<see cref="ReferenceData.HierarchyAsync"/>).
/// </summary>
public sealed class AreaHierarchy
{
    private readonly ReferenceData _reference;
    private readonly Dictionary<string, List<string>> _ancestors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _descendants = new(StringComparer.Ordinal);

    /// <param name="links">(area, containing area) pairs of each geography lookup's latest edition.</param>
    public AreaHierarchy(ReferenceData reference, IEnumerable<(string Code, string Ancestor)> links)
    {
        _reference = reference;
        // Each area's parent (Scotland for the seeded councils) and every pair a geography lookup gives.
        foreach (var (code, ancestor) in reference.ParentLinks.Select(p => (p.Code, Ancestor: p.Parent)).Concat(links).Distinct())
        {
            if (!reference.HasArea(code) || !reference.HasArea(ancestor)) continue;
            Add(_ancestors, code, ancestor);
            Add(_descendants, ancestor, code);
        }
        // An ancestor's own ancestors (a council's Scotland) hold for the seeded parent links, which give one step only.
        foreach (var (code, list) in _ancestors)
            for (var i = 0; i < list.Count; i++)
                foreach (var further in _ancestors.GetValueOrDefault(list[i]) ?? [])
                    if (!list.Contains(further)) { list.Add(further); Add(_descendants, further, code); }
        foreach (var list in _ancestors.Values) list.Sort((a, b) => (_descendants.GetValueOrDefault(a)?.Count ?? 0).CompareTo(_descendants.GetValueOrDefault(b)?.Count ?? 0));
    }

    private static void Add(Dictionary<string, List<string>> map, string key, string value)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(value);
    }

    /// <summary>Every area the area lies in, smallest first (a data zone's intermediate zone ... Scotland).</summary>
    public IEnumerable<Area> AncestorsOf(string code) => (_ancestors.GetValueOrDefault(code) ?? []).Select(_reference.AreaWithCode);

    /// <summary>The codes of every area lying in the area (not the area itself).</summary>
    public IReadOnlyCollection<string> DescendantsOf(string code) => _descendants.GetValueOrDefault(code) ?? [];
}
