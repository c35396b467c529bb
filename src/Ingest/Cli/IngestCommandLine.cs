using System.CommandLine;

namespace CommunityJustice.Analytics.Ingest.Cli;

public static class IngestCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Loads published community justice statistics into the CommunityJustice.Analytics database.")
        {
            CommonOptions.Database,
            MigrateCommand.Create(),
            LoadCommand.Create(),
            RunCommand.Create(),
            DatasetsCommand.Create(),
        };
        return root;
    }
}
