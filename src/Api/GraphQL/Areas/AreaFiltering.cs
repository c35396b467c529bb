using CommunityJustice.Analytics.Api.GraphQL.Filtering;
using CommunityJustice.Analytics.Api.GraphQL.Sorting;
using CommunityJustice.Analytics.Model.Areas;

namespace CommunityJustice.Analytics.Api.GraphQL.Areas;

public static class AreaFiltering
{
    public static readonly FilterDefinition<Area> Filter = new FilterDefinition<Area>()
        .String("code", a => a.Code, "Current GSS code, e.g. S12000019.")
        .String("name", a => a.Name, "Official name; use contains for part of a name, e.g. { contains: \"lothian\" }.")
        .Operation<AreaLevel, AreaLevelOperationFilterInputType>("level", a => a.Level, "Country or council area.");

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
