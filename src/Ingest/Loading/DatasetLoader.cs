using System.Diagnostics;
using CommunityJustice.Analytics.Ingest.Formats;
using CommunityJustice.Analytics.Ingest.Formats.Geography;
using CommunityJustice.Analytics.Ingest.Manifests;
using CommunityJustice.Analytics.Ingest.Reading;
using CommunityJustice.Analytics.Model;
using CommunityJustice.Analytics.Model.Disclosure;
using Npgsql;

namespace CommunityJustice.Analytics.Ingest.Loading;

/// <summary>
/// Loads one file as one edition of a dataset, in a single transaction: either every row read is
/// stored (as an observation or as a reject with its line and reason) and the edition becomes the
/// dataset's latest, or nothing changes at all. The disclosure decisions the edition needs are taken in
/// the same transaction (<see cref="DisclosureDecisions"/>), so it becomes visible with them.
/// </summary>
/// <param name="rules">The disclosure rule; by default the one the environment sets (<see cref="DisclosureRules.FromEnvironment"/>).</param>
public sealed class DatasetLoader(string connectionString, DisclosureRules? rules = null)
{
    public const int ProgressInterval = 1000;

    private readonly string _connectionString = WithDefaults(connectionString);
    private readonly DisclosureRules _rules = rules ?? DisclosureRules.FromEnvironment();

    public async Task<LoadResult> LoadAsync(LoadRequest request, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var manifest = request.Manifest;
        var report = request.ReportFolder is null ? null : RunReport.Create(request.ReportFolder, manifest.Code);
        try
        {
            if (report is not null) await report.LogAsync($"dataset {manifest.Code}: loading {Path.GetFullPath(request.FilePath)}");
            var result = await LoadCoreAsync(request, report, clock, cancellationToken);
            result = result with { Elapsed = clock.Elapsed, ReportFolder = report?.Folder };
            if (report is not null && result.Outcome == LoadOutcome.Unchanged)
                await report.LogAsync($"unchanged, skipped: a file with sha256 {result.Sha256} is already loaded as version {result.VersionId}");
            else if (report is not null)
                await report.LogAsync($"{result.Outcome}: read {result.RowsRead}, loaded {result.RowsLoaded}, rejected {result.RowsRejected}; " +
                                      $"sha256 {result.Sha256}; encoding {result.Encoding}; edition {result.EditionDate:yyyy-MM-dd}; version {result.VersionId}; {clock.Elapsed.TotalSeconds:F1} s");
            return result;
        }
        catch (TooManyRejectsException e) when (report is not null)
        {
            await report.LogAsync($"FAILED: {e.Message}");
            throw new TooManyRejectsException(e.Result with { ReportFolder = report.Folder, Elapsed = clock.Elapsed }, request.MaxRejects);
        }
        catch (Exception e) when (report is not null)
        {
            await report.LogAsync($"FAILED ({e.GetType().Name}): {e.Message}");
            throw;
        }
        finally
        {
            if (report is not null) await report.DisposeAsync();
        }
    }

