using CommunityJustice.Analytics.Ingest.Catalog;
using CommunityJustice.Analytics.Ingest.Formats.Snsa;
using CommunityJustice.Analytics.Ingest.Loading;
using CommunityJustice.Analytics.Ingest.Manifests;
using CommunityJustice.Analytics.Ingest.Tests.Support;
using CommunityJustice.Analytics.TestSupport;
using Xunit;
using static CommunityJustice.Analytics.Ingest.Tests.Formats.FormatTestSupport;

namespace CommunityJustice.Analytics.Ingest.Tests.Formats;

/// <summary>The local SNSA template: the shipped example (illustrative values) as CSV and as a generated .xlsx, and every kind of bad row.</summary>
public class SnsaTemplateTests(TestDatabase db) : IClassFixture<TestDatabase>, IDisposable
{
    private static readonly string Templates = Path.Combine(RepositoryPaths.Root, "src", "Ingest", "Templates");
    private static readonly string Example = Path.Combine(Templates, "snsa-template-example.csv");
    private readonly TempFiles _files = new();

    private static DatasetManifest Manifest(string code) =>
        FormatTestSupport.Manifest(code, "snsa-template", new SourceLayout { Partnership = "Clackmannanshire" });

    public void Dispose() => _files.Dispose();

    [Fact]
    public void The_shipped_example_manifest_is_valid_and_the_blank_template_is_the_header()
    {
        var manifest = ManifestCatalog.LoadFile(Path.Combine(Templates, "example-partnership-manifest.json"));
        Assert.Equal("snsa-template", manifest.Format);
        Assert.Equal("Clackmannanshire", manifest.Layout!.Partnership);
        Assert.Contains("ILLUSTRATIVE", manifest.Title);
        Assert.Equal(SnsaTemplate.HeaderLine + "\n", File.ReadAllText(Path.Combine(Templates, "snsa-template-blank.csv")));
        Assert.DoesNotContain(ManifestCatalog.LoadBundled(), m => m.Format == "snsa-template"); // never loaded by ingest run
    }

    [Fact]
    public async Task The_example_loads_as_CSV_and_the_same_rows_load_from_xlsx()
    {
        var csv = await new DatasetLoader(db.ConnectionString).LoadAsync(Request(Manifest("test-template-csv"), Example));
        Assert.Equal((14L, 14L, 0L), (csv.RowsRead, csv.RowsLoaded, csv.RowsRejected));

        var xlsx = Path.Combine(_files.Folder, "template.xlsx");
        WriteXlsx(xlsx, "Sheet1", File.ReadAllLines(Example).Select(SplitCsv));
        var fromXlsx = await new DatasetLoader(db.ConnectionString).LoadAsync(Request(Manifest("test-template-xlsx"), xlsx));
        Assert.Equal((14L, 14L, 0L), (fromXlsx.RowsRead, fromXlsx.RowsLoaded, fromXlsx.RowsRejected));

        const string Cells = """
            SELECT string_agg(concat_ws('|', indicator_code, area_code, period_label, period_start, sex, age_band_code, coalesce(value::float8::text, ''), status, coalesce(marker, '')), ',' ORDER BY 1)
            FROM observations o JOIN dataset_versions v ON v.id = o.dataset_version_id WHERE v.dataset_code = '{0}'
            """;
        var fromCsvCells = await TextAsync(db, string.Format(Cells, "test-template-csv"));
        Assert.Equal(fromCsvCells, await TextAsync(db, string.Format(Cells, "test-template-xlsx")));
        Assert.Contains("custody-centre-referrals|S12000005|2023-24|2023-04-01|Female|all||Suppressed|c", fromCsvCells);
        Assert.Contains("homeless-applications-from-prison|S12000005|2023-Q1|2023-01-01|All|all|11|Published|", fromCsvCells);
        Assert.Contains("homeless-applications-from-prison|S12000005|2023-04|2023-04-01|All|all|3|Published", fromCsvCells);
        Assert.Contains("dtto-commenced|S12000005|2023-24|2023-04-01|All|under-21||NotApplicable|z", fromCsvCells);
        Assert.Contains("voluntary-throughcare-commenced|S12000005|2023-24|2023-04-01|All|all||NotAvailable|..", fromCsvCells);
    }

    [Theory]
    [InlineData("Stirling,2023/24,All,all,cpo-commenced,5,,,,", "is S12000030, not this partnership's area S12000005")]
    [InlineData("Atlantis,2023/24,All,all,cpo-commenced,5,,,,", "unknown area_code_or_name 'Atlantis'")]
    [InlineData("S12000005,2023/25,All,all,cpo-commenced,5,,,,", "unparseable period '2023/25'")]
    [InlineData("S12000005,2023/24,Men,all,cpo-commenced,5,,,,", "sex 'Men' is not All, Male or Female")]
    [InlineData("S12000005,2023/24,All,16-20,cpo-commenced,5,,,,", "age_band '16-20' is not an age band code")]
    [InlineData("S12000005,2023/24,All,all,cpos,5,,,,", "indicator 'cpos' is not in the indicator catalogue")]
    [InlineData("S12000005,2023/24,All,all,cpo-commenced,5o,,,,", "non-numeric value '5o'")]
    [InlineData("S12000005,2023/24,All,all,cpo-commenced,\"1,2\",,,,", "non-numeric value '1,2'")]
    [InlineData("S12000005,2023/24,All,all,cpo-commenced,,,,,", "value is empty and there is no marker")]
    [InlineData("S12000005,2023/24,All,all,cpo-commenced,,?,,,", "the marker '?' is not a known marker")]
    [InlineData("S12000005,2023/24,All,all,cpo-commenced,5,c,,,", "value 5 is given but the marker 'c' says the figure is Suppressed")]
    [InlineData("S12000005,2023/24,All,all,cpo-successful-completion-rate,50,,x1,2,", "non-numeric numerator 'x1'")]
    public async Task A_bad_row_is_rejected_with_its_line_and_reason_and_nothing_is_stored(string row, string reason)
    {
        var path = _files.Write(SnsaTemplate.HeaderLine + "\nS12000005,2023/24,All,all,cpo-commenced,7,,,,fine\n" + row + "\n");
        var before = await DatabaseSnapshot.TakeAsync(db);
        var error = await Assert.ThrowsAsync<TooManyRejectsException>(() => new DatasetLoader(db.ConnectionString).LoadAsync(Request(Manifest("test-template-bad"), path)));
        var reject = Assert.Single(error.Result.Rejects);
        Assert.Equal(3, reject.Line);
        Assert.Contains(reason, reject.Reason);
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(db));
    }

    [Fact]
    public async Task A_wrong_header_refuses_the_file()
    {
        var path = _files.Write("area,period,sex,age_band,indicator,value,marker,numerator,denominator,notes\nS12000005,2023/24,All,all,cpo-commenced,7,,,,\n");
        var before = await DatabaseSnapshot.TakeAsync(db);
        var error = await Assert.ThrowsAsync<IngestException>(() => new DatasetLoader(db.ConnectionString).LoadAsync(Request(Manifest("test-template-header"), path)));
        Assert.Contains("missing column 'area_code_or_name'", error.Message);
        Assert.Contains("unexpected column 'area'", error.Message);
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(db));
    }

    private static string[] SplitCsv(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(c);
        }
        cells.Add(cell.ToString());
        return [.. cells];
    }
}
