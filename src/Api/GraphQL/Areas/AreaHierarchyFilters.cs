using System.Linq.Expressions;
using CommunityJustice.Analytics.Api.Data;
using CommunityJustice.Analytics.Api.GraphQL.Errors;
using CommunityJustice.Analytics.Api.GraphQL.Filtering;
using CommunityJustice.Analytics.Model.Areas;
using GraphQL.Types;

namespace CommunityJustice.Analytics.Api.GraphQL.Areas;

/// <summary>
/// The area filters answered from the hierarchy and SIMD deciles held in memory (<see cref="AreaHierarchy"/>, <see cref="ReferenceData.SimdDecilesAsync"/>):
/// <c>within: { code: { eq: "S12000005" } }</c> (every area lying in Clackmannanshire) and <c>simdDecile: { lte: 2 }</c>
/// (the data zones in Scotland's 20% most deprived). <see cref="AreaFiltering.ResolveCodes"/> turns each into the set of
/// codes it means before the predicate is built, so the statement is one <c>code = ANY(@codes)</c>.
/// </summary>
public static class AreaHierarchyFilters
{
    public const string Within = "within";
    public const string SimdDecile = "simdDecile";

    /// <summary>
    /// What a <c>where</c> input's <c>within</c> and <c>simdDecile</c> need (anywhere in it: inside and/or, or a related
    /// row's conditions), read now; null for what it does not use.
    /// </summary>
    public static async Task<AreaSets> ReadNeededAsync(object? where, ReferenceData reference, CancellationToken cancellationToken) =>
        new(Mentions(where, Within) ? await reference.HierarchyAsync(cancellationToken) : null,
            Mentions(where, SimdDecile) ? await reference.SimdDecilesAsync(cancellationToken) : null);

    private static bool Mentions(object? where, string key) => where switch
    {
        IDictionary<string, object?> input => input.Any(p => p.Key == key || Mentions(p.Value, key)),
        IEnumerable<object?> items => items.Any(i => Mentions(i, key)),
        _ => false,
    };

    /// <summary>The codes of every area lying in the areas the <c>within</c> input names; unknown codes are added to <paramref name="unknown"/>.</summary>
    public static string[] ResolveWithin(object? value, ReferenceData reference, AreaSets sets, List<string> unknown)
    {
        if (value is not IDictionary<string, object?> input || !input.TryGetValue("code", out var codeInput) || codeInput is not IDictionary<string, object?> code)
            throw new InvalidFilterError("'within' needs an area code: within: { code: { eq: \"S12000019\" } } or { in: [...] }.");
        var named = new List<string>();
        foreach (var (op, operand) in code)
        {
            if (op == "eq" && operand is string one) named.Add(one);
            else if (op == "in" && operand is IEnumerable<object?> many) named.AddRange(many.OfType<string>());
            else throw new InvalidFilterError($"'within' takes code eq or in, not '{op}'.");
        }
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in named)
        {
            if (reference.AreaByCode(text.Trim()) is { } area) codes.UnionWith(sets.RequiredHierarchy.DescendantsOf(area.Code));
            else unknown.Add(text);
        }
        return [.. codes];
    }

    /// <summary>The data zones whose SIMD decile meets the operations (eq neq in nin gt gte lt lte); an error when no SIMD edition is loaded.</summary>
    public static string[] ResolveSimdDecile(object? value, AreaSets sets)
    {
        var deciles = sets.RequiredSimdDeciles;
        if (deciles.Count == 0)
            throw new SimdNotLoadedError(ReferenceData.SimdDecileIndicator);
        if (value is not IDictionary<string, object?> operations) return [];
        var decile = Expression.Parameter(typeof(int), "decile");
        var predicate = FilterOperations.Build(decile, operations, SimdDecile);
        if (predicate is null) return [.. deciles.Keys];
        var test = Expression.Lambda<Func<int, bool>>(predicate, decile).Compile();
        return [.. deciles.Where(d => test(d.Value)).Select(d => d.Key)];
    }
}

/// <summary>The area hierarchy and SIMD deciles a filter needs (<see cref="AreaHierarchyFilters.ReadNeededAsync"/>); null for what it does not use.</summary>
public sealed record AreaSets(AreaHierarchy? Hierarchy, IReadOnlyDictionary<string, int>? SimdDeciles)
{
    public AreaHierarchy RequiredHierarchy => Hierarchy ?? throw NotRead("within");

    public IReadOnlyDictionary<string, int> RequiredSimdDeciles => SimdDeciles ?? throw NotRead("simdDecile");

    private static InvalidOperationException NotRead(string filter) =>
        new($"A {filter} filter was resolved without reading what it needs first (AreaHierarchyFilters.ReadNeededAsync).");
}

/// <summary>A filter field whose input has been replaced by the set of area codes it means (see <see cref="AreaHierarchyFilters"/>).</summary>
public sealed class AreaCodeSetField(string name, string description, Type graphType) : IFilterField
{
    public string Name => name;
    public string Description => description;
    public Type GraphType => graphType;

    public Expression? Build(Expression entity, object? value) =>
        value is IReadOnlyCollection<string> codes ? FilterOperations.InSet(Expression.Property(entity, nameof(Area.Code)), codes) : null;
}

/// <summary><c>within: { code: { eq: "S12000019" } }</c>: the area (or areas) the filtered areas lie in.</summary>
public sealed class AreaWithinInputType : InputObjectGraphType
{
    public AreaWithinInputType()
    {
        Name = "AreaWithinInput";
        Description = "Areas lying inside these areas (not the areas themselves), as the latest geography lookup says: e.g. { code: { eq: \"S12000005\" } } for Clackmannanshire's wards, intermediate zones and data zones. Former codes are accepted; an unknown code is an error.";
        Field<AreaCodeOperationInputType>("code").Description("The containing area's GSS code (current or former).");
    }
}

/// <summary>eq / in on an area code.</summary>
public sealed class AreaCodeOperationInputType : InputObjectGraphType
{
    public AreaCodeOperationInputType()
    {
        Name = "AreaCodeOperationInput";
        Description = "One area code (eq) or several (in).";
        Field<StringGraphType>("eq").Description("This code.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("in").Description("Any of these codes.");
    }
}
