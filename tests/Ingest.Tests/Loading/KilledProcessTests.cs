using System.Diagnostics;
using CommunityJustice.Analytics.Ingest.Benchmarks;
using CommunityJustice.Analytics.Ingest.Loading;
using CommunityJustice.Analytics.Ingest.Tests.Support;
using CommunityJustice.Analytics.TestSupport;
using Npgsql;
using Xunit;

namespace CommunityJustice.Analytics.Ingest.Tests.Loading;

/// <summary>
/// The real `ingest` executable, killed with SIGKILL while rows stream into the database: the server
/// rolls the open transaction back, the stored data is as it was, and a re-run loads the file.
/// </summary>
public class KilledProcessTests(TestDatabase db) : IClassFixture<TestDatabase>, IDisposable
{
    private const long Rows = 400_000;
    private const long RowsBeforeKill = 1_000;
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Killing_the_ingest_process_mid_load_leaves_the_database_unchanged_and_a_rerun_completes()
    {
        var before = await DatabaseSnapshot.AfterAnEarlierEditionAsync(db, _files);
        var big = Path.Combine(_files.Folder, "synthetic-large.csv");
        await SyntheticTidyCsv.WriteAsync(big, Rows, CancellationToken.None);

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "ingest.dll"), "load", big, "--dataset", "reconvictions", "--edition", "2024-01-31",
                     "--output", _files.Folder, "--database", db.ConnectionString })
            start.ArgumentList.Add(arg);
        start.Environment.Remove("DATABASE_URL");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();

        // Wait (bounded) until the load's COPY into observations is running, then kill -9.
        var streaming = false;
        for (var i = 0; i < 600 && !process.HasExited && !streaming; i++)
        {
            streaming = await CountAsync("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'cja-ingest' " +
                                         "AND state = 'active' AND query LIKE 'COPY observations%'") > 0;
            if (!streaming) await Task.Delay(50);
        }
        Assert.True(streaming, $"the load never reached its COPY; exit {(process.HasExited ? process.ExitCode : -1)}: {(process.HasExited ? await error : "")}");
        // Wait (bounded) until the server has taken rows of that COPY (its progress view counts them), so the kill lands mid-load.
        long copied = 0;
        for (var i = 0; i < 600 && !process.HasExited && copied < RowsBeforeKill; i++)
        {
            copied = await CountAsync("SELECT coalesce(max(p.tuples_processed), 0) FROM pg_stat_progress_copy p JOIN pg_stat_activity a ON a.pid = p.pid " +
                                      "WHERE a.datname = current_database() AND a.application_name = 'cja-ingest'");
            if (copied < RowsBeforeKill) await Task.Delay(20);
        }
        Assert.True(copied >= RowsBeforeKill, $"the COPY never took {RowsBeforeKill} rows (saw {copied}); exit {(process.HasExited ? process.ExitCode : -1)}");
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        await Task.WhenAll(output, error);
        Assert.NotEqual(0, process.ExitCode);

        // The server notices the dropped connection and rolls the transaction back; wait (bounded) for the backend to go.
        for (var i = 0; i < 200 && await CountAsync("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'cja-ingest'") > 0; i++)
            await Task.Delay(50);
        NpgsqlConnection.ClearAllPools();
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(db));

        var rerun = await new DatasetLoader(db.ConnectionString).LoadAsync(new LoadRequest(Datasets.Reconvictions, big) { EditionDate = new(2024, 1, 31) });
        Assert.Equal(LoadOutcome.Loaded, rerun.Outcome);
        Assert.Equal(Rows, rerun.RowsLoaded);
        Assert.Equal(Rows + 2, await db.CountAsync("SELECT count(*) FROM observations"));
        Assert.Equal(rerun.VersionId, (int)await db.CountAsync("SELECT id FROM dataset_versions WHERE dataset_code = 'reconvictions' AND is_latest"));
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db.ConnectionString) { ApplicationName = "cja-test", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
