using System.CommandLine;
using CommunityJustice.Analytics.Ingest.Loading;
using Npgsql;
using Spectre.Console;

namespace CommunityJustice.Analytics.Ingest.Cli;

/// <summary>Runs a command's body and turns failures into one clear paragraph and a non-zero exit code.</summary>
internal static class CliAction
{
    public const int Failed = 1;
    public const int Cancelled = 130;
    private const int InternalError = 70;

    public static IAnsiConsole Error { get; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    public static void Set(Command command, Func<ParseResult, CancellationToken, Task<int>> body) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                return await body(parse, cancellationToken);
            }
            catch (TooManyRejectsException e)
            {
                Output.Rejects(e.Result);
                return Fail(e.Message);
            }
            catch (IngestException e)
            {
                return Fail(e.Message);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
            {
                return Fail($"The database is not migrated ({e.MessageText}): run `ingest migrate` first.");
            }
            catch (PostgresException e)
            {
                return Fail($"The database refused the operation: {e.MessageText} (SQLSTATE {e.SqlState}). The transaction was rolled back; nothing was stored.");
            }
            catch (NpgsqlException e)
            {
                return Fail($"Cannot reach the database: {e.Message}. Check DATABASE_URL or --database, and that the server is running (scripts/postgres.sh start).");
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Fail("Cancelled. Nothing from the interrupted load was stored.");
                return Cancelled;
            }
            catch (Exception e)
            {
                Error.WriteException(e);
                return InternalError;
            }
        });

    public static int Fail(string message)
    {
        // Redirected output (logs, CI, scripts) gets the paragraph on one line, unwrapped, so it can be grepped.
        if (Console.IsErrorRedirected) Console.Error.WriteLine($"error: {message}");
        else Error.MarkupLineInterpolated($"[red]error:[/] {message}");
        return Failed;
    }
}
