using CommunityJustice.Analytics.TestSupport;

namespace CommunityJustice.Analytics.PowerBI.Tests.Support;

/// <summary>Where the Power BI project, the offline schemas and the M parser script are.</summary>
public static class PowerBIPaths
{
    public static string Project => Path.Combine(RepositoryPaths.Root, "powerbi");
    public static string SemanticModel => Path.Combine(Project, "CommunityJustice.SemanticModel");
    public static string Report => Path.Combine(Project, "CommunityJustice.Report");
    public static string Schemas => Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "powerbi-schemas"));
    public static string MParser => Path.Combine(RepositoryPaths.Root, "tests", "PowerBI.Tests", "mparser");
}
