using CommunityJustice.Analytics.Ingest.Catalog;
using CommunityJustice.Analytics.Ingest.Loading;
using CommunityJustice.Analytics.TestSupport;
using Npgsql;
using Xunit;

namespace CommunityJustice.Analytics.Ingest.Tests.Excel;

/// <summary>Loads the three SG workbooks from the mirror once, through their bundled manifests.</summary>
public sealed class RealWorkbooks : TestDatabase
{
    public const string Reconviction = "reconviction-cohort-2017-18-tables";
    public const string Prison = "prison-population-2023-24-tables";
    public const string CriminalProceedings = "criminal-proceedings-2022-23-tables";

    public Dictionary<string, LoadResult> Results { get; } = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var manifests = ManifestCatalog.LoadBundled();
        var loader = new DatasetLoader(ConnectionString);
        foreach (var code in new[] { Reconviction, Prison, CriminalProceedings })
        {
            var manifest = ManifestCatalog.Find(manifests, code);
            Results[code] = await loader.LoadAsync(new LoadRequest(manifest, RepositoryPaths.MirrorFile(manifest.MirrorPath)) { RequireManifestChecksum = true });
        }
    }
}

public class RealWorkbookTests(RealWorkbooks db) : IClassFixture<RealWorkbooks>
{
    [Theory]
    [InlineData(RealWorkbooks.Reconviction, 222)]           // Table 1: 21 cohorts × 2; Table 2: 2 sexes × 21 × 2; Table 13: 32 councils × 3
    [InlineData(RealWorkbooks.Prison, 2820)]                // M1 135, X1 240, C2 960, O1 1,485
    [InlineData(RealWorkbooks.CriminalProceedings, 70)]     // Table_7a 6 penalties × 10 years, Table_14 total × 10
    public void Each_workbook_loads_every_cell_it_reads(string dataset, long cells)
    {
        var result = db.Results[dataset];
        Assert.Equal(LoadOutcome.Loaded, result.Outcome);
        Assert.Equal(cells, result.RowsRead);
        Assert.Equal(cells, result.RowsLoaded);
        Assert.Equal(0, result.RowsRejected);
    }

    [Fact]
    public void Rows_left_out_on_purpose_are_counted_with_their_reason()
    {
        var reconviction = db.Results[RealWorkbooks.Reconviction].Skipped;
        Assert.Equal(3, reconviction.Count);
        Assert.All(reconviction.Values, count => Assert.Equal(1, count));
        Assert.Contains(reconviction.Keys, k => k.Contains("'Other'"));
        Assert.Contains(reconviction.Keys, k => k.Contains("'Unknown'"));
        var prison = db.Results[RealWorkbooks.Prison].Skipped;
        Assert.Equal(2, prison.Single(p => p.Key.Contains("'All known LA'")).Value);
        Assert.Equal(4, prison.Single(p => p.Key.StartsWith("M1") && p.Key.Contains("(Missing)")).Value);
    }

