using CommunityJustice.Analytics.Ingest.Loading;
using CommunityJustice.Analytics.Ingest.Manifests;
using CommunityJustice.Analytics.Ingest.Reading;
using CommunityJustice.Analytics.Ingest.StatGov;
using CommunityJustice.Analytics.Ingest.Tabular;
using CommunityJustice.Analytics.Ingest.Tests.Support;
using CommunityJustice.Analytics.Model.Observations;
using CommunityJustice.Analytics.TestSupport;
using Xunit;
using static CommunityJustice.Analytics.Ingest.Tests.Formats.FormatTestSupport;

namespace CommunityJustice.Analytics.Ingest.Tests.Formats;

/// <summary>
/// statistics.gov.scot SPARQL result CSV and pivot download CSV. No real justice file of either kind is
/// in the mirror, so these tests GENERATE small files in the documented shapes with made-up TEST values
/// (not statistics); the real SPARQL catalogue file checks URI parsing.
/// </summary>
public class StatGovSparqlAndPivotTests(TestDatabase db) : IClassFixture<TestDatabase>, IDisposable
{
    private const string Geo = "http://statistics.gov.scot/id/statistical-geography/";
    private const string Gender = "http://statistics.gov.scot/def/concept/gender/";
    private const string Measure = "http://statistics.gov.scot/def/measure-properties/";
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static readonly DimensionMapping GenderMap = new() { Column = "gender", Target = DimensionTarget.Sex, Codes = new Dictionary<string, string> { ["all"] = "All", ["male"] = "Male", ["female"] = "Female" } };

    private static DatasetManifest Sparql(string code) => Manifest(code, "statgov-sparql-csv", new SourceLayout
    {
        AreaColumn = "refArea", PeriodColumn = "refPeriod", ValueColumn = "value", IndicatorColumn = "measureType",
        IndicatorCodes = new Dictionary<string, string> { ["ratio"] = "reconviction-rate", ["mean"] = "reconvictions-per-offender" },
        IgnoredColumns = ["areaLabel"],
    }, [GenderMap]);

    private static DatasetManifest Pivot(string code) => Manifest(code, "statgov-pivot-csv", new SourceLayout
    {
        AreaColumn = "http://purl.org/linked-data/sdmx/2009/dimension#refArea", IgnoredColumns = ["Reference Area"],
        IndicatorColumn = "Measure Type", IndicatorCodes = new Dictionary<string, string> { ["ratio"] = "reconviction-rate" },
        RequiredMetadata = new Dictionary<string, string> { ["Dataset"] = "http://statistics.gov.scot/data/test-fixture" },
    }, [GenderMap with { Column = "Gender" }]);

    private const string SparqlHeader = "refArea,areaLabel,refPeriod,measureType,gender,value";

    [Fact]
    public async Task A_SPARQL_result_with_URIs_and_scientific_notation_loads()
    {
        var path = _files.Write(string.Join("\n",
            SparqlHeader,
            $"{Geo}S12000005,Clackmannanshire,http://reference.data.gov.uk/id/government-year/2015-2016,{Measure}ratio,{Gender}all,2.29E1",
            $"{Geo}S12000015,Fife (old code),http://reference.data.gov.uk/id/year/2016,{Measure}ratio,{Gender}male,1.5E1",
            $"{Geo}S92000003,Scotland,http://reference.data.gov.uk/id/quarter/2016-Q2,{Measure}mean,{Gender}female,4.5E-1",
            $"{Geo}S12000036,Edinburgh,http://reference.data.gov.uk/id/month/2016-08,{Measure}mean,{Gender}all,0.5") + "\n");
        var result = await new DatasetLoader(db.ConnectionString).LoadAsync(Request(Sparql("test-sparql"), path));
        Assert.Equal((4L, 4L, 0L), (result.RowsRead, result.RowsLoaded, result.RowsRejected));
        Assert.Equal(22.9m, await ValueAsync(db, "SELECT value FROM observations WHERE area_code = 'S12000005' AND period_type = 'FinancialYear' AND period_label = '2015-16' AND sex = 'All'"));
        Assert.Equal(15m, await ValueAsync(db, "SELECT value FROM observations WHERE area_code = 'S12000047' AND period_type = 'CalendarYear' AND period_label = '2016' AND sex = 'Male'"));
        Assert.Equal(0.45m, await ValueAsync(db, "SELECT value FROM observations WHERE indicator_code = 'reconvictions-per-offender' AND period_type = 'Quarter' AND period_start = '2016-04-01' AND sex = 'Female'"));
        Assert.Equal(0.5m, await ValueAsync(db, "SELECT value FROM observations WHERE area_code = 'S12000036' AND period_type = 'Month' AND period_start = '2016-08-01'"));
    }

