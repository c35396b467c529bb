using System.Diagnostics;
using CommunityJustice.Analytics.Model.Indicators;
using CommunityJustice.Analytics.Model.Observations;
using Npgsql;
using NpgsqlTypes;

namespace CommunityJustice.Analytics.Model.Disclosure;

/// <summary>What one decision run read, withheld and cost.</summary>
public sealed record DecisionRun(string Scope, int CellsRead, int Primary, int Secondary, TimeSpan Elapsed, SecondarySearch? Search = null)
{
    /// <summary>How the secondary cells were chosen, for the run log: "proven the smallest pattern in 14 of 14 groups of linked cells".</summary>
    public string SearchSummary => Search is not { Groups: > 0 } s ? "" :
        $" (the smallest pattern, in people withheld, proven for {s.ProvenSmallest} of {s.Groups} groups of linked cells" +
        ")";
}

/// <summary>
/// Disclosure decisions are taken where the data changes: in the transaction that loads an edition,
/// before it commits, so an edition becomes visible with its decisions and no request ever decides
/// anything. Only the tables the edition touches are decided again: its own tables that carry counts
/// of people, and every table of the indicators linked to them by the disclosure catalogue's relations
/// and rate declarations (all editions, since a relation links a figure to the latest edition of the
/// other table). The decisions of all other tables cannot change. When the rule itself changed (the
/// threshold, the protection level or the catalogue), everything is decided again.
/// </summary>
public static class DisclosureDecisions
{
    /// <summary>Decides again for the tables <paramref name="editionId"/> touches (or all, when null or the rule changed), inside the caller's transaction.</summary>
    public static async Task<DecisionRun> DecideAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DisclosureRules rules, int? editionId,
        CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        // One decision run at a time, held to commit: the next run reads what this one wrote, and a relation
        // between two datasets loaded at once is decided with both.
        await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(hashtext('cja-disclosure-decisions'))", cancellationToken);
        var stored = await ReadRuleAsync(connection, transaction, cancellationToken);
        var scope = editionId is { } edition && stored is not null && Matches(stored, rules)
            ? await EditionScopeAsync(connection, transaction, rules.Catalogue, edition, cancellationToken)
            : CellScope.All;

        var cells = await ReadCellsAsync(connection, transaction, rules.Catalogue, scope, cancellationToken);
        var decisions = SuppressionEngine.Decide(cells, rules, out var search);

