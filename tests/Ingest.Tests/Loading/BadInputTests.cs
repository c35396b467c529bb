using System.Text;
using CommunityJustice.Analytics.Ingest.Loading;
using CommunityJustice.Analytics.Ingest.Tests.Support;
using CommunityJustice.Analytics.TestSupport;
using Xunit;
using static CommunityJustice.Analytics.Ingest.Tests.Support.TempFiles;

namespace CommunityJustice.Analytics.Ingest.Tests.Loading;

/// <summary>
/// Each malformed file gives its specific error or reject, and the real reconvictions data loaded
/// before it is left exactly as it was.
/// </summary>
public class BadInputTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private readonly TempFiles _files = new();
    private DatabaseSnapshot _before = null!;

    public async Task InitializeAsync()
    {
        await BundledData.LoadAllAsync(db.ConnectionString, RepositoryPaths.DataMirror, m => !BundledData.IsDataZoneLevel(m));
        _before = await DatabaseSnapshot.TakeAsync(db);
        Assert.Equal(6916, await db.CountAsync("SELECT count(*) FROM (SELECT * FROM observations WHERE dataset_version_id IN (SELECT id FROM dataset_versions WHERE dataset_code = 'reconvictions')) observations"));
    }

    public Task DisposeAsync()
    {
        _files.Dispose();
        return Task.CompletedTask;
    }

    private DatasetLoader Loader => new(db.ConnectionString);

    private async Task<TException> LoadFailsAsync<TException>(string path) where TException : Exception
    {
        var error = await Assert.ThrowsAsync<TException>(() => Loader.LoadAsync(Datasets.GeneratedFile(Datasets.Reconvictions, path)));
        Assert.Equal(_before, await DatabaseSnapshot.TakeAsync(db));
        return error;
    }

    private async Task<LoadResult> RejectedAsync(string path)
    {
        var error = await LoadFailsAsync<TooManyRejectsException>(path);
        Assert.Contains("nothing was loaded and the stored data is unchanged", error.Message);
        return error.Result;
    }

    [Fact]
    public async Task Wrong_header_is_refused_before_anything_is_written()
    {
        var path = _files.Write("Code,Year,Measurement,Units,Value,Gender,Age\n" + Rate("S12000019", "2017/2018", "26") + "\n");
        var error = await LoadFailsAsync<IngestException>(path);
        Assert.Contains("does not have the header of a statistics.gov.scot tidy CSV", error.Message);
        Assert.Contains("missing column FeatureCode (or GeographyCode)", error.Message);
        Assert.Contains("DateCode", error.Message);
        Assert.Contains("unexpected columns 'Code', 'Year'", error.Message);
    }

    [Fact]
    public async Task A_dimension_column_the_manifest_does_not_map_is_refused()
    {
        var path = _files.Write(Header + ",Crime\n" + Rate("S12000019", "2017/2018", "26") + ",All\n");
        var error = await LoadFailsAsync<IngestException>(path);
        Assert.Contains("unexpected column 'Crime'", error.Message);
    }

    [Fact]
    public async Task Unknown_area_code_is_rejected_with_its_line()
    {
        var result = await RejectedAsync(_files.Csv(
            Rate("S12000019", "2017/2018", "26"),
            Rate("S12999999", "2017/2018", "25.1"),
            Rate("S12000010", "2017/2018", "20")));
        Assert.Equal(3, result.RowsRead);
        Assert.Equal(new RejectedRow(3, "unknown area code 'S12999999'"), Assert.Single(result.Rejects));
    }

    [Fact]
    public async Task Non_numeric_value_is_rejected_with_its_line()
    {
        var result = await RejectedAsync(_files.Csv(
            Rate("S12000019", "2017/2018", "26"),
            Rate("S12000010", "2017/2018", "2O.5")));
        Assert.Equal(new RejectedRow(3, "non-numeric Value '2O.5'"), Assert.Single(result.Rejects));
    }

    [Fact]
    public async Task A_file_cut_off_mid_row_rejects_the_truncated_line()
    {
        var text = string.Join("\n", Header, Rate("S12000019", "2017/2018", "26"), Rate("S12000010", "2017/2018", "20")) + "\n"
                   + Rate("S12000005", "2017/2018", "31.6")[..23];
        var result = await RejectedAsync(_files.Write(text));
        Assert.Equal(3, result.RowsRead);
        Assert.Equal(new RejectedRow(4, "has 3 fields, expected 7 (truncated or ragged line)"), Assert.Single(result.Rejects));
    }

    [Fact]
    public async Task A_file_cut_off_inside_a_quoted_field_rejects_the_last_record()
    {
        var text = string.Join("\n", Header, Rate("S12000019", "2017/2018", "26")) + "\nS12000010,2017/2018,Ratio,\"Percent reconv";
        var result = await RejectedAsync(_files.Write(text));
        var reject = Assert.Single(result.Rejects);
        Assert.Equal(3, reject.Line);
        Assert.StartsWith("malformed CSV record", reject.Reason);
    }

    [Fact]
    public async Task Duplicate_cells_are_rejected_naming_the_first_line()
    {
        var result = await RejectedAsync(_files.Csv(
            Rate("S12000019", "2017/2018", "26"),
            Rate("S12000010", "2017/2018", "20"),
            Rate("S12000019", "2017/2018", "26"),
            Rate("S12000019", "2017/2018", "27", sex: "Male")));
        Assert.Equal(4, result.RowsRead);
        Assert.Equal(new RejectedRow(4, "duplicate cell: same indicator, area, period, sex and age band as line 2"), Assert.Single(result.Rejects));
    }

    [Fact]
    public async Task Unparseable_DateCode_unmapped_measurement_and_unmapped_code_list_value_are_rejected()
    {
        var result = await RejectedAsync(_files.Csv(
            Rate("S12000019", "2017-2018-Q9", "26"),
            "S12000019,2017/2018,Median,Percent reconvicted,26,All,All",
            Rate("S12000019", "2017/2018", "26", sex: "Men"),
            Rate("S12000019", "2017/2018", "26", age: "Under 18 years"),
            Rate("S12000019", "2017/2018", ""),
            Rate("Atlantis", "2017/2018", "x")));
        Assert.Equal(
        [
            new(2, "unparseable DateCode '2017-2018-Q9'"),
            new(3, "unmapped Measurement/Units 'Median' / 'Percent reconvicted'"),
            new(4, "unmapped Gender value 'Men'"),
            new(5, "unmapped Age value 'Under 18 years'"),
            new(6, "Value is empty and there is no DataMarker"),
            new(7, "unknown area code 'Atlantis'; non-numeric Value 'x'"),
        ], result.Rejects);
    }

    [Fact]
    public async Task Binary_garbage_is_refused_as_not_text()
    {
        var bytes = new byte[4096];
        new Random(20240131).NextBytes(bytes);
        var error = await LoadFailsAsync<IngestException>(_files.WriteBytes(bytes, "garbage.csv"));
        Assert.Contains("is not a text file", error.Message);
        Assert.Contains("looks like binary data", error.Message);
    }

    [Fact]
    public async Task An_empty_file_is_refused()
    {
        var error = await LoadFailsAsync<IngestException>(_files.WriteBytes([], "empty.csv"));
        Assert.EndsWith("is empty.", error.Message);
    }

    [Fact]
    public async Task A_header_with_no_rows_loads_nothing_and_is_refused()
    {
        var error = await LoadFailsAsync<IngestException>(_files.Write(Header + "\n"));
        Assert.Contains("no data rows", error.Message);
    }

    [Fact]
    public async Task Text_valid_in_neither_UTF8_nor_Windows1252_is_refused()
    {
        // 0x81 is undefined in Windows-1252 and a lone continuation byte in UTF-8.
        var bytes = Encoding.ASCII.GetBytes(Header + "\n" + Rate("S12000019", "2017/2018", "26", sex: "Ma?e") + "\n");
        bytes[Array.IndexOf(bytes, (byte)'?')] = 0x81;
        var error = await LoadFailsAsync<IngestException>(_files.WriteBytes(bytes));
        Assert.Contains("neither valid UTF-8", error.Message);
    }

    [Fact]
    public async Task A_BOM_that_lies_about_UTF8_is_refused()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.Latin1.GetBytes(Header + "\n" + Rate("S12000019", "2017/2018", "26", sex: "Mâle") + "\n")).ToArray();
        var error = await LoadFailsAsync<IngestException>(_files.WriteBytes(bytes));
        Assert.Contains("byte order mark but is not valid UTF-8", error.Message);
    }

    [Fact]
    public async Task A_manifest_driven_load_of_a_file_with_the_wrong_checksum_is_refused()
    {
        var path = _files.Csv(Rate("S12000019", "2017/2018", "26"));
        var error = await Assert.ThrowsAsync<IngestException>(() =>
            Loader.LoadAsync(new LoadRequest(Datasets.Reconvictions, path) { RequireManifestChecksum = true }));
        Assert.Contains("expects bc0631c91b18d9eee7dca362b1137926047a54daa8dc55d12eec2133c0da34f5", error.Message);
        Assert.Equal(_before, await DatabaseSnapshot.TakeAsync(db));
    }

    [Fact]
    public async Task Another_edition_without_an_edition_date_is_refused()
    {
        var path = _files.Csv(Rate("S12000019", "2017/2018", "26"));
        var error = await Assert.ThrowsAsync<IngestException>(() => Loader.LoadAsync(new LoadRequest(Datasets.Reconvictions, path)));
        Assert.Contains("--edition", error.Message);
        Assert.Equal(_before, await DatabaseSnapshot.TakeAsync(db));
    }

    [Fact]
    public async Task A_dry_run_of_a_good_file_validates_then_changes_nothing()
    {
        var path = _files.Csv(Rate("S12000019", "2017/2018", "26.1"), Rate("S12000010", "2017/2018", "20"));
        var result = await Loader.LoadAsync(Datasets.GeneratedFile(Datasets.Reconvictions, path) with { DryRun = true });
        Assert.Equal(LoadOutcome.DryRun, result.Outcome);
        Assert.Equal(2, result.RowsLoaded);
        Assert.Equal(_before, await DatabaseSnapshot.TakeAsync(db));
    }

    [Fact]
    public async Task The_reject_report_lists_every_reject_next_to_the_run_log()
    {
        var path = _files.Csv(Rate("S12999999", "2017/2018", "26"), Rate("S12000010", "2017/2018", "n/a"));
        var error = await Assert.ThrowsAsync<TooManyRejectsException>(() =>
            Loader.LoadAsync(Datasets.GeneratedFile(Datasets.Reconvictions, path) with { ReportFolder = _files.Folder }));
        var folder = error.Result.ReportFolder!;
        Assert.StartsWith(_files.Folder, folder);
        Assert.EndsWith("-reconvictions", folder);
        Assert.Equal(
            ["line,reason", "2,\"unknown area code 'S12999999'\"", "3,\"non-numeric Value 'n/a'\""],
            File.ReadAllLines(Path.Combine(folder, RunReport.RejectsFile)));
        Assert.Contains("FAILED", File.ReadAllText(Path.Combine(folder, RunReport.LogFile)));
        Assert.Equal(_before, await DatabaseSnapshot.TakeAsync(db));
    }
}
