using System.Diagnostics;
using System.Security.Cryptography;
using CommunityJustice.Analytics.Ingest.Tests.Support;
using CommunityJustice.Analytics.TestSupport;
using Xunit;
using static CommunityJustice.Analytics.Ingest.Tests.Support.TempFiles;

namespace CommunityJustice.Analytics.Ingest.Tests.Cli;

/// <summary>
/// A new publisher's file needs only a manifest: one written to a folder while the worker is built is read by `load`,
/// `run`, `datasets` and `validate` through --manifests, and the indicator it declares is added with its figures.
/// </summary>
public class ManifestFolderTests(TestDatabase db) : IClassFixture<TestDatabase>, IDisposable
{
    private const string Code = "partner-reconvictions";
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static Task<(int ExitCode, string Out, string Error)> IngestAsync(params string[] args) => IngestInAsync(AppContext.BaseDirectory, null, args);

    /// <summary>Runs the built worker from <paramref name="workingDirectory"/>, with CJA_MANIFESTS set to <paramref name="manifestsVariable"/> (unset when null).</summary>
    private static async Task<(int ExitCode, string Out, string Error)> IngestInAsync(string workingDirectory, string? manifestsVariable, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ingest.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment.Remove("DATABASE_URL");
        start.Environment.Remove("CJA_MANIFESTS");
        if (manifestsVariable is not null) start.Environment["CJA_MANIFESTS"] = manifestsVariable;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    /// <summary>A mirror folder holding the partner's file, and a manifest folder describing it; both written now, at run time.</summary>
    private (string Manifests, string Mirror) WritePartnerDataset(string indicatorTitle = "Partner reconviction rate", string indicatorCode = "partner-reconviction-rate",
        params string[] rows)
    {
        var mirror = Directory.CreateDirectory(Path.Combine(_files.Folder, "mirror", "partner")).Parent!.FullName;
        var file = Path.Combine(mirror, "partner", "rates.csv");
        File.WriteAllText(file, string.Join("\n", [Header, .. rows.Length > 0 ? rows : [Rate("S12000019", "2017/2018", "26"), Rate("S12000015", "2017/2018", "25.5")]]) + "\n");
        var sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));
        var manifests = Directory.CreateDirectory(Path.Combine(_files.Folder, "manifests")).FullName;
        File.WriteAllText(Path.Combine(manifests, $"{Code}.json"), $$"""
            {
              "code": "{{Code}}",
              "title": "A partnership's reconviction rates",
              "publisher": "Example partnership",
              "licence": "Open Government Licence v3.0",
              "sourceUrl": "https://partner.example/rates.csv",
              "editionDate": "2024-05-01",
              "mirrorPath": "partner/rates.csv",
              "sha256": "{{sha}}",
              "format": "statgov-tidy-csv",
              "indicators": [
                { "code": "{{indicatorCode}}", "title": "{{indicatorTitle}}", "description": "Test indicator declared by a manifest.",
                  "measureType": "Percentage", "unit": "% reconvicted", "polarity": "LowerIsBetter" }
              ],
              "mapping": {
                "indicators": [ { "measurement": "Ratio", "units": "Percent reconvicted", "indicator": "{{indicatorCode}}" } ],
                "dimensions": [
                  { "column": "Gender", "target": "sex", "codes": { "All": "All" } },
                  { "column": "Age", "target": "ageBand", "codes": { "All": "all" } }
                ]
              }
            }
            """);
        return (manifests, mirror);
    }

    [Fact]
    public async Task A_manifest_written_to_a_folder_at_run_time_loads_with_its_own_indicator()
    {
        var (manifests, mirror) = WritePartnerDataset();

        var listed = await IngestAsync("datasets", "--manifests", manifests, "--mirror", mirror);
        Assert.True(listed.ExitCode == 0, listed.Error);
        Assert.Contains(Code, listed.Out);

        var run = await IngestAsync("run", "--dataset", Code, "--manifests", manifests, "--mirror", mirror, "--output", _files.Folder, "--database", db.ConnectionString);
        Assert.True(run.ExitCode == 0, run.Error + run.Out);
        Assert.Equal(1, await db.CountAsync("SELECT count(*) FROM indicators WHERE code = 'partner-reconviction-rate' AND unit = '% reconvicted' AND polarity = 'LowerIsBetter'"));
        // The retired Fife code in the file resolves to the current one.
        Assert.Equal(2, await db.CountAsync($"""
            SELECT count(*) FROM observations o JOIN dataset_versions v ON v.id = o.dataset_version_id
            WHERE v.dataset_code = '{Code}' AND o.indicator_code = 'partner-reconviction-rate' AND o.area_code IN ('S12000019', 'S12000047')
            """));

        // `load` reads the same folder: a second file is a new edition.
        var second = _files.Csv(Rate("S12000019", "2018/2019", "24"));
        var load = await IngestAsync("load", second, "--dataset", Code, "--manifests", manifests, "--edition", "2025-05-01", "--output", _files.Folder, "--database", db.ConnectionString);
        Assert.True(load.ExitCode == 0, load.Error + load.Out);
        Assert.Equal(2, await db.CountAsync($"SELECT count(*) FROM dataset_versions WHERE dataset_code = '{Code}'"));
    }

    /// <summary>
    /// A pivot download (one line per geography, one figure per period column) with two unknown areas: the failed run's
    /// summary still shows what it read and rejected, and each unknown code is one line of the rejects, counted once per
    /// figure and naming its line once, not once per period (issue #13).
    /// </summary>
    [Fact]
    public async Task A_failed_pivot_run_shows_its_counts_and_each_unknown_area_once()
    {
        const string code = "partner-pivot";
        const string geo = "http://statistics.gov.scot/id/statistical-geography/";
        var mirror = Directory.CreateDirectory(Path.Combine(_files.Folder, "pivot-mirror")).FullName;
        var file = Path.Combine(mirror, "pivot.csv");
        File.WriteAllText(file, string.Join("\r\n",
            "\"Dataset\",\"http://statistics.gov.scot/data/test-fixture\"",
            "\"Measure Type\",\"http://statistics.gov.scot/def/measure-properties/ratio\"",
            "",
            "\"\",\"\",\"http://reference.data.gov.uk/id/government-year/2015-2016\",\"http://reference.data.gov.uk/id/government-year/2016-2017\",\"http://reference.data.gov.uk/id/government-year/2017-2018\"",
            "\"http://purl.org/linked-data/sdmx/2009/dimension#refArea\",\"Reference Area\",\"2015/2016\",\"2016/2017\",\"2017/2018\"",
            $"\"{geo}S12000019\",\"Midlothian\",1,2,3",
            $"\"{geo}S12999999\",\"TEST typo\",4,5,6",
            $"\"{geo}S12000010\",\"East Lothian\",7,8,9",
            $"\"{geo}S12999998\",\"TEST typo\",10,,12") + "\r\n");
        var manifests = Directory.CreateDirectory(Path.Combine(_files.Folder, "pivot-manifests")).FullName;
        File.WriteAllText(Path.Combine(manifests, $"{code}.json"), $$"""
            {
              "code": "{{code}}", "title": "A pivot download with made-up TEST values", "publisher": "Test", "licence": "Open Government Licence v3.0",
              "sourceUrl": "https://partner.example/pivot.csv", "editionDate": "2024-05-01", "mirrorPath": "pivot.csv",
              "sha256": "{{Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)))}}",
              "format": "statgov-pivot-csv",
              "layout": { "areaColumn": "http://purl.org/linked-data/sdmx/2009/dimension#refArea", "ignoredColumns": ["Reference Area"],
                          "indicator": "reconviction-rate" }
            }
            """);

        var run = await IngestAsync("run", "--dataset", code, "--manifests", manifests, "--mirror", mirror, "--output", _files.Folder, "--database", db.ConnectionString);

        Assert.Equal(1, run.ExitCode);
        // Read 11 figures (one cell is empty), 6 would load, 5 rejected; nothing stored.
        Assert.Matches(@$"{code}\s*│\s*failed, rolled back\s*│\s*2024-05-01\s*│\s*11\s*│\s*0\s*│\s*5\s*│", run.Out);
        Assert.Matches(@"Rejected rows of partner-pivot \(5, 2 distinct reasons\)", run.Error);
        // Lines 1-2 metadata, 3 blank, 4 period URIs, 5 header: the typos are on lines 7 and 9, each named once (the
        // console is 200 characters wide when redirected, so the reason wraps after "code,").
        string Group(int count, string areaCode, int line) =>
            $@"\s{count}\s+{System.Text.RegularExpressions.Regex.Escape($"unknown area (http://purl.org/linked-data/sdmx/2009/dimension#refArea) '{geo}{areaCode}' (not a current or retired GSS code,")}\s+{line}\s";
        Assert.Matches(Group(3, "S12999999", 7), run.Error);
        Assert.Matches(Group(2, "S12999998", 9), run.Error);
        Assert.Equal(0, await db.CountAsync($"SELECT count(*) FROM dataset_versions WHERE dataset_code = '{code}'"));
    }

    /// <summary>
    /// Without --manifests the catalogue is read at each run from CJA_MANIFESTS when set, else from the clone the worker runs
    /// in (src/Ingest/Datasets, found from the current directory): a manifest written there after the build is listed and
    /// loads, with no rebuild. The clone here is a folder the test makes, holding the solution file and that one manifest.
    /// </summary>
    [Fact]
    public async Task The_catalogue_folder_is_read_at_each_run_from_CJA_MANIFESTS_or_else_from_the_clone()
    {
        var (manifests, mirror) = WritePartnerDataset();
        var clone = Directory.CreateDirectory(Path.Combine(_files.Folder, "clone")).FullName;
        File.WriteAllText(Path.Combine(clone, "CommunityJustice.Analytics.sln"), "");
        var cloneDatasets = Directory.CreateDirectory(Path.Combine(clone, "src", "Ingest", "Datasets")).FullName;
        File.Copy(Path.Combine(manifests, $"{Code}.json"), Path.Combine(cloneDatasets, $"{Code}.json"));

        foreach (var (workingDirectory, variable, folder) in new[] { (AppContext.BaseDirectory, manifests, manifests), (clone, null, cloneDatasets) })
        {
            var listed = await IngestInAsync(workingDirectory, variable, "datasets", "--mirror", mirror);
            Assert.True(listed.ExitCode == 0, listed.Error);
            Assert.Contains($"manifests in {folder}", listed.Out);
            Assert.Matches($@"│ {Code}\s+│ 2024-05-01", listed.Out);
            Assert.DoesNotMatch(@"│ reconvictions\s+│", listed.Out);        // the folder replaces the bundled catalogue
        }

        var run = await IngestInAsync(clone, null, "run", "--dataset", Code, "--mirror", mirror, "--output", _files.Folder, "--database", db.ConnectionString);
        Assert.True(run.ExitCode == 0, run.Error + run.Out);
        // Loaded, or skipped as already loaded when another test of this class loaded the same file first.
        Assert.Matches($@"│ {Code}\s+│ (loaded|unchanged, skipped)\s+│ 2024-05-01", run.Out);
        Assert.Equal(1, await db.CountAsync($"SELECT count(*) FROM dataset_versions WHERE dataset_code = '{Code}' AND edition_date = '2024-05-01'"));
    }

    [Fact]
    public async Task Without_the_folder_the_manifest_is_unknown()
    {
        var (_, mirror) = WritePartnerDataset();
        var run = await IngestAsync("run", "--dataset", Code, "--mirror", mirror, "--database", db.ConnectionString);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"No dataset manifest has the code '{Code}'", run.Error);
    }

    [Fact]
    public async Task A_manifest_cannot_redefine_an_indicator_of_the_catalogue()
    {
        var (manifests, mirror) = WritePartnerDataset(indicatorTitle: "Something else", indicatorCode: "reconviction-rate");
        var run = await IngestAsync("run", "--dataset", Code, "--manifests", manifests, "--mirror", mirror, "--output", _files.Folder, "--database", db.ConnectionString);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("defines indicator 'reconviction-rate' as \"Something else\"", run.Error);
        Assert.Contains("but the catalogue already has it", run.Error);
        Assert.Equal(0, await db.CountAsync($"SELECT count(*) FROM dataset_versions WHERE dataset_code = '{Code}'"));
        Assert.Equal(0, await db.CountAsync("SELECT count(*) FROM indicators WHERE title = 'Something else'"));
    }

    [Fact]
    public async Task Validate_shows_the_column_mapping_and_the_first_rows_as_they_would_load_without_a_database()
    {
        var (manifests, mirror) = WritePartnerDataset();
        var validate = await IngestAsync("validate", "--dataset", Code, "--manifests", manifests, "--mirror", mirror, "--rows", "5");
        Assert.True(validate.ExitCode == 0, validate.Error + validate.Out);
        Assert.Contains("valid; format statgov-tidy-csv", validate.Out);
        Assert.Contains("adds indicator partner-reconviction-rate", validate.Out);
        Assert.Contains("the file is the edition the manifest describes", validate.Out);
        Assert.Matches(@"Measurement 'Ratio' \+ Units 'Percent reconvicted'\s*│\s*indicator partner-reconviction-rate", validate.Out);
        Assert.Matches(@"│\s*2 │ partner-reconviction-rate\s*│ S12000019 │ 2017-18 │ All\s*│ all\s*│\s*26 │ Published", validate.Out);
        Assert.Matches(@"│\s*3 │ partner-reconviction-rate\s*│ S12000047 │ 2017-18", validate.Out);
        Assert.Contains("read 2 rows: 2 would load, 0 would be rejected", validate.Out);
    }

    [Fact]
    public async Task Validate_groups_the_rejects_and_exits_non_zero()
    {
        var (manifests, mirror) = WritePartnerDataset(rows:
        [
            Rate("S12999999", "2017/2018", "26"), Rate("S12000019", "2017/2018", "26"), Rate("S12999999", "2016/2017", "20"), Rate("S12000019", "2016/2017", "2O"),
        ]);
        var validate = await IngestAsync("validate", "--dataset", Code, "--manifests", manifests, "--mirror", mirror);
        Assert.Equal(1, validate.ExitCode);
        Assert.Contains("read 4 rows: 1 would load, 3 would be rejected", validate.Out);
        Assert.Matches(@"2\s+unknown area code 'S12999999'\s+2, 4\s", validate.Error);
        Assert.Matches(@"1\s+non-numeric Value '2O'\s+5\s", validate.Error);
    }
}