    private async Task<LoadResult> LoadCoreAsync(LoadRequest request, RunReport? report, Stopwatch clock, CancellationToken cancellationToken)
    {
        var manifest = request.Manifest;
        var format = SourceFormats.Find(manifest.Format);
        var file = format is null
            ? await InspectedFile.InspectAsync(request.FilePath, cancellationToken)
            : await format.InspectAsync(request.FilePath, manifest, cancellationToken);
        var isManifestFile = file.Sha256 == manifest.Sha256;
        if (!isManifestFile && request.RequireManifestChecksum)
            throw new IngestException($"{file.Path} has SHA-256 {file.Sha256}, but the manifest for '{manifest.Code}' expects {manifest.Sha256}: " +
                                      "the file is not the published edition the manifest describes (corrupted, edited or a newer edition). Nothing was loaded.");
        var edition = request.EditionDate ?? (isManifestFile
            ? manifest.EditionDate
            : throw new IngestException($"{file.Path} is not the edition the manifest for '{manifest.Code}' describes (SHA-256 {file.Sha256}); " +
                                        "give its publication date with --edition yyyy-mm-dd."));

        var result = new LoadResult
        {
            DatasetCode = manifest.Code, Outcome = LoadOutcome.Unchanged, FilePath = file.Path, Sha256 = file.Sha256,
            Encoding = format?.DescribeEncoding(file) ?? file.EncodingName, EditionDate = edition,
        };

        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        if (await FindLoadedAsync(connection, manifest.Code, file.Sha256, cancellationToken) is { } existing)
            return result with { VersionId = existing.Id, RowsRead = existing.Read, RowsLoaded = existing.Loaded, RowsRejected = existing.Rejected };

        // Serialise loads of one dataset for the whole load (both its commits), then look again: another load may have stored this file meanwhile.
        await using var datasetLock = await DatasetLock.AcquireAsync(connection, manifest.Code, cancellationToken);
        if (await FindLoadedAsync(connection, manifest.Code, file.Sha256, cancellationToken) is { } concurrent)
            return result with { VersionId = concurrent.Id, RowsRead = concurrent.Read, RowsLoaded = concurrent.Loaded, RowsRejected = concurrent.Rejected };

        if (format is GeographyLookupFormat)
        {
            await using var transaction = await BeginLoadTransactionAsync(connection, storing: false, cancellationToken);
            await AddIndicatorsAsync(connection, manifest, cancellationToken);
            return await LoadGeographyAsync(connection, transaction, file, edition, request, report, result, cancellationToken);
        }

        var load = new EditionLoad(format, file, edition, request, report, clock);
        foreach (var stored in await StoredEdition.FindAsync(connection, manifest.Code, cancellationToken))
        {
            if (!request.DryRun && stored.Sha256 == file.Sha256 && stored.EditionDate == edition)
            {
                if (report is not null)
                    await report.LogAsync($"the rows of this file were stored as version {stored.VersionId} at an earlier run that did not publish them: publishing them");
                if (await PublishStoredAsync(connection, load, stored, result, cancellationToken) is { } resumed) return resumed;
                continue;
            }
            await stored.DropAsync(connection, cancellationToken);
            if (report is not null)
                await report.LogAsync($"dropped version {stored.VersionId} ({stored.FileName}, sha256 {stored.Sha256}), stored by an earlier run that did not publish it");
        }
        return await StoreAndPublishAsync(connection, load, result, staging: false, cancellationToken)
               ?? await StoreAndPublishAsync(connection, load, result, staging: true, cancellationToken)
               ?? throw new UnreachableException("the staging path rejects every cell given twice, so its index build cannot meet one");
    }

    /// <summary>What every step of one load needs to know.</summary>
    private sealed record EditionLoad(ISourceFormat? Format, InspectedFile File, DateOnly Edition, LoadRequest Request, RunReport? Report, Stopwatch Clock)
    {
        public DatasetManifest Manifest => Request.Manifest;
    }

