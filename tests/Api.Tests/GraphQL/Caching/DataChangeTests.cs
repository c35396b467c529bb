using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CommunityJustice.Analytics.Api.Data;
using CommunityJustice.Analytics.Api.Tests.Support;
using CommunityJustice.Analytics.Ingest.Catalog;
using CommunityJustice.Analytics.Ingest.Loading;
using CommunityJustice.Analytics.Ingest.Manifests;
using CommunityJustice.Analytics.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CommunityJustice.Analytics.Api.Tests.GraphQL.Caching;

/// <summary>
/// The API keeps reference data and disclosure decisions in memory and learns of a committed load
/// from the database's notification (DataChangeMonitor), or, when it is not listening, by checking
/// the data's fingerprint on every request. Either way a load committed while the API runs is served
/// at once, and its small counts are withheld from the first answer that includes them. The response
/// cache is off here, so every answer comes from the database. The class has its own database.
/// </summary>
public sealed class DataChangeTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string LiveIndicator = "test-live-people";

    private static string MidlothianRate(string period) => $$"""
        { observations(where: { indicator: { code: { eq: "reconviction-rate" } }, area: { code: { eq: "S12000019" } },
                                sex: { eq: ALL }, ageBand: { code: { eq: "all" } }, period: { label: { eq: "{{period}}" } } }) {
            nodes { value source { editionDate } } } }
        """;

    private WebApplicationFactory<Program> Api(params (string Key, string Value)[] settings) =>
        api.Factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("GraphQL:Cache:Enabled", "false");
            foreach (var (key, value) in settings) b.UseSetting(key, value);
        });

    [Fact]
    public async Task A_load_committed_while_the_api_runs_is_served_as_soon_as_the_database_announces_it()
    {
        // The fingerprint check on the listening connection is put off for longer than the test runs:
        // only the notification can tell the API about the load.
        await using var factory = Api(("DataChanges:CheckInterval", "01:00:00"));
        var client = new GraphQLClient(factory.CreateClient());
        Assert.Empty((await client.QueryAsync(MidlothianRate("2040-41")))["data"]!["observations"]!["nodes"]!.AsArray());
        var monitor = factory.Services.GetRequiredService<DataChangeMonitor>();
        Assert.True(monitor.Listening, "the API should be listening for data changes once started");
        var before = monitor.Generation;

        await LoadReconvictionEditionAsync("test-live-notified", "S12000019,2040/2041,Ratio,Percent reconvicted,11.1,All,All", new DateOnly(2041, 6, 1));

        var nodes = await EventuallyAsync(client, MidlothianRate("2040-41"), n => n.Count > 0);
        Assert.Equal((11.1m, "2041-06-01"), ((decimal)nodes[0]!["value"]!, (string?)nodes[0]!["source"]!["editionDate"]));
        Assert.True(monitor.Generation > before);
    }

    [Fact]
    public async Task Without_notifications_every_request_checks_the_data_first()
    {
        // Cut the listening connection and keep it down: the next request must still see a load
        // committed a moment before it, without any waiting.
        await using var factory = Api(("DataChanges:ReconnectDelay", "01:00:00"));
        var client = new GraphQLClient(factory.CreateClient());
        await client.QueryAsync(MidlothianRate("2041-42"));
        var monitor = factory.Services.GetRequiredService<DataChangeMonitor>();
        Assert.True(monitor.Listening);
        await ExecuteAsync("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'cja-api-data-changes' AND datname = current_database()");
        for (var i = 0; i < 200 && monitor.Listening; i++) await Task.Delay(25);
        Assert.False(monitor.Listening, "the monitor should notice that its connection was closed");

        await LoadReconvictionEditionAsync("test-live-unnotified", "S12000019,2041/2042,Ratio,Percent reconvicted,12.2,All,All", new DateOnly(2042, 6, 1));

        var nodes = (await client.QueryAsync(MidlothianRate("2041-42")))["data"]!["observations"]!["nodes"]!.AsArray();
        Assert.Equal(12.2m, (decimal)nodes.Single()!["value"]!);
    }

    [Fact]
    public async Task A_figure_edited_by_hand_in_SQL_is_served_by_the_next_query_even_with_the_response_cache_on()
    {
        // Cache on, and no periodic fingerprint check: only the trigger on observations can tell the API of the edit.
        await using var factory = Api(("GraphQL:Cache:Enabled", "true"), ("DataChanges:CheckInterval", "01:00:00"));
        var http = factory.CreateClient();
        await LoadReconvictionEditionAsync("test-live-hand-edit", "S12000019,2042/2043,Ratio,Percent reconvicted,13.3,All,All", new DateOnly(2043, 6, 1));
        var query = MidlothianRate("2042-43");
        Assert.Equal(13.3m, (decimal)(await EventuallyAsync(new GraphQLClient(http), query, n => n.Count > 0)).Single()!["value"]!);
        // Not cached while the API has no current data version: a moment after the load's last notification.
        var first = await ValueAndCacheAsync(http, query);
        for (var i = 0; i < 100 && first.Cache == "not cached"; i++)
        {
            await Task.Delay(20);
            first = await ValueAndCacheAsync(http, query);
        }
        Assert.Equal((13.3m, "MISS"), first);
        Assert.Equal((13.3m, "HIT"), await ValueAndCacheAsync(http, query));

        await ExecuteAsync(HandEdit("test-live-hand-edit", "2042-43", 14.4m));

        // A figure no disclosure decision has seen is not served, and neither is the cached one: no figure until decided again.
        var (status, code) = await StatusAndCodeAsync(http, query);
        for (var i = 0; i < 100 && status == 200; i++)
        {
            await Task.Delay(20); // the notification arrives a moment after the commit
            (status, code) = await StatusAndCodeAsync(http, query);
        }
        Assert.Equal((503, "DISCLOSURE_DECISIONS_OUT_OF_DATE"), (status, code));
        await DecideAgain.AllTablesAsync(api.ConnectionString);
        // Served again once the decision run's notification has arrived (503 until then).
        for (var i = 0; i < 100 && status != 200; i++)
        {
            await Task.Delay(20);
            (status, _) = await StatusAndCodeAsync(http, query);
        }
        Assert.Equal(200, status);
        Assert.Equal(14.4m, (await ValueAndCacheAsync(http, query)).Value);
    }

    private static async Task<(int Status, string? Code)> StatusAndCodeAsync(HttpClient http, string query)
    {
        using var response = await http.PostAsJsonAsync("/graphql", new { query });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return ((int)response.StatusCode, (string?)body["errors"]?[0]?["extensions"]?["code"]);
    }

    [Fact]
    public async Task Without_notifications_a_figure_edited_by_hand_moves_the_data_fingerprint_before_the_next_answer()
    {
        await using var factory = Api(("DataChanges:ReconnectDelay", "01:00:00"));
        var client = new GraphQLClient(factory.CreateClient());
        await LoadReconvictionEditionAsync("test-unnotified-hand-edit", "S12000019,2043/2044,Ratio,Percent reconvicted,15.5,All,All", new DateOnly(2044, 6, 1));
        var monitor = factory.Services.GetRequiredService<DataChangeMonitor>();
        await EventuallyAsync(client, MidlothianRate("2043-44"), n => n.Count > 0);
        await ExecuteAsync("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'cja-api-data-changes' AND datname = current_database()");
        for (var i = 0; i < 200 && monitor.Listening; i++) await Task.Delay(25);
        Assert.False(monitor.Listening, "the monitor should notice that its connection was closed");
        var unchanged = await monitor.GenerationAsync(CancellationToken.None);
        Assert.Equal(unchanged, await monitor.GenerationAsync(CancellationToken.None));

        await ExecuteAsync(HandEdit("test-unnotified-hand-edit", "2043-44", 16.6m));

        // What the API computed from the data (reference data, disclosure decisions) is computed again for the next request.
        Assert.True(await monitor.GenerationAsync(CancellationToken.None) > unchanged, "a hand edit should move the data's fingerprint");
        await DecideAgain.AllTablesAsync(api.ConnectionString); // as an operator does after editing figures (else: 503, tested above)
        var nodes = (await client.QueryAsync(MidlothianRate("2043-44")))["data"]!["observations"]!["nodes"]!.AsArray();
        Assert.Equal(16.6m, (decimal)nodes.Single()!["value"]!);
    }

    /// <summary>An UPDATE of one figure in the dataset's edition, as someone would type it in psql.</summary>
    private static string HandEdit(string datasetCode, string period, decimal value) => $"""
        UPDATE observations SET value = {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}
        WHERE indicator_code = 'reconviction-rate' AND area_code = 'S12000019' AND period_label = '{period}'
          AND dataset_version_id = (SELECT id FROM dataset_versions WHERE dataset_code = '{datasetCode}')
        """;

    private static async Task<(decimal Value, string Cache)> ValueAndCacheAsync(HttpClient http, string query)
    {
        using var response = await http.PostAsJsonAsync("/graphql", new { query });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return ((decimal)body["data"]!["observations"]!["nodes"]![0]!["value"]!, response.Headers.TryGetValues("X-Cache", out var cache) ? cache.Single() : "not cached");
    }

    /// <summary>
    /// A GENERATED TEST count (not statistics) with one cell of 3 people loaded while the API runs:
    /// no answer, from the first one that has the new edition, gives that 3 or lets it be worked out
    /// (Scotland all persons − male = female).
    /// </summary>
    [Fact]
    public async Task Small_counts_of_a_load_committed_while_the_api_runs_are_withheld_from_the_first_answer()
    {
        await using var factory = Api(("DataChanges:CheckInterval", "01:00:00"));
        var client = new GraphQLClient(factory.CreateClient());
        const string query = $$"""
            { observations(where: { indicator: { code: { eq: "{{LiveIndicator}}" } } }, order: [{ sex: ASC }]) {
                nodes { sex value status suppressionReason } } }
            """;
        Assert.Empty((await client.QueryAsync(query))["data"]!["observations"]!["nodes"]!.AsArray());

        await ExecuteAsync($"""
            INSERT INTO indicators (code, title, description, measure_type, unit, polarity) VALUES
            ('{LiveIndicator}', 'TEST ONLY: people (generated)', 'Generated test counts, not statistics.', 'Count', 'people', 'NoJudgement')
            """);
        await LoadLiveCountsAsync("""
            FeatureCode,DateCode,Measurement,Units,Value,Gender,Age
            S92000003,2023/2024,Count,People,40,All,All
            S92000003,2023/2024,Count,People,37,Male,All
            S92000003,2023/2024,Count,People,3,Female,All
            """);

        var nodes = await EventuallyAsync(client, query, n => n.Count > 0);
        var bySex = nodes.ToDictionary(n => (string)n!["sex"]!, n => n!);
        Assert.Equal(3, bySex.Count);
        Assert.Equal(("SUPPRESSED", null), ((string?)bySex["FEMALE"]["status"], (decimal?)bySex["FEMALE"]["value"]));
        Assert.StartsWith("PRIMARY", (string?)bySex["FEMALE"]["suppressionReason"]);
        // All persons and males are published or not, but never both: either would give the female count away.
        Assert.False(bySex["ALL"]["value"] is not null && bySex["MALE"]["value"] is not null,
            $"all persons and males both published: {nodes.ToJsonString()}");
    }

    /// <summary>Asks until the answer's nodes satisfy <paramref name="done"/> (the notification arrives within milliseconds; ten seconds allows for a loaded machine).</summary>
    private static async Task<JsonArray> EventuallyAsync(GraphQLClient client, string query, Func<JsonArray, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var nodes = (await client.QueryAsync(query))["data"]!["observations"]!["nodes"]!.AsArray();
            if (done(nodes) || DateTime.UtcNow > deadline) return nodes;
            await Task.Delay(20);
        }
    }

    /// <summary>
    /// Loads one row with the reconvictions mapping under a dataset code of the test's own: were two tests to
    /// load editions of one dataset into the class's shared database, the one with the later edition date run
    /// first would hide the other's (only a dataset's newest edition is read), so the tests would depend on
    /// xUnit's order. Each test's period is its own too, so neither sees the other's figure.
    /// </summary>
    private async Task LoadReconvictionEditionAsync(string datasetCode, string row, DateOnly editionDate)
    {
        var manifest = ManifestCatalog.Find(ManifestCatalog.LoadBundled(), "reconvictions") with
        {
            Code = datasetCode,
            Title = $"TEST DATA: {datasetCode}, generated by DataChangeTests; not real statistics",
        };
        await LoadAsync(manifest, "FeatureCode,DateCode,Measurement,Units,Value,Gender,Age\n" + row + "\n", editionDate);
    }

    private async Task LoadLiveCountsAsync(string csv)
    {
        var manifest = new DatasetManifest
        {
            Code = "test-live-generated",
            Title = "TEST DATA: generated by DataChangeTests; not real statistics",
            Publisher = "Test suite (generated)",
            Licence = "Test data",
            SourceUrl = "https://example.invalid/test-live-generated.csv",
            EditionDate = new DateOnly(2024, 6, 1),
            MirrorPath = "test/test-live-generated.csv",
            Sha256 = "not checked: the test gives the edition date",
            Format = ManifestCatalog.TidyCsvFormat,
            Mapping = new ManifestMapping
            {
                Indicators = [new IndicatorMapping { Measurement = "Count", Units = "People", Indicator = LiveIndicator }],
                Dimensions =
                [
                    new DimensionMapping { Column = "Gender", Target = DimensionTarget.Sex, Codes = new Dictionary<string, string> { ["All"] = "All", ["Male"] = "Male", ["Female"] = "Female" } },
                    new DimensionMapping { Column = "Age", Target = DimensionTarget.AgeBand, Codes = new Dictionary<string, string> { ["All"] = "all" } },
                ],
            },
        };
        await LoadAsync(manifest, csv.ReplaceLineEndings("\n") + "\n", manifest.EditionDate);
    }

    private async Task LoadAsync(DatasetManifest manifest, string csv, DateOnly editionDate)
    {
        var folder = Directory.CreateTempSubdirectory("cja-data-change-test-");
        try
        {
            var path = Path.Combine(folder.FullName, manifest.Code + ".csv");
            await File.WriteAllTextAsync(path, csv, new UTF8Encoding(false));
            var loaded = await new DatasetLoader(api.ConnectionString).LoadAsync(new LoadRequest(manifest, path) { EditionDate = editionDate });
            Assert.Equal(LoadOutcome.Loaded, loaded.Outcome);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
