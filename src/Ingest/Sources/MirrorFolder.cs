namespace CommunityJustice.Analytics.Ingest.Sources;

/// <summary>
/// Finds the local mirror of published files: the --mirror option, else CJA_DATA_MIRROR, else
/// ../shared/data beside the checkout (the folder holding CommunityJustice.Analytics.sln).
/// </summary>
public static class MirrorFolder
{
    public const string Variable = "CJA_DATA_MIRROR";
    private const string SolutionFile = "CommunityJustice.Analytics.sln";

    /// <summary>The mirror to use, or null when there is none (files are then downloaded).</summary>
    public static string? Resolve(string? option)
    {
        if (!string.IsNullOrWhiteSpace(option)) return Existing(option, "--mirror");
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } fromEnvironment) return Existing(fromEnvironment, Variable);
        return FindRepositoryRoot() is { } root && Path.GetFullPath(Path.Combine(root, "..", "shared", "data")) is var beside && Directory.Exists(beside)
            ? beside
            : null;
    }

    /// <summary>The checkout root, searched upwards from the current directory and then from the executable.</summary>
    public static string? FindRepositoryRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, SolutionFile))) return dir.FullName;
            }
        }
        return null;
    }

    /// <summary>Where run logs and downloads go by default: .local/ in the checkout, else the current directory.</summary>
    public static string LocalFolder(string name) =>
        Path.Combine(FindRepositoryRoot() ?? Environment.CurrentDirectory, ".local", name);

    private static string Existing(string folder, string from)
    {
        var full = Path.GetFullPath(folder);
        return Directory.Exists(full) ? full : throw new IngestException($"The mirror folder {full} (from {from}) does not exist.");
    }
}
