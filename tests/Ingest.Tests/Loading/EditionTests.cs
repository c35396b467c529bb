using CommunityJustice.Analytics.Ingest.Loading;
using CommunityJustice.Analytics.Ingest.Tests.Support;
using CommunityJustice.Analytics.TestSupport;
using Xunit;
using static CommunityJustice.Analytics.Ingest.Tests.Support.TempFiles;

namespace CommunityJustice.Analytics.Ingest.Tests.Loading;

/// <summary>Several editions of one dataset: each is kept, the newest is the latest, tolerated rejects are stored.</summary>
public class EditionTests(TestDatabase db) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Editions_are_kept_and_the_newest_edition_is_the_latest_whatever_the_load_order()
    {
        var manifest = Datasets.Scratch("test-editions");
        var loader = new DatasetLoader(db.ConnectionString);
        var first = await loader.LoadAsync(new LoadRequest(manifest, _files.Csv(Rate("S12000019", "2015/2016", "27.0"))) { EditionDate = new(2017, 5, 30) });
        var revised = await loader.LoadAsync(new LoadRequest(manifest, _files.Csv(Rate("S12000019", "2015/2016", "27.3"))) { EditionDate = new(2020, 5, 26) });
        var older = await loader.LoadAsync(new LoadRequest(manifest, _files.Csv(Rate("S12000019", "2015/2016", "26.9"))) { EditionDate = new(2016, 1, 1) });

        Assert.All([first, revised, older], r => Assert.Equal(LoadOutcome.Loaded, r.Outcome));
        Assert.Equal(3, await db.CountAsync("SELECT count(*) FROM dataset_versions WHERE dataset_code = 'test-editions'"));
        Assert.Equal(revised.VersionId, (int)await db.CountAsync("SELECT id FROM dataset_versions WHERE dataset_code = 'test-editions' AND is_latest"));
        Assert.Equal(3, await db.CountAsync("""
            SELECT count(*) FROM observations o JOIN dataset_versions v ON v.id = o.dataset_version_id
            WHERE v.dataset_code = 'test-editions' AND o.area_code = 'S12000019'
            """));
    }

    [Fact]
    public async Task Rejects_within_the_allowance_are_stored_with_their_lines_and_the_rest_loads()
    {
        var manifest = Datasets.Scratch("test-allowance");
        var path = _files.Csv(
            Rate("S12000019", "2017/2018", "26"),
            Rate("S12999999", "2017/2018", "25"),
            Rate("S12000010", "2017/2018", "abc"),
            Rate("S12000005", "2017/2018", "31.6"));
        var result = await new DatasetLoader(db.ConnectionString).LoadAsync(Datasets.GeneratedFile(manifest, path, maxRejects: 2));

        Assert.Equal((4L, 2L, 2L), (result.RowsRead, result.RowsLoaded, result.RowsRejected));
        Assert.Equal(2, await db.CountAsync($"SELECT rows_rejected FROM dataset_versions WHERE id = {result.VersionId}"));
        Assert.Equal(2, await db.CountAsync($"SELECT count(*) FROM observations WHERE dataset_version_id = {result.VersionId}"));
        Assert.Equal(1, await db.CountAsync($"SELECT count(*) FROM ingest_rejects WHERE dataset_version_id = {result.VersionId} AND line_number = 3 AND reason = 'unknown area code ''S12999999'''"));
        Assert.Equal(1, await db.CountAsync($"SELECT count(*) FROM ingest_rejects WHERE dataset_version_id = {result.VersionId} AND line_number = 4 AND reason = 'non-numeric Value ''abc'''"));
    }

    [Fact]
    public async Task One_reject_more_than_allowed_rolls_the_whole_file_back()
    {
        var manifest = Datasets.Scratch("test-over-allowance");
        var path = _files.Csv(Rate("S12000019", "2017/2018", "26"), Rate("S12999999", "2017/2018", "25"), Rate("S12999998", "2017/2018", "25"));
        var error = await Assert.ThrowsAsync<TooManyRejectsException>(() =>
            new DatasetLoader(db.ConnectionString).LoadAsync(Datasets.GeneratedFile(manifest, path, maxRejects: 1)));
        Assert.Equal(2, error.Result.RowsRejected);
        Assert.Equal(0, await db.CountAsync("SELECT count(*) FROM datasets WHERE code = 'test-over-allowance'"));
    }
}
