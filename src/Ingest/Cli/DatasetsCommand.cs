using System.CommandLine;
using System.Globalization;
using CommunityJustice.Analytics.Ingest.Catalog;
using CommunityJustice.Analytics.Ingest.Sources;
using CommunityJustice.Analytics.Model;
using Npgsql;
using Spectre.Console;

namespace CommunityJustice.Analytics.Ingest.Cli;

internal static class DatasetsCommand
{
    public static Command Create()
    {
        var mirror = CommonOptions.Mirror();
        var manifestsFolder = CommonOptions.Manifests();
        var command = new Command("datasets", "List the dataset manifests and the editions loaded of each") { mirror, manifestsFolder };
        CliAction.Set(command, async (parse, cancellationToken) =>
        {
            var manifests = ManifestCatalog.Load(parse.GetValue(manifestsFolder));
            var mirrorFolder = MirrorFolder.Resolve(parse.GetValue(mirror));
            var manifestTable = new Table().Border(TableBorder.Rounded).Title($"Datasets (manifests in {Markup.Escape(ManifestCatalog.DefaultFolder())}{(parse.GetValue(manifestsFolder) is { Length: > 0 } extra ? $" and {Markup.Escape(Path.GetFullPath(extra))}" : "")})")
                .AddColumn("Code").AddColumn("Edition").AddColumn("Format").AddColumn("Mirror copy").AddColumn("Title (publisher)");
            foreach (var m in manifests)
            {
                var present = mirrorFolder is not null && File.Exists(Path.Combine(mirrorFolder, m.MirrorPath));
                manifestTable.AddRow(Markup.Escape(m.Code), m.EditionDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), m.Format,
                    m.TranscribedFromText ? "[blue]none: transcribed from published text[/]" : present ? "[green]yes[/]" : "[yellow]no: downloads[/]", Markup.Escape($"{m.Title} ({m.Publisher})"));
            }
            AnsiConsole.Write(manifestTable);

            var database = parse.GetValue(CommonOptions.Database) ?? Environment.GetEnvironmentVariable(AnalyticsDatabase.UrlVariable);
            if (string.IsNullOrWhiteSpace(database))
            {
                AnsiConsole.MarkupLine($"[grey]No database given (set {AnalyticsDatabase.UrlVariable} or --database), so loaded editions are not listed.[/]");
                return 0;
            }

            var loaded = new Table().Border(TableBorder.Rounded).Title("Loaded editions")
                .AddColumn("Dataset").AddColumn("Version").AddColumn("Edition").AddColumn("Latest").AddColumn("Loaded at (UTC)")
                .AddColumn(new TableColumn("Read").RightAligned()).AddColumn(new TableColumn("Loaded").RightAligned())
                .AddColumn(new TableColumn("Rejected").RightAligned()).AddColumn("SHA-256");
            await using var connection = new NpgsqlConnection(AnalyticsDatabase.ToConnectionString(database));
            await connection.OpenAsync(cancellationToken);
            await using var query = new NpgsqlCommand("""
                SELECT dataset_code, id, edition_date, is_latest, loaded_at, rows_read, rows_loaded, rows_rejected, file_sha256
                FROM dataset_versions ORDER BY dataset_code, edition_date DESC, id DESC
                """, connection);
            await using var rows = await query.ExecuteReaderAsync(cancellationToken);
            while (await rows.ReadAsync(cancellationToken))
            {
                loaded.AddRow(Markup.Escape(rows.GetString(0)), $"{rows.GetInt32(1)}", rows.GetFieldValue<DateOnly>(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    rows.GetBoolean(3) ? "[green]yes[/]" : "", rows.GetFieldValue<DateTimeOffset>(4).UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    $"{rows.GetInt64(5):N0}", $"{rows.GetInt64(6):N0}", $"{rows.GetInt64(7):N0}", rows.GetString(8)[..12] + "…");
            }
            AnsiConsole.Write(loaded);
            return 0;
        });
        return command;
    }
}
