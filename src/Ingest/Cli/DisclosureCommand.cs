using System.CommandLine;
using CommunityJustice.Analytics.Model.Disclosure;
using Npgsql;
using Spectre.Console;

namespace CommunityJustice.Analytics.Ingest.Cli;

/// <summary>`ingest disclosure decide`: takes every disclosure decision again, e.g. after changing the threshold or the catalogue.</summary>
internal static class DisclosureCommand
{
    public static Command Create()
    {
        var decide = new Command("decide",
            $"Decide again which figures the public view withholds, over every loaded table, with the rule the environment sets " +
            $"({DisclosureRules.ThresholdVariable}, default {DisclosureRules.DefaultThreshold}; {DisclosureRules.ProtectionLevelVariable}, default the threshold). " +
            "Loads decide for the tables they touch by themselves; this is for a changed rule or catalogue.");
        CliAction.Set(decide, async (parse, cancellationToken) =>
        {
            var rules = CommonOptions.DisclosureRules();
            await using var connection = new NpgsqlConnection(CommonOptions.ConnectionString(parse));
            await connection.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var run = await DisclosureDecisions.DecideAsync(connection, transaction, rules, editionId: null, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            Report(run, rules);
            return 0;
        });
        return new Command("disclosure", "Disclosure control's stored decisions (docs/disclosure-control.md)") { decide };
    }

    /// <summary>Decides everything again when the stored decisions were taken with another rule; `run` calls it first.</summary>
    public static async Task EnsureCurrentAsync(string connectionString, DisclosureRules rules, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        if (await DisclosureDecisions.EnsureCurrentAsync(connection, rules, cancellationToken) is { } run) Report(run, rules);
    }

    private static void Report(DecisionRun run, DisclosureRules rules) =>
        AnsiConsole.MarkupLineInterpolated(
            $"Disclosure decisions taken for {run.Scope} (threshold {rules.Threshold}, protection level {rules.ProtectionLevel}): {run.CellsRead:N0} figures in tables with counts of people, {run.Primary:N0} withheld by primary and {run.Secondary:N0} by secondary suppression{run.SearchSummary}, in {run.Elapsed.TotalSeconds:F1} s.");
}
