using System.CommandLine;
using System.Globalization;
using CommunityJustice.Analytics.Model.Access;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace CommunityJustice.Analytics.Ingest.Cli;

/// <summary>`ingest operations register FOLDER|FILE...` and `ingest operations list`: the API's persisted operations.</summary>
internal static class OperationsCommand
{
    public static Command Create()
    {
        var command = new Command("operations", "Register GraphQL documents as persisted operations (callable by id) and list them");
        command.Subcommands.Add(Register());
        command.Subcommands.Add(List());
        return command;
    }

    private static Command Register()
    {
        var paths = new Argument<string[]>("paths") { Description = "Folders (every *.graphql file in them and below) or .graphql files", Arity = ArgumentArity.OneOrMore };
        var command = new Command("register", "Register every .graphql file in the folders given; prints each file's id (sha256:<hex> of its text)") { paths };
        CliAction.Set(command, async (parse, ct) =>
        {
            var files = new List<string>();
            foreach (var path in parse.GetValue(paths)!)
            {
                if (Directory.Exists(path)) files.AddRange(Directory.EnumerateFiles(path, "*.graphql", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
                else if (File.Exists(path)) files.Add(path);
                else throw new IngestException($"'{path}' is neither a folder nor a file.");
            }
            if (files.Count == 0) throw new IngestException("No .graphql files found.");
            await using var db = KeysCommand.Open(parse);
            var table = new Table().Border(TableBorder.Rounded).Title("Registered operations").AddColumn("Id (documentId)").AddColumn("File").AddColumn("New");
            foreach (var file in files)
            {
                // The id is the hash of the file's exact text: clients send that text's hash (or the id) unchanged.
                var text = await File.ReadAllTextAsync(file, ct);
                var id = ApiKeyFormat.DocumentId(text);
                var known = await db.PersistedOperations.AnyAsync(p => p.Id == id, ct);
                if (!known) db.PersistedOperations.Add(new PersistedOperation { Id = id, Document = text, Source = Path.GetFileName(file), RegisteredAt = DateTimeOffset.UtcNow });
                table.AddRow(id, Markup.Escape(Path.GetRelativePath(Environment.CurrentDirectory, file)), known ? "" : "[green]yes[/]");
            }
            await db.SaveChangesAsync(ct);
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List the registered operations");
        CliAction.Set(command, async (parse, ct) =>
        {
            await using var db = KeysCommand.Open(parse);
            var table = new Table().Border(TableBorder.Rounded).Title("Registered operations").AddColumn("Id (documentId)").AddColumn("Source").AddColumn("Registered (UTC)");
            foreach (var p in await db.PersistedOperations.AsNoTracking().OrderBy(p => p.RegisteredAt).ThenBy(p => p.Id).ToListAsync(ct))
                table.AddRow(p.Id, Markup.Escape(p.Source ?? ""), p.RegisteredAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }
}
