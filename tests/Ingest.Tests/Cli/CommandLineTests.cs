using System.Diagnostics;
using CommunityJustice.Analytics.Ingest.Tests.Support;
using CommunityJustice.Analytics.TestSupport;
using Xunit;
using static CommunityJustice.Analytics.Ingest.Tests.Support.TempFiles;

namespace CommunityJustice.Analytics.Ingest.Tests.Cli;

/// <summary>The ingest executable as users run it: exit codes, messages, and what lands in the database.</summary>
public class CommandLineTests(TestDatabase db) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static async Task<(int ExitCode, string Out, string Error)> IngestAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ingest.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment.Remove("DATABASE_URL");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    [Fact]
    public async Task Migrate_run_and_datasets_work_and_a_second_run_skips_the_unchanged_file()
    {
        var migrate = await IngestAsync("migrate", "--database", db.ConnectionString);
        Assert.True(migrate.ExitCode == 0, migrate.Error);
        Assert.Contains("up to date", migrate.Out);

        var first = await IngestAsync("run", "--mirror", RepositoryPaths.DataMirror, "--output", _files.Folder, "--database", db.ConnectionString);
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("reconvictions", first.Out);
        Assert.Contains("loaded", first.Out);
        Assert.Equal(6916, await db.CountAsync("SELECT count(*) FROM (SELECT * FROM observations WHERE dataset_version_id IN (SELECT id FROM dataset_versions WHERE dataset_code = 'reconvictions')) observations"));
        var snapshot = await DatabaseSnapshot.TakeAsync(db);

        var second = await IngestAsync("run", "--dataset", "reconvictions", "--mirror", RepositoryPaths.DataMirror, "--output", _files.Folder, "--database", db.ConnectionString);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Contains("unchanged, skipped", second.Out);
        Assert.Equal(snapshot, await DatabaseSnapshot.TakeAsync(db));

        var datasets = await IngestAsync("datasets", "--database", db.ConnectionString);
        Assert.True(datasets.ExitCode == 0, datasets.Error);
        Assert.Contains("reconvictions", datasets.Out);
        Assert.Contains("2021-03-25", datasets.Out);
    }

    [Fact]
    public async Task A_truncated_file_fails_with_its_rejects_and_no_stack_trace()
    {
        var path = _files.Write(string.Join("\n", Header, Rate("S12000019", "2017/2018", "26")) + "\n" + Rate("S12000010", "2017/2018", "20")[..15]);
        var before = await DatabaseSnapshot.TakeAsync(db);

        var (exitCode, _, error) = await IngestAsync("load", path, "--dataset", "reconvictions", "--edition", "2024-01-31", "--output", _files.Folder, "--database", db.ConnectionString);

        Assert.Equal(1, exitCode);
        Assert.Contains("1 of 2 rows rejected", error);
        Assert.Contains("line 3: has 2 fields, expected 7 (truncated or ragged line)", error);
        Assert.Contains("stored data is unchanged", error);
        Assert.DoesNotContain("   at ", error);
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(db));
        var report = Assert.Single(Directory.GetFiles(_files.Folder, "rejects.csv", SearchOption.AllDirectories));
        Assert.Contains("3,\"has 2 fields, expected 7 (truncated or ragged line)\"", File.ReadAllText(report));
    }

    [Fact]
    public async Task User_errors_exit_non_zero_with_one_clear_message()
    {
        var path = _files.Csv(Rate("S12000019", "2017/2018", "26"));

        var unknown = await IngestAsync("load", path, "--dataset", "no-such-dataset", "--database", db.ConnectionString);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("No dataset manifest has the code 'no-such-dataset'", unknown.Error);

        var noDatabase = await IngestAsync("load", path, "--dataset", "reconvictions", "--edition", "2024-01-31");
        Assert.Equal(1, noDatabase.ExitCode);
        Assert.Contains("No database given", noDatabase.Error);

        var badDate = await IngestAsync("load", path, "--dataset", "reconvictions", "--edition", "31/01/2024", "--database", db.ConnectionString);
        Assert.NotEqual(0, badDate.ExitCode);
        Assert.Contains("yyyy-mm-dd", badDate.Error);

        var missingFile = await IngestAsync("load", Path.Combine(_files.Folder, "absent.csv"), "--dataset", "reconvictions", "--database", db.ConnectionString);
        Assert.NotEqual(0, missingFile.ExitCode);

        foreach (var run in new[] { unknown, noDatabase, badDate, missingFile }) Assert.DoesNotContain("   at ", run.Error);
    }

    [Fact]
    public async Task A_dry_run_reports_what_would_load_and_writes_nothing()
    {
        var before = await DatabaseSnapshot.TakeAsync(db);
        var path = _files.Csv(Rate("S12000019", "2015/2016", "26"), Rate("S12000010", "2015/2016", "20"));
        var (exitCode, output, error) = await IngestAsync("load", path, "--dataset", "reconvictions", "--edition", "2024-01-31", "--dry-run", "--output", _files.Folder, "--database", db.ConnectionString);
        Assert.True(exitCode == 0, error);
        Assert.Contains("dry run, rolled back", output);
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(db));
    }
}
