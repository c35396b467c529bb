using System.Text;
using CommunityJustice.Analytics.Ingest.Catalog;
using CommunityJustice.Analytics.Ingest.Loading;

namespace CommunityJustice.Analytics.Api.Tests.Support;

/// <summary>
/// Loads, through the real ingest, an edition of the reconvictions dataset holding one figure:
/// Midlothian's 2017-18 rate. For tests on clusters of their own (outages, replicas), where one
/// figure that changes between editions is all a test needs to see which edition is served.
/// </summary>
public static class OneFigureEdition
{
    /// <summary>The figure and the edition it came from.</summary>
    public const string Query = """
        { observations(where: { indicator: { code: { eq: "reconviction-rate" } }, area: { code: { eq: "S12000019" } },
                                sex: { eq: ALL }, ageBand: { code: { eq: "all" } }, period: { label: { eq: "2017-18" } } }) {
            nodes { value source { editionDate } } } }
        """;

    public static async Task LoadMidlothianAsync(string connectionString, decimal rate, DateOnly editionDate)
    {
        var manifest = ManifestCatalog.Find(ManifestCatalog.LoadBundled(), "reconvictions");
        var folder = Directory.CreateTempSubdirectory("cja-one-figure-");
        try
        {
            var path = Path.Combine(folder.FullName, "reconvictions.csv");
            await File.WriteAllTextAsync(path, $"FeatureCode,DateCode,Measurement,Units,Value,Gender,Age\nS12000019,2017/2018,Ratio,Percent reconvicted,{rate},All,All\n",
                new UTF8Encoding(false));
            // A pool of its own: the test's connections must not be the API's (nor be left dead in a pool by a stop).
            var unpooled = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
            var loaded = await new DatasetLoader(unpooled).LoadAsync(new LoadRequest(manifest, path) { EditionDate = editionDate });
            Assert.Equal(LoadOutcome.Loaded, loaded.Outcome);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
