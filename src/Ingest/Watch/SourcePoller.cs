using System.Globalization;
using CommunityJustice.Analytics.Ingest.Loading;
using Npgsql;

namespace CommunityJustice.Analytics.Ingest.Watch;

public enum PollOutcome
{
    /// <summary>304: unchanged since the last poll; nothing downloaded, nothing loaded.</summary>
    NotModified,
    /// <summary>Downloaded, but a file with the same content is already loaded for the dataset.</summary>
    Unchanged,
    /// <summary>A new edition was loaded.</summary>
    Loaded,
    /// <summary>Downloaded and validated, then rolled back (--dry-run).</summary>
    DryRun,
    Failed,
}

public sealed record PollResult(WatchSource Source, PollOutcome Outcome, string Message)
{
    public int Attempts { get; init; }
    public LoadResult? Load { get; init; }
    public Exception? Exception { get; init; }
}

/// <summary>How each load of a polled file is made.</summary>
public sealed record WatchLoadSettings
{
    public long MaxRejects { get; init; }
    public bool DryRun { get; init; }
    public string? ReportFolder { get; init; }
}

/// <summary>
/// One poll of one source: a conditional GET, and when the content is new, a load through the
/// ordinary <see cref="DatasetLoader"/> (one transaction; a file whose SHA-256 is loaded is skipped).
/// The edition date is the manifest's when the file is the one it describes, else the response's
/// Last-Modified date, else today — the message says which.
/// </summary>
public sealed class SourcePoller(string connectionString, ResilientDownloader downloader, WatchState state, string cacheFolder,
    WatchLoadSettings load, TimeProvider? time = null)
{
    private readonly DatasetLoader _loader = new(connectionString);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<PollResult> PollAsync(WatchSource source, CancellationToken cancellationToken)
    {
        var partial = Path.Combine(cacheFolder, source.Dataset, $"download-{Guid.NewGuid():N}.part");
        try
        {
            // Ask "if changed" only when what was last seen is still loaded (a reset database gets the file again).
            var validators = state.Get(source) is { } seen && await IsLoadedAsync(source.Dataset, seen.Sha256, cancellationToken) ? seen : null;
            var download = await downloader.GetAsync(source.Dataset, source.Url, validators, partial, cancellationToken);
            switch (download.Status)
            {
                case DownloadStatus.Failed:
                    return new PollResult(source, PollOutcome.Failed, $"GET {source.Url} failed: {download.Error}") { Attempts = download.Attempts };
                case DownloadStatus.NotModified:
                    state.Set(source, validators! with { CheckedAt = _time.GetUtcNow() });
                    return new PollResult(source, PollOutcome.NotModified,
                        $"304 Not Modified ({(validators!.ETag is { } e ? $"ETag {e}" : $"Last-Modified {validators.LastModified:R}")}): nothing to load")
                    { Attempts = download.Attempts };
            }

            var target = Path.Combine(cacheFolder, source.Dataset, download.Sha256!, source.Manifest.FileName);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(partial, target, overwrite: true);

            var (edition, editionFrom) = download.Sha256 == source.Manifest.Sha256
                ? (source.Manifest.EditionDate, "the manifest's edition date: the file is the one it describes")
                : download.LastModified is { } modified
                    ? (DateOnly.FromDateTime(modified.UtcDateTime), $"from the response's Last-Modified, {modified:R}")
                    : (DateOnly.FromDateTime(_time.GetLocalNow().DateTime), "today: the response has no Last-Modified");
            var result = await _loader.LoadAsync(new LoadRequest(source.Manifest, target)
            {
                EditionDate = edition, MaxRejects = load.MaxRejects, DryRun = load.DryRun, ReportFolder = load.ReportFolder,
            }, cancellationToken);

            if (result.Outcome != LoadOutcome.DryRun)
                state.Set(source, new SourceValidators { ETag = download.ETag, LastModified = download.LastModified, Sha256 = download.Sha256!, CheckedAt = _time.GetUtcNow() });
            var size = download.Length.ToString("N0", CultureInfo.InvariantCulture);
            var message = result.Outcome switch
            {
                LoadOutcome.Unchanged => $"200, {size} bytes, sha256 {Short(download.Sha256!)}: already loaded as version {result.VersionId}; nothing to load",
                LoadOutcome.DryRun => $"200, {size} bytes: dry run of edition {edition:yyyy-MM-dd} ({editionFrom}): {result.RowsRead:N0} rows read, {result.RowsRejected:N0} rejected, rolled back",
                _ => $"200, {size} bytes, sha256 {Short(download.Sha256!)}: loaded edition {edition:yyyy-MM-dd} ({editionFrom}) as version {result.VersionId}: " +
                     $"{result.RowsLoaded:N0} rows loaded, {result.RowsRejected:N0} rejected",
            };
            var outcome = result.Outcome switch { LoadOutcome.Unchanged => PollOutcome.Unchanged, LoadOutcome.DryRun => PollOutcome.DryRun, _ => PollOutcome.Loaded };
            return new PollResult(source, outcome, message) { Attempts = download.Attempts, Load = result };
        }
        catch (Exception e) when (e is IngestException or NpgsqlException or IOException or UnauthorizedAccessException && !cancellationToken.IsCancellationRequested)
        {
            var why = e switch
            {
                PostgresException { SqlState: PostgresErrorCodes.UndefinedTable } p => $"the database is not migrated ({p.MessageText}): run `ingest migrate` or pass --migrate",
                PostgresException p => $"the database refused the load: {p.MessageText} (SQLSTATE {p.SqlState}); nothing was stored",
                NpgsqlException n => $"cannot reach the database: {n.Message}",
                _ => e.Message,
            };
            return new PollResult(source, PollOutcome.Failed, why) { Exception = e, Load = (e as TooManyRejectsException)?.Result };
        }
        finally
        {
            if (File.Exists(partial)) File.Delete(partial);
        }
    }

    private static string Short(string sha256) => sha256[..12] + "…";

    private async Task<bool> IsLoadedAsync(string dataset, string sha256, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM dataset_versions WHERE dataset_code = @code AND file_sha256 = @sha)", connection);
        command.Parameters.AddWithValue("code", dataset);
        command.Parameters.AddWithValue("sha", sha256);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
