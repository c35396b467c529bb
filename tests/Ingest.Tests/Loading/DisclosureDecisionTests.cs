using CommunityJustice.Analytics.Ingest.Catalog;
using CommunityJustice.Analytics.Ingest.Loading;
using CommunityJustice.Analytics.Ingest.Manifests;
using CommunityJustice.Analytics.Ingest.Tests.Support;
using CommunityJustice.Analytics.Model.Disclosure;
using CommunityJustice.Analytics.TestSupport;
using Xunit;

namespace CommunityJustice.Analytics.Ingest.Tests.Loading;

/// <summary>
/// Disclosure decisions are taken in the load's transaction, for the tables the edition touches, on
/// the real prison statistics (small counts, cells suppressed at source) and reconviction rates.
/// Each test has a database of its own: what a load decides depends on what is already there.
/// </summary>
public class DisclosureDecisionTests
{
    private static readonly DatasetManifest Prison = ManifestCatalog.Find(ManifestCatalog.LoadBundled(), "prison-population-2023-24-tables");
    private static string PrisonFile => RepositoryPaths.MirrorFile(Prison.MirrorPath);

    [Fact]
    public async Task A_load_stores_its_decisions_with_the_rule_they_were_taken_with()
    {
        await using var db = await FreshDatabaseAsync();
        var loaded = await new DatasetLoader(db.ConnectionString, DisclosureRules.For(5)).LoadAsync(new LoadRequest(Prison, PrisonFile));

        var run = Assert.IsType<DecisionRun>(loaded.Disclosure);
        // The real tables have small counts, so something is withheld by each rule, and every decision is stored.
        Assert.True(run.Primary > 0 && run.Secondary > 0, $"primary {run.Primary}, secondary {run.Secondary}");
        Assert.Equal(run.Primary, await db.CountAsync("SELECT count(*) FROM withheld_figures WHERE kind = 'Primary'"));
        Assert.Equal(run.Secondary, await db.CountAsync("SELECT count(*) FROM withheld_figures WHERE kind = 'Secondary'"));
        Assert.Equal(0, await db.CountAsync($"""
            SELECT count(*) FROM withheld_figures w JOIN observations o ON o.id = w.observation_id
            WHERE o.dataset_version_id <> {loaded.VersionId} OR o.status <> 'Published'
            """));
        // A primary cell is a count below the threshold: never a population stock or a net flow.
        Assert.Equal(0, await db.CountAsync("""
            SELECT count(*) FROM withheld_figures w JOIN observations o ON o.id = w.observation_id
            WHERE w.kind = 'Primary' AND o.indicator_code = 'prison-arrivals' AND o.value >= 5
            """));
        Assert.Equal(1, await db.CountAsync($"SELECT count(*) FROM disclosure_rule WHERE threshold = 5 AND protection_level = 5 AND catalogue_sha256 = '{DisclosureCatalogue.Bundled.Sha256}'"));
    }

    [Fact]
    public async Task A_load_of_unlinked_tables_reads_nothing_else_and_leaves_other_decisions_alone()
    {
        await using var db = await FreshDatabaseAsync();
        var loader = new DatasetLoader(db.ConnectionString, DisclosureRules.For(5));
        await loader.LoadAsync(new LoadRequest(Prison, PrisonFile));
        var before = await WithheldAsync(db);

        var rates = await loader.LoadAsync(new LoadRequest(Datasets.Reconvictions, Datasets.ReconvictionsFile));

        // Reconviction rates carry no counts and no relation links them to the prison tables.
        var run = Assert.IsType<DecisionRun>(rates.Disclosure);
        Assert.Equal((0, 0, 0), (run.CellsRead, run.Primary, run.Secondary));
        Assert.Equal(before, await WithheldAsync(db));
    }

