namespace CommunityJustice.Analytics.Model.Reference;

/// <summary>Codes of catalogue indicators that code refers to by name. The catalogue itself is Catalogue/indicators/*.json.</summary>
public static class ReferenceIndicators
{
    public const string ReconvictionRate = "reconviction-rate";
}
