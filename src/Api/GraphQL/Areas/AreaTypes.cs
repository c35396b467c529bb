using CommunityJustice.Analytics.Api.GraphQL.Paging;
using CommunityJustice.Analytics.Api.GraphQL.Scalars;
using CommunityJustice.Analytics.Model.Areas;
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
    }
}

public sealed class AreaType : ObjectGraphType<Area>
{
    public AreaType()
    {
        Name = "Area";
        Description = "A geography identified by its GSS code: Scotland, or one of the 32 council areas (each with its community justice partnership).";
        Field<NonNullGraphType<StringGraphType>>("code")
            .Description("Current GSS code, e.g. S12000019 for Midlothian, S92000003 for Scotland.")
            .Resolve(c => c.Source.Code);
        Field<NonNullGraphType<StringGraphType>>("name")
            .Description("Official name, e.g. \"Midlothian\", \"City of Edinburgh\", \"Na h-Eileanan Siar\".")
            .Resolve(c => c.Source.Name);
        Field<NonNullGraphType<AreaLevelGraphType>>("level")
            .Description("Country or council area.")
            .Resolve(c => c.Source.Level);
        Field<AreaType>("parent")
            .Description("The area this one lies in (Scotland, for a council area); null for Scotland.")
            .Resolve(c => c.Source.ParentCode is { } parent ? c.LoadArea(parent) : null);
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
        Field<NonNullGraphType<DateScalarGraphType>>("effectiveFrom").Description("The date the new code took effect.").Resolve(c => c.Source.EffectiveFrom);
        Field<NonNullGraphType<StringGraphType>>("reason").Description("Why the code changed (the boundary amendment).").Resolve(c => c.Source.Reason);
    }
}