        if (scope.IsAll) await ExecuteAsync(connection, transaction, "DELETE FROM withheld_figures", cancellationToken);
        else
        {
            await using var delete = new NpgsqlCommand($"""
                DELETE FROM withheld_figures AS w USING observations AS o
                WHERE o.dataset_version_id = w.dataset_version_id AND o.id = w.observation_id AND ({scope.Condition("o")})
                """, connection, transaction) { CommandTimeout = 0 };
            scope.AddParameters(delete);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }
        var editionOf = cells.Where(c => decisions.ContainsKey(c.Id)).ToDictionary(c => c.Id, c => c.DatasetVersionId);
        await using (var writer = await connection.BeginBinaryImportAsync("COPY withheld_figures (observation_id, dataset_version_id, kind, reason) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var (id, decision) in decisions)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(id, NpgsqlDbType.Bigint, cancellationToken);
                await writer.WriteAsync(editionOf[id], NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(decision.Kind.ToString(), NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(decision.Reason, NpgsqlDbType.Text, cancellationToken);
            }
            await writer.CompleteAsync(cancellationToken);
        }
        await using (var rule = new NpgsqlCommand("""
            INSERT INTO disclosure_rule (id, threshold, protection_level, catalogue_sha256, decided_at)
            VALUES (@id, @threshold, @level, @sha, now())
            ON CONFLICT (id) DO UPDATE SET threshold = excluded.threshold, protection_level = excluded.protection_level,
                                           catalogue_sha256 = excluded.catalogue_sha256, decided_at = excluded.decided_at
            """, connection, transaction))
        {
            rule.Parameters.AddWithValue("id", DisclosureRuleRecord.SingleRowId);
            rule.Parameters.AddWithValue("threshold", rules.Threshold);
            rule.Parameters.AddWithValue("level", rules.ProtectionLevel);
            rule.Parameters.AddWithValue("sha", rules.Catalogue.Sha256);
            await rule.ExecuteNonQueryAsync(cancellationToken);
        }
        return new DecisionRun(scope.Description, cells.Count, decisions.Values.Count(d => d.Kind == SuppressionKind.Primary),
            decisions.Values.Count(d => d.Kind == SuppressionKind.Secondary), watch.Elapsed, search);
    }

    /// <summary>
    /// Decides everything again, in a transaction of its own, when the stored decisions were taken with another rule (or none
    /// yet while figures are stored); null when they are current.
    /// </summary>
    public static async Task<DecisionRun?> EnsureCurrentAsync(NpgsqlConnection connection, DisclosureRules rules, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var stored = await ReadRuleAsync(connection, transaction, cancellationToken);
        if (stored is not null ? Matches(stored, rules) : !await AnyObservationAsync(connection, transaction, cancellationToken)) return null;
        var run = await DecideAsync(connection, transaction, rules, editionId: null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return run;
    }

    /// <summary>The rule the stored decisions were taken with; null before any decision.</summary>
    public static async Task<DisclosureRuleRecord?> ReadRuleAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT threshold, protection_level, catalogue_sha256, decided_at FROM disclosure_rule WHERE id = {DisclosureRuleRecord.SingleRowId}", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return new DisclosureRuleRecord
        {
            Threshold = reader.GetInt32(0), ProtectionLevel = reader.GetInt32(1), CatalogueSha256 = reader.GetString(2),
            DecidedAt = reader.GetFieldValue<DateTimeOffset>(3),
        };
    }

    public static bool Matches(DisclosureRuleRecord stored, DisclosureRules rules) =>
        stored.Threshold == rules.Threshold && stored.ProtectionLevel == rules.ProtectionLevel && stored.CatalogueSha256 == rules.Catalogue.Sha256;

    /// <summary>
    /// The cells of every table that carries counts of people (a count, a numerator or denominator, or a rate whose numerator or
    /// denominator another table publishes) within <paramref name="scope"/>; signed flows, population stocks and other
    /// quantities are served as published, so they are not read at all. No time limit: this is load-time work, however large.
    /// </summary>
    public static async Task<List<DisclosureCell>> ReadCellsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, DisclosureCatalogue catalogue,
        CellScope scope, CancellationToken cancellationToken)
    {
        var unprotected = catalogue.Classes.Where(c => !DisclosureCatalogue.IsProtected(c.Class)).Select(c => c.Indicator).ToArray();
        var linkedRates = catalogue.Classes.Where(c => c.Numerator is not null || c.Denominator is not null).Select(c => c.Indicator).ToArray();
        var inScope = scope.Condition("o");
        // Whether a table (indicator, period, edition) carries counts is found first from the rows that have a numerator or
        // denominator (few), not from a window over every row in scope: sorting a whole edition's rows for the window cost
        // about 2.5 s per million rows at load (docs/benchmarks.md). Only indicators that can be read are then read, through
        // the cell index, so an edition of rates without counts reads no cells at all.
        await using var command = new NpgsqlCommand($"""
            WITH tables_with_counts AS MATERIALIZED (
                SELECT DISTINCT o.dataset_version_id, o.indicator_code, o.period_start, o.period_end
                FROM observations AS o
                WHERE (o.numerator IS NOT NULL OR o.denominator IS NOT NULL) AND NOT (o.indicator_code = ANY(@unprotected)) AND ({inScope})
            ), indicators_read AS MATERIALIZED (
                SELECT code FROM indicators WHERE measure_type = 'Count' OR code = ANY(@linked)
                UNION SELECT indicator_code FROM tables_with_counts
            )
            SELECT o.id, o.dataset_version_id, o.indicator_code, i.measure_type, o.period_start, o.period_end, o.area_code, a.parent_code,
                   o.sex, o.age_band_code, o.status, o.value, o.numerator, o.denominator, o.period_label
            FROM observations AS o
            JOIN indicators AS i ON i.code = o.indicator_code
            JOIN areas AS a ON a.code = o.area_code
            WHERE NOT (o.indicator_code = ANY(@unprotected)) AND ({inScope})
              AND o.indicator_code IN (SELECT code FROM indicators_read)
              AND (i.measure_type = 'Count' OR o.indicator_code = ANY(@linked)
                   OR EXISTS (SELECT 1 FROM tables_with_counts AS t
                              WHERE t.dataset_version_id = o.dataset_version_id AND t.indicator_code = o.indicator_code
                                AND t.period_start = o.period_start AND t.period_end = o.period_end))
            """, connection, transaction) { CommandTimeout = 0 };
        command.Parameters.AddWithValue("unprotected", unprotected);
        command.Parameters.AddWithValue("linked", linkedRates);
        scope.AddParameters(command);
        var cells = new List<DisclosureCell>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            cells.Add(new DisclosureCell(
                reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), Enum.Parse<MeasureType>(reader.GetString(3)),
                reader.GetFieldValue<DateOnly>(4), reader.GetFieldValue<DateOnly>(5), reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7), Enum.Parse<Sex>(reader.GetString(8)), reader.GetString(9),
                Enum.Parse<ObservationStatus>(reader.GetString(10)),
                reader.IsDBNull(11) ? null : reader.GetDecimal(11), reader.IsDBNull(12) ? null : reader.GetDecimal(12),
                reader.IsDBNull(13) ? null : reader.GetDecimal(13), reader.GetString(14)));
        }
        return cells;
    }

    /// <summary>
    /// The tables an edition touches: its own indicators that disclosure control protects, and every indicator linked to
    /// them (transitively) by a relation or a rate's numerator or denominator.
    /// </summary>
    private static async Task<CellScope> EditionScopeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DisclosureCatalogue catalogue, int edition,
        CancellationToken cancellationToken)
    {
        var own = new List<string>();
        var withCounts = new List<string>();
        await using (var command = new NpgsqlCommand("""
            SELECT o.indicator_code, bool_or(i.measure_type = 'Count' OR o.numerator IS NOT NULL OR o.denominator IS NOT NULL)
            FROM observations AS o JOIN indicators AS i ON i.code = o.indicator_code
            WHERE o.dataset_version_id = @edition
            GROUP BY o.indicator_code
            """, connection, transaction) { CommandTimeout = 0 })
        {
            command.Parameters.AddWithValue("edition", edition);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                own.Add(reader.GetString(0));
                if (reader.GetBoolean(1)) withCounts.Add(reader.GetString(0));
            }
        }
        // Population stocks and net flows are never read (ReadCellsAsync) nor link tables: an edition of them alone decides nothing.
        var linked = catalogue.LinkedIndicators(own);
        // An indicator whose tables carry counts is read in every edition: a figure the new edition repeats unchanged is the
        // same figure as before, withheld in both or in neither (DisclosureSystem). Rates without counts need only their own.
        // Rates whose count another table publishes follow their count's decisions, so they are read wherever the count is.
        bool FollowsACount(string indicator) => catalogue.Declared(indicator) is { } d && (d.Numerator is not null || d.Denominator is not null);
        var everyEdition = linked.Where(i => !own.Contains(i) || withCounts.Contains(i) || FollowsACount(i)).ToArray();
        return new CellScope(edition, own.Where(i => linked.Contains(i) && !everyEdition.Contains(i)).ToArray(), everyEdition);
    }

    private static async Task<bool> AnyObservationAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM observations)", connection, transaction);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>
