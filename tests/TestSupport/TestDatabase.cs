using System.Diagnostics;
using CommunityJustice.Analytics.Model;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit;

namespace CommunityJustice.Analytics.TestSupport;

/// <summary>
/// A fresh, migrated PostgreSQL database for one test class (use as an xunit class fixture),
/// dropped afterwards. The server comes from DATABASE_URL, or from scripts/postgres.sh, which
/// starts the project-local cluster when none is running. Never an in-memory stand-in.
/// </summary>
public class TestDatabase : IAsyncLifetime
{
    private static readonly Lazy<string> ServerConnectionString = new(FindServer);

    public string ConnectionString { get; private set; } = "";
    public string DatabaseName { get; } = $"cja_test_{Guid.NewGuid():N}"[..30];

    public AnalyticsDbContext CreateContext() =>
        new(new DbContextOptionsBuilder<AnalyticsDbContext>().UseAnalyticsDatabase(ConnectionString).Options);

    public virtual async Task InitializeAsync()
    {
        await using (var admin = new NpgsqlConnection(AdminConnectionString()))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{DatabaseName}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        ConnectionString = new NpgsqlConnectionStringBuilder(ServerConnectionString.Value) { Database = DatabaseName }.ConnectionString;
        await using var db = CreateContext();
        await AnalyticsDatabase.MigrateAsync(db);
    }

    public virtual async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(AdminConnectionString());
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    public async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private static string AdminConnectionString() =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString.Value) { Database = "postgres", Pooling = false }.ConnectionString;

    private static string FindServer()
    {
        var url = Environment.GetEnvironmentVariable(AnalyticsDatabase.UrlVariable);
        if (string.IsNullOrWhiteSpace(url))
        {
            var script = Path.Combine(RepositoryPaths.Root, "scripts", "postgres.sh");
            var start = new ProcessStartInfo("bash", [script, "start"]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start) ?? throw new InvalidOperationException("could not run scripts/postgres.sh");
            url = process.StandardOutput.ReadToEnd().Trim();
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0 || url.Length == 0)
                throw new InvalidOperationException($"scripts/postgres.sh start failed ({process.ExitCode}): {errors}");
        }
        return AnalyticsDatabase.ToConnectionString(url);
    }
}