    /// <summary>
    /// Stores the file's rows in a new partition, then publishes them. A direct copy (rows straight into the partition) commits
    /// twice: once the rows are stored, and once they are published (<see cref="PublishAsync"/>); a dry run, and the staging
    /// path, do both in one transaction. Returns null, with nothing left behind, when the file gives a cell twice: only the
    /// staging path can say on which lines.
    /// </summary>
    private async Task<LoadResult?> StoreAndPublishAsync(NpgsqlConnection connection, EditionLoad load, LoadResult result, bool staging, CancellationToken cancellationToken)
    {
        var (request, manifest, report) = (load.Request, load.Manifest, load.Report);
        var commitStored = !staging && !request.DryRun;
        StoredEdition? committed = null;
        var transaction = await BeginLoadTransactionAsync(connection, storing: true, cancellationToken);
        try
        {
            // The edition's id is taken now so that its partition can be created before anything else is locked (see EditionPartition.CreateAsync).
            var versionId = await NewVersionIdAsync(connection, cancellationToken);
            var partition = await EditionPartition.CreateAsync(connection, versionId, cancellationToken);

            // Indicators the manifest brings are added first: the partition's rows refer to them.
            await AddIndicatorsAsync(connection, manifest, cancellationToken);

            // Reference data is read under SHARE locks (readers and other loads go on; changes to areas, aliases, age bands
            // or indicators wait for this commit), so every code resolved against it is still valid when the rows are stored;
            // the partition's foreign keys keep them so afterwards.
            await ExecuteAsync(connection, "LOCK TABLE areas, area_code_successions, area_aliases, age_bands, indicators IN SHARE MODE", cancellationToken);
            var reference = await ReferenceLookup.LoadAsync(connection, cancellationToken);
            // Opening the reader checks the header and the manifest's mapping before anything is written.
            await using var reader = await OpenAsync(load.Format, load.File, manifest, reference, cancellationToken);
            await using var spill = new RejectSpill();
            var phase = Stopwatch.StartNew();
            var rows = staging
                ? await CopyThroughStagingAsync(connection, partition, versionId, reader, request, report, phase, cancellationToken)
                : await CopyDirectAsync(connection, partition, versionId, reader, spill, request, report, cancellationToken);
            // Rows a reader drops on purpose (totals, out-of-scope categories), by reason, for the run log and the result.
            var skipped = (reader as IReportsSkippedRows)?.Skipped ?? new Dictionary<string, long>();
            if (report is not null)
                foreach (var (reason, count) in skipped) await report.LogAsync($"skipped {count} source row{(count == 1 ? "" : "s")}: {reason}");
            await LogPhaseAsync(report, $"stored {rows.Loaded} observations and {rows.Rejected} rejects", phase);

            result = result with
            {
                RowsRead = rows.Read,
                RowsRejected = rows.Rejected,
                Rejects = rows.Sample,
                RejectGroups = rows.Groups,
                Skipped = skipped.Count > 0 ? skipped : result.Skipped,
            };
            if (rows.Read == 0) throw new IngestException($"{load.File.Path} has a header but no data rows; nothing was loaded.");
            if (rows.Rejected > request.MaxRejects)
            {
                await transaction.RollbackAsync(cancellationToken);
                throw new TooManyRejectsException(result, request.MaxRejects);
            }
            if (rows.Loaded + rows.Rejected != rows.Read) throw new UnreachableException($"read {rows.Read} rows but loaded {rows.Loaded} and rejected {rows.Rejected}");

            var stored = new StoredEdition(versionId, manifest.Code, load.Edition, Path.GetFileName(load.File.Path), load.File.Sha256, rows.Read, rows.Loaded, rows.Rejected)
            { Skipped = skipped };
            await stored.RecordAsync(connection, staging ? null : spill, cancellationToken);
            if (commitStored)
            {
                await transaction.CommitAsync(cancellationToken);
                committed = stored;
                result = result with { StoredAfter = load.Clock.Elapsed };
                await LogPhaseAsync(report, $"committed the stored rows of version {versionId}; publishing them", phase);
                await transaction.DisposeAsync();
                transaction = await BeginLoadTransactionAsync(connection, storing: false, cancellationToken);
            }
            return await PublishAsync(connection, transaction, load, stored, rows.Extents, result, phase, cancellationToken);
        }
        catch (DuplicateCellsException) when (!staging)
        {
            await transaction.RollbackAsync(cancellationToken);
            if (committed is not null) await committed.DropAsync(connection, cancellationToken);
            if (report is not null)
                await report.LogAsync("a cell appears twice in the file: undid the direct copy to find the duplicate lines through a staging table");
            return null;
        }
        finally
        {
            await transaction.DisposeAsync();
        }
    }

    /// <summary>
    /// Publishes an edition a load stored and committed but did not publish (it died, or its connection was lost, in
    /// between): the file is not read again. Returns null, having dropped the stored rows, when they give a cell twice.
    /// </summary>
    private async Task<LoadResult?> PublishStoredAsync(NpgsqlConnection connection, EditionLoad load, StoredEdition stored, LoadResult result,
        CancellationToken cancellationToken)
    {
        await using var transaction = await BeginLoadTransactionAsync(connection, storing: false, cancellationToken);
        try
        {
            var rejects = await stored.ReadRejectsAsync(connection, cancellationToken);
            if (load.Report is { } report)
            {
                await report.BeginRejectsAsync();
                foreach (var reject in rejects) await report.RejectAsync(reject.Line, reject.Reason);
            }
            result = result with
            {
                RowsRead = stored.RowsRead,
                RowsRejected = stored.RowsRejected,
                Rejects = [.. rejects.Take(LoadResult.RejectSampleSize)],
                RejectGroups = RejectGroups.Of(rejects),
                Skipped = stored.Skipped,
                Resumed = true,
                StoredAfter = TimeSpan.Zero,
            };
            return await PublishAsync(connection, transaction, load, stored, extents: null, result, Stopwatch.StartNew(), cancellationToken);
        }
        catch (DuplicateCellsException)
        {
            await transaction.RollbackAsync(cancellationToken);
            await stored.DropAsync(connection, cancellationToken);
            return null;
        }
    }