    [Theory]
    // Table 1 and Table 13 as SOURCES.md 6a quotes them, each with its cohort as the base.
    [InlineData("reconviction-rate", "S92000003", "2017-18", "All", 26.3, 36700)]
    [InlineData("reconvictions-per-offender", "S92000003", "2017-18", "All", 0.46, 36700)]
    [InlineData("reconviction-rate", "S92000003", "1997-98", "All", 31.8, 53460)]
    [InlineData("reconvictions-per-offender", "S92000003", "2004-05", "All", 0.61, 49353)]
    [InlineData("reconviction-rate", "S92000003", "2017-18", "Male", 27, 30386)]          // Table 2
    [InlineData("reconviction-rate", "S92000003", "1997-98", "Female", 25.4, 7737)]
    [InlineData("reconviction-rate-by-residence", "S12000033", "2017-18", "All", 32.8, 1808)]          // Aberdeen City
    [InlineData("reconvictions-per-offender-by-residence", "S12000033", "2017-18", "All", 0.66, 1808)]
    [InlineData("reconviction-rate-by-residence", "S12000049", "2017-18", "All", 26.6, 4362)]          // Glasgow City
    [InlineData("reconvictions-per-offender-by-residence", "S12000049", "2017-18", "All", 0.45, 4362)]
    [InlineData("reconviction-rate-by-residence", "S12000027", "2017-18", "All", 11.8, 119)]           // Shetland Islands
    [InlineData("reconvictions-per-offender-by-residence", "S12000027", "2017-18", "All", 0.14, 119)]
    [InlineData("reconviction-rate-by-residence", "S12000036", "2017-18", "All", 25.8, 2143)]          // "Edinburgh, City of"
    [InlineData("reconviction-rate-by-residence", "S12000035", "2017-18", "All", 22.3, 350)]           // "Argyll & Bute"
    [InlineData("reconviction-rate-by-residence", "S12000048", "2017-18", "All", 23.5, 608)]           // "Perth & Kinross"
    public async Task Reconviction_figures_land_with_their_cohort(string indicator, string area, string period, string sex, decimal value, decimal offenders)
    {
        var (v, status, marker, denominator) = await CellAsync(RealWorkbooks.Reconviction, indicator, area, period, sex);
        Assert.Equal(value, v);
        Assert.Equal("Published", status);
        Assert.Null(marker);
        Assert.Equal(offenders, denominator);
    }

    [Theory]
    // Table 13's 'Number of offenders' as a count of its own (B23 Midlothian, B6 Aberdeen City, B25 Na h-Eileanan Siar, B17 "Edinburgh, City of").
    [InlineData("S12000019", 422)]
    [InlineData("S12000033", 1808)]
    [InlineData("S12000013", 78)]
    [InlineData("S12000036", 2143)]
    public async Task Table_13_offenders_land_as_a_count_by_council(string area, decimal offenders)
    {
        var (v, status, _, denominator) = await CellAsync(RealWorkbooks.Reconviction, "reconviction-cohort-by-residence", area, "2017-18", "All");
        Assert.Equal(offenders, v);
        Assert.Equal("Published", status);
        Assert.Null(denominator);
    }

    [Fact]
    public async Task Table_13_offenders_have_no_Scotland_figure()
    {
        // 'All' (36,700) counts 649 'Other' and 7,292 'Unknown' offenders who live in no council area: skipped, not a benchmark.
        Assert.Equal(32, await db.CountAsync("SELECT count(*) FROM observations WHERE indicator_code = 'reconviction-cohort-by-residence' AND area_code LIKE 'S12%'"));
        Assert.Equal(0, await db.CountAsync("SELECT count(*) FROM observations WHERE indicator_code = 'reconviction-cohort-by-residence' AND area_code = 'S92000003'"));
    }

    [Theory]
    [InlineData("convictions-community-payback-order", "2013-14", 16375)]
    [InlineData("convictions-community-payback-order", "2022-23", 12632)]
    [InlineData("convictions-drug-treatment-testing-order", "2013-14", 589)]
    [InlineData("convictions-drug-treatment-testing-order", "2022-23", 277)]
    [InlineData("convictions-restriction-of-liberty-order", "2022-23", 3331)]
    [InlineData("convictions-custody", "2022-23", 8923)]
    [InlineData("convictions-total", "2020-21", 42614)]
    [InlineData("bail-orders", "2022-23", 26562)]
    public async Task Court_disposals_land_as_published(string indicator, string period, decimal value)
    {
        var (v, status, _, _) = await CellAsync(RealWorkbooks.CriminalProceedings, indicator, "S92000003", period, "All");
        Assert.Equal(value, v);
        Assert.Equal("Published", status);
    }