    [Fact]
    public async Task A_figure_inserted_or_changed_by_hand_makes_the_decisions_out_of_date_but_a_load_does_not()
    {
        await using var db = await FreshDatabaseAsync();
        var loader = new DatasetLoader(db.ConnectionString, DisclosureRules.For(5));
        await loader.LoadAsync(new LoadRequest(Prison, PrisonFile));
        await loader.LoadAsync(new LoadRequest(Datasets.Reconvictions, Datasets.ReconvictionsFile));
        Assert.Equal(1, await db.CountAsync("SELECT count(*) FROM disclosure_rule"));

        // A small count typed in: no decision has seen it, so none may be served until decided again.
        await db.ExecuteSqlAsync("""
            INSERT INTO observations (indicator_code, area_code, period_type, period_label, period_start, period_end, sex, age_band_code, value, status, dataset_version_id)
            SELECT 'prison-arrivals', 'S12000019', period_type, '2031-32', '2031-04-01', '2032-03-31', sex, age_band_code, 2, 'Published', dataset_version_id
            FROM observations WHERE indicator_code = 'prison-arrivals' AND area_code = 'S12000019' LIMIT 1
            """);
        Assert.Equal(0, await db.CountAsync("SELECT count(*) FROM disclosure_rule"));

        await using var connection = new Npgsql.NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        Assert.Equal("every table", (await DisclosureDecisions.EnsureCurrentAsync(connection, DisclosureRules.For(5), CancellationToken.None))?.Scope);
        Assert.Equal(1, await db.CountAsync("""
            SELECT count(*) FROM withheld_figures w JOIN observations o ON o.id = w.observation_id
            WHERE o.period_label = '2031-32' AND w.kind = 'Primary'
            """));
        await db.ExecuteSqlAsync("UPDATE observations SET value = 3 WHERE period_label = '2031-32'");
        Assert.Equal(0, await db.CountAsync("SELECT count(*) FROM disclosure_rule"));
    }

    [Fact]
    public async Task A_changed_rule_decides_every_table_again_at_the_next_load()
    {
        await using var db = await FreshDatabaseAsync();
        await new DatasetLoader(db.ConnectionString, DisclosureRules.For(5)).LoadAsync(new LoadRequest(Prison, PrisonFile));
        var withheldAtFive = await db.CountAsync("SELECT count(*) FROM withheld_figures");

        var stricter = DisclosureRules.Create(10, null);
        var rates = await new DatasetLoader(db.ConnectionString, stricter).LoadAsync(new LoadRequest(Datasets.Reconvictions, Datasets.ReconvictionsFile));

        Assert.Equal("every table", rates.Disclosure!.Scope);
        Assert.Equal(1, await db.CountAsync("SELECT count(*) FROM disclosure_rule WHERE threshold = 10 AND protection_level = 10"));
        // The prison tables, not touched by this load, are decided under the stricter rule: more is withheld.
        Assert.True(await db.CountAsync("SELECT count(*) FROM withheld_figures") > withheldAtFive);
        Assert.Equal(0, await db.CountAsync("""
            SELECT count(*) FROM observations o JOIN indicators i ON i.code = o.indicator_code
            WHERE o.indicator_code = 'prison-arrivals' AND o.status = 'Published' AND o.value < 10
              AND NOT EXISTS (SELECT 1 FROM withheld_figures w WHERE w.observation_id = o.id)
            """));
    }

    [Fact]
    public async Task Ensure_current_decides_once_after_a_migration_and_then_not_again()
    {
        await using var db = await FreshDatabaseAsync();
        var rules = DisclosureRules.For(5);
        await new DatasetLoader(db.ConnectionString, rules).LoadAsync(new LoadRequest(Prison, PrisonFile));
        var decided = await db.CountAsync("SELECT count(*) FROM withheld_figures");
        // As a database loaded before decisions were stored, then migrated: figures, no decisions.
        await db.ExecuteSqlAsync("DELETE FROM withheld_figures; DELETE FROM disclosure_rule;");

        await using var connection = new Npgsql.NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        var first = await DisclosureDecisions.EnsureCurrentAsync(connection, rules, CancellationToken.None);
        var second = await DisclosureDecisions.EnsureCurrentAsync(connection, rules, CancellationToken.None);

        Assert.Equal("every table", first?.Scope);
        Assert.Null(second);
        Assert.Equal(decided, await db.CountAsync("SELECT count(*) FROM withheld_figures"));
    }

