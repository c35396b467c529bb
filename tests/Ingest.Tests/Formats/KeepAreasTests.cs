using CommunityJustice.Analytics.Ingest.Catalog;
using CommunityJustice.Analytics.Ingest.Loading;
using CommunityJustice.Analytics.Ingest.Manifests;
using CommunityJustice.Analytics.Ingest.Tests.Support;
using CommunityJustice.Analytics.TestSupport;
using Xunit;
using static CommunityJustice.Analytics.Ingest.Tests.Formats.FormatTestSupport;
using static CommunityJustice.Analytics.Ingest.Tests.Support.TempFiles;

namespace CommunityJustice.Analytics.Ingest.Tests.Formats;

/// <summary>
/// Level filtering (layout.keepAreas) in the statistics.gov.scot tidy CSV and the plain wide CSV, as in the pivot and
/// SPARQL formats (StatGovSparqlAndPivotTests): rows of other geography levels are skipped and counted, never rejected,
/// so --max-rejects is not the way to load a file; a code of a kept level that does not exist is still rejected (issue
/// #13, item 3). The files are generated here with made-up TEST values; this database has no geography lookup loaded,
/// so data zones are unknown areas unless skipped.
/// </summary>
public class KeepAreasTests(TestDatabase db) : IClassFixture<TestDatabase>, IDisposable
{
    private static readonly AreaLevelFilter CouncilsAndScotland = new() { Codes = ["S12", "S92"], Reason = "keep council areas and Scotland" };
    private static readonly DatasetManifest Components = ManifestCatalog.Find(ManifestCatalog.LoadBundled(), "nrs-components-of-change");
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private Task<long> VersionsAsync(string code) => db.CountAsync($"SELECT count(*) FROM dataset_versions WHERE dataset_code = '{code}'");

    private string TidyWithDataZones(params string[] more) => _files.Csv(
    [
        Rate("S12000019", "2017/2018", "26"),
        Rate("S01006506", "2017/2018", "11"),
        Rate("http://statistics.gov.scot/id/statistical-geography/S02001236", "2017/2018", "12"),
        Rate("S92000003", "2017/2018", "27"),
        Rate("S01006507", "2016/2017", "13"),
        .. more,
    ]);

    [Fact]
    public async Task A_tidy_CSV_with_keepAreas_skips_the_other_levels_and_counts_them()
    {
        var manifest = Datasets.Scratch("keep-tidy") with { Layout = new SourceLayout { KeepAreas = CouncilsAndScotland } };
        Assert.Empty(ManifestCatalog.Validate(manifest));

        var result = await new DatasetLoader(db.ConnectionString).LoadAsync(Datasets.GeneratedFile(manifest, TidyWithDataZones()));

        Assert.Equal((2L, 2L, 0L), (result.RowsRead, result.RowsLoaded, result.RowsRejected));
        Assert.Equal(3L, result.Skipped["keep council areas and Scotland"]);
        Assert.Equal(26m, await ValueAsync(db, "SELECT o.value FROM observations o JOIN dataset_versions v ON v.id = o.dataset_version_id WHERE v.dataset_code = 'keep-tidy' AND o.area_code = 'S12000019'"));
    }

    [Fact]
    public async Task Without_keepAreas_the_data_zones_of_a_tidy_CSV_are_unknown_areas()
    {
        var error = await Assert.ThrowsAsync<TooManyRejectsException>(() => new DatasetLoader(db.ConnectionString).LoadAsync(Datasets.GeneratedFile(Datasets.Scratch("keep-tidy-none"), TidyWithDataZones())));
        Assert.Equal(3L, error.Result.RowsRejected);
        Assert.Contains(error.Result.Rejects, r => r.Reason == "unknown area code 'S01006506'");
        Assert.Equal(0, await VersionsAsync("keep-tidy-none"));
    }

    [Fact]
    public async Task A_council_code_that_does_not_exist_is_rejected_not_skipped_and_so_is_a_cut_last_line_of_a_skipped_level()
    {
        var manifest = Datasets.Scratch("keep-tidy-typo") with { Layout = new SourceLayout { KeepAreas = CouncilsAndScotland } };
        var typo = await Assert.ThrowsAsync<TooManyRejectsException>(() => new DatasetLoader(db.ConnectionString).LoadAsync(
            Datasets.GeneratedFile(manifest, TidyWithDataZones(Rate("S12999999", "2017/2018", "5")))));
        Assert.Equal(new RejectedRow(7, "unknown area code 'S12999999'"), Assert.Single(typo.Result.Rejects));

        // The file ends inside a data zone's line: it may be truncated, so the line is read and rejected, not skipped.
        var cut = _files.Write(string.Join("\n", Header, Rate("S12000019", "2017/2018", "26"), Rate("S01006506", "2017/2018", "11")[..^1]));
        var error = await Assert.ThrowsAsync<TooManyRejectsException>(() => new DatasetLoader(db.ConnectionString).LoadAsync(Datasets.GeneratedFile(manifest, cut)));
        var reject = Assert.Single(error.Result.Rejects);
        Assert.Equal(3, reject.Line);
        Assert.Contains("the file ends inside this line", reject.Reason);
        Assert.Equal(0, await VersionsAsync("keep-tidy-typo"));
    }

    [Fact]
    public void A_tidy_CSV_layout_may_give_only_keepAreas()
    {
        var manifest = Datasets.Scratch("keep-tidy-bad") with { Layout = new SourceLayout { AreaColumn = "FeatureCode", KeepAreas = CouncilsAndScotland with { Reason = " " } } };
        var problems = ManifestCatalog.Validate(manifest).ToList();
        Assert.Contains(problems, p => p.Contains("its layout may only give keepAreas, not areaColumn"));
        Assert.Contains(problems, p => p.Contains("layout.keepAreas.reason must say why"));
    }

    [Fact]
    public async Task A_plain_wide_CSV_with_keepAreas_skips_rows_of_other_levels_once_each()
    {
        const string header = "Area,Natural change,Other changes,Overseas net migration,Rest of UK net migration,Within Scotland net migration,Population change";
        var path = _files.Write($"{header}\r\nS12000019,1,2,3,4,5,6\r\nS01006506,1,2,3,4,5,6\r\nS13002843,1,2,3,4,5,6\r\nScotland,1,2,3,4,5,6\r\n");
        var manifest = Components with { Code = "keep-wide", Layout = Components.Layout! with { KeepAreas = CouncilsAndScotland } };

        var result = await new DatasetLoader(db.ConnectionString).LoadAsync(Request(manifest, path));

        Assert.Equal((12L, 12L, 0L), (result.RowsRead, result.RowsLoaded, result.RowsRejected));    // two areas × six measures
        Assert.Equal(2L, result.Skipped["keep council areas and Scotland"]);
        var unfiltered = await Assert.ThrowsAsync<TooManyRejectsException>(() => new DatasetLoader(db.ConnectionString).LoadAsync(Request(Components with { Code = "keep-wide-none" }, path)));
        Assert.Equal(12L, unfiltered.Result.RowsRejected);
    }
}
