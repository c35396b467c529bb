using System.CommandLine;
using CommunityJustice.Analytics.Ingest.Catalog;
using CommunityJustice.Analytics.Ingest.Loading;
using CommunityJustice.Analytics.Ingest.Sources;

namespace CommunityJustice.Analytics.Ingest.Cli;

internal static class RunCommand
{
    public static Command Create()
    {
        var dataset = new Option<string?>("--dataset") { Description = "Load only this dataset (default: every manifest in the catalogue and --manifests)" };
        var manifestsFolder = CommonOptions.Manifests();
        var mirror = CommonOptions.Mirror();
        var cache = new Option<string?>("--cache") { Description = "Folder for downloaded files (default: .local/ingest-cache in the checkout)" };
        var maxRejects = CommonOptions.MaxRejects();
        var dryRun = CommonOptions.DryRun();
        var output = CommonOptions.Output();
        var migrate = MigrateCommand.Option();
        var command = new Command("run", "Load every bundled dataset from the mirror (or its official address), skipping files already loaded")
        {
            dataset, manifestsFolder, mirror, cache, maxRejects, dryRun, output, migrate,
        };

        CliAction.Set(command, async (parse, cancellationToken) =>
        {
            var all = ManifestCatalog.Load(parse.GetValue(manifestsFolder));
            var manifests = parse.GetValue(dataset) is { } code ? ManifestCatalog.FindAll(all, code) : all;
            var connectionString = CommonOptions.ConnectionString(parse);
            if (parse.GetValue(migrate)) await MigrateCommand.MigrateAsync(connectionString, cancellationToken);
            var rules = CommonOptions.DisclosureRules();
            if (!parse.GetValue(dryRun)) await DisclosureCommand.EnsureCurrentAsync(connectionString, rules, cancellationToken);
            var files = new SourceFileStore(MirrorFolder.Resolve(parse.GetValue(mirror)),
                parse.GetValue(cache) is { Length: > 0 } folder ? Path.GetFullPath(folder) : MirrorFolder.LocalFolder("ingest-cache"));
            var loader = new DatasetLoader(connectionString, rules);
            var loads = new List<(string, LoadResult?, string?)>();
            var failures = 0;

            foreach (var manifest in manifests)
            {
                try
                {
                    var path = await files.GetAsync(manifest, cancellationToken);
                    var request = new LoadRequest(manifest, path)
                    {
                        RequireManifestChecksum = true,
                        MaxRejects = parse.GetValue(maxRejects),
                        DryRun = parse.GetValue(dryRun),
                        ReportFolder = CommonOptions.OutputFolder(parse, output),
                    };
                    loads.Add((manifest.Code, await Output.WithProgressAsync(manifest.Code, p => loader.LoadAsync(request with { Progress = p }, cancellationToken)), null));
                }
                catch (IngestException e)
                {
                    // One bad dataset must not stop the others; the run still exits non-zero.
                    failures++;
                    if (e is TooManyRejectsException rejects) Output.Rejects(rejects.Result);
                    CliAction.Fail($"{manifest.Code}: {e.Message}");
                    loads.Add((manifest.Code, (e as TooManyRejectsException)?.Result, e.Message));
                }
            }

            Output.Summary(loads);
            return failures == 0 ? 0 : CliAction.Failed;
        });
        return command;
    }
}
