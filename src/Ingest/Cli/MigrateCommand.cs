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
            var options = new DbContextOptionsBuilder<AnalyticsDbContext>().UseAnalyticsDatabase(CommonOptions.ConnectionString(parse)).Options;
            await using var db = new AnalyticsDbContext(options);
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            await AnalyticsDatabase.MigrateAsync(db, cancellationToken);
            if (pending.Count == 0) AnsiConsole.MarkupLine("Database schema is up to date; no migrations to apply.");
            else AnsiConsole.MarkupLineInterpolated($"Applied {pending.Count} migration(s): {string.Join(", ", pending)}.");
            return 0;
        });
        return command;
    }
}