    /// <summary>
    /// Makes stored rows an edition readers see, in one transaction: its dataset_versions row, the partition's keys, indexes
    /// and statistics built in bulk, its rejects, ATTACH, its areas and periods per indicator, the dataset's latest edition,
    /// and the disclosure decisions it needs (<see cref="DisclosureDecisions"/>). Commits, or rolls back for a dry run.
    /// </summary>
    private async Task<LoadResult> PublishAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, EditionLoad load, StoredEdition stored,
        ObservationCopy.CellExtents? extents, LoadResult result, Stopwatch phase, CancellationToken cancellationToken)
    {
        var partition = EditionPartition.Of(stored);
        await ExecuteAsync(connection, "SET LOCAL cja.storing_edition = 'off'", cancellationToken);
        // ATTACH adds the partition's foreign key to dataset_versions, which takes this lock: taken before the insert below
        // (ROW EXCLUSIVE) so that two loads publishing at once queue here instead of deadlocking.
        await ExecuteAsync(connection, "LOCK TABLE dataset_versions IN SHARE ROW EXCLUSIVE MODE", cancellationToken);
        await CreateVersionAsync(connection, stored, load.Manifest, cancellationToken);
        await partition.BuildIndexesAsync(connection, cancellationToken);
        await LogPhaseAsync(load.Report, "built the partition's keys and indexes and its statistics", phase);
        await stored.PublishRejectsAsync(connection, cancellationToken);
        await partition.AttachAsync(connection, cancellationToken);
        await LogPhaseAsync(load.Report, $"attached {partition.Table} to observations", phase);

        await RecordExtentsAsync(connection, partition, stored.VersionId, extents, cancellationToken);
        await MarkLoadedAsync(connection, stored.VersionId, stored.DatasetCode, stored.RowsRead, stored.RowsLoaded, stored.RowsRejected, cancellationToken);
        await LogPhaseAsync(load.Report, "counted areas and periods per indicator", phase);

        result = result with { VersionId = stored.VersionId, RowsLoaded = stored.RowsLoaded, Outcome = load.Request.DryRun ? LoadOutcome.DryRun : LoadOutcome.Loaded };
        if (load.Request.DryRun)
        {
            await transaction.RollbackAsync(cancellationToken);
            return result;
        }
        result = result with { Disclosure = await DecideAsync(connection, transaction, stored.VersionId, load.Report, phase, cancellationToken) };
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// A transaction of a load: it decides the figures it writes, so its writes are not edits by hand; and until it publishes
    /// (<see cref="PublishAsync"/>) what it changes is not announced (migration EditionsStoredBeforePublishing).
    /// </summary>
    private static async Task<NpgsqlTransaction> BeginLoadTransactionAsync(NpgsqlConnection connection, bool storing, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Not an edit by hand, which would make every stored disclosure decision out of date (trigger observations_edited):
        // the load decides the figures it writes (DecideAsync).
        await ExecuteAsync(connection, $"SET LOCAL cja.loading_edition = 'on'; SET LOCAL cja.storing_edition = '{(storing ? "on" : "off")}'", cancellationToken);
        return transaction;
    }

    /// <summary>
    /// Loads of one dataset wait for each other: a session-level advisory lock, held across a load's two commits, which the
    /// server releases by itself if the process dies.
    /// </summary>
    private sealed class DatasetLock(NpgsqlConnection connection, string code) : IAsyncDisposable
    {
        public static async Task<DatasetLock> AcquireAsync(NpgsqlConnection connection, string code, CancellationToken cancellationToken)
        {
            await ExecuteAsync(connection, "SELECT pg_advisory_lock(hashtext('cja-ingest:' || @code))", cancellationToken, ("code", code));
            return new DatasetLock(connection, code);
        }

        public async ValueTask DisposeAsync()
        {
            if (connection.State != System.Data.ConnectionState.Open) return;
            try
            {
                await ExecuteAsync(connection, "SELECT pg_advisory_unlock(hashtext('cja-ingest:' || @code))", CancellationToken.None, ("code", code));
            }
            catch (NpgsqlException)
            {
                // The connection broke: the server released the lock with the session.
            }
        }
    }

    private async Task<DecisionRun> DecideAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int? editionId, RunReport? report, Stopwatch phase,
        CancellationToken cancellationToken)
    {
        var run = await DisclosureDecisions.DecideAsync(connection, transaction, _rules, editionId, cancellationToken);
        await LogPhaseAsync(report, $"disclosure decisions for {run.Scope}: {run.CellsRead} cells read, {run.Primary} withheld by primary and {run.Secondary} by secondary suppression{run.SearchSummary}", phase);
        return run;
    }

    private static async Task<int> NewVersionIdAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        (int)await ScalarAsync<long>(connection, "SELECT nextval(pg_get_serial_sequence('dataset_versions', 'id'))", cancellationToken);

    private static Task CreateVersionAsync(NpgsqlConnection connection, StoredEdition stored, DatasetManifest manifest, CancellationToken cancellationToken) =>
        CreateVersionAsync(connection, stored.VersionId, manifest, stored.EditionDate, stored.FileName, stored.Sha256, cancellationToken);

    private static async Task CreateVersionAsync(NpgsqlConnection connection, int versionId, DatasetManifest manifest, DateOnly edition, string fileName, string sha256,
        CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, """
            INSERT INTO datasets (code, title, publisher, source_url, licence) VALUES (@code, @title, @publisher, @url, @licence)
            ON CONFLICT (code) DO UPDATE SET title = excluded.title, publisher = excluded.publisher, source_url = excluded.source_url, licence = excluded.licence
            """, cancellationToken,
            ("code", manifest.Code), ("title", manifest.Title), ("publisher", manifest.Publisher), ("url", manifest.SourceUrl), ("licence", manifest.Licence));
        await ExecuteAsync(connection, """
            INSERT INTO dataset_versions (id, dataset_code, edition_date, file_name, file_sha256, loaded_at, rows_read, rows_loaded, rows_rejected, is_latest)
            VALUES (@version, @code, @edition, @file, @sha, now(), 0, 0, 0, false)
            """, cancellationToken, ("version", versionId), ("code", manifest.Code), ("edition", edition), ("file", fileName), ("sha", sha256));
    }

    /// <summary>
    /// Areas and periods per indicator of the new edition (edition_indicator_extents), counted once here rather than
    /// by the API over every latest edition after each change of the data (its cost estimate and the editions a query
    /// names read them). The direct copy counts them as it writes the rows (<see cref="ObservationCopy.CellExtents"/>:
    /// sets bounded by the reference data and the file's periods, not by its rows), which spares a pass over the
    /// partition's rows (1.2-2.3 s per million rows); after the staging path they are counted from the partition.
    /// </summary>
    private static Task RecordExtentsAsync(NpgsqlConnection connection, EditionPartition partition, int versionId, ObservationCopy.CellExtents? extents,
        CancellationToken cancellationToken)
    {
        if (extents is null)
            return ExecuteAsync(connection, $"""
                INSERT INTO edition_indicator_extents (dataset_version_id, indicator_code, areas, periods)
                SELECT @version, indicator_code, count(DISTINCT area_code), count(DISTINCT (period_start, period_end))
                FROM (SELECT DISTINCT indicator_code, area_code, period_start, period_end FROM {partition.Table}) cells
                GROUP BY indicator_code
                """, cancellationToken, ("version", versionId));
        var counts = extents.Counts();
        return ExecuteAsync(connection, """
            INSERT INTO edition_indicator_extents (dataset_version_id, indicator_code, areas, periods)
            SELECT @version, indicator, areas, periods FROM unnest(@indicators, @areas, @periods) AS e(indicator, areas, periods)
            """, cancellationToken, ("version", versionId), ("indicators", counts.Select(c => c.Indicator).ToArray()),
            ("areas", counts.Select(c => c.Areas).ToArray()), ("periods", counts.Select(c => c.Periods).ToArray()));
    }

    /// <summary>Records the counts and makes the newest edition of the dataset its latest.</summary>
    private static Task MarkLoadedAsync(NpgsqlConnection connection, int versionId, string code, long read, long loaded, long rejected, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, """
            UPDATE dataset_versions SET rows_read = @read, rows_loaded = @loaded, rows_rejected = @rejected WHERE id = @version;
            UPDATE dataset_versions SET is_latest = false WHERE dataset_code = @code AND is_latest;
            UPDATE dataset_versions SET is_latest = true
            WHERE id = (SELECT id FROM dataset_versions WHERE dataset_code = @code ORDER BY edition_date DESC, id DESC LIMIT 1);
            """, cancellationToken,
            ("read", read), ("loaded", loaded), ("rejected", rejected), ("version", versionId), ("code", code));

    /// <summary>
    /// A geography lookup edition: areas and their hierarchy instead of figures (Formats/Geography, <see cref="GeographyStore"/>).
    /// The areas table is locked against other writers (SHARE ROW EXCLUSIVE: readers go on) for the length of the load.
    /// </summary>
    private async Task<LoadResult> LoadGeographyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, InspectedFile file, DateOnly edition,
        LoadRequest request, RunReport? report, LoadResult result, CancellationToken cancellationToken)
    {
        var manifest = request.Manifest;
        await ExecuteAsync(connection, "LOCK TABLE areas, area_hierarchy IN SHARE ROW EXCLUSIVE MODE; LOCK TABLE area_code_successions, area_aliases IN SHARE MODE", cancellationToken);
        var reference = await ReferenceLookup.LoadAsync(connection, cancellationToken);
        var phase = Stopwatch.StartNew();
        var lookup = await GeographyLookupFormat.ReadAsync(file, manifest, reference, cancellationToken);
        await LogPhaseAsync(report, $"read {lookup.RowsRead} rows: {lookup.Areas.Count} areas, {lookup.Links.Count} (area, containing area) pairs", phase);
        var groups = new RejectGroups();
        foreach (var (line, reason) in lookup.Rejects)
        {
            groups.Add(line, reason);
            if (report is not null) await report.RejectAsync(line, reason);
        }
        result = result with
        {
            RowsRead = lookup.RowsRead,
            RowsRejected = lookup.Rejects.Count,
            RejectGroups = groups.ToList(),
            Rejects = [.. lookup.Rejects.Take(LoadResult.RejectSampleSize).Select(r => new RejectedRow(r.Line, r.Reason))],
        };
        if (lookup.RowsRead == 0) throw new IngestException($"{file.Path} has a header but no data rows; nothing was loaded.");
        if (lookup.Rejects.Count > request.MaxRejects)
        {
            await transaction.RollbackAsync(cancellationToken);
            throw new TooManyRejectsException(result, request.MaxRejects);
        }

        var versionId = await NewVersionIdAsync(connection, cancellationToken);
        await CreateVersionAsync(connection, versionId, manifest, edition, Path.GetFileName(file.Path), file.Sha256, cancellationToken);
        var loaded = await GeographyStore.WriteAsync(connection, versionId, edition, lookup, cancellationToken);
        await MarkLoadedAsync(connection, versionId, manifest.Code, lookup.RowsRead, loaded, lookup.Rejects.Count, cancellationToken);
        await LogPhaseAsync(report, $"stored {lookup.Areas.Count} areas and {lookup.Links.Count} links", phase);
        result = result with { VersionId = versionId, RowsLoaded = loaded, Outcome = request.DryRun ? LoadOutcome.DryRun : LoadOutcome.Loaded };
        if (request.DryRun)
        {
            await transaction.RollbackAsync(cancellationToken);
            return result;
        }
        // New parents change which areas add up to which (Scotland = its councils): every table is decided again.
        result = result with { Disclosure = await DecideAsync(connection, transaction, editionId: null, report, phase, cancellationToken) };
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// Inserts the manifest's <c>indicators</c> whose codes are new; one whose code is already in the catalogue must define it
    /// the same way (title, unit, measure type, polarity), so a manifest cannot quietly redefine another dataset's indicator.
    /// </summary>
    private static async Task AddIndicatorsAsync(NpgsqlConnection connection, DatasetManifest manifest, CancellationToken cancellationToken)
    {
        foreach (var indicator in manifest.Indicators)
        {
            await using var command = Command(connection, """
                INSERT INTO indicators (code, title, description, measure_type, unit, polarity, national_indicator_code, national_aim_number)
                VALUES (@code, @title, @description, @measure, @unit, @polarity, @national, @aim)
                ON CONFLICT (code) DO NOTHING;
                SELECT title, unit, measure_type, polarity FROM indicators WHERE code = @code;
                """, [("code", indicator.Code), ("title", indicator.Title), ("description", indicator.Description ?? ""),
                    ("measure", indicator.MeasureType.ToString()), ("unit", indicator.Unit), ("polarity", indicator.Polarity.ToString()),
                    ("national", (object?)indicator.NationalIndicator ?? DBNull.Value), ("aim", (object?)indicator.NationalAim ?? DBNull.Value)]);
            try
            {
                await using var rows = await command.ExecuteReaderAsync(cancellationToken);
                await rows.ReadAsync(cancellationToken);
                var stored = (Title: rows.GetString(0), Unit: rows.GetString(1), Measure: rows.GetString(2), Polarity: rows.GetString(3));
                if (stored != (indicator.Title, indicator.Unit, indicator.MeasureType.ToString(), indicator.Polarity.ToString()))
                    throw new IngestException(
                        $"The manifest for '{manifest.Code}' defines indicator '{indicator.Code}' as \"{indicator.Title}\" ({indicator.Unit}; {indicator.MeasureType}, {indicator.Polarity}), " +
                        $"but the catalogue already has it as \"{stored.Title}\" ({stored.Unit}; {stored.Measure}, {stored.Polarity}). Use the catalogue's indicator without " +
                        "redefining it (remove it from the manifest's indicators), or give yours a new code. Nothing was loaded.");
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
            {
                throw new IngestException($"The manifest for '{manifest.Code}' defines indicator '{indicator.Code}' with a national indicator or aim the framework does not have " +
                                          $"({indicator.NationalIndicator ?? $"aim {indicator.NationalAim}"}). Nothing was loaded.", e);
            }
        }
    }

    /// <summary>What storing a file's rows gave: counts, the first rejects and their groups, and (direct copy) the extents counted while copying.</summary>
    private sealed record StoredRows(long Read, long Loaded, long Rejected, IReadOnlyList<RejectedRow> Sample, IReadOnlyList<RejectGroup> Groups,
        ObservationCopy.CellExtents? Extents);

    /// <summary>Rows go straight into the edition's new partition, unindexed; rejects into the spill.</summary>
    private static async Task<StoredRows> CopyDirectAsync(NpgsqlConnection connection, EditionPartition partition, int versionId, IRowSource reader, RejectSpill rejects,
        LoadRequest request, RunReport? report, CancellationToken cancellationToken)
    {
        // Per-row foreign-key triggers cost more than the COPY itself. Where the role may (superuser, or granted
        // SET on the parameter), they are switched off for this transaction only, and replaced by one check of
        // every distinct code written against the reference tables, which stay SHARE-locked until commit.
        var skipTriggers = await CanSkipTriggersAsync(connection, cancellationToken);
        if (skipTriggers) await ExecuteAsync(connection, "SET LOCAL session_replication_role = replica", cancellationToken);

        if (report is not null) await report.BeginRejectsAsync();
        var codes = new ObservationCopy.CodesUsed();
        var phase = Stopwatch.StartNew();
        var loaded = await ObservationCopy.CopyAsync(connection, partition.Table, versionId, reader.ReadAsync(cancellationToken), rejects,
            report is null ? null : report.RejectAsync, codes, request.Progress, ProgressInterval, cancellationToken);
        await LogPhaseAsync(report, $"copied {loaded} rows into {partition.Table}", phase);
        if (skipTriggers)
        {
            await ExecuteAsync(connection, "SET LOCAL session_replication_role = origin", cancellationToken);
            await CheckCodesAsync(connection, codes, cancellationToken);
            await LogPhaseAsync(report, "checked every code written", phase);
        }
        return new StoredRows(reader.RowsRead, loaded, rejects.Count, rejects.Sample, rejects.Groups.ToList(), codes.Extents);
    }

    /// <summary>The slower path, for files that give a cell twice: stage, mark later duplicates as rejects naming the first line, insert the rest.</summary>
    private static async Task<StoredRows> CopyThroughStagingAsync(NpgsqlConnection connection, EditionPartition partition, int versionId, IRowSource reader,
        LoadRequest request, RunReport? report, Stopwatch phase, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, StagingTable.CreateSql, cancellationToken);
        var staged = await StagingTable.CopyAsync(connection, reader.ReadAsync(cancellationToken), request.Progress, ProgressInterval, cancellationToken);
        if (staged != reader.RowsRead) throw new UnreachableException($"staged {staged} rows but read {reader.RowsRead}");
        await ExecuteAsync(connection, $"ANALYZE {StagingTable.Name}", cancellationToken);
        await LogPhaseAsync(report, $"read and staged {staged} rows", phase);
        await ExecuteAsync(connection, StagingTable.MarkDuplicatesSql, cancellationToken);
        var (rejected, sample, groups) = await ReadRejectsAsync(connection, report, cancellationToken);
        await LogPhaseAsync(report, $"checked for duplicate cells; {rejected} rejects in all", phase);
        if (rejected > request.MaxRejects) return new StoredRows(reader.RowsRead, 0, rejected, sample, groups, null);

        long loaded = await ExecuteAsync(connection, StagingTable.InsertObservationsSql(partition.Table), cancellationToken, ("version", versionId));
        return new StoredRows(reader.RowsRead, loaded, rejected, sample, groups, null);
    }

    private static Task<IRowSource> OpenAsync(ISourceFormat? format, InspectedFile file, DatasetManifest manifest, ReferenceLookup reference, CancellationToken cancellationToken) =>
        format?.OpenAsync(file, manifest, reference, cancellationToken)
        ?? throw new IngestException($"The manifest for '{manifest.Code}' has format '{manifest.Format}', which this worker cannot read.");

    private static async Task<bool> CanSkipTriggersAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var sql = connection.PostgreSqlVersion.Major >= 15
            ? "SELECT current_setting('is_superuser') = 'on' OR has_parameter_privilege('session_replication_role', 'SET')"
            : "SELECT current_setting('is_superuser') = 'on'";
        return await ScalarAsync<bool>(connection, sql, cancellationToken);
    }

    /// <summary>What the foreign keys would have checked row by row, for every distinct code at once.</summary>
    private static async Task CheckCodesAsync(NpgsqlConnection connection, ObservationCopy.CodesUsed codes, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, """
            SELECT 'indicator' AS kind, c FROM unnest(@indicators) c WHERE NOT EXISTS (SELECT 1 FROM indicators i WHERE i.code = c)
            UNION ALL SELECT 'area', c FROM unnest(@areas) c WHERE NOT EXISTS (SELECT 1 FROM areas a WHERE a.code = c)
            UNION ALL SELECT 'age band', c FROM unnest(@ages) c WHERE NOT EXISTS (SELECT 1 FROM age_bands b WHERE b.code = c)
            """, [("indicators", codes.Indicators.ToArray()), ("areas", codes.Areas.ToArray()), ("ages", codes.AgeBands.ToArray())]);
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        var missing = new List<string>();
        while (await rows.ReadAsync(cancellationToken)) missing.Add($"{rows.GetString(0)} '{rows.GetString(1)}'");
        if (missing.Count > 0)
            throw new IngestException($"The reader produced codes the database does not know ({string.Join(", ", missing)}); nothing was loaded.");
    }

    private static async Task LogPhaseAsync(RunReport? report, string what, Stopwatch phase)
    {
        if (report is not null) await report.LogAsync($"{what} ({phase.Elapsed.TotalSeconds:F1} s)");
        phase.Restart();
    }

    private static async Task<(long Count, IReadOnlyList<RejectedRow> Sample, IReadOnlyList<RejectGroup> Groups)> ReadRejectsAsync(NpgsqlConnection connection, RunReport? report, CancellationToken cancellationToken)
    {
        if (report is not null) await report.BeginRejectsAsync();
        var sample = new List<RejectedRow>();
        var groups = new RejectGroups();
        long count = 0;
        await using var command = new NpgsqlCommand(StagingTable.RejectsSql, connection) { CommandTimeout = 0 };
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            var line = rows.GetInt64(0);
            var reason = rows.GetString(1);
            if (count++ < LoadResult.RejectSampleSize) sample.Add(new RejectedRow(line, reason));
            groups.Add(line, reason);
            if (report is not null) await report.RejectAsync(line, reason);
        }
        return (count, sample, groups.ToList());
    }

    private static async Task<(int Id, long Read, long Loaded, long Rejected)?> FindLoadedAsync(NpgsqlConnection connection, string code, string sha256, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT id, rows_read, rows_loaded, rows_rejected FROM dataset_versions WHERE dataset_code = @code AND file_sha256 = @sha", connection);
        command.Parameters.AddWithValue("code", code);
        command.Parameters.AddWithValue("sha", sha256);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (reader.GetInt32(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3))
            : null;
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        // Merges of large files can outlast Npgsql's 30 s default; cancellation still applies.
        var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command;
    }

    private static string WithDefaults(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(AnalyticsDatabase.ToConnectionString(connectionString));
        if (string.IsNullOrEmpty(builder.ApplicationName)) builder.ApplicationName = "cja-ingest";
        return builder.ConnectionString;
    }
}
