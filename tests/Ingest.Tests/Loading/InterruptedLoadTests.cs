using CommunityJustice.Analytics.Ingest.Loading;
using CommunityJustice.Analytics.Ingest.Tests.Support;
using CommunityJustice.Analytics.TestSupport;
using Npgsql;
using Xunit;

namespace CommunityJustice.Analytics.Ingest.Tests.Loading;

/// <summary>
/// A load stopped part-way (cancelled, or its connection killed) leaves the previous state intact, and a re-run completes.
/// Stopped between its two commits: InterruptedLoadTests.Stored.cs.
/// </summary>
public abstract partial class InterruptedLoadTests(TestDatabase db) : IAsyncLifetime
{
    private readonly TempFiles _files = new();
    private DatabaseSnapshot _before = null!;

    public async Task InitializeAsync()
    {
        _before = await DatabaseSnapshot.AfterAnEarlierEditionAsync(db, _files);
    }

    public Task DisposeAsync()
    {
        _files.Dispose();
        return Task.CompletedTask;
    }

    protected async Task A_load_cancelled_mid_way_stores_nothing_and_a_rerun_succeeds()
    {
        using var cancellation = new CancellationTokenSource();
        long seen = 0;
        var request = new LoadRequest(Datasets.Reconvictions, Datasets.ReconvictionsFile)
        {
            RequireManifestChecksum = true,
            Progress = rows => { seen = rows; if (rows >= 3000) cancellation.Cancel(); },
        };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new DatasetLoader(db.ConnectionString).LoadAsync(request, cancellation.Token));
        Assert.InRange(seen, 3000, 6915);
        Assert.Equal(_before, await DatabaseSnapshot.TakeAsync(db));

        await RerunCompletesAsync();
    }

    protected async Task A_load_whose_connection_is_killed_mid_way_stores_nothing_and_a_rerun_succeeds()
    {
        var databaseName = new NpgsqlConnectionStringBuilder(db.ConnectionString).Database;
        var killed = 0;
        var request = new LoadRequest(Datasets.Reconvictions, Datasets.ReconvictionsFile)
        {
            RequireManifestChecksum = true,
            Progress = rows =>
            {
                if (rows < 3000 || killed > 0) return;
                using var admin = new NpgsqlConnection(db.ConnectionString);
                admin.Open();
                using var kill = new NpgsqlCommand(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'cja-ingest' AND datname = @db AND pid <> pg_backend_pid()", admin);
                kill.Parameters.AddWithValue("db", databaseName!);
                killed = Convert.ToInt32(kill.ExecuteScalar());
            },
        };
        await Assert.ThrowsAnyAsync<Exception>(() => new DatasetLoader(db.ConnectionString).LoadAsync(request));
        Assert.Equal(1, killed);
        NpgsqlConnection.ClearAllPools();
        Assert.Equal(_before, await DatabaseSnapshot.TakeAsync(db));

        await RerunCompletesAsync();
    }

    private async Task RerunCompletesAsync()
    {
        var result = await new DatasetLoader(db.ConnectionString).LoadAsync(new LoadRequest(Datasets.Reconvictions, Datasets.ReconvictionsFile) { RequireManifestChecksum = true });
        Assert.True(result.Outcome == LoadOutcome.Loaded || result.Outcome == LoadOutcome.Unchanged);
        Assert.Equal(6916, result.RowsLoaded);
        Assert.Equal(6916 + 2, await db.CountAsync("SELECT count(*) FROM observations"));
        Assert.Equal(result.VersionId, (int)await db.CountAsync("SELECT id FROM dataset_versions WHERE dataset_code = 'reconvictions' AND is_latest"));
    }
}

public class CancelledLoadTests(TestDatabase db) : InterruptedLoadTests(db), IClassFixture<TestDatabase>
{
    [Fact]
    public Task Cancelled_mid_way() => A_load_cancelled_mid_way_stores_nothing_and_a_rerun_succeeds();
}

public class KilledLoadTests(TestDatabase db) : InterruptedLoadTests(db), IClassFixture<TestDatabase>
{
    [Fact]
    public Task Connection_killed_mid_way() => A_load_whose_connection_is_killed_mid_way_stores_nothing_and_a_rerun_succeeds();
}
