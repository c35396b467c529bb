using CommunityJustice.Analytics.Ingest.Loading;
using CommunityJustice.Analytics.Ingest.Sources;
using CommunityJustice.Analytics.Ingest.Tests.Support;
using CommunityJustice.Analytics.TestSupport;
using Npgsql;
using Xunit;

namespace CommunityJustice.Analytics.Ingest.Tests.Loading;

/// <summary>The published statistics.gov.scot reconvictions file, read from the local mirror, end to end.</summary>
public class RealReconvictionLoadTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    public Task InitializeAsync() => BundledData.LoadAllAsync(db.ConnectionString, RepositoryPaths.DataMirror, m => !BundledData.IsDataZoneLevel(m));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Every_row_of_the_published_file_is_loaded()
    {
        Assert.Equal(1, await db.CountAsync("SELECT count(*) FROM dataset_versions WHERE dataset_code = 'reconvictions'"));
        Assert.Equal(6916, await db.CountAsync("SELECT rows_read FROM dataset_versions WHERE dataset_code = 'reconvictions'"));
        Assert.Equal(6916, await db.CountAsync("SELECT rows_loaded FROM dataset_versions WHERE dataset_code = 'reconvictions'"));
        Assert.Equal(0, await db.CountAsync("SELECT rows_rejected FROM dataset_versions WHERE dataset_code = 'reconvictions'"));
        Assert.Equal(6916, await db.CountAsync("SELECT count(*) FROM (SELECT * FROM observations WHERE dataset_version_id IN (SELECT id FROM dataset_versions WHERE dataset_code = 'reconvictions')) observations"));
        Assert.Equal(3458, await db.CountAsync("SELECT count(*) FROM (SELECT * FROM observations WHERE dataset_version_id IN (SELECT id FROM dataset_versions WHERE dataset_code = 'reconvictions')) observations WHERE indicator_code = 'reconviction-rate'"));
        Assert.Equal(3458, await db.CountAsync("SELECT count(*) FROM (SELECT * FROM observations WHERE dataset_version_id IN (SELECT id FROM dataset_versions WHERE dataset_code = 'reconvictions')) observations WHERE indicator_code = 'reconvictions-per-offender'"));
        Assert.Equal(33, await db.CountAsync("SELECT count(DISTINCT area_code) FROM (SELECT * FROM observations WHERE dataset_version_id IN (SELECT id FROM dataset_versions WHERE dataset_code = 'reconvictions')) observations"));
        Assert.Equal(6, await db.CountAsync("SELECT count(DISTINCT period_start) FROM (SELECT * FROM observations WHERE dataset_version_id IN (SELECT id FROM dataset_versions WHERE dataset_code = 'reconvictions')) observations"));
        Assert.Equal(0, await db.CountAsync("SELECT count(*) FROM ingest_rejects"));
        Assert.Equal(1, await db.CountAsync("SELECT count(*) FROM dataset_versions WHERE is_latest AND dataset_code = 'reconvictions'"));
    }

    [Fact]
    public async Task The_dataset_and_its_edition_carry_their_provenance()
    {
        await using var connection = new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT d.source_url, d.licence, v.file_sha256, v.edition_date, v.file_name
            FROM datasets d JOIN dataset_versions v ON v.dataset_code = d.code WHERE d.code = 'reconvictions'
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(Datasets.Reconvictions.SourceUrl, reader.GetString(0));
        Assert.Equal("Open Government Licence v3.0", reader.GetString(1));
        Assert.Equal("bc0631c91b18d9eee7dca362b1137926047a54daa8dc55d12eec2133c0da34f5", reader.GetString(2));
        Assert.Equal(Datasets.Reconvictions.EditionDate, reader.GetFieldValue<DateOnly>(3));
        Assert.Equal("statgov_reconvictions_council_gender_age_2012-13_to_2017-18.csv", reader.GetString(4));
    }

    [Theory]
    // Scotland, all persons: as SG Table 1 of the 2017-18 cohort workbook (SOURCES.md 6a).
    [InlineData("reconviction-rate", "S92000003", "2017-18", "All", "all", 26.3)]
    [InlineData("reconvictions-per-offender", "S92000003", "2017-18", "All", "all", 0.46)]
    // Council figures as printed in the published file.
    [InlineData("reconviction-rate", "S12000019", "2017-18", "Female", "all", 20.5)]    // Midlothian
    [InlineData("reconviction-rate", "S12000019", "2017-18", "Male", "all", 27.2)]
    [InlineData("reconviction-rate", "S12000019", "2017-18", "All", "under-21", 31.1)]
    [InlineData("reconviction-rate", "S12000005", "2017-18", "All", "all", 31.6)]       // Clackmannanshire
    [InlineData("reconvictions-per-offender", "S12000005", "2017-18", "Female", "all", 0.67)]
    [InlineData("reconviction-rate", "S12000010", "2016-17", "Female", "31-40", 100)]   // East Lothian: a tiny cohort
    [InlineData("reconviction-rate", "S12000047", "2017-18", "All", "all", 26.8)]       // Fife, current code
    public async Task Published_figures_land_in_the_right_cell(string indicator, string area, string period, string sex, string age, decimal expected)
    {
        await using var connection = new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT value, status, marker, period_type FROM (SELECT * FROM observations WHERE dataset_version_id IN (SELECT id FROM dataset_versions WHERE dataset_code = 'reconvictions')) observations
            WHERE indicator_code = @indicator AND area_code = @area AND period_label = @period AND sex = @sex AND age_band_code = @age
            """, connection);
        command.Parameters.AddWithValue("indicator", indicator);
        command.Parameters.AddWithValue("area", area);
        command.Parameters.AddWithValue("period", period);
        command.Parameters.AddWithValue("sex", sex);
        command.Parameters.AddWithValue("age", age);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "no observation for that cell");
        Assert.Equal(expected, reader.GetDecimal(0));
        Assert.Equal("Published", reader.GetString(1));
        Assert.True(reader.IsDBNull(2));
        Assert.Equal("FinancialYear", reader.GetString(3));
        Assert.False(await reader.ReadAsync(), "more than one observation for that cell");
    }

    [Fact]
    public async Task Suppressed_cells_stay_absent_rather_than_becoming_zero()
    {
        // The published file leaves out East Lothian's 2016-17 female under-21 cell (SOURCES.md section 1).
        Assert.Equal(0, await db.CountAsync("""
            SELECT count(*) FROM observations
            WHERE area_code = 'S12000010' AND period_label = '2016-17' AND sex = 'Female' AND age_band_code = 'under-21'
            """));
        Assert.Equal(0, await db.CountAsync("SELECT count(*) FROM (SELECT * FROM observations WHERE dataset_version_id IN (SELECT id FROM dataset_versions WHERE dataset_code = 'reconvictions')) observations WHERE value = 0"));
    }

    [Fact]
    public async Task Loading_the_same_file_again_is_skipped_and_changes_nothing()
    {
        var before = await DatabaseSnapshot.TakeAsync(db);
        var store = new SourceFileStore(RepositoryPaths.DataMirror, Path.GetTempPath());
        var results = await BundledData.LoadAsync(db.ConnectionString, store, [Datasets.Reconvictions]);

        var result = Assert.Single(results);
        Assert.Equal(LoadOutcome.Unchanged, result.Outcome);
        Assert.Equal(6916, result.RowsLoaded);
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(db));

        // The single-file path says the same.
        var again = await new DatasetLoader(db.ConnectionString).LoadAsync(new LoadRequest(Datasets.Reconvictions, Datasets.ReconvictionsFile));
        Assert.Equal(LoadOutcome.Unchanged, again.Outcome);
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(db));
    }
}
