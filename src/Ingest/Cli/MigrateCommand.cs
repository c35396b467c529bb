using System.CommandLine;
using CommunityJustice.Analytics.Model;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace CommunityJustice.Analytics.Ingest.Cli;

internal static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Create or update the database schema and reference data (EF Core migrations)");
        CliAction.Set(command, async (parse, cancellationToken) =>
        {
            await MigrateAsync(CommonOptions.ConnectionString(parse), cancellationToken);
            return 0;
        });
        return command;
    }

    /// <summary>Applies pending migrations and syncs the catalogue; shared by `migrate` and `run --migrate`/`watch --migrate`.</summary>
    public static async Task MigrateAsync(string connectionString, CancellationToken cancellationToken)
    {
        var options = new DbContextOptionsBuilder<AnalyticsDbContext>().UseAnalyticsDatabase(connectionString).Options;
        await using var db = new AnalyticsDbContext(options);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await AnalyticsDatabase.MigrateAsync(db, cancellationToken);
        if (pending.Count == 0) AnsiConsole.MarkupLine("Database schema is up to date; no migrations to apply.");
        else AnsiConsole.MarkupLineInterpolated($"Applied {pending.Count} migration(s): {string.Join(", ", pending)}.");
    }

    public static Option<bool> Option() => new("--migrate")
    {
        Description = "Apply database migrations and sync the reference catalogue first (as `ingest migrate`)",
    };
}
