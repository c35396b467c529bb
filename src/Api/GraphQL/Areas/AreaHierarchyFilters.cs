using System.Linq.Expressions;
using CommunityJustice.Analytics.Api.Data;
using CommunityJustice.Analytics.Api.GraphQL.Errors;
using CommunityJustice.Analytics.Api.GraphQL.Filtering;
using CommunityJustice.Analytics.Model.Areas;
using GraphQL.Types;

namespace CommunityJustice.Analytics.Api.GraphQL.Areas;

/// <summary>
/// The area filters answered from the hierarchy and SIMD deciles held in memory (<see cref="ReferenceData"/>):
/// <c>within: { code: { eq: "S12000005" } }</c> (every area lying in Clackmannanshire) and <c>simdDecile: { lte: 2 }</c>
/// (the data zones in Scotland's 20% most deprived). <see cref="AreaFiltering.ResolveCodes"/> turns each into the set of
/// codes it means before the predicate is built, so the statement is one <c>code = ANY(@codes)</c>.
/// </summary>
public static class AreaHierarchyFilters
{
    public const string Within = "within";
    public const string SimdDecile = "simdDecile";

    /// <summary>The codes of every area lying in the areas the <c>within</c> input names; unknown codes are added to <paramref name="unknown"/>.</summary>
    public static string[] ResolveWithin(object? value, ReferenceData reference, List<string> unknown)
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
            if (reference.AreaByCode(text.Trim()) is { } area) codes.UnionWith(reference.DescendantsOf(area.Code));
            else unknown.Add(text);
        }
        return [.. codes];
    }

    /// <summary>The data zones whose SIMD decile meets the operations (eq neq in nin gt gte lt lte); an error when no SIMD edition is loaded.</summary>
    public static string[] ResolveSimdDecile(object? value, ReferenceData reference)
    {
        if (reference.SimdDeciles.Count == 0)
            throw new SimdNotLoadedError(ReferenceData.SimdDecileIndicator);
        if (value is not IDictionary<string, object?> operations) return [];
        var decile = Expression.Parameter(typeof(int), "decile");
        var predicate = FilterOperations.Build(decile, operations, SimdDecile);
        if (predicate is null) return [.. reference.SimdDeciles.Keys];
        var test = Expression.Lambda<Func<int, bool>>(predicate, decile).Compile();
        return [.. reference.SimdDeciles.Where(d => test(d.Value)).Select(d => d.Key)];
    }
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