    [Theory]
    [InlineData("prison-population-untried", "S92000003", "2023-24", "All", 1480.1)]      // M1; with CAS 315.7 the remand ADP of 1,796
    [InlineData("prison-population-convicted-awaiting-sentence", "S92000003", "2023-24", "All", 315.7)]
    [InlineData("prison-population-sentenced", "S92000003", "2023-24", "All", 6016.7)]   // SOURCES.md 6b: 6,017
    [InlineData("prison-population-untried", "S92000003", "2009-10", "Male", 1014.1)]
    [InlineData("prison-population-untried", "S92000003", "2009-10", "Female", 56.2)]
    [InlineData("prison-population", "S92000003", "2024-03", "All", 7977.266129)]          // X1 monthly (7977.26612903226, stored to 6 places)
    [InlineData("prison-population-remand", "S92000003", "2019-Q2", "All", 1526.931319)]   // X1 "2019 - Qtr 2"
    [InlineData("prison-arrivals", "S12000033", "2009-10", "All", 931)]                    // C2 Aberdeen City
    [InlineData("prison-arrivals-rate", "S12000042", "2011-12", "All", 8.7)]               // C2 Dundee City per 1,000
    [InlineData("prison-arrivals", "S12000036", "2023-24", "All", 818)]                    // C2 "City of Edinburgh"
    [InlineData("prison-arrivals-untried", "S92000003", "2009-10", "All", 10544)]          // O1 Scotland (LA = All)
    [InlineData("prison-arrivals-convicted-awaiting-sentence", "S92000003", "2023-24", "All", 2368)]
    public async Task Prison_figures_land_as_published(string indicator, string area, string period, string sex, decimal value)
    {
        var (v, status, _, _) = await CellAsync(RealWorkbooks.Prison, indicator, area, period, sex);
        Assert.Equal(value, v);
        Assert.Equal("Published", status);
    }

    [Fact]
    public async Task The_prison_workbooks_x_markers_are_suppressed_cells_not_zeros()
    {
        const string marked = """
            SELECT count(*) FROM observations o JOIN dataset_versions v ON v.id = o.dataset_version_id
            WHERE v.dataset_code = 'prison-population-2023-24-tables' AND o.marker = '[x]'
            """;
        Assert.True(await db.CountAsync(marked) > 0);
        Assert.Equal(await db.CountAsync(marked), await db.CountAsync(marked + " AND o.status = 'Suppressed' AND o.value IS NULL"));
    }

    [Fact]
    public async Task Rerunning_an_unchanged_workbook_is_skipped()
    {
        var manifest = ManifestCatalog.Find(ManifestCatalog.LoadBundled(), RealWorkbooks.Reconviction);
        var again = await new DatasetLoader(db.ConnectionString).LoadAsync(new LoadRequest(manifest, RepositoryPaths.MirrorFile(manifest.MirrorPath)) { RequireManifestChecksum = true });
        Assert.Equal(LoadOutcome.Unchanged, again.Outcome);
        Assert.Equal(1, await db.CountAsync($"SELECT count(*) FROM dataset_versions WHERE dataset_code = '{RealWorkbooks.Reconviction}'"));
    }

    private async Task<(decimal? Value, string Status, string? Marker, decimal? Denominator)> CellAsync(string dataset, string indicator, string area, string period, string sex)
    {
        await using var connection = new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT o.value, o.status, o.marker, o.denominator FROM observations o JOIN dataset_versions v ON v.id = o.dataset_version_id
            WHERE v.dataset_code = @dataset AND o.indicator_code = @indicator AND o.area_code = @area AND o.period_label = @period
              AND o.sex = @sex AND o.age_band_code = 'all'
            """, connection);
        command.Parameters.AddWithValue("dataset", dataset);
        command.Parameters.AddWithValue("indicator", indicator);
        command.Parameters.AddWithValue("area", area);
        command.Parameters.AddWithValue("period", period);
        command.Parameters.AddWithValue("sex", sex);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"no {indicator} for {area} {period} {sex} in {dataset}");
        var cell = (reader.IsDBNull(0) ? (decimal?)null : reader.GetDecimal(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.IsDBNull(3) ? (decimal?)null : reader.GetDecimal(3));
        Assert.False(await reader.ReadAsync(), "more than one observation for the cell");
        return cell;
    }
}
