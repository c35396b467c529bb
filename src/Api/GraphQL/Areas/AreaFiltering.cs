using CommunityJustice.Analytics.Api.Data;
using CommunityJustice.Analytics.Api.GraphQL.Errors;
using CommunityJustice.Analytics.Api.GraphQL.Filtering;
using CommunityJustice.Analytics.Api.GraphQL.Sorting;
using CommunityJustice.Analytics.Model.Areas;

namespace CommunityJustice.Analytics.Api.GraphQL.Areas;

public static class AreaFiltering
{
    public static readonly FilterDefinition<Area> Filter = new FilterDefinition<Area>()
        // eq/neq/in/nin also take former codes, and refuse unknown ones: ResolveCodes, before the predicate is built.
        .String("code", a => a.Code, "GSS code, e.g. S12000019. eq, neq, in and nin also take former codes (S12000015 means Fife, S12000047) and refuse a code no area has ever had; the text operators compare the current code.")
        .String("name", a => a.Name, "Official name; use contains for part of a name, e.g. { contains: \"lothian\" }.")
        .Operation<AreaLevel, AreaLevelOperationFilterInputType>("level", a => a.Level, "The kind of geography, e.g. { eq: DATA_ZONE } or { in: [COUNCIL_AREA, COUNTRY] }.")
        .Field(new AreaCodeSetField(AreaHierarchyFilters.Within, "Areas lying inside the named area(s), e.g. { code: { eq: \"S12000005\" } }; combine with level for one level (the data zones of a council).", typeof(AreaWithinInputType)))
        .Field(new AreaCodeSetField(AreaHierarchyFilters.SimdDecile, "Data zones by SIMD decile (1 = Scotland's 10% most deprived), from the latest loaded SIMD edition, e.g. { lte: 2 } for the 20% most deprived. Only data zones have one; an error when no SIMD edition is loaded.", typeof(ComparableIntOperationFilterInputType)));

    /// <summary>
    /// The <c>where</c> input with the codes of <c>code: { eq / neq / in / nin }</c> (inside and/or too) replaced by the
    /// current code of the area that has them, by the model's <see cref="AreaResolver"/> rule (S12000015 → S12000047), so a
    /// former code finds its area's figures; the statement keeps its shape (a parameter per value). Throws
    /// <see cref="UnknownAreaCodeInFilterError"/> naming every code that is neither current nor former. A new input object is
    /// returned; the argument is not changed. The area hierarchy and SIMD deciles are read only when the input has <c>within</c> or <c>simdDecile</c>.
    /// </summary>
    public static async Task<object?> ResolveCodesAsync(object? where, ReferenceData reference, CancellationToken cancellationToken)
    {
        var sets = await AreaHierarchyFilters.ReadNeededAsync(where, reference, cancellationToken);
        var unknown = new List<string>();
        var resolved = Resolve(where, reference, sets, unknown);
        if (unknown.Count > 0) throw new UnknownAreaCodeInFilterError([.. unknown.Distinct(StringComparer.Ordinal)]);
        return resolved;
    }

    /// <param name="sets">What the input's <c>within</c> and <c>simdDecile</c> need (<see cref="AreaHierarchyFilters.ReadNeededAsync"/>).</param>
    internal static object? Resolve(object? where, ReferenceData reference, AreaSets sets, List<string> unknown)
    {
        if (where is not IDictionary<string, object?> input) return where;
        var copy = new Dictionary<string, object?>(input.Count);
        foreach (var (key, value) in input)
        {
            copy[key] = key switch
            {
                "and" or "or" when value is IEnumerable<object?> items => items.Select(i => Resolve(i, reference, sets, unknown)).ToList(),
                "code" when value is IDictionary<string, object?> operations => ResolveOperations(operations, reference, unknown),
                AreaHierarchyFilters.Within => AreaHierarchyFilters.ResolveWithin(value, reference, sets, unknown),
                AreaHierarchyFilters.SimdDecile => AreaHierarchyFilters.ResolveSimdDecile(value, sets),
                _ => value,
            };
        }
        return copy;
    }

    private static Dictionary<string, object?> ResolveOperations(IDictionary<string, object?> operations, ReferenceData reference, List<string> unknown)
    {
        string? Current(object? value)
        {
            if (value is not string code) return value as string;
            if (reference.AreaByCode(code.Trim()) is { } area) return area.Code;
            unknown.Add(code);
            return code;
        }

        var copy = new Dictionary<string, object?>(operations.Count);
        foreach (var (op, value) in operations)
        {
            copy[op] = op switch
            {
                "eq" or "neq" => Current(value),
                "in" or "nin" when value is IEnumerable<object?> codes => codes.Select(Current).Distinct().Cast<object?>().ToList(),
                _ => value,
            };
        }
        return copy;
    }

    public static readonly SortDefinition<Area> Sort = new SortDefinition<Area>()
        .Field("code", a => a.Code, "By GSS code.")
        .Field("name", a => a.Name, "By name, alphabetically.")
        .Field("level", a => a.Level, "By level (stored as text: COUNCIL_AREA before COUNTRY).");
}

public sealed class AreaLevelOperationFilterInputType : EnumOperationFilterInputGraphType<AreaLevelGraphType>;

public sealed class AreaFilterInputType()
    : FilterInputGraphType<AreaFilterInputType, Area>("AreaFilterInput", "Conditions on an area. Several fields in one object must all hold.", AreaFiltering.Filter);

public sealed class AreaSortInputType()
    : SortInputGraphType<Area>("AreaSortInput", "Sort areas by one field (give several objects in the order list to sort by several).", AreaFiltering.Sort);
