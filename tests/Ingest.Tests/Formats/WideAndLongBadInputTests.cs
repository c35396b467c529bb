using CommunityJustice.Analytics.Ingest.Catalog;
using CommunityJustice.Analytics.Ingest.Loading;
using CommunityJustice.Analytics.Ingest.Manifests;
using CommunityJustice.Analytics.Ingest.Tests.Support;
using CommunityJustice.Analytics.TestSupport;
using Xunit;
using static CommunityJustice.Analytics.Ingest.Tests.Formats.FormatTestSupport;

namespace CommunityJustice.Analytics.Ingest.Tests.Formats;

/// <summary>Bad input for the plain wide CSV and tidy-long readers, in the real manifests' layouts, in files the test generates (TEST values).</summary>
public class WideAndLongBadInputTests(TestDatabase db) : IClassFixture<TestDatabase>, IDisposable
{
    private static readonly IReadOnlyList<DatasetManifest> Bundled = ManifestCatalog.LoadBundled();
    private static readonly DatasetManifest Components = ManifestCatalog.Find(Bundled, "nrs-components-of-change") with { Code = "test-wide" };
    private static readonly DatasetManifest Population = ManifestCatalog.Find(Bundled, "nrs-population-estimates") with { Code = "test-long", Layout = ManifestCatalog.Find(Bundled, "nrs-population-estimates").Layout! with { Sheet = null } };
    private const string WideHeader = "Area,Natural change,Other changes,Overseas net migration,Rest of UK net migration,Within Scotland net migration,Population change";
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("Atlantis,1,2,3,4,5,6", "unknown area (Area) 'Atlantis'", 6)]
    [InlineData("Angus,1,\"2,0\",3,4,5,6", "Other changes: non-numeric 'Other changes' value '2,0'", 1)]
    [InlineData("Angus,1,2,3", "the line has 4 fields, expected 7", 6)]
    public async Task A_bad_wide_row_is_rejected_per_cell_and_nothing_is_stored(string row, string reason, int rejects)
    {
        var path = _files.Write($"{WideHeader}\r\nMoray,\"-1,234\",0,0,0,0,0\r\n{row}\r\n");
        var before = await DatabaseSnapshot.TakeAsync(db);
        var error = await Assert.ThrowsAsync<TooManyRejectsException>(() => new DatasetLoader(db.ConnectionString).LoadAsync(Request(Components, path)));
        Assert.Equal(rejects, error.Result.RowsRejected);
        Assert.All(error.Result.Rejects, r => Assert.Equal(3, r.Line));
        Assert.Contains(error.Result.Rejects, r => r.Reason.Contains(reason));
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(db));
    }

    [Fact]
    public async Task A_wide_file_with_a_wrong_header_is_refused()
    {
        var path = _files.Write("Area,Natural change,Other,Overseas net migration,Rest of UK net migration,Within Scotland net migration,Population change\r\nAngus,1,2,3,4,5,6\r\n");
        var error = await Assert.ThrowsAsync<IngestException>(() => new DatasetLoader(db.ConnectionString).LoadAsync(Request(Components, path)));
        Assert.Contains("missing column 'Other changes'", error.Message);
        Assert.Contains("unexpected column 'Other'", error.Message);
    }

    [Theory]
    [InlineData("Atlantis,2018,F,30,100", "unknown area (Area) 'Atlantis'")]
    [InlineData("Angus,18,F,30,100", "unparseable period (Year) '18'")]
    [InlineData("Angus,2018,X,30,100", "unmapped Sex value 'X'")]
    [InlineData("Angus,2018,F,91,100", "unmapped Age value '91'")]
    [InlineData("Angus,2018,F,30,1e", "non-numeric value (Population) '1e'")]
    public async Task A_bad_long_row_is_rejected_and_nothing_is_stored(string row, string reason)
    {
        foreach (var workbook in new[] { false, true })
        {
            var lines = new[] { "Area,Year,Sex,Age,Population", "Angus,2018,M,30,100", row };
            string path;
            if (workbook)
            {
                path = Path.Combine(_files.Folder, $"{Guid.NewGuid():N}.xlsx");
                WriteXlsx(path, "Mid-year population estimates", lines.Select(l => l.Split(',')));
            }
            else path = _files.Write(string.Join("\n", lines) + "\n");
            var before = await DatabaseSnapshot.TakeAsync(db);
            var error = await Assert.ThrowsAsync<TooManyRejectsException>(() => new DatasetLoader(db.ConnectionString).LoadAsync(Request(Population, path)));
            var reject = Assert.Single(error.Result.Rejects);
            Assert.Equal(3, reject.Line);
            Assert.Contains(reason, reject.Reason);
            Assert.Equal(before, await DatabaseSnapshot.TakeAsync(db));
        }
    }

    [Fact]
    public async Task A_long_file_with_a_wrong_header_is_refused()
    {
        var path = _files.Write("Council,Year,Sex,Age,Population\nAngus,2018,F,30,100\n");
        var error = await Assert.ThrowsAsync<IngestException>(() => new DatasetLoader(db.ConnectionString).LoadAsync(Request(Population, path)));
        Assert.Contains("missing column 'Area'", error.Message);
    }
}
