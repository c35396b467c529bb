using CommunityJustice.Analytics.Api.GraphQL.DataLoading;
using CommunityJustice.Analytics.Api.GraphQL.Execution;
using CommunityJustice.Analytics.Api.GraphQL.Paging;
using CommunityJustice.Analytics.Api.GraphQL.Scalars;
using CommunityJustice.Analytics.Model.Areas;
using GraphQL;
using GraphQL.Types;

namespace CommunityJustice.Analytics.Api.GraphQL.Areas;

public sealed class AreaLevelGraphType : EnumerationGraphType<AreaLevel>
{
    public AreaLevelGraphType()
    {
        Name = "AreaLevel";
        Description = "The kind of geography an area is.";
        Values["COUNTRY"]!.Description = "Scotland as a whole (S92000003): the national figure to compare against.";
        Values["COUNCIL_AREA"]!.Description = "One of Scotland's 32 council areas (local authorities), the level at which community justice partnerships work.";
        Values["DATA_ZONE"]!.Description = "A 2011 data zone (S01), Scotland's small-area statistical geography: 6,976 zones of roughly 500 to 1,000 residents. Defined by a geography lookup edition (dataset sg-data-zone-lookup).";
        Values["INTERMEDIATE_ZONE"]!.Description = "A 2011 intermediate zone (S02): 1,279 groups of data zones within a council area.";
        Values["MULTI_MEMBER_WARD"]!.Description = "A multi-member electoral ward (S13) of a council.";
        Values["HEALTH_BOARD"]!.Description = "An NHS health board area (S08).";
        Values["INTEGRATION_AUTHORITY"]!.Description = "A health and social care partnership / integration authority area (S37); Clackmannanshire and Stirling share one.";
        Values["POLICE_DIVISION"]!.Description = "A Police Scotland local policing division (S32).";
        Values["SCOTTISH_PARLIAMENT_CONSTITUENCY"]!.Description = "A Scottish Parliament constituency (S16).";
        Values["URBAN_RURAL_CLASS"]!.Description = "A class of the Scottish Government urban-rural classification (UR6-1 Large Urban Areas ... UR6-6 Remote Rural; UR8-1 ... UR8-8 for the 8-fold one). A classification, not a territory: only data zones lie in one.";
    }
}

public sealed class AreaType : ObjectGraphType<Area>
{
    public AreaType()
    {
        Name = "Area";
        Description = "A geography identified by its GSS code: Scotland, the 32 council areas (each with its community justice partnership), and, once a geography lookup edition is loaded, every statistical geography from data zone to health board.";
        Field<NonNullGraphType<StringGraphType>>("code")
            .Description("Current GSS code, e.g. S12000019 for Midlothian, S92000003 for Scotland.")
            .ReadsSource(a => a.Code);
        Field<NonNullGraphType<StringGraphType>>("name")
            .Description("Official name, e.g. \"Midlothian\", \"City of Edinburgh\", \"Na h-Eileanan Siar\".")
            .ReadsSource(a => a.Name);
        Field<NonNullGraphType<AreaLevelGraphType>>("level")
            .Description("The kind of geography: country, council area, data zone, ward ...")
            .ReadsSource(a => a.Level);
        Field<AreaType>("parent")
            .Description("The nearest area this one lies in (Scotland, for a council area; a data zone's intermediate zone); null for Scotland.")
            .Resolve(c => c.Source.ParentCode is { } parent ? c.LoadArea(parent) : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AreaType>>>>("parents")
            .ExpectedItems(8)
            .Description("Every area this one lies in, smallest first: for a data zone its intermediate zone, ward, council, integration authority, police division, health board, constituency, urban-rural classes and Scotland (as the latest geography lookup says).")
            .ResolveAsync(async c => (await (await c.ReferenceDataAsync()).HierarchyAsync(c.CancellationToken)).AncestorsOf(c.Source.Code).ToList());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AreaType>>>>("children")
            .ExpectedItems(50)
            .Description("Without level: the areas whose nearest containing area is this one (a council's wards, constituencies and intermediate zones; an intermediate zone's data zones). With level: every area of that level lying in this one (a council's data zones). By code.")
            .Argument<AreaLevelGraphType>("level", "Every area of this level lying in this one, e.g. DATA_ZONE.")
            .ResolveAsync(async c =>
            {
                var reference = await c.ReferenceDataAsync();
                return c.GetArgument<AreaLevel?>("level") is { } level
                    ? (await reference.HierarchyAsync(c.CancellationToken)).DescendantsOf(c.Source.Code).Select(reference.AreaWithCode).Where(a => a.Level == level).OrderBy(a => a.Code, StringComparer.Ordinal).ToList()
                    : reference.ChildrenOf(c.Source.Code).ToList();
            });
        Field<IntGraphType>("simdDecile")
            .Description("A data zone's SIMD decile (1 = Scotland's 10% most deprived data zones, 10 = least), from the latest loaded SIMD edition (indicator simd-decile); null for other areas. Filter by it with where: { simdDecile: { lte: 2 } }.")
            .ResolveAsync(async c => (await (await c.ReferenceDataAsync()).SimdDecilesAsync(c.CancellationToken)).TryGetValue(c.Source.Code, out var decile) ? decile : (int?)null);
        Field<DateScalarGraphType>("validFrom")
            .Description("The first day the code is in use, where the reference data says so: for a council code that replaced a retired one, the day the succession took effect (S12000047 Fife: 2018-02-02; see formerCodes); for an area a geography lookup defines, the lookup manifest's validFrom for its level. Null when nothing states it (the bundled lookup states no dates).")
            .ReadsSource(a => a.ValidFrom);
        Field<DateScalarGraphType>("validTo")
            .Description("The last day the code was in use, for a code no longer current; null while it is current. Retired codes are listed under formerCodes of the area that replaced them.")
            .ReadsSource(a => a.ValidTo);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("aliases")
            .ExpectedItems(3)
            .Description("Other spellings of the name seen in published files (e.g. \"Edinburgh, City of\", \"Argyll & Bute\"), used to match them to this area.")
            .Resolve(c => c.LoadAliasesOfArea(c.Source.Code));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AreaCodeSuccessionType>>>>("formerCodes")
            .ExpectedItems(1)
            .Description("GSS codes this area used before a boundary change, e.g. S12000015 for Fife before 2 February 2018. Older files may use them; the API maps them to the current code.")
            .Resolve(c => c.LoadFormerCodesOfArea(c.Source.Code));
    }
}

public sealed class AreaCodeSuccessionType : ObjectGraphType<AreaCodeSuccession>
{
    public AreaCodeSuccessionType()
    {
        Name = "AreaCodeSuccession";
        Description = "A GSS code retired and replaced after a boundary change.";
        Field<NonNullGraphType<StringGraphType>>("oldCode").Description("The retired code, e.g. S12000015.").Resolve(c => c.Source.OldCode);
        Field<NonNullGraphType<StringGraphType>>("newCode").Description("The code that replaced it, e.g. S12000047.").Resolve(c => c.Source.NewCode);
        Field<NonNullGraphType<DateScalarGraphType>>("effectiveFrom").Description("The date the new code took effect (the new code's validFrom).").Resolve(c => c.Source.EffectiveFrom);
        Field<NonNullGraphType<DateScalarGraphType>>("validTo").Description("The last day the old code was in use: the day before effectiveFrom.").Resolve(c => c.Source.EffectiveFrom.AddDays(-1));
        Field<NonNullGraphType<StringGraphType>>("reason").Description("Why the code changed (the boundary amendment).").Resolve(c => c.Source.Reason);
    }
}
