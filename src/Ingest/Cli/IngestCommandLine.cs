using System.CommandLine;

namespace CommunityJustice.Analytics.Ingest.Cli;

public static class IngestCommandLine
{
    public static RootCommand Build()
    {
        // Logs and CI output are read unwrapped; an 80-column guess would fold every table.
        if (Console.IsOutputRedirected) Spectre.Console.AnsiConsole.Profile.Width = 200;
        if (Console.IsErrorRedirected) CliAction.Error.Profile.Width = 200;
        var root = new RootCommand("Loads published community justice statistics into the CommunityJustice.Analytics database.")
        {
            CommonOptions.Database,
            MigrateCommand.Create(),
            LoadCommand.Create(),
            RunCommand.Create(),
            DatasetsCommand.Create(),
            ValidateCommand.Create(),
            BenchCommand.Create(),
            WatchCommand.Create(),
            KeysCommand.Create(),
            OperationsCommand.Create(),
            PlansCommand.Create(),
            DisclosureCommand.Create(),
        };
        return root;
    }
}
