using System.CommandLine;
using CommunityJustice.Analytics.Ingest.Catalog;
using CommunityJustice.Analytics.Ingest.Loading;

namespace CommunityJustice.Analytics.Ingest.Cli;

internal static class LoadCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The file to load" }.AcceptExistingOnly();
        var dataset = new Option<string>("--dataset") { Description = "Code of the dataset manifest that describes the file", Required = true };
        var manifests = CommonOptions.Manifests();
        var edition = CommonOptions.Edition();
        var maxRejects = CommonOptions.MaxRejects();
        var dryRun = CommonOptions.DryRun();
        var output = CommonOptions.Output();
        var command = new Command("load", "Load one file as an edition of a dataset, in one transaction") { file, dataset, manifests, edition, maxRejects, dryRun, output };

        CliAction.Set(command, async (parse, cancellationToken) =>
        {
            var manifest = ManifestCatalog.Find(ManifestCatalog.Load(parse.GetValue(manifests)), parse.GetRequiredValue(dataset));
            var loader = new DatasetLoader(CommonOptions.ConnectionString(parse), CommonOptions.DisclosureRules());
            var request = new LoadRequest(manifest, parse.GetRequiredValue(file).FullName)
            {
                EditionDate = parse.GetValue(edition),
                MaxRejects = parse.GetValue(maxRejects),
                DryRun = parse.GetValue(dryRun),
                ReportFolder = CommonOptions.OutputFolder(parse, output),
            };
            var result = await Output.WithProgressAsync(manifest.Code,
                progress => loader.LoadAsync(request with { Progress = progress }, cancellationToken));
            Output.Summary([(manifest.Code, result, null)]);
            return 0;
        });
        return command;
    }
}
