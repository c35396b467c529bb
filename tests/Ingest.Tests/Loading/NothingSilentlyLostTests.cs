using System.Text;
using CommunityJustice.Analytics.Ingest.Loading;
using CommunityJustice.Analytics.Ingest.Tests.Support;
using CommunityJustice.Analytics.TestSupport;
using Xunit;
using static CommunityJustice.Analytics.Ingest.Tests.Support.TempFiles;

namespace CommunityJustice.Analytics.Ingest.Tests.Loading;

/// <summary>
/// A reader never stops early: a line it cannot read either is that line's reject (the file's last line) or refuses
/// the whole file, so no edition is stored with the rows after a bad line missing (issue #13, item 4).
/// </summary>
public class NothingSilentlyLostTests(TestDatabase db) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private DatasetLoader Loader => new(db.ConnectionString);

    private Task<long> VersionsAsync(string code) => db.CountAsync($"SELECT count(*) FROM dataset_versions WHERE dataset_code = '{code}'");

    /// <summary>The real reconvictions file with its line 3000 replaced by a 50 MB line (written to a temp folder, never committed).</summary>
    private string ReconvictionsWithHugeLine3000()
    {
        var path = Path.Combine(_files.Folder, "reconvictions-with-50mb-line.csv");
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        var line = 0;
        foreach (var text in File.ReadLines(Datasets.ReconvictionsFile))
        {
            if (++line == 3000)
            {
                writer.Write("S12000019,2017/2018,Ratio,Percent reconvicted,");
                writer.Write(new string('9', 50 * 1024 * 1024));
                writer.Write(",All,All\n");
                continue;
            }
            writer.Write(text);
            writer.Write('\n');
        }
        Assert.True(line > 6000, $"the real file has {line} lines");
        return path;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(100_000)]
    public async Task A_50_MB_line_at_line_3000_of_the_real_file_refuses_the_file_whatever_max_rejects_allows(long maxRejects)
    {
        var code = $"huge-line-{maxRejects}";
        var path = ReconvictionsWithHugeLine3000();
        var error = await Assert.ThrowsAsync<IngestException>(() => Loader.LoadAsync(Datasets.GeneratedFile(Datasets.Scratch(code), path, maxRejects)));
        Assert.IsNotType<TooManyRejectsException>(error);
        Assert.Contains("line 3,000 is longer than", error.Message);
        Assert.Contains("Nothing was loaded", error.Message);
        Assert.DoesNotContain("MaxBufferSize", error.Message);
        Assert.DoesNotContain("Row 2999", error.Message);
        Assert.Equal(0, await VersionsAsync(code));
    }

    [Fact]
    public async Task A_broken_quote_in_the_middle_of_the_file_refuses_it_instead_of_swallowing_the_lines_after_it()
    {
        var path = _files.Csv(
            Rate("S12000019", "2017/2018", "26"),
            "S12000010,2017/2018,Ratio,\"Percent reconvicted,20,All,All",
            Rate("S12000005", "2017/2018", "31.6"),
            Rate("S12000006", "2017/2018", "30"));
        var error = await Assert.ThrowsAsync<IngestException>(() => Loader.LoadAsync(Datasets.GeneratedFile(Datasets.Scratch("broken-quote"), path, maxRejects: 10)));
        Assert.IsNotType<TooManyRejectsException>(error);
        Assert.Contains("line 3 cannot be read as CSV", error.Message);
        Assert.Equal(0, await VersionsAsync("broken-quote"));
    }

    [Fact]
    public async Task A_last_line_cut_inside_its_last_value_with_no_final_newline_is_rejected_with_its_line()
    {
        // "…,Al" for "…,All": the last line has no line break after it.
        var cut = string.Join("\n", Header, Rate("S12000019", "2017/2018", "26"), Rate("S12000010", "2017/2018", "20")[..^1]);

        var error = await Assert.ThrowsAsync<TooManyRejectsException>(() => Loader.LoadAsync(Datasets.GeneratedFile(Datasets.Scratch("cut-last"), _files.Write(cut))));
        var reject = Assert.Single(error.Result.Rejects);
        Assert.Equal(3, reject.Line);
        Assert.Contains("the file ends inside this line, with no line break after it", reject.Reason);
        Assert.Contains("last value 'Al'", reject.Reason);
        Assert.Equal(0, await VersionsAsync("cut-last"));

        // Allowed one reject, the cut line is left out and said so; the complete line loads.
        var result = await Loader.LoadAsync(Datasets.GeneratedFile(Datasets.Scratch("cut-last"), _files.Write(cut), maxRejects: 1));
        Assert.Equal((2L, 1L, 1L), (result.RowsRead, result.RowsLoaded, result.RowsRejected));
    }

    [Fact]
    public async Task A_number_cut_at_the_end_of_a_file_with_no_final_newline_is_refused_with_the_line_number()
    {
        // Value as the last column, "…,114" for "…,1145": only the missing line break shows the number may be cut.
        const string header = "FeatureCode,DateCode,Measurement,Units,Gender,Age,Value";
        var path = _files.Write(string.Join("\n", header, "S12000019,2017/2018,Ratio,Percent reconvicted,All,All,26", "S12000010,2017/2018,Ratio,Percent reconvicted,All,All,114"));
        var error = await Assert.ThrowsAsync<TooManyRejectsException>(() => Loader.LoadAsync(Datasets.GeneratedFile(Datasets.Scratch("cut-value"), path)));
        var reject = Assert.Single(error.Result.Rejects);
        Assert.Equal(3, reject.Line);
        Assert.Contains("may have been cut short and its last value '114' may be incomplete", reject.Reason);

        // The same lines ending in a line break are complete, and load.
        var complete = _files.Write(string.Join("\n", header, "S12000019,2017/2018,Ratio,Percent reconvicted,All,All,26", "S12000010,2017/2018,Ratio,Percent reconvicted,All,All,114") + "\n");
        var result = await Loader.LoadAsync(Datasets.GeneratedFile(Datasets.Scratch("cut-value-complete"), complete));
        Assert.Equal((2L, 2L, 0L), (result.RowsRead, result.RowsLoaded, result.RowsRejected));
    }

    [Fact]
    public async Task A_million_field_line_2_is_blamed_on_line_2_not_on_the_header()
    {
        var path = _files.Write(Header + "\n" + string.Join(",", Enumerable.Repeat("x", 1_000_000)) + "\n" + Rate("S12000019", "2017/2018", "26") + "\n");
        var error = await Assert.ThrowsAsync<TooManyRejectsException>(() => Loader.LoadAsync(Datasets.GeneratedFile(Datasets.Scratch("wide-line"), path)));
        Assert.DoesNotContain("header", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(new RejectedRow(2, "has 1000000 fields, expected 7 (truncated or ragged line)"), Assert.Single(error.Result.Rejects));
        Assert.Equal(2, error.Result.RowsRead);
    }

    [Fact]
    public async Task UTF_16LE_without_a_byte_order_mark_is_named_as_such()
    {
        var path = _files.WriteBytes(Encoding.Unicode.GetBytes(Header + "\n" + Rate("S12000019", "2017/2018", "26") + "\n"));
        var error = await Assert.ThrowsAsync<IngestException>(() => Loader.LoadAsync(Datasets.GeneratedFile(Datasets.Scratch("utf16"), path)));
        Assert.Contains("UTF-16LE text without a byte order mark", error.Message);
        Assert.DoesNotContain("binary", error.Message);
    }

    [Fact]
    public async Task Rejects_are_grouped_by_reason_and_value_with_counts_and_first_lines()
    {
        var path = _files.Csv(
            Rate("S12999999", "2017/2018", "26"),
            Rate("S12000019", "2017/2018", "26"),
            Rate("S12999999", "2016/2017", "25"),
            Rate("S12999998", "2017/2018", "25"),
            Rate("S12999999", "2015/2016", "24"));
        var error = await Assert.ThrowsAsync<TooManyRejectsException>(() => Loader.LoadAsync(Datasets.GeneratedFile(Datasets.Scratch("grouped"), path)));
        Assert.Equal(
        [
            new RejectGroup("unknown area code 'S12999999'", 3, [2, 4, 6]),
            new RejectGroup("unknown area code 'S12999998'", 1, [5]),
        ], error.Result.RejectGroups, new GroupComparer());
    }

    private sealed class GroupComparer : IEqualityComparer<RejectGroup>
    {
        public bool Equals(RejectGroup? x, RejectGroup? y) =>
            x is not null && y is not null && x.Reason == y.Reason && x.Count == y.Count && x.FirstLines.SequenceEqual(y.FirstLines);

        public int GetHashCode(RejectGroup obj) => obj.Reason.GetHashCode(StringComparison.Ordinal);
    }
}
