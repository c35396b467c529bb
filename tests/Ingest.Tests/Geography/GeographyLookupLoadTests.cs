using CommunityJustice.Analytics.Ingest.Catalog;
using CommunityJustice.Analytics.Ingest.Loading;
using CommunityJustice.Analytics.Ingest.Manifests;
using CommunityJustice.Analytics.Ingest.Tests.Support;
using CommunityJustice.Analytics.Model.Areas;
using CommunityJustice.Analytics.TestSupport;
using Xunit;

namespace CommunityJustice.Analytics.Ingest.Tests.Geography;

/// <summary>The SG Data Zone 2011 lookup loaded by its bundled manifest, and lookups with bad rows.</summary>
public class GeographyLookupLoadTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private static readonly DatasetManifest Lookup = ManifestCatalog.Find(ManifestCatalog.LoadBundled(), "sg-data-zone-lookup");

    public async Task InitializeAsync()
    {
        if (await db.CountAsync("SELECT count(*) FROM dataset_versions WHERE dataset_code = 'sg-data-zone-lookup'") == 0)
            await new DatasetLoader(db.ConnectionString).LoadAsync(new LoadRequest(Lookup, RepositoryPaths.MirrorFile(Lookup.MirrorPath)) { RequireManifestChecksum = true });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_lookup_defines_every_level_as_an_edition_of_its_dataset()
    {
        Assert.Equal(6976, await db.CountAsync("SELECT rows_loaded FROM dataset_versions WHERE dataset_code = 'sg-data-zone-lookup' AND is_latest"));
        // SOURCES.md: 6,976 data zones; the lookup's distinct codes per level, counted by `ingest validate` and here in SQL.
        Assert.Equal(6976, await db.CountAsync("SELECT count(*) FROM areas WHERE level = 'DataZone' AND defined_by_version_id = (SELECT id FROM dataset_versions WHERE dataset_code = 'sg-data-zone-lookup')"));
        Assert.Equal(1279, await db.CountAsync("SELECT count(*) FROM areas WHERE level = 'IntermediateZone'"));
        Assert.Equal(355, await db.CountAsync("SELECT count(*) FROM areas WHERE level = 'MultiMemberWard'"));
        Assert.Equal(14, await db.CountAsync("SELECT count(*) FROM areas WHERE level = 'HealthBoard'"));
        Assert.Equal(31, await db.CountAsync("SELECT count(*) FROM areas WHERE level = 'IntegrationAuthority'"));
        Assert.Equal(13, await db.CountAsync("SELECT count(*) FROM areas WHERE level = 'PoliceDivision'"));
        Assert.Equal(73, await db.CountAsync("SELECT count(*) FROM areas WHERE level = 'ScottishParliamentConstituency'"));
        Assert.Equal(32, await db.CountAsync("SELECT count(*) FROM areas WHERE level = 'CouncilArea'"));   // the seeded councils, not copies
        Assert.Equal(1, await db.CountAsync("SELECT count(*) FROM areas WHERE level = 'Country'"));
        // Every data zone lies in exactly one council and in Scotland; every ward in one council.
        Assert.Equal(6976, await db.CountAsync("""
            SELECT count(*) FROM area_hierarchy h JOIN areas a ON a.code = h.ancestor_code JOIN areas z ON z.code = h.area_code
            WHERE a.level = 'CouncilArea' AND z.level = 'DataZone' AND h.dataset_version_id = (SELECT id FROM dataset_versions WHERE dataset_code = 'sg-data-zone-lookup')
            """));
        Assert.Equal(6976, await db.CountAsync("SELECT count(*) FROM area_hierarchy WHERE ancestor_code = 'S92000003' AND area_code LIKE 'S01%' AND dataset_version_id = (SELECT id FROM dataset_versions WHERE dataset_code = 'sg-data-zone-lookup')"));
        Assert.Equal(355, await db.CountAsync("""
            SELECT count(*) FROM area_hierarchy h JOIN areas a ON a.code = h.ancestor_code WHERE a.level = 'CouncilArea' AND h.area_code LIKE 'S13%'
            """));
        // Urban-rural classes hold data zones only: no council is "in" Large Urban Areas.
        Assert.Equal(0, await db.CountAsync("SELECT count(*) FROM area_hierarchy WHERE ancestor_code LIKE 'UR%' AND area_code NOT LIKE 'S01%'"));
        Assert.Equal(6976, await db.CountAsync("SELECT count(*) FROM area_hierarchy WHERE ancestor_code LIKE 'UR6-%'"));
    }

    [Fact]
    public async Task Loading_the_same_lookup_again_changes_nothing()
    {
        var result = await new DatasetLoader(db.ConnectionString).LoadAsync(new LoadRequest(Lookup, RepositoryPaths.MirrorFile(Lookup.MirrorPath)) { RequireManifestChecksum = true });
        Assert.Equal(LoadOutcome.Unchanged, result.Outcome);
        Assert.Equal(1, await db.CountAsync("SELECT count(*) FROM dataset_versions WHERE dataset_code = 'sg-data-zone-lookup'"));
    }

    [Fact]
    public async Task Bad_rows_of_a_lookup_are_rejected_with_their_lines_and_nothing_is_stored()
    {
        using var files = new TempFiles();
        var path = files.Write("""
            DZ,DZ name,LA,LA name,Country
            S01999991,Zone one,S12000005,Clackmannanshire,S92000003
            S01999991,Zone one again,S12000005,Clackmannanshire,S92000003
            S01999992,Zone two,,,S92000003
            S01999993,Zone three,S12000015,Fife,S92000003

            """, name: "lookup.csv");
        var manifest = Lookup with
        {
            Code = "test-lookup",
            Sha256 = new string('0', 64),
            Geography = new GeographyMapping
            {
                Levels =
                [
                    new GeographyLevelColumns { Level = AreaLevel.DataZone, CodeColumn = "DZ", NameColumn = "DZ name" },
                    new GeographyLevelColumns { Level = AreaLevel.CouncilArea, CodeColumn = "LA", NameColumn = "LA name" },
                    new GeographyLevelColumns { Level = AreaLevel.Country, CodeColumn = "Country" },
                ],
            },
        };
        var areasBefore = await db.CountAsync("SELECT count(*) FROM areas");
        var error = await Assert.ThrowsAsync<TooManyRejectsException>(() =>
            new DatasetLoader(db.ConnectionString).LoadAsync(new LoadRequest(manifest, path) { EditionDate = new DateOnly(2024, 1, 1) }));
        Assert.Equal(4, error.Result.RowsRead);
        Assert.Equal([3L, 4L], error.Result.Rejects.Select(r => r.Line));
        Assert.Contains("DZ 'S01999991' is given twice (first on line 2)", error.Result.Rejects[0].Reason, StringComparison.Ordinal);
        Assert.Contains("LA is empty", error.Result.Rejects[1].Reason, StringComparison.Ordinal);
        Assert.Equal(areasBefore, await db.CountAsync("SELECT count(*) FROM areas"));
        Assert.Equal(0, await db.CountAsync("SELECT count(*) FROM dataset_versions WHERE dataset_code = 'test-lookup'"));

        // Allowed to reject two lines, it loads the rest; Fife's former code S12000015 links to today's Fife.
        var loaded = await new DatasetLoader(db.ConnectionString).LoadAsync(new LoadRequest(manifest, path) { EditionDate = new DateOnly(2024, 1, 1), MaxRejects = 2 });
        Assert.Equal(2, loaded.RowsLoaded);
        Assert.Equal(2, loaded.RejectGroups.Count);
        Assert.Equal(1, await db.CountAsync("SELECT count(*) FROM area_hierarchy WHERE area_code = 'S01999993' AND ancestor_code = 'S12000047'"));
        Assert.Equal(0, await db.CountAsync("SELECT count(*) FROM areas WHERE code = 'S12000015'"));
        Assert.Equal(2, await db.CountAsync("SELECT count(*) FROM ingest_rejects r JOIN dataset_versions v ON v.id = r.dataset_version_id WHERE v.dataset_code = 'test-lookup'"));
    }
}