    [Theory]
    [InlineData($"{Geo}S12999999,x,http://reference.data.gov.uk/id/year/2016,{Measure}ratio,{Gender}all,1", "unknown area (refArea) 'http://statistics.gov.scot/id/statistical-geography/S12999999'")]
    [InlineData($"{Geo}S12000005,x,http://reference.data.gov.uk/id/government-year/2015-2017,{Measure}ratio,{Gender}all,1", "unparseable period (refPeriod)")]
    [InlineData($"{Geo}S12000005,x,http://reference.data.gov.uk/id/year/2016,{Measure}ratio,{Gender}all,2.2.9E0", "non-numeric value (value) '2.2.9E0'")]
    [InlineData($"{Geo}S12000005,x,http://reference.data.gov.uk/id/year/2016,{Measure}count,{Gender}all,1", "unmapped measure 'http://statistics.gov.scot/def/measure-properties/count'")]
    [InlineData($"{Geo}S12000005,x,http://reference.data.gov.uk/id/year/2016,{Measure}ratio,{Gender}other,1", "unmapped gender value")]
    public async Task A_bad_SPARQL_row_is_rejected_and_nothing_is_stored(string row, string reason)
    {
        var path = _files.Write($"{SparqlHeader}\n{Geo}S12000005,x,http://reference.data.gov.uk/id/year/2017,{Measure}ratio,{Gender}all,1\n{row}\n");
        var before = await DatabaseSnapshot.TakeAsync(db);
        var error = await Assert.ThrowsAsync<TooManyRejectsException>(() => new DatasetLoader(db.ConnectionString).LoadAsync(Request(Sparql("test-sparql-bad"), path)));
        var reject = Assert.Single(error.Result.Rejects);
        Assert.Equal((3L, true), (reject.Line, reject.Reason.Contains(reason)));
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(db));
    }

    [Fact]
    public async Task A_SPARQL_result_without_a_mapped_column_is_refused()
    {
        var path = _files.Write($"refArea,refPeriod,gender,value\n{Geo}S12000005,http://reference.data.gov.uk/id/year/2016,{Gender}all,1\n");
        var before = await DatabaseSnapshot.TakeAsync(db);
        var error = await Assert.ThrowsAsync<IngestException>(() => new DatasetLoader(db.ConnectionString).LoadAsync(Request(Sparql("test-sparql-header"), path)));
        Assert.Contains("missing column 'measureType'", error.Message);
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(db));
    }

    [Fact]
    public async Task The_real_SPARQL_dataset_catalogue_parses_as_URIs()
    {
        var path = RepositoryPaths.MirrorFile("statgov-format/statgov_sparql_dataset-catalogue.csv");
        var file = await InspectedFile.InspectAsync(path, CancellationToken.None);
        var rows = new List<TabularRow>();
        await foreach (var row in TabularFile.ReadAsync(file, null, CancellationToken.None)) rows.Add(row);
        Assert.Equal(["URI", "Name", "Publisher"], rows[0].Cells);
        Assert.Equal(285, rows.Count - 1); // CRLF line endings, 285 datasets (SOURCES.md section 5)
        Assert.All(rows.Skip(1), r => Assert.StartsWith("http://statistics.gov.scot/data/", r.Cells[0]));
        var slugs = rows.Skip(1).Select(r => StatGovUris.LastSegment(r.Cells[0])).ToHashSet();
        Assert.Contains("recorded-crime", slugs);
        Assert.Contains("social-work-reports", slugs);
        Assert.Contains("homelessness-applications", slugs);
    }

    [Theory]
    [InlineData("http://reference.data.gov.uk/id/government-year/2015-2016", PeriodType.FinancialYear, "2015-16")]
    [InlineData("http://reference.data.gov.uk/id/year/2016", PeriodType.CalendarYear, "2016")]
    [InlineData("http://reference.data.gov.uk/id/quarter/2016-Q2", PeriodType.Quarter, "2016-Q2")]
    [InlineData("http://reference.data.gov.uk/id/month/2016-08", PeriodType.Month, "2016-08")]
    [InlineData("2009/2010", PeriodType.FinancialYear, "2009-10")]
    public void Period_URIs_parse(string text, PeriodType type, string label)
    {
        Assert.True(StatGovUris.TryParsePeriod(text, out var period));
        Assert.Equal((type, label), (period.Type, period.Label));
    }

    private static string PivotFile(string gender = "http://statistics.gov.scot/def/concept/gender/all", string periods = "\"\",\"\",\"http://reference.data.gov.uk/id/government-year/2016-2017\",\"http://reference.data.gov.uk/id/government-year/2017-2018\"", params string[] rows) =>
        string.Join("\r\n", new[]
        {
            "\"Dataset\",\"http://statistics.gov.scot/data/test-fixture\"",
            "\"Note\",\"TEST FIXTURE generated by the test: made-up values, not statistics\"",
            $"\"Measure Type\",\"{Measure}ratio\"",
            $"\"Gender\",\"{gender}\"",
            "",
            periods,
            "\"http://purl.org/linked-data/sdmx/2009/dimension#refArea\",\"Reference Area\",\"2016/2017\",\"2017/2018\"",
        }.Concat(rows)) + "\r\n";

    [Fact]
    public async Task A_pivot_download_is_unpivoted_one_figure_per_period_cell()
    {
        var path = _files.Write(PivotFile(rows:
        [
            $"\"{Geo}S12000005\",\"Clackmannanshire\",11.1,12.2",
            $"\"{Geo}S92000003\",\"Scotland\",21.1,",   // an empty cell is an absent figure
            $"\"{Geo}S12000046\",\"Glasgow (old code)\",3.3E1,34.4",
        ]));
        var result = await new DatasetLoader(db.ConnectionString).LoadAsync(Request(Pivot("test-pivot"), path));
        Assert.Equal((5L, 5L, 0L), (result.RowsRead, result.RowsLoaded, result.RowsRejected));
        Assert.Equal(12.2m, await ValueAsync(db, "SELECT o.value FROM observations o JOIN dataset_versions v ON v.id = o.dataset_version_id WHERE v.dataset_code = 'test-pivot' AND area_code = 'S12000005' AND period_label = '2017-18'"));
        Assert.Equal(33m, await ValueAsync(db, "SELECT o.value FROM observations o JOIN dataset_versions v ON v.id = o.dataset_version_id WHERE v.dataset_code = 'test-pivot' AND area_code = 'S12000049' AND period_label = '2016-17'"));
        Assert.Equal(5, await db.CountAsync("SELECT count(*) FROM observations o JOIN dataset_versions v ON v.id = o.dataset_version_id WHERE v.dataset_code = 'test-pivot' AND indicator_code = 'reconviction-rate' AND sex = 'All'"));
    }

    [Theory]
    [InlineData($"\"{Geo}S12999999\",\"Nowhere\",1,2", "unknown area")]
    [InlineData($"\"{Geo}S12000005\",\"Clackmannanshire\",1,two", "non-numeric value for 2017-18 (column D) 'two'")]
    public async Task A_bad_pivot_cell_is_rejected_and_nothing_is_stored(string row, string reason)
    {
        var path = _files.Write(PivotFile(rows: [$"\"{Geo}S12000010\",\"East Lothian\",1,2", row]));
        var before = await DatabaseSnapshot.TakeAsync(db);
        var error = await Assert.ThrowsAsync<TooManyRejectsException>(() => new DatasetLoader(db.ConnectionString).LoadAsync(Request(Pivot("test-pivot-bad"), path)));
        Assert.All(error.Result.Rejects, r => Assert.Equal(9, r.Line));
        Assert.Contains(error.Result.Rejects, r => r.Reason.Contains(reason));
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(db));
    }

    [Theory]
    [InlineData("bad-period", "is not a period URI")]
    [InlineData("bad-gender", "metadata 'Gender' (line 4) has unmapped value")]
    [InlineData("no-blank", "no blank line separates it from the metadata")]
    public async Task A_pivot_file_with_a_broken_structure_is_refused(string what, string message)
    {
        var text = what switch
        {
            "bad-period" => PivotFile(periods: "\"\",\"\",\"http://reference.data.gov.uk/id/government-year/2016-2017\",\"next year\"", rows: [$"\"{Geo}S12000005\",\"C\",1,2"]),
            "bad-gender" => PivotFile(gender: "http://statistics.gov.scot/def/concept/gender/unknown", rows: [$"\"{Geo}S12000005\",\"C\",1,2"]),
            _ => PivotFile(rows: [$"\"{Geo}S12000005\",\"C\",1,2"]).Replace("\r\n\r\n", "\r\n"),
        };
        var path = _files.Write(text);
        var before = await DatabaseSnapshot.TakeAsync(db);
        var error = await Assert.ThrowsAsync<IngestException>(() => new DatasetLoader(db.ConnectionString).LoadAsync(Request(Pivot("test-pivot-structure"), path)));
        Assert.Contains(message, error.Message);
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(db));
    }

    private static readonly AreaLevelFilter CouncilsAndScotland = new() { Codes = ["S12", "S92"], Reason = "keep council areas and Scotland" };

    [Fact]
    public async Task A_pivot_with_keepAreas_skips_other_geography_levels_and_counts_them_but_still_rejects_an_unknown_council_code()
    {
        string[] rows =
        [
            $"\"{Geo}S12000005\",\"Clackmannanshire\",11.1,12.2",
            $"\"{Geo}S01006506\",\"a data zone\",1,2",
            $"\"{Geo}S13002516\",\"a ward\",3,4",
            $"\"{Geo}S92000003\",\"Scotland\",21.1,22.2",
        ];
        var manifest = Pivot("test-pivot-levels") with { Layout = Pivot("x").Layout! with { KeepAreas = CouncilsAndScotland } };
        var result = await new DatasetLoader(db.ConnectionString).LoadAsync(Request(manifest, _files.Write(PivotFile(rows: rows))));
        Assert.Equal((4L, 4L, 0L), (result.RowsRead, result.RowsLoaded, result.RowsRejected));
        Assert.Equal(2L, result.Skipped["keep council areas and Scotland"]);

        // Without the filter the other levels are rejected as unknown areas.
        var unfiltered = await Assert.ThrowsAsync<TooManyRejectsException>(() => new DatasetLoader(db.ConnectionString).LoadAsync(Request(Pivot("test-pivot-levels-unfiltered"), _files.Write(PivotFile(rows: rows)))));
        Assert.Equal(4L, unfiltered.Result.RowsRejected);

        // A council code that does not exist is kept by the filter, so it is rejected, never skipped.
        var typo = await Assert.ThrowsAsync<TooManyRejectsException>(() => new DatasetLoader(db.ConnectionString).LoadAsync(Request(manifest with { Code = "test-pivot-levels-typo" },
            _files.Write(PivotFile(rows: [.. rows, $"\"{Geo}S12999999\",\"typo\",5,6"])))));
        Assert.Equal(2L, typo.Result.RowsRejected);
        Assert.All(typo.Result.Rejects, r => Assert.Contains("unknown area", r.Reason));
    }

    [Fact]
    public async Task A_SPARQL_result_with_keepAreas_skips_data_zones()
    {
        var path = _files.Write(string.Join("\n",
            SparqlHeader,
            $"{Geo}S12000005,Clackmannanshire,http://reference.data.gov.uk/id/year/2016,{Measure}ratio,{Gender}all,22.9",
            $"{Geo}S01006506,a data zone,http://reference.data.gov.uk/id/year/2016,{Measure}ratio,{Gender}all,1",
            $"{Geo}S02001236,an intermediate zone,http://reference.data.gov.uk/id/year/2016,{Measure}ratio,{Gender}all,2") + "\n");
        var manifest = Sparql("test-sparql-levels") with { Layout = Sparql("x").Layout! with { KeepAreas = CouncilsAndScotland } };
        var result = await new DatasetLoader(db.ConnectionString).LoadAsync(Request(manifest, path));
        Assert.Equal((1L, 1L, 0L), (result.RowsRead, result.RowsLoaded, result.RowsRejected));
        Assert.Equal(2L, result.Skipped["keep council areas and Scotland"]);
    }

    [Fact]
    public void KeepAreas_must_list_GSS_entity_codes_and_a_reason()
    {
        var manifest = Pivot("test-pivot-levels-bad") with { Layout = Pivot("x").Layout! with { KeepAreas = new() { Codes = ["council"], Reason = " " } } };
        var problems = CommunityJustice.Analytics.Ingest.Catalog.ManifestCatalog.Validate(manifest).ToList();
        Assert.Contains(problems, p => p.Contains("layout.keepAreas.codes must list GSS entity codes"));
        Assert.Contains(problems, p => p.Contains("layout.keepAreas.reason"));
    }
}
