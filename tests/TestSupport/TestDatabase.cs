using System.Collections.Concurrent;
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
/// <remarks>
/// A subclass that needs data (e.g. every bundled dataset) names a <see cref="TemplateKey"/> and
/// seeds it in <see cref="SeedTemplateAsync"/>: the seeded database is built once per test process
/// and each fixture gets a copy with CREATE DATABASE … TEMPLATE, which takes well under a second
/// however much data the template holds.
/// </remarks>
public class TestDatabase : IAsyncLifetime
{
    private static readonly Lazy<string> ServerConnectionString = new(FindServer);
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Templates = new();

    public string ConnectionString { get; private set; } = "";
    public string DatabaseName { get; } = $"cja_test_{Guid.NewGuid():N}"[..30];

    /// <summary>Names the seeded template to copy; null for an empty migrated database.</summary>
    protected virtual string? TemplateKey => null;

    /// <summary>Loads the template's data; called once per test process for each <see cref="TemplateKey"/>.</summary>
    protected virtual Task SeedTemplateAsync(string connectionString) => Task.CompletedTask;

    public AnalyticsDbContext CreateContext() =>
        new(new DbContextOptionsBuilder<AnalyticsDbContext>().UseAnalyticsDatabase(ConnectionString).Options);

    public virtual async Task InitializeAsync()
    {
        if (TemplateKey is { } key)
        {
            var template = await Templates.GetOrAdd(key, k => new Lazy<Task<string>>(() => BuildTemplateAsync(k))).Value;
            await ExecuteAdminAsync($"CREATE DATABASE \"{DatabaseName}\" TEMPLATE \"{template}\"");
            ConnectionString = ConnectionStringFor(DatabaseName);
            return;
        }

        await ExecuteAdminAsync($"CREATE DATABASE \"{DatabaseName}\"");
        ConnectionString = ConnectionStringFor(DatabaseName);
        await using var db = CreateContext();
        await AnalyticsDatabase.MigrateAsync(db);
    }

    public virtual async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAdminAsync($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)");
    }

    public async Task ExecuteSqlAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private async Task<string> BuildTemplateAsync(string key)
    {
        await DropTemplatesOfEndedProcessesAsync();
        var name = $"cja_tpl_{key}_{Environment.ProcessId}";
        await ExecuteAdminAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        await ExecuteAdminAsync($"CREATE DATABASE \"{name}\"");
        // No pooling: a template must have no open connections when it is copied.
        var connectionString = new NpgsqlConnectionStringBuilder(ConnectionStringFor(name)) { Pooling = false }.ConnectionString;
        await using (var db = new AnalyticsDbContext(new DbContextOptionsBuilder<AnalyticsDbContext>().UseAnalyticsDatabase(connectionString).Options))
        {
            await AnalyticsDatabase.MigrateAsync(db);
        }
        await SeedTemplateAsync(connectionString);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { ExecuteAdminAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").GetAwaiter().GetResult(); }
            catch (NpgsqlException) { } // the next run's clean-up will take it
        };
        return name;
    }

    /// <summary>Templates are named after the test process that built them; drop those whose process is gone.</summary>
    private static async Task DropTemplatesOfEndedProcessesAsync()
    {
        var stale = new List<string>();
        await using (var admin = new NpgsqlConnection(AdminConnectionString()))
        {
            await admin.OpenAsync();
            await using var list = new NpgsqlCommand("SELECT datname FROM pg_database WHERE datname LIKE 'cja\\_tpl\\_%'", admin);
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var name = reader.GetString(0);
                if (int.TryParse(name[(name.LastIndexOf('_') + 1)..], out var pid) && !Directory.Exists($"/proc/{pid}")) stale.Add(name);
            }
        }
        foreach (var name in stale) await ExecuteAdminAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString.Value) { Database = database }.ConnectionString;

    private static async Task ExecuteAdminAsync(string sql)
    {
        await using var admin = new NpgsqlConnection(AdminConnectionString());
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
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
