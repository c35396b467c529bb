using CommunityJustice.Analytics.Ingest.Catalog;
using CommunityJustice.Analytics.Ingest.Formats.SgExcel;
using CommunityJustice.Analytics.Ingest.Loading;
using CommunityJustice.Analytics.Ingest.Manifests;
using CommunityJustice.Analytics.Ingest.Tests.Support;
using CommunityJustice.Analytics.TestSupport;
using Npgsql;
using Xunit;

namespace CommunityJustice.Analytics.Ingest.Tests.Excel;

/// <summary>
/// The reader on workbooks generated at test time: SG layouts (title rows, footnote-glued headers,
/// section rows, notes under the table), every marker, cell-addressed rejects, skipped rows, and
/// broken files that must leave stored data as it was.
/// </summary>
public class ExcelLoadTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private static DatasetManifest Manifest(string code, params ExcelTableMapping[] tables) => new()
    {
        Code = code, Title = $"Test workbook {code}", Publisher = "Test", Licence = "Open Government Licence v3.0",
        SourceUrl = "https://www.gov.scot/", MirrorPath = "test/generated.xlsx", Sha256 = new string('0', 64),
        Format = ExcelManifestRules.Format, Tables = tables.Length == 0 ? [ByGender] : tables,
    };

    private static readonly ExcelTableMapping ByGender = new()
    {
        Sheet = "Table 2",
        HeaderStartsWith = "Gender",
        Area = new ExcelDimension { Value = "S92000003" },
        Period = new ExcelDimension { Column = "Gender", Forms = ["financialYear"] },
        Sex = new ExcelDimension { Section = true, Codes = new Dictionary<string, string> { ["Males"] = "Male", ["Females"] = "Female" } },
        Measures =
        [
            new ExcelMeasure { Column = "Reconviction rate", Indicator = "reconviction-rate", Denominator = "Number of offenders" },
            new ExcelMeasure { Column = "Average number of reconvictions per offender", Indicator = "reconvictions-per-offender", Denominator = "Number of offenders" },
        ],
    };

    // Laid out as the 2017-18 reconviction workbook's tables are; the values are invented.
    private static byte[] MarkerWorkbook() => GeneratedWorkbook.Create("Table 2",
        ["Return to Index"],
        ["Table 2: Reconviction rates by gender: 2015-16 to 2019-20 cohorts1"],
        [],
        ["Gender", "Number of offenders2", "Reconviction rate3", "Average number of reconvictions per offender"],
        ["Males"],
        ["2015-16", 100.0, 25.5, "    0.59*†"],
        ["2016-17", "1,808", "[x]", "[z]"],
        ["Females3"],
        ["2015-16", "**", "**", " - "],
        ["2016-17", 5.0, "[c]", "[low]"],
        ["2017-18", 5.0, "n/r", "n/l"],
        ["2018-19", 5.0, "x", "z"],
        ["2019-20", 5.0, "low", 0.4],
        ["1. Figures for previous cohorts may differ from previously published figures."],
        ["2020-21", 1.0, 2.0, 3.0]);

    private async Task<LoadResult> LoadAsync(DatasetManifest manifest, byte[] workbook, long maxRejects = 0)
    {
        using var files = new TempFiles();
        var path = files.WriteBytes(workbook, "workbook.xlsx");
        return await new DatasetLoader(db.ConnectionString).LoadAsync(Datasets.GeneratedFile(manifest, path, maxRejects));
    }

    [Fact]
    public async Task Section_rows_give_the_sex_and_notes_under_the_table_end_it()
    {
        var result = await LoadAsync(Manifest("excel-sections"), MarkerWorkbook());
        Assert.Equal(LoadOutcome.Loaded, result.Outcome);
        Assert.Equal(14, result.RowsRead);   // 7 data rows × 2 measures; the row under the note is not read
        Assert.Equal(14, result.RowsLoaded);
        Assert.Equal(0, result.RowsRejected);
        Assert.Equal(4, await db.CountAsync("SELECT count(*) FROM observations o JOIN dataset_versions v ON v.id = o.dataset_version_id WHERE v.dataset_code = 'excel-sections' AND sex = 'Male'"));
        Assert.Equal(10, await db.CountAsync("SELECT count(*) FROM observations o JOIN dataset_versions v ON v.id = o.dataset_version_id WHERE v.dataset_code = 'excel-sections' AND sex = 'Female'"));
        Assert.Equal(0, await db.CountAsync("SELECT count(*) FROM observations WHERE period_label = '2020-21'"));
    }

    [Theory]
    [InlineData("reconviction-rate", "Male", "2016-17", "[x]", "Suppressed")]
    [InlineData("reconvictions-per-offender", "Male", "2016-17", "[z]", "NotApplicable")]
    [InlineData("reconviction-rate", "Female", "2015-16", "**", "Suppressed")]
    [InlineData("reconvictions-per-offender", "Female", "2015-16", "-", "NotAvailable")]
    [InlineData("reconviction-rate", "Female", "2016-17", "[c]", "Suppressed")]
    [InlineData("reconvictions-per-offender", "Female", "2016-17", "[low]", "Suppressed")]
    [InlineData("reconviction-rate", "Female", "2017-18", "n/r", "Suppressed")]
    [InlineData("reconvictions-per-offender", "Female", "2017-18", "n/l", "NotAvailable")]
    [InlineData("reconviction-rate", "Female", "2018-19", "x", "NotAvailable")]
    [InlineData("reconvictions-per-offender", "Female", "2018-19", "z", "NotApplicable")]
    [InlineData("reconviction-rate", "Female", "2019-20", "low", "Suppressed")]
    public async Task Every_marker_is_stored_as_its_status_with_the_marker_and_no_value(string indicator, string sex, string period, string marker, string status)
    {
        await LoadAsync(Manifest($"excel-markers-{Guid.NewGuid():N}"[..30]), MarkerWorkbook());
        await using var connection = new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT value, status, marker FROM observations
            WHERE indicator_code = @indicator AND sex = @sex AND period_label = @period AND area_code = 'S92000003' LIMIT 1
            """, connection);
        command.Parameters.AddWithValue("indicator", indicator);
        command.Parameters.AddWithValue("sex", sex);
        command.Parameters.AddWithValue("period", period);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.True(reader.IsDBNull(0), "a marked cell must have no value (never zero)");
        Assert.Equal(status, reader.GetString(1));
        Assert.Equal(marker, reader.GetString(2));
    }

    [Fact]
    public async Task Numbers_stored_as_text_load_with_their_flags_and_their_base()
    {
        await LoadAsync(Manifest("excel-flags"), MarkerWorkbook());
        await using var connection = new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT o.indicator_code, o.period_label, o.value, o.marker, o.denominator FROM observations o
            JOIN dataset_versions v ON v.id = o.dataset_version_id
            WHERE v.dataset_code = 'excel-flags' AND o.sex = 'Male' ORDER BY o.period_label, o.indicator_code
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string, decimal?, string?, decimal?)>();
        while (await reader.ReadAsync())
            rows.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetDecimal(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetDecimal(4)));
        Assert.Equal(("reconviction-rate", "2015-16", 25.5m, null, 100m), rows[0]);
        Assert.Equal(("reconvictions-per-offender", "2015-16", 0.59m, "*†", 100m), rows[1]);
        Assert.Equal(("reconviction-rate", "2016-17", null, "[x]", 1808m), rows[2]);
    }

    [Fact]
    public async Task Area_names_resolve_through_aliases_skips_are_counted_and_rejects_name_the_cell()
    {
        var table = new ExcelTableMapping
        {
            Sheet = "Table 13",
            HeaderStartsWith = "Local Authority",
            Area = new ExcelDimension { Column = "Local Authority", Skip = new Dictionary<string, string> { ["Other"] = "outside Scotland" } },
            Period = new ExcelDimension { Value = "2017-18" },
            Measures = [new ExcelMeasure { Column = "Reconviction rate", Indicator = "reconviction-rate" }],
        };
        var workbook = GeneratedWorkbook.Create("Table 13",
            ["Table 13: Reconviction rates by local authority"],
            [],
            ["Local Authority", "Reconviction rate"],
            ["Edinburgh, City of", 25.8],
            ["Argyll & Bute", 22.3],
            ["Atlantis", 10.0],
            ["Glasgow City", "abc"],
            ["Other2", 9.2]);
        var result = await LoadAsync(Manifest("excel-areas", table), workbook, maxRejects: 10);
        Assert.Equal(4, result.RowsRead);
        Assert.Equal(2, result.RowsLoaded);
        Assert.Equal(2, result.RowsRejected);
        Assert.Equal(1, Assert.Single(result.Skipped).Value);
        Assert.Contains("'Other'", result.Skipped.Keys.Single());
        Assert.Contains(result.Rejects, r => r.Line == 6 && r.Reason.StartsWith("'Table 13'!B6: unknown area 'Atlantis'", StringComparison.Ordinal));
        Assert.Contains(result.Rejects, r => r.Line == 7 && r.Reason.StartsWith("'Table 13'!B7: 'abc' is neither a number nor a known marker", StringComparison.Ordinal));
        Assert.Equal(1, await db.CountAsync("SELECT count(*) FROM observations o JOIN dataset_versions v ON v.id = o.dataset_version_id WHERE v.dataset_code = 'excel-areas' AND area_code = 'S12000036' AND value = 25.8"));
        Assert.Equal(1, await db.CountAsync("SELECT count(*) FROM observations o JOIN dataset_versions v ON v.id = o.dataset_version_id WHERE v.dataset_code = 'excel-areas' AND area_code = 'S12000035' AND value = 22.3"));
        Assert.Equal(2, await db.CountAsync("SELECT count(*) FROM ingest_rejects r JOIN dataset_versions v ON v.id = r.dataset_version_id WHERE v.dataset_code = 'excel-areas' AND r.reason LIKE '''Table 13''!B%'"));
    }

    public static TheoryData<string, string> BrokenFiles => new()
    {
        { "csv", "is not an Excel workbook" },
        { "truncated", "not a readable Excel workbook" },
        { "zip-garbage", "not a readable Excel workbook" },
        { "empty", "is empty" },
        { "missing-sheet", "has no worksheet named 'Table 2'" },
        { "wrong-header", "no column 'Reconviction rate'" },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public async Task A_broken_workbook_gives_a_clear_error_and_leaves_stored_data_unchanged(string kind, string message)
    {
        await LoadAsync(Manifest("excel-before-broken"), MarkerWorkbook());
        var before = await DatabaseSnapshot.TakeAsync(db);
        var good = MarkerWorkbook();
        byte[] bytes = kind switch
        {
            "csv" => "Gender,Number of offenders\n2015-16,100\n"u8.ToArray(),
            "truncated" => good[..(good.Length / 2)],
            "zip-garbage" => [0x50, 0x4B, 0x03, 0x04, .. Enumerable.Range(0, 2000).Select(i => (byte)(i * 7 % 251))],
            "empty" => [],
            "missing-sheet" => GeneratedWorkbook.Create("Sheet1", ["Gender"]),
            "wrong-header" => GeneratedWorkbook.Create("Table 2", ["Gender", "Number of offenders", "Rate", "Average number of reconvictions per offender"], ["Males"], ["2015-16", 1.0, 2.0, 3.0]),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var error = await Assert.ThrowsAsync<IngestException>(() => LoadAsync(Manifest($"excel-broken-{kind}"), bytes));
        Assert.Contains(message, error.Message);
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(db));
    }

    [Fact]
    public void A_manifest_that_cannot_work_is_refused_with_every_problem_named()
    {
        var bad = Manifest("excel-bad", new ExcelTableMapping
        {
            Sheet = "Table 1",
            Period = new ExcelDimension { Wide = true },
            Sex = new ExcelDimension { Column = "Gender", Value = "All" },
            Indicator = "reconviction-{missing}",
        });
        var problems = ManifestCatalog.Validate(bad).ToList();
        Assert.Contains(problems, p => p.Contains("headerRow and headerStartsWith"));
        Assert.Contains(problems, p => p.Contains("area is required"));
        Assert.Contains(problems, p => p.Contains("sex must take exactly one"));
        Assert.Contains(problems, p => p.Contains("{missing}, which no key names"));
    }
}
