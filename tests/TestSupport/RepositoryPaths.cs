namespace CommunityJustice.Analytics.TestSupport;

/// <summary>Where the checkout and the public data mirror (../shared/data beside it) are.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The local mirror of the public datasets: CJA_DATA_MIRROR, else ../shared/data beside the checkout.</summary>
    public static string DataMirror { get; } =
        Environment.GetEnvironmentVariable("CJA_DATA_MIRROR") is { Length: > 0 } mirror
            ? mirror
            : Path.GetFullPath(Path.Combine(Root, "..", "shared", "data"));

    public static string MirrorFile(string relativePath) => Path.Combine(DataMirror, relativePath);

    private static string FindRoot()
    {
        var built = typeof(RepositoryPaths).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        if (built is not null && File.Exists(Path.Combine(built, "CommunityJustice.Analytics.sln"))) return built;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CommunityJustice.Analytics.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("CommunityJustice.Analytics.sln not found above " + AppContext.BaseDirectory);
    }
}
