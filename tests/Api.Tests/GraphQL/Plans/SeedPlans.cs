using CommunityJustice.Analytics.Ingest.PlanFiles;
using CommunityJustice.Analytics.TestSupport;

namespace CommunityJustice.Analytics.Api.Tests.GraphQL.Plans;

/// <summary>The seed plan files typed from ../shared/seeds (src/Ingest/Plans/seeds), loaded as `ingest plans load` does.</summary>
internal static class SeedPlans
{
    public static string Folder => Path.Combine(RepositoryPaths.Root, "src", "Ingest", "Plans", "seeds");

    public static IReadOnlyList<string> Files => Directory.GetFiles(Folder, "*.yaml").Order(StringComparer.Ordinal).ToList();

    public static string File(string name) => Path.Combine(Folder, name);

    /// <summary>Each file as the reader sees it (no database): what the loaded plan must hold.</summary>
    public static PlanDocument Read(string path) => PlanFileReader.Read(Path.GetFileName(path), System.IO.File.ReadAllText(path), PlanReference.FromModel());

    public static async Task<IReadOnlyList<PlanLoadResult>> LoadAllAsync(TestDatabase database)
    {
        var results = new List<PlanLoadResult>();
        foreach (var file in Files)
        {
            await using var db = database.CreateContext();
            results.Add(await PlanFileLoader.LoadAsync(db, file, dryRun: false, CancellationToken.None));
        }
        return results;
    }
}
