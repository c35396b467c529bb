namespace CommunityJustice.Analytics.Model.Reference;

/// <summary>Age band codes that code refers to by name. The bands themselves are Catalogue/age-bands.json.</summary>
public static class ReferenceAgeBands
{
    public const string AllAges = "all";
}
