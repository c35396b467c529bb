using CommunityJustice.Analytics.Ingest.Catalog;
using CommunityJustice.Analytics.Ingest.Loading;
using CommunityJustice.Analytics.Ingest.Manifests;
using CommunityJustice.Analytics.Ingest.Sources;
using CommunityJustice.Analytics.Ingest.Tests.Support;
using CommunityJustice.Analytics.TestSupport;
using Xunit;
using static CommunityJustice.Analytics.Ingest.Tests.Formats.FormatTestSupport;

namespace CommunityJustice.Analytics.Ingest.Tests.Formats;

/// <summary>The real NRS files from the local mirror: mid-year population (tidy-long .xlsx) and components of change (plain wide CSV).</summary>
public class NrsPopulationTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private static readonly IReadOnlyList<DatasetManifest> Bundled = ManifestCatalog.LoadBundled();
    private IReadOnlyList<LoadResult> _results = [];

    public async Task InitializeAsync()
    {
        var manifests = new[] { "nrs-population-estimates", "nrs-components-of-change" }.Select(c => ManifestCatalog.Find(Bundled, c));
        _results = await BundledData.LoadAsync(db.ConnectionString, new SourceFileStore(RepositoryPaths.DataMirror, Path.GetTempPath()), manifests);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void Every_row_of_both_files_is_loaded()
    {
        var population = Assert.Single(_results, r => r.DatasetCode == "nrs-population-estimates");
        Assert.Equal((126_126, 126_126, 0), (population.RowsRead, population.RowsLoaded, population.RowsRejected));
        var components = Assert.Single(_results, r => r.DatasetCode == "nrs-components-of-change");
        Assert.Equal((33 * 6, 33 * 6, 0), (components.RowsRead, components.RowsLoaded, components.RowsRejected));
        Assert.Equal("UTF-8", components.Encoding); // CRLF, no BOM
    }

    [Fact]
    public async Task Scotland_2018_totals_5438100_as_NRS_publishes()
    {
        Assert.Equal(5_438_100m, await ValueAsync(db, """
            SELECT sum(value) FROM observations
            WHERE indicator_code = 'population' AND area_code = 'S92000003' AND period_label = '2018'
            """));
        // Summing the 32 councils gives the same total: every council name resolved.
        Assert.Equal(5_438_100m, await ValueAsync(db, """
            SELECT sum(value) FROM observations
            WHERE indicator_code = 'population' AND area_code LIKE 'S12%' AND period_label = '2018'
            """));
        Assert.Equal(33, await db.CountAsync("SELECT count(DISTINCT area_code) FROM observations WHERE indicator_code = 'population'"));
        Assert.Equal(21, await db.CountAsync("SELECT count(DISTINCT period_start) FROM observations WHERE indicator_code = 'population'"));
    }

    [Fact]
    public async Task Council_values_read_from_the_file_itself()
    {
        // Clackmannanshire, 2018: all ages 51,400; women aged 30: 302 (read from the workbook's rows).
        Assert.Equal(51_400m, await ValueAsync(db, "SELECT sum(value) FROM observations WHERE indicator_code = 'population' AND area_code = 'S12000005' AND period_label = '2018'"));
        Assert.Equal(302m, await ValueAsync(db, """
            SELECT value FROM observations WHERE indicator_code = 'population' AND area_code = 'S12000005'
              AND period_label = '2018' AND sex = 'Female' AND age_band_code = 'age-30'
            """));
        // "City of Edinburgh" (a name, no code) resolves through the alias table.
        Assert.True(await db.CountAsync("SELECT count(*) FROM observations WHERE indicator_code = 'population' AND area_code = 'S12000036'") > 0);
    }

    [Fact]
    public async Task Ages_are_single_years_so_any_band_can_be_summed()
    {
        Assert.Equal(91, await db.CountAsync("SELECT count(DISTINCT age_band_code) FROM observations WHERE indicator_code = 'population'"));
        Assert.Equal(0, await db.CountAsync("SELECT count(*) FROM observations WHERE indicator_code = 'population' AND (sex = 'All' OR age_band_code = 'all')"));
        // The 16 to 70 band (the base of CPO rates per 10,000) is a sum over the bands' ages.
        var band = await ValueAsync(db, """
            SELECT sum(o.value) FROM observations o JOIN age_bands b ON b.code = o.age_band_code
            WHERE o.indicator_code = 'population' AND o.area_code = 'S92000003' AND o.period_label = '2018' AND b.min_age >= 16 AND b.max_age <= 70
            """);
        Assert.InRange(band!.Value, 3_000_000m, 5_438_100m);
        Assert.Equal(1, await db.CountAsync("SELECT count(*) FROM age_bands WHERE code = 'age-90-plus' AND min_age = 90 AND max_age IS NULL"));
    }

    [Theory]
    [InlineData("population-natural-change", "S92000003", -7663)] // the quoted "-7,663" cell
    [InlineData("population-other-changes", "S92000003", 63)]
    [InlineData("population-change", "S92000003", 13300)]
    [InlineData("population-natural-change", "S12000033", 72)]    // Aberdeen City
    [InlineData("population-within-scotland-net-migration", "S12000033", -1850)]
    [InlineData("population-overseas-net-migration", "S12000033", 1180)]
    public async Task Components_of_change_as_printed(string indicator, string area, decimal expected)
    {
        Assert.Equal(expected, await ValueAsync(db, $"""
            SELECT value FROM observations WHERE indicator_code = '{indicator}' AND area_code = '{area}'
              AND period_label = 'mid-2017 to mid-2018' AND period_start = '2017-07-01' AND period_end = '2018-06-30'
            """));
    }

    [Fact]
    public async Task A_rerun_of_unchanged_files_changes_nothing()
    {
        var before = await DatabaseSnapshot.TakeAsync(db);
        var again = await BundledData.LoadAsync(db.ConnectionString, new SourceFileStore(RepositoryPaths.DataMirror, Path.GetTempPath()),
            new[] { "nrs-population-estimates", "nrs-components-of-change" }.Select(c => ManifestCatalog.Find(Bundled, c)));
        Assert.All(again, r => Assert.Equal(LoadOutcome.Unchanged, r.Outcome));
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(db));
    }
}
