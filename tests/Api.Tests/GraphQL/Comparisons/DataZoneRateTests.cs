using System.Globalization;
using System.Text;
using CommunityJustice.Analytics.Api.Tests.Support;
using CommunityJustice.Analytics.Ingest.Catalog;
using CommunityJustice.Analytics.Ingest.Loading;
using CommunityJustice.Analytics.Ingest.Manifests;
using CommunityJustice.Analytics.Model.Indicators;
using CommunityJustice.Analytics.TestSupport;
using ExcelDataReader;

namespace CommunityJustice.Analytics.Api.Tests.GraphQL.Comparisons;

/// <summary>
/// A count at data-zone level gets its rate per 10,000 from the population of the same data zone (the NRS small-area
/// estimates, males and females from two workbooks, both cited), not from its council's (issue #13, items 1 and 5). No
/// public data-zone count for mid-2021 is in the mirror, so the count is a made-up TEST value loaded through the real
/// ingest under an indicator its manifest declares; the population is read here from the two workbooks with ExcelDataReader.
/// </summary>
public sealed class DataZoneRateTests(DataZoneApiFixture api) : IClassFixture<DataZoneApiFixture>
{
    private const string DataZone = "S01006506";   // Culter - 01, Aberdeen City
    private const decimal TestCount = 12m;         // TEST value, not a statistic

    static DataZoneRateTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The data zone's "Total population" (column F) in one sex's workbook.</summary>
    private static decimal Population(string sex)
    {
        using var stream = File.OpenRead(RepositoryPaths.MirrorFile($"geography/nrs_small-area-population-estimates_datazone_{sex}_age_mid-2021.xlsx"));
        using var excel = ExcelReaderFactory.CreateReader(stream);
        while (!excel.Name.Contains("population", StringComparison.OrdinalIgnoreCase)) Assert.True(excel.NextResult());
        while (excel.Read())
            if (excel.GetValue(0) is string zone && zone == DataZone)
                return Convert.ToDecimal(excel.GetValue(5), CultureInfo.InvariantCulture);
        throw new InvalidOperationException($"{DataZone} is not in the {sex} workbook");
    }

    private async Task LoadTestCountAsync()
    {
        var reconvictions = ManifestCatalog.Find(ManifestCatalog.LoadBundled(), "reconvictions");
        var manifest = reconvictions with
        {
            Code = "test-data-zone-count",
            Title = "TEST data-zone count",
            Indicators = [new ManifestIndicator { Code = "test-data-zone-count", Title = "TEST events", Description = "A made-up count for this test.", MeasureType = MeasureType.Count, Unit = "TEST events" }],
            Mapping = reconvictions.Mapping with { Indicators = [new IndicatorMapping { Measurement = "Count", Units = "TEST events", Indicator = "test-data-zone-count" }] },
        };
        var folder = Directory.CreateTempSubdirectory("cja-dz-count-");
        try
        {
            var path = Path.Combine(folder.FullName, "count.csv");
            await File.WriteAllTextAsync(path, $"FeatureCode,DateCode,Measurement,Units,Value,Gender,Age\n{DataZone},2021,Count,TEST events,{TestCount},All,All\n", new UTF8Encoding(false));
            var loaded = await new DatasetLoader(api.ConnectionString).LoadAsync(new LoadRequest(manifest, path) { EditionDate = new DateOnly(2024, 1, 31) });
            Assert.Equal(LoadOutcome.Loaded, loaded.Outcome);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_data_zone_count_is_rated_on_the_data_zones_own_population_with_both_workbooks_cited()
    {
        var population = Population("males") + Population("females");
        Assert.InRange(population, 500m, 2_000m);                       // a data zone: roughly 500 to 1,000 residents
        await LoadTestCountAsync();

        // The API hears of the load by a database notification and then recomputes its reference data and public view,
        // which on a loaded machine can outlast one request's 10 s timeout (DataZoneApiFixture); ask until the figure is there.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        System.Text.Json.Nodes.JsonNode? area;
        while (true)
        {
            var (status, body) = await api.CreateClient().SendAsync($$"""
                { compare(indicator: "test-data-zone-count", area: "{{DataZone}}", period: "2021") {
                    area { area { level } value ratePer10000 { value population populationPeriod populationSources { dataset { code } } } ratePer10000Note } } }
                """);
            area = status == 200 ? body["data"]?["compare"]?["area"] : null;
            if (area?["value"] is not null) break;
            Assert.True(DateTime.UtcNow < deadline, $"no figure yet: HTTP {status} {body.ToJsonString()}");
            await Task.Delay(200);
        }

        Assert.Equal("DATA_ZONE", area["area"]!["level"]!.GetValue<string>());
        Assert.Equal(TestCount, area["value"]!.GetValue<decimal>());
        var rate = area["ratePer10000"]!;
        Assert.Equal(population, rate["population"]!.GetValue<decimal>());
        Assert.Equal("2021", rate["populationPeriod"]!.GetValue<string>());
        Assert.Equal(Math.Round(TestCount / population * 10_000m, 2, MidpointRounding.AwayFromZero), rate["value"]!.GetValue<decimal>());
        Assert.Equal(["nrs-small-area-population-2021-females", "nrs-small-area-population-2021-males"],
            rate["populationSources"]!.AsArray().Select(s => s!["dataset"]!["code"]!.GetValue<string>()).Order(StringComparer.Ordinal));
    }
}
