using CommunityJustice.Analytics.Ingest.Loading;
using CommunityJustice.Analytics.Ingest.Tests.Support;
using CommunityJustice.Analytics.TestSupport;
using Npgsql;
using Xunit;
using static CommunityJustice.Analytics.Ingest.Tests.Support.TempFiles;

namespace CommunityJustice.Analytics.Ingest.Tests.Loading;

/// <summary>
/// A load commits the file's rows first and publishes them in a second transaction. A load that loses its connection in
/// between leaves what readers see unchanged; the next run of the same file publishes the stored rows without reading the
/// file again, and a run of any other file of the dataset drops them.
/// </summary>
public abstract partial class InterruptedLoadTests
{
    protected async Task A_load_cut_off_after_storing_its_rows_changes_nothing_readers_see_and_the_next_run_publishes_them_without_reading_the_file()
    {
        await CutOffAfterStoringAsync(new LoadRequest(Datasets.Reconvictions, Datasets.ReconvictionsFile) { RequireManifestChecksum = true });
        Assert.Equal(_before, await DatabaseSnapshot.TakeAsync(db));
        Assert.Equal(1, await db.CountAsync("SELECT count(*) FROM stored_editions WHERE dataset_code = 'reconvictions'"));
        var storedTable = $"observations_edition_{await db.CountAsync("SELECT dataset_version_id FROM stored_editions")}";
        Assert.Equal(6916, await db.CountAsync($"SELECT count(*) FROM {storedTable}"));

        long rowsReadAgain = 0;
        var rerun = await new DatasetLoader(db.ConnectionString).LoadAsync(
            new LoadRequest(Datasets.Reconvictions, Datasets.ReconvictionsFile) { RequireManifestChecksum = true, Progress = rows => rowsReadAgain = rows });

        Assert.Equal(LoadOutcome.Loaded, rerun.Outcome);
        Assert.True(rerun.Resumed);
        Assert.Equal(0, rowsReadAgain);
        Assert.Equal(6916, rerun.RowsLoaded);
        Assert.Equal(6916 + 2, await db.CountAsync("SELECT count(*) FROM observations"));
        Assert.Equal(rerun.VersionId, (int)await db.CountAsync("SELECT id FROM dataset_versions WHERE dataset_code = 'reconvictions' AND is_latest"));
        Assert.Equal(0, await db.CountAsync("SELECT count(*) FROM stored_editions"));
        Assert.Equal(1, await db.CountAsync($"SELECT count(*) FROM pg_inherits WHERE inhrelid = '{storedTable}'::regclass AND inhparent = 'observations'::regclass"));
    }

    protected async Task Rows_stored_by_a_load_that_did_not_finish_are_dropped_by_the_next_load_of_another_file()
    {
        await CutOffAfterStoringAsync(new LoadRequest(Datasets.Reconvictions, Datasets.ReconvictionsFile) { RequireManifestChecksum = true });
        var storedTable = $"observations_edition_{await db.CountAsync("SELECT dataset_version_id FROM stored_editions")}";

        var other = _files.Csv(Rate("S92000003", "2018/2019", "27.0"));
        var result = await new DatasetLoader(db.ConnectionString).LoadAsync(new LoadRequest(Datasets.Reconvictions, other) { EditionDate = new(2020, 5, 28) });

        Assert.Equal(LoadOutcome.Loaded, result.Outcome);
        Assert.False(result.Resumed);
        Assert.Equal(0, await db.CountAsync("SELECT count(*) FROM stored_editions"));
        Assert.Equal(0, await db.CountAsync($"SELECT count(*) FROM pg_class WHERE relname = '{storedTable}'"));
        Assert.Equal(2 + 1, await db.CountAsync("SELECT count(*) FROM observations"));
    }

    /// <summary>
    /// Runs the load while another session holds dataset_versions in SHARE mode, which lets it store its rows and commit but
    /// makes it wait as it starts to publish; its connection is then terminated, as a crash or a network failure would.
    /// </summary>
    private async Task CutOffAfterStoringAsync(LoadRequest request)
    {
        await using var blocker = new NpgsqlConnection(db.ConnectionString);
        await blocker.OpenAsync();
        await using var blocking = await blocker.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE dataset_versions IN SHARE MODE", blocker, blocking)) await lockTable.ExecuteNonQueryAsync();

        var load = new DatasetLoader(db.ConnectionString).LoadAsync(request);
        var waiting = 0L;
        for (var i = 0; i < 1200 && !load.IsCompleted && waiting == 0; i++)
        {
            waiting = await db.CountAsync("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'cja-ingest' AND datname = current_database() " +
                                          "AND wait_event_type = 'Lock' AND query LIKE 'LOCK TABLE dataset_versions%'");
            if (waiting == 0) await Task.Delay(50);
        }
        Assert.True(waiting == 1, $"the load never waited to publish; it ended as {load.Status}: {load.Exception?.GetBaseException().Message}");
        Assert.Equal(1, await db.CountAsync("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'cja-ingest' AND datname = current_database()"));
        await Assert.ThrowsAnyAsync<Exception>(() => load);
        await blocking.RollbackAsync();
        NpgsqlConnection.ClearAllPools();
    }
}

public class ResumedPublishTests(TestDatabase db) : InterruptedLoadTests(db), IClassFixture<TestDatabase>
{
    [Fact]
    public Task The_next_run_of_the_same_file_publishes_the_stored_rows() =>
        A_load_cut_off_after_storing_its_rows_changes_nothing_readers_see_and_the_next_run_publishes_them_without_reading_the_file();
}

public class AbandonedStoreTests(TestDatabase db) : InterruptedLoadTests(db), IClassFixture<TestDatabase>
{
    [Fact]
    public Task The_next_load_of_another_file_drops_the_stored_rows() => Rows_stored_by_a_load_that_did_not_finish_are_dropped_by_the_next_load_of_another_file();
}
