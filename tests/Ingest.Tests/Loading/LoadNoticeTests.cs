using CommunityJustice.Analytics.Ingest.Loading;
using CommunityJustice.Analytics.Ingest.Tests.Support;
using CommunityJustice.Analytics.Model;
using CommunityJustice.Analytics.TestSupport;
using Npgsql;
using Xunit;
using static CommunityJustice.Analytics.Ingest.Tests.Support.TempFiles;

namespace CommunityJustice.Analytics.Ingest.Tests.Loading;

/// <summary>
/// What a load tells the API besides its figures: one data-change notification however many tables it writes
/// (datasets, dataset_versions, observations), one recorded write of observations, and the areas and periods per
/// indicator of its edition, which the API's cost estimate reads instead of counting the observations.
/// </summary>
public class LoadNoticeTests(TestDatabase db) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task A_load_is_announced_by_one_notification_and_recorded_as_one_write_of_observations()
    {
        await using var listener = await ChangeListener.OpenAsync(db.ConnectionString);
        var writesBefore = await db.CountAsync("SELECT count(*) FROM observation_writes");

        var result = await new DatasetLoader(db.ConnectionString).LoadAsync(Datasets.GeneratedFile(Datasets.Scratch("test-notice"),
            _files.Csv(Rate("S12000019", "2017/2018", "26.1"), Rate("S12000036", "2017/2018", "27.2"))));
        Assert.Equal(LoadOutcome.Loaded, result.Outcome);

        // Notifications of a committed transaction arrive together; wait until none has come for half a second.
        while (await listener.WaitAsync(TimeSpan.FromMilliseconds(500))) { }
        Assert.Equal([AnalyticsDatabase.DataChangedChannel], listener.Received);
        Assert.Equal(writesBefore + 1, await db.CountAsync("SELECT count(*) FROM observation_writes"));
    }

    [Fact]
    public async Task A_load_records_how_many_areas_and_periods_each_indicator_of_its_edition_has()
    {
        var result = await new DatasetLoader(db.ConnectionString).LoadAsync(Datasets.GeneratedFile(Datasets.Scratch("test-extents"), _files.Csv(
            Rate("S12000019", "2016/2017", "25.0"), Rate("S12000019", "2017/2018", "26.1"), Rate("S12000019", "2018/2019", "26.4"),
            Rate("S12000036", "2017/2018", "27.2"), Rate("S12000036", "2017/2018", "30.0", sex: "Male"))));
        Assert.Equal(LoadOutcome.Loaded, result.Outcome);

        Assert.Equal(1, await db.CountAsync($"SELECT count(*) FROM edition_indicator_extents WHERE dataset_version_id = {result.VersionId}"));
        Assert.Equal(2, await db.CountAsync($"SELECT areas FROM edition_indicator_extents WHERE dataset_version_id = {result.VersionId} AND indicator_code = 'reconviction-rate'"));
        Assert.Equal(3, await db.CountAsync($"SELECT periods FROM edition_indicator_extents WHERE dataset_version_id = {result.VersionId} AND indicator_code = 'reconviction-rate'"));
    }

    [Fact]
    public async Task A_hand_edit_of_observations_is_announced_when_it_commits_and_recorded_once_per_transaction()
    {
        var result = await new DatasetLoader(db.ConnectionString).LoadAsync(Datasets.GeneratedFile(Datasets.Scratch("test-hand-edit"),
            _files.Csv(Rate("S12000019", "2017/2018", "26.1"))));
        await using var listener = await ChangeListener.OpenAsync(db.ConnectionString);
        var writesBefore = await db.CountAsync("SELECT count(*) FROM observation_writes");

        await using var editor = new NpgsqlConnection(db.ConnectionString);
        await editor.OpenAsync();
        await using (var transaction = await editor.BeginTransactionAsync())
        {
            foreach (var value in new[] { "26.5", "26.6" })
            {
                await using var update = new NpgsqlCommand($"UPDATE observations SET value = {value} WHERE dataset_version_id = {result.VersionId}", editor, transaction);
                Assert.Equal(1, await update.ExecuteNonQueryAsync());
            }
            // Not yet committed: nothing announced, nothing another session could count.
            Assert.False(await listener.WaitAsync(TimeSpan.FromMilliseconds(300)));
            Assert.Equal(writesBefore, await db.CountAsync("SELECT count(*) FROM observation_writes"));
            await transaction.CommitAsync();
        }

        while (await listener.WaitAsync(TimeSpan.FromMilliseconds(500))) { }
        Assert.Single(listener.Received);
        Assert.Equal(writesBefore + 1, await db.CountAsync("SELECT count(*) FROM observation_writes"));
    }

    [Fact]
    public async Task A_hand_edit_made_through_an_editions_partition_is_noticed_like_one_made_through_observations()
    {
        var result = await new DatasetLoader(db.ConnectionString).LoadAsync(Datasets.GeneratedFile(Datasets.Scratch("test-partition-edit"),
            _files.Csv(Rate("S12000019", "2017/2018", "26.1"))));
        Assert.Equal(1, await db.CountAsync("SELECT count(*) FROM disclosure_rule"));
        await using var listener = await ChangeListener.OpenAsync(db.ConnectionString);
        var writesBefore = await db.CountAsync("SELECT count(*) FROM observation_writes");

        // The edition's partition named directly, as someone in psql might: its parent's statement triggers do not fire.
        await db.ExecuteSqlAsync($"""
            INSERT INTO observations_edition_{result.VersionId}
                (indicator_code, area_code, period_type, period_label, period_start, period_end, sex, age_band_code, value, status, dataset_version_id)
            SELECT indicator_code, 'S12000036', period_type, period_label, period_start, period_end, sex, age_band_code, 2, status, dataset_version_id
            FROM observations_edition_{result.VersionId}
            """);

        while (await listener.WaitAsync(TimeSpan.FromMilliseconds(500))) { }
        Assert.Single(listener.Received);
        Assert.Equal(writesBefore + 1, await db.CountAsync("SELECT count(*) FROM observation_writes"));
        Assert.Equal(0, await db.CountAsync("SELECT count(*) FROM disclosure_rule"));
    }

    /// <summary>A session listening on the data-change channel, and the channels of the notifications it has received.</summary>
    private sealed class ChangeListener : IAsyncDisposable
    {
        private readonly NpgsqlConnection _connection;

        private ChangeListener(NpgsqlConnection connection)
        {
            _connection = connection;
            _connection.Notification += (_, e) => Received.Add(e.Channel);
        }

        public List<string> Received { get; } = [];

        public static async Task<ChangeListener> OpenAsync(string connectionString)
        {
            // Unpooled: a pooled connection keeps listening while idle in the pool (Npgsql resets it only when it is next
            // used), so the next test's listener could be handed a notification meant for an earlier one.
            var listener = new ChangeListener(new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString));
            await listener._connection.OpenAsync();
            await using var listen = new NpgsqlCommand($"LISTEN {AnalyticsDatabase.DataChangedChannel}", listener._connection);
            await listen.ExecuteNonQueryAsync();
            return listener;
        }

        /// <summary>Waits for a notification; false when none came in the time given.</summary>
        public Task<bool> WaitAsync(TimeSpan timeout) => _connection.WaitAsync(timeout);

        public ValueTask DisposeAsync() => _connection.DisposeAsync();
    }
}
