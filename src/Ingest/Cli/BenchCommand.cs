using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CommunityJustice.Analytics.Ingest.Benchmarks;
using CommunityJustice.Analytics.Ingest.Catalog;
using CommunityJustice.Analytics.Ingest.Loading;
using CommunityJustice.Analytics.Model;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Spectre.Console;

namespace CommunityJustice.Analytics.Ingest.Cli;

/// <summary>
/// `ingest bench`: writes a synthetic tidy CSV of N rows to a temporary folder, loads it through the
/// real loader (validation on, one transaction) into a fresh database, and `psql \copy`s the same
/// file into a bare table of the same columns on the same server, then reports both rates, their
/// ratio and the loader's peak resident memory.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var rows = new Option<long>("--rows") { Description = "Data rows in the synthetic file", DefaultValueFactory = _ => 1_000_000 };
        var folder = new Option<string?>("--folder") { Description = "Where to write the synthetic file (default: a new folder under the system temp folder, deleted afterwards)" };
        var keep = new Option<bool>("--keep") { Description = "Keep the synthetic file and the benchmark database" };
        var command = new Command("bench", "Benchmark the loader against psql \\copy on a synthetic reconviction-shaped file") { rows, folder, keep };
        CliAction.Set(command, async (parse, cancellationToken) =>
        {
            var server = new NpgsqlConnectionStringBuilder(CommonOptions.ConnectionString(parse));
            var n = parse.GetValue(rows);
            var keepAll = parse.GetValue(keep);
            var ownFolder = parse.GetValue(folder) is not { Length: > 0 };
            var dir = ownFolder ? Path.Combine(Path.GetTempPath(), "cja-bench-" + Guid.NewGuid().ToString("N")) : Path.GetFullPath(parse.GetValue(folder)!);
            Directory.CreateDirectory(dir);
            var file = Path.Combine(dir, $"synthetic-tidy-{n}.csv");
            var database = new NpgsqlConnectionStringBuilder(server.ConnectionString)
            {
                Database = "cja_bench_" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture), Pooling = false, ApplicationName = "cja-bench",
            };
            try
            {
                var clock = Stopwatch.StartNew();
                var bytes = await SyntheticTidyCsv.WriteAsync(file, n, cancellationToken);
                Say($"wrote {n:N0} synthetic rows ({bytes / 1048576.0:F0} MiB) to {file} in {clock.Elapsed.TotalSeconds:F1} s");

                await AdminAsync(server, $"CREATE DATABASE \"{database.Database}\"", cancellationToken);
                var options = new DbContextOptionsBuilder<AnalyticsDbContext>().UseAnalyticsDatabase(database.ConnectionString).Options;
                await using (var db = new AnalyticsDbContext(options)) await AnalyticsDatabase.MigrateAsync(db, cancellationToken);
                await using (var connection = new NpgsqlConnection(database.ConnectionString))
                {
                    await connection.OpenAsync(cancellationToken);
                    await using var create = new NpgsqlCommand(
                        "CREATE TABLE bench_copy (feature_code text, date_code text, measurement text, units text, value numeric, gender text, age text)", connection);
                    await create.ExecuteNonQueryAsync(cancellationToken);
                }
                Say($"created and migrated database {database.Database}");

                var copySeconds = await PsqlCopyAsync(database, file, cancellationToken);
                Say($"psql \\copy: {n:N0} rows in {copySeconds:F1} s");

                var manifest = ManifestCatalog.Find(ManifestCatalog.LoadBundled(), "reconvictions") with
                {
                    Code = "bench-synthetic",
                    Title = "Synthetic benchmark rows (not statistics)",
                    MirrorPath = Path.GetFileName(file),
                };
                var rssBefore = ProcessMemory.ResidentKiB();
                ProcessMemory.ResetPeak();
                clock.Restart();
                var result = await new DatasetLoader(database.ConnectionString).LoadAsync(
                    new LoadRequest(manifest, file) { EditionDate = DateOnly.FromDateTime(DateTime.UtcNow), ReportFolder = dir }, cancellationToken);
                var loadSeconds = clock.Elapsed.TotalSeconds;
                var peak = ProcessMemory.PeakKiB();
                if (result.RowsLoaded != n) throw new IngestException($"the loader stored {result.RowsLoaded:N0} of {n:N0} rows");
                Say($"loader: {n:N0} rows in {loadSeconds:F1} s; its run log:");
                foreach (var line in await File.ReadAllLinesAsync(Path.Combine(result.ReportFolder!, RunReport.LogFile), cancellationToken)) Say("  " + line);

                var table = new Table().Border(TableBorder.Rounded).Title($"Ingest benchmark, {n:N0} rows")
                    .AddColumn("").AddColumn(new TableColumn("Seconds").RightAligned()).AddColumn(new TableColumn("Rows/s").RightAligned());
                table.AddRow("psql \\copy into a bare table", $"{copySeconds:F1}", $"{n / copySeconds:N0}");
                table.AddRow("ingest loader (validated, one transaction)", $"{loadSeconds:F1}", $"{n / loadSeconds:N0}");
                AnsiConsole.Write(table);
                var version = await ServerVersionAsync(database, cancellationToken);
                AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"ratio loader/\\copy: {copySeconds / loadSeconds:F2}; loader peak RSS (VmHWM) {peak / 1024.0:F0} MiB, RSS before the load {rssBefore / 1024.0:F0} MiB; " +
                    $"{Environment.ProcessorCount} CPUs; PostgreSQL {version}"));
                return 0;
            }
            finally
            {
                if (!keepAll)
                {
                    NpgsqlConnection.ClearAllPools();
                    await AdminAsync(server, $"DROP DATABASE IF EXISTS \"{database.Database}\" WITH (FORCE)", CancellationToken.None);
                    if (ownFolder) Directory.Delete(dir, recursive: true);
                    else File.Delete(file);
                }
            }
        });
        return command;
    }

    private static void Say(string message) => AnsiConsole.MarkupLineInterpolated($"[grey]{DateTime.Now:HH:mm:ss} {message}[/]");

    private static async Task AdminAsync(NpgsqlConnectionStringBuilder server, string sql, CancellationToken cancellationToken)
    {
        var admin = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<string> ServerVersionAsync(NpgsqlConnectionStringBuilder database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection.ServerVersion;
    }

    private static async Task<double> PsqlCopyAsync(NpgsqlConnectionStringBuilder database, string file, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("psql") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", database.Host!, "-p", database.Port.ToString(CultureInfo.InvariantCulture),
                     "-U", database.Username ?? "postgres", "-d", database.Database!,
                     "-c", $"\\copy bench_copy FROM '{file.Replace("'", "''", StringComparison.Ordinal)}' WITH (FORMAT csv, HEADER true)" })
            start.ArgumentList.Add(arg);
        if (database.Password is { } password) start.Environment["PGPASSWORD"] = password;
        var clock = Stopwatch.StartNew();
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new IngestException($"psql is needed for the comparison but could not be started: {e.Message}. Install the PostgreSQL client.");
        }
        using (process)
        {
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            var seconds = clock.Elapsed.TotalSeconds;
            if (process.ExitCode != 0) throw new IngestException($"psql \\copy failed ({process.ExitCode}): {await error}");
            return seconds;
        }
    }
}

/// <summary>The process's resident memory from /proc/self/status (Linux), in KiB; 0 elsewhere.</summary>
internal static class ProcessMemory
{
    public static long ResidentKiB() => Read("VmRSS:");

    public static long PeakKiB() => Read("VmHWM:");

    /// <summary>Resets VmHWM to the current RSS (Linux 4.0+: write 5 to /proc/self/clear_refs), so the peak measured is the load's.</summary>
    public static void ResetPeak()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        try { File.WriteAllText("/proc/self/clear_refs", "5"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    private static long Read(string field)
    {
        if (!File.Exists("/proc/self/status")) return 0;
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        return 0;
    }
}
