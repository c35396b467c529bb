using System.Text;
using CommunityJustice.Analytics.Ingest.Loading;
using CommunityJustice.Analytics.Ingest.Tests.Support;
using CommunityJustice.Analytics.TestSupport;
using Npgsql;
using Xunit;
using static CommunityJustice.Analytics.Ingest.Tests.Support.TempFiles;

namespace CommunityJustice.Analytics.Ingest.Tests.Loading;

/// <summary>How source values become model values: area codes and names, encodings, line endings, markers, numbers.</summary>
public class ResolutionTests(TestDatabase db) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private async Task<(LoadResult Result, List<(string Area, string Sex, string Age, decimal? Value, string Status, string? Marker)> Rows)> LoadAsync(
        string dataset, string path)
    {
        var result = await new DatasetLoader(db.ConnectionString).LoadAsync(Datasets.GeneratedFile(Datasets.Scratch(dataset), path));
        return (result, await RowsAsync(dataset));
    }

    private async Task<List<(string Area, string Sex, string Age, decimal? Value, string Status, string? Marker)>> RowsAsync(string dataset)
    {
        await using var connection = new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT o.area_code, o.sex, o.age_band_code, o.value, o.status, o.marker FROM observations o
            JOIN dataset_versions v ON v.id = o.dataset_version_id WHERE v.dataset_code = @dataset ORDER BY o.id
            """, connection);
        command.Parameters.AddWithValue("dataset", dataset);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string, string, decimal?, string, string?)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetDecimal(3),
                reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
        }
        return rows;
    }

    [Fact]
    public async Task Retired_council_codes_resolve_to_their_successors()
    {
        var (result, rows) = await LoadAsync("test-successions", _files.Csv(
            Rate("S12000015", "2017/2018", "26.8"),   // Fife before 2018
            Rate("S12000024", "2017/2018", "25"),     // Perth and Kinross before 2018
            Rate("S12000046", "2017/2018", "26.6"),   // Glasgow City before 2019
            Rate("S12000044", "2017/2018", "27")));   // North Lanarkshire before 2019
        Assert.Equal(4, result.RowsLoaded);
        Assert.Equal(["S12000047", "S12000048", "S12000049", "S12000050"], rows.Select(r => r.Area));
    }

    [Fact]
    public async Task An_old_and_a_new_code_for_the_same_cell_are_duplicates()
    {
        var error = await Assert.ThrowsAsync<TooManyRejectsException>(() => LoadAsync("test-succession-duplicate", _files.Csv(
            Rate("S12000047", "2017/2018", "26.8"),
            Rate("S12000015", "2017/2018", "26.8"))));
        Assert.Equal(new RejectedRow(3, "duplicate cell: same indicator, area, period, sex and age band as line 2"), Assert.Single(error.Result.Rejects));
    }

    [Fact]
    public async Task Area_names_and_their_published_variants_resolve_through_the_alias_table()
    {
        var (result, rows) = await LoadAsync("test-names", _files.Csv(
            Rate("\"Edinburgh, City of\"", "2017/2018", "1"),
            Rate("Argyll & Bute", "2017/2018", "2"),
            Rate("Western Isles", "2017/2018", "3"),
            Rate("midlothian", "2017/2018", "4"),
            Rate("http://statistics.gov.scot/id/statistical-geography/S12000005", "2017/2018", "5")));
        Assert.Equal(5, result.RowsLoaded);
        Assert.Equal(["S12000036", "S12000035", "S12000013", "S12000019", "S12000005"], rows.Select(r => r.Area));
    }

    [Fact]
    public async Task A_Windows1252_file_with_CRLF_and_a_non_ASCII_area_name_is_read_in_its_encoding()
    {
        // No-break spaces (0xA0 in Windows-1252, invalid alone in UTF-8), as in the SG Data Zone lookup.
        var text = string.Join("\r\n", Header, Rate("Dumfries\u00A0and\u00A0Galloway", "2017/2018", "24.5"), Rate("Perth\u00A0&\u00A0Kinross", "2016/2017", "23")) + "\r\n";
        var path = _files.WriteBytes(Encoding.Latin1.GetBytes(text));
        Assert.Contains((byte)0xA0, File.ReadAllBytes(path));

        var (result, rows) = await LoadAsync("test-windows-1252", path);
        Assert.Equal("Windows-1252", result.Encoding);
        Assert.Equal(0, result.RowsRejected);
        Assert.Equal([("S12000006", 24.5m), ("S12000048", 23m)], rows.Select(r => (r.Area, r.Value!.Value)));
    }

    [Fact]
    public async Task Rows_repeating_the_previous_rows_values_resolve_like_any_other_and_a_bad_value_among_them_is_rejected_on_its_own_line()
    {
        // The reader remembers the previous row's area, period, measure and categories (sorted files repeat them); a value
        // that failed must not be remembered, and one that resolved must not leak into the next row that differs.
        var path = _files.Csv(
            Rate("S12000019", "2017/2018", "1"),
            Rate("S12000019", "2017/2018", "2", sex: "Male"),
            Rate("S12999999", "2017/2018", "3", sex: "Male"),
            Rate("S12000019", "2017/2018", "4", sex: "Men"),
            Rate("S12000019", "2017/2018", "5", sex: "Female"),
            Rate("S12000015", "2017/2018", "6"),
            Rate("S12000015", "2018/2019", "7"),
            "S12000015,2018/2019,Median,Percent reconvicted,8,All,All",
            Rate("S12000015", "2018-2019-Q9", "9"),
            Rate("S12000015", "2018/2019", "10", age: "21-25 years"),
            Rate("S12999999", "2018/2019", "11", age: "21-25 years"));
        var result = await new DatasetLoader(db.ConnectionString).LoadAsync(Datasets.GeneratedFile(Datasets.Scratch("test-repeats"), path, maxRejects: 10));
        Assert.Equal(
        [
            new(4, "unknown area code 'S12999999'"),
            new(5, "unmapped Gender value 'Men'"),
            new(9, "unmapped Measurement/Units 'Median' / 'Percent reconvicted'"),
            new(10, "unparseable DateCode '2018-2019-Q9'"),
            new(12, "unknown area code 'S12999999'"),
        ], result.Rejects);
        Assert.Equal(
        [
            ("S12000019", "All", "all", 1m), ("S12000019", "Male", "all", 2m), ("S12000019", "Female", "all", 5m),
            ("S12000047", "All", "all", 6m), ("S12000047", "All", "all", 7m), ("S12000047", "All", "21-25", 10m),
        ], (await RowsAsync("test-repeats")).Select(r => (r.Area, r.Sex, r.Age, r.Value!.Value)));
    }

    [Fact]
    public async Task A_UTF8_file_with_a_BOM_and_CRLF_loads()
    {
        var text = string.Join("\r\n", Header, Rate("S12000019", "2017/2018", "26", sex: "Female", age: "21-25 years")) + "\r\n";
        var (result, rows) = await LoadAsync("test-utf8-bom", _files.Write(text, new UTF8Encoding(true)));
        Assert.Equal("UTF-8 with BOM", result.Encoding);
        Assert.Equal(("S12000019", "Female", "21-25", (decimal?)26m), rows.Select(r => (r.Area, r.Sex, r.Age, r.Value)).Single());
    }

    [Fact]
    public async Task Values_are_invariant_decimals_including_scientific_notation()
    {
        var (_, rows) = await LoadAsync("test-numbers", _files.Csv(
            Rate("S12000019", "2017/2018", "2.63E1"),
            Rate("S12000010", "2017/2018", "4.6e-1"),
            Rate("S12000005", "2017/2018", "-0.5"),
            Rate("S12000008", "2017/2018", " 12.250 ")));
        Assert.Equal([26.3m, 0.46m, -0.5m, 12.25m], rows.Select(r => r.Value!.Value));
    }

    [Fact]
    public async Task A_DataMarker_without_a_value_is_stored_as_a_status_with_its_marker_never_as_zero()
    {
        var path = _files.Write(string.Join("\n",
            Header + ",DataMarker",
            Rate("S12000019", "2017/2018", "26") + ",",
            Rate("S12000010", "2017/2018", "") + ",*",
            Rate("S12000005", "2017/2018", "") + ",z",
            Rate("S12000008", "2017/2018", "31.2") + ",p") + "\n");
        var (result, rows) = await LoadAsync("test-markers", path);
        Assert.Equal(4, result.RowsLoaded);
        Assert.Equal(
        [
            ("S12000019", 26m, "Published", null),
            ("S12000010", null, "Suppressed", "*"),
            ("S12000005", null, "NotApplicable", "z"),
            ("S12000008", 31.2m, "Published", "p"),
        ], rows.Select(r => (r.Area, r.Value, r.Status, r.Marker)));
    }

    [Fact]
    public async Task An_unknown_DataMarker_on_an_empty_value_is_rejected()
    {
        var path = _files.Write(Header + ",DataMarker\n" + Rate("S12000010", "2017/2018", "") + ",??\n");
        var error = await Assert.ThrowsAsync<TooManyRejectsException>(() => LoadAsync("test-unknown-marker", path));
        Assert.Equal(new RejectedRow(2, "Value is empty and the DataMarker '??' is not a known marker"), Assert.Single(error.Result.Rejects));
    }

    [Fact]
    public async Task Blank_lines_are_not_rows_but_still_count_for_line_numbers()
    {
        var error = await Assert.ThrowsAsync<TooManyRejectsException>(() => LoadAsync("test-blank-lines", _files.Write(
            Header + "\n" + Rate("S12000019", "2017/2018", "26") + "\n\n" + Rate("S12999999", "2017/2018", "1") + "\n")));
        Assert.Equal(2, error.Result.RowsRead);
        Assert.Equal(4, Assert.Single(error.Result.Rejects).Line);
    }

    [Fact]
    public async Task GeographyCode_is_accepted_in_place_of_FeatureCode()
    {
        var path = _files.Write(Header.Replace("FeatureCode", "GeographyCode") + "\n" + Rate("S12000019", "2017/2018", "26") + "\n");
        var (result, _) = await LoadAsync("test-geographycode", path);
        Assert.Equal(1, result.RowsLoaded);
    }
}
