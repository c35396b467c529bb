using System.CommandLine;
using System.Globalization;
using CommunityJustice.Analytics.Ingest.Sources;
using CommunityJustice.Analytics.Model;

namespace CommunityJustice.Analytics.Ingest.Cli;

/// <summary>Options several commands share, and how their values become settings.</summary>
internal static class CommonOptions
{
    public static readonly Option<string?> Database = new("--database")
    {
        Description = $"PostgreSQL connection: a postgres:// URL or an Npgsql connection string (default: ${AnalyticsDatabase.UrlVariable})",
        Recursive = true,
    };

    public static Option<string?> Mirror() => new("--mirror")
    {
        Description = $"Folder holding the published files (default: ${MirrorFolder.Variable}, else ../shared/data beside the checkout)",
    };

    public static Option<string?> Manifests() => new("--manifests")
    {
        Description = $"A folder of your own dataset manifests, read beside the catalogue's (${Catalog.ManifestCatalog.Variable}, else src/Ingest/Datasets in a clone, else the copy beside the executable); read at each run, no rebuild",
    };

    public static Option<string?> Output() => new("--output")
    {
        Description = "Folder for run logs and reject reports (default: .local/ingest-runs in the checkout)",
    };

    public static Option<long> MaxRejects() => new("--max-rejects")
    {
        Description = "Rejected rows tolerated per file; more and the load is rolled back",
        DefaultValueFactory = _ => 0,
        Validators = { r => { if (r.GetValueOrDefault<long>() < 0) r.AddError("--max-rejects cannot be negative."); } },
    };

    public static Option<bool> DryRun() => new("--dry-run")
    {
        Description = "Read, check and stage everything, then roll back",
    };

    public static Option<DateOnly?> Edition() => new("--edition")
    {
        Description = "Publication date of this edition (yyyy-mm-dd); needed when the file is not the one the manifest describes",
        CustomParser = r =>
        {
            var text = r.Tokens.Single().Value;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
            r.AddError($"--edition must be a date written yyyy-mm-dd, not '{text}'.");
            return null;
        },
    };

    /// <summary>The disclosure rule the environment sets (the same settings the API reads), refused with a clear message when malformed.</summary>
    public static Model.Disclosure.DisclosureRules DisclosureRules()
    {
        try
        {
            return Model.Disclosure.DisclosureRules.FromEnvironment();
        }
        catch (InvalidOperationException e)
        {
            throw new IngestException($"{e.Message} Nothing was loaded.");
        }
    }

    public static string ConnectionString(ParseResult parse)
    {
        var value = parse.GetValue(Database) ?? Environment.GetEnvironmentVariable(AnalyticsDatabase.UrlVariable);
        if (string.IsNullOrWhiteSpace(value))
            throw new IngestException($"No database given: set {AnalyticsDatabase.UrlVariable} (e.g. export {AnalyticsDatabase.UrlVariable}=$(scripts/postgres.sh start)) or pass --database.");
        return AnalyticsDatabase.ToConnectionString(value);
    }

    public static string OutputFolder(ParseResult parse, Option<string?> output) =>
        parse.GetValue(output) is { Length: > 0 } folder ? Path.GetFullPath(folder) : MirrorFolder.LocalFolder("ingest-runs");
}