    [Fact]
    public async Task A_simd_rate_is_withheld_with_its_count_and_ranks_are_served_as_published()
    {
        await using var db = await FreshDatabaseAsync();
        var loader = new DatasetLoader(db.ConnectionString, DisclosureRules.For(5));
        // Data zones are areas once the geography lookup is loaded.
        var lookup = ManifestCatalog.Find(ManifestCatalog.LoadBundled(), "sg-data-zone-lookup");
        await loader.LoadAsync(new LoadRequest(lookup, RepositoryPaths.MirrorFile(lookup.MirrorPath)));
        var simd = ManifestCatalog.Find(ManifestCatalog.LoadBundled(), "simd-2020v2");
        var loaded = await loader.LoadAsync(new LoadRequest(simd, RepositoryPaths.MirrorFile(simd.MirrorPath)));

        Assert.True(loaded.Disclosure!.Primary > 0);
        // A data zone's published population turns its income rate back into the count: where the count is withheld, so is the rate.
        foreach (var (rate, count) in new[] { ("simd-income-rate", "simd-income-count"), ("simd-employment-rate", "simd-employment-count"), ("simd-crime-rate", "simd-crime-count") })
            Assert.Equal(0, await db.CountAsync($"""
                SELECT count(*) FROM observations r JOIN observations c
                    ON c.dataset_version_id = r.dataset_version_id AND c.area_code = r.area_code AND c.period_start = r.period_start
                   AND c.sex = r.sex AND c.age_band_code = r.age_band_code AND c.indicator_code = '{count}'
                WHERE r.indicator_code = '{rate}' AND r.status = 'Published'
                  AND EXISTS (SELECT 1 FROM withheld_figures w WHERE w.observation_id = c.id)
                  AND NOT EXISTS (SELECT 1 FROM withheld_figures w WHERE w.observation_id = r.id)
                """));
        Assert.Equal(0, await db.CountAsync("""
            SELECT count(*) FROM withheld_figures w JOIN observations o ON o.id = w.observation_id WHERE o.indicator_code LIKE '%-rank' OR o.indicator_code = 'simd-decile'
            """));
    }

    [Fact]
    public async Task A_reissued_edition_repeating_every_figure_is_decided_with_the_first_and_withheld_alike()
    {
        await using var db = await FreshDatabaseAsync();
        var loader = new DatasetLoader(db.ConnectionString, DisclosureRules.For(5));
        var first = await loader.LoadAsync(new LoadRequest(Prison, PrisonFile));

        // The same workbook re-zipped: other bytes (so another edition), the same figures.
        var reissue = Path.Combine(Path.GetTempPath(), $"prison-reissue-{Guid.NewGuid():N}.xlsx");
        try
        {
            using (var source = System.IO.Compression.ZipFile.OpenRead(PrisonFile))
            using (var target = System.IO.Compression.ZipFile.Open(reissue, System.IO.Compression.ZipArchiveMode.Create))
                foreach (var entry in source.Entries)
                {
                    await using var from = entry.Open();
                    await using var to = target.CreateEntry(entry.FullName, System.IO.Compression.CompressionLevel.NoCompression).Open();
                    await from.CopyToAsync(to);
                }
            var second = await loader.LoadAsync(new LoadRequest(Prison, reissue) { EditionDate = new DateOnly(2025, 1, 1) });
            Assert.NotEqual(first.VersionId, second.VersionId);
            Assert.Contains("every edition of", Assert.IsType<DecisionRun>(second.Disclosure).Scope);
        }
        finally
        {
            File.Delete(reissue);
        }

        // Both editions are decided together, and the second withholds exactly the cells the first does: a figure is withheld in both or in neither.
        Assert.Equal(0, await db.CountAsync($"""
            SELECT count(*) FROM observations a JOIN observations b
              ON (b.indicator_code, b.area_code, b.period_start, b.period_end, b.sex, b.age_band_code) = (a.indicator_code, a.area_code, a.period_start, a.period_end, a.sex, a.age_band_code)
             AND b.dataset_version_id <> a.dataset_version_id
            WHERE a.dataset_version_id = {first.VersionId}
              AND EXISTS (SELECT 1 FROM withheld_figures w WHERE w.observation_id = a.id) <> EXISTS (SELECT 1 FROM withheld_figures w WHERE w.observation_id = b.id)
            """));
        Assert.True(await db.CountAsync("SELECT count(*) FROM withheld_figures") > 2 * 50);
    }

    private static async Task<string> WithheldAsync(TestDatabase db)
    {
        await using var connection = new Npgsql.NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT md5(coalesce(string_agg(concat_ws('|', observation_id, kind, reason), ',' ORDER BY observation_id), '')) FROM withheld_figures", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A database of the test's own, dropped at the end.</summary>
    private sealed class FreshDatabase : TestDatabase, IAsyncDisposable
    {
        async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();
    }

    private static async Task<FreshDatabase> FreshDatabaseAsync()
    {
        var db = new FreshDatabase();
        await db.InitializeAsync();
        return db;
    }
}
