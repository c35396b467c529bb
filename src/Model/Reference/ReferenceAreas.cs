using CommunityJustice.Analytics.Model.Areas;

namespace CommunityJustice.Analytics.Model.Reference;

/// <summary>
/// Scotland and its 32 council areas. Current codes and names: the Scottish Government's
/// Data Zone 2011 lookup of 2022-05-31 (LA_Code, LA_Name; checked against that file by a test).
/// Old codes: those used before the 2018 and 2019 boundary changes, still carried by older
/// statistics.gov.scot downloads. Name variants: the spellings seen in SG and NRS publications.
/// </summary>
public static class ReferenceAreas
{
    public const string ScotlandCode = "S92000003";

    /// <summary>
    /// Retired council codes and the codes that replaced them, with the day the new code took effect: the boundary
    /// amendment orders named in each reason. Declared before <see cref="All"/>, whose replacing codes take their
    /// <see cref="Area.ValidFrom"/> from here.
    /// </summary>
    public static readonly IReadOnlyList<AreaCodeSuccession> Successions =
    [
        new() { OldCode = "S12000015", NewCode = "S12000047", EffectiveFrom = new DateOnly(2018, 2, 2), Reason = "Fife and Perth and Kinross boundary amendment (SSI 2017/430)" },
        new() { OldCode = "S12000024", NewCode = "S12000048", EffectiveFrom = new DateOnly(2018, 2, 2), Reason = "Fife and Perth and Kinross boundary amendment (SSI 2017/430)" },
        new() { OldCode = "S12000046", NewCode = "S12000049", EffectiveFrom = new DateOnly(2019, 2, 2), Reason = "Glasgow City and North Lanarkshire boundary amendment (2019)" },
        new() { OldCode = "S12000044", NewCode = "S12000050", EffectiveFrom = new DateOnly(2019, 2, 2), Reason = "Glasgow City and North Lanarkshire boundary amendment (2019)" },
    ];

    public static readonly IReadOnlyList<Area> All =
    [
        Country(ScotlandCode, "Scotland"),
        Council("S12000033", "Aberdeen City"),
        Council("S12000034", "Aberdeenshire"),
        Council("S12000041", "Angus"),
        Council("S12000035", "Argyll and Bute"),
        Council("S12000036", "City of Edinburgh"),
        Council("S12000005", "Clackmannanshire"),
        Council("S12000006", "Dumfries and Galloway"),
        Council("S12000042", "Dundee City"),
        Council("S12000008", "East Ayrshire"),
        Council("S12000045", "East Dunbartonshire"),
        Council("S12000010", "East Lothian"),
        Council("S12000011", "East Renfrewshire"),
        Council("S12000014", "Falkirk"),
        Council("S12000047", "Fife"),
        Council("S12000049", "Glasgow City"),
        Council("S12000017", "Highland"),
        Council("S12000018", "Inverclyde"),
        Council("S12000019", "Midlothian"),
        Council("S12000020", "Moray"),
        Council("S12000013", "Na h-Eileanan Siar"),
        Council("S12000021", "North Ayrshire"),
        Council("S12000050", "North Lanarkshire"),
        Council("S12000023", "Orkney Islands"),
        Council("S12000048", "Perth and Kinross"),
        Council("S12000038", "Renfrewshire"),
        Council("S12000026", "Scottish Borders"),
        Council("S12000027", "Shetland Islands"),
        Council("S12000028", "South Ayrshire"),
        Council("S12000029", "South Lanarkshire"),
        Council("S12000030", "Stirling"),
        Council("S12000039", "West Dunbartonshire"),
        Council("S12000040", "West Lothian"),
    ];

    /// <summary>
    /// Spellings other than the official name. "&amp;" for "and" needs no entry: name matching
    /// normalises it (see <see cref="AreaNames.Normalise"/>).
    /// </summary>
    public static readonly IReadOnlyList<(string Alias, string Code)> Aliases =
    [
        ("Edinburgh, City of", "S12000036"),
        ("Edinburgh City", "S12000036"),
        ("Edinburgh", "S12000036"),
        ("Eilean Siar", "S12000013"),
        ("Western Isles", "S12000013"),
        ("Comhairle nan Eilean Siar", "S12000013"),
        ("Orkney", "S12000023"),
        ("Shetland", "S12000027"),
        ("Borders", "S12000026"),
        ("Glasgow", "S12000049"),
        ("Aberdeen", "S12000033"),
        ("Dundee", "S12000042"),
    ];


    /// <summary>Every alias row to store: each official name, plus the variants above.</summary>
    public static IEnumerable<AreaAlias> AliasRows() =>
        All.Select(a => (Alias: a.Name, a.Code))
            .Concat(Aliases)
            .Select(x => new AreaAlias { NormalisedName = AreaNames.Normalise(x.Alias), Name = x.Alias, AreaCode = x.Code })
            .DistinctBy(a => a.NormalisedName);

    private static Area Country(string code, string name) => new() { Code = code, Name = name, Level = AreaLevel.Country };

    /// <summary>
    /// A council area. A code that replaced a retired one is valid from the day the succession took effect; for the other
    /// councils no reference data here says when their code came into use, so <see cref="Area.ValidFrom"/> stays null.
    /// </summary>
    private static Area Council(string code, string name) =>
        new()
        {
            Code = code, Name = name, Level = AreaLevel.CouncilArea, ParentCode = ScotlandCode,
            ValidFrom = Successions.Where(s => s.NewCode == code).Select(s => (DateOnly?)s.EffectiveFrom).Max(),
        };
}