/// Which stored figures a decision run reads: all, or one edition's own indicators (<see cref="EditionIndicators"/>) plus every
/// edition of <see cref="LinkedIndicators"/> (those linked to them, and its own indicators whose tables carry counts).
/// </summary>
public sealed record CellScope(int? Edition, string[] EditionIndicators, string[] LinkedIndicators)
{
    public static CellScope All { get; } = new(null, [], []);

    public bool IsAll => Edition is null;

    public string Description => IsAll
        ? "every table"
        : string.Join(" and ", new[]
        {
            EditionIndicators.Length == 0 ? null : $"edition {Edition}'s tables ({string.Join(", ", EditionIndicators)})",
            LinkedIndicators.Length == 0 ? null : $"every edition of {string.Join(", ", LinkedIndicators)} (edition {Edition}'s tables with counts and the indicators linked to them)",
        }.OfType<string>().DefaultIfEmpty($"edition {Edition}: no table with counts of people"));

    /// <summary>An SQL condition on the observations aliased <paramref name="alias"/>, with <see cref="AddParameters"/>.</summary>
    public string Condition(string alias) => IsAll
        ? "true"
        : $"({alias}.dataset_version_id = @scope_edition AND {alias}.indicator_code = ANY(@scope_own))" +
          (LinkedIndicators.Length == 0 ? "" : $" OR {alias}.indicator_code = ANY(@scope_linked)");

    public void AddParameters(NpgsqlCommand command)
    {
        if (IsAll) return;
        command.Parameters.AddWithValue("scope_edition", Edition!.Value);
        command.Parameters.AddWithValue("scope_own", EditionIndicators);
        command.Parameters.AddWithValue("scope_linked", LinkedIndicators);
    }
}
