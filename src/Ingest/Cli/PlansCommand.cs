using System.CommandLine;
using System.Text;
using CommunityJustice.Analytics.Ingest.PlanFiles;
using Spectre.Console;

namespace CommunityJustice.Analytics.Ingest.Cli;

/// <summary>`ingest plans validate|load FILE...`: CJOIP plan files (docs/plan-template.md) as editions of their plans.</summary>
internal static class PlansCommand
{
    public static Command Create()
    {
        var command = new Command("plans", "Check and load CJOIP plan files (YAML, docs/plan-template.md)");
        command.Subcommands.Add(Validate());
        command.Subcommands.Add(Load());
        return command;
    }

    private static Argument<string[]> Files() => new("files") { Description = "Plan files (.yaml)", Arity = ArgumentArity.OneOrMore };

    private static Command Validate()
    {
        var files = Files();
        var command = new Command("validate", "Check plan files against the model's reference data (no database); every problem with its line") { files };
        CliAction.Set(command, async (parse, ct) =>
        {
            var reference = PlanReference.FromModel();
            foreach (var file in parse.GetValue(files)!)
            {
                var plan = PlanFileReader.Read(file, Encoding.UTF8.GetString(await ReadAsync(file, ct)), reference);
                AnsiConsole.MarkupLineInterpolated($"[green]ok[/] {file}: {plan.PartnershipCode} {plan.Period}, {plan.Items.Sum(i => i.Kpis.Count)} KPIs, {plan.Items.Sum(i => i.Actions.Count)} actions");
            }
            return 0;
        });
        return command;
    }

    private static Command Load()
    {
        var files = Files();
        var dryRun = CommonOptions.DryRun();
        var command = new Command("load", "Store each plan file as a new edition of its plan (each file one transaction; a refused file writes nothing)") { files, dryRun };
        CliAction.Set(command, async (parse, ct) =>
        {
            await using var db = KeysCommand.Open(parse);
            foreach (var file in parse.GetValue(files)!)
            {
                if (!File.Exists(file)) throw new IngestException($"'{file}' does not exist.");
                var result = await PlanFileLoader.LoadAsync(db, file, parse.GetValue(dryRun), ct);
                db.ChangeTracker.Clear();
                if (result.AlreadyLoaded)
                    AnsiConsole.MarkupLineInterpolated($"{file}: already loaded as edition {result.EditionId} of {result.PartnershipCode} {result.Period} ({result.EditionDate:yyyy-MM-dd}); nothing written");
                else
                    AnsiConsole.MarkupLineInterpolated($"[green]{(parse.GetValue(dryRun) ? "checked (dry run, rolled back)" : "loaded")}[/] {file}: {result.PartnershipCode} {result.Period} edition {result.EditionDate:yyyy-MM-dd}{(result.IsLatest ? " (latest)" : " (an earlier edition than one stored)")}, {result.Kpis} KPIs, {result.Actions} actions");
            }
            return 0;
        });
        return command;
    }

    private static async Task<byte[]> ReadAsync(string file, CancellationToken ct) =>
        File.Exists(file) ? await File.ReadAllBytesAsync(file, ct) : throw new IngestException($"'{file}' does not exist.");
}
