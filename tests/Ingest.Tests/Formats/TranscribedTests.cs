using CommunityJustice.Analytics.Ingest.Catalog;
using CommunityJustice.Analytics.Ingest.Formats.Transcribed;
using CommunityJustice.Analytics.Ingest.Loading;
using CommunityJustice.Analytics.Ingest.Manifests;
using CommunityJustice.Analytics.Ingest.Sources;
using CommunityJustice.Analytics.Ingest.Tests.Support;
using CommunityJustice.Analytics.TestSupport;
using Xunit;
using static CommunityJustice.Analytics.Ingest.Tests.Formats.FormatTestSupport;

namespace CommunityJustice.Analytics.Ingest.Tests.Formats;

/// <summary>National series typed from published text (SOURCES.md section 6): values as printed, citations, editions and revisions.</summary>
public class TranscribedTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private static readonly IReadOnlyList<DatasetManifest> Transcribed =
        [.. ManifestCatalog.LoadBundled().Where(m => m.Format == TranscribedManifests.Format)];
    private readonly string _cache = Directory.CreateTempSubdirectory("cja-transcribed-").FullName;
    private IReadOnlyList<LoadResult> _results = [];

    public async Task InitializeAsync() =>
        _results = await BundledData.LoadAsync(db.ConnectionString, new SourceFileStore(null, _cache), Transcribed);

    public Task DisposeAsync()
    {
        Directory.Delete(_cache, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public void Every_edition_loads_whole_and_is_marked_as_transcribed()
    {
        Assert.Equal(5, Transcribed.Select(m => m.Code).Distinct().Count());
        Assert.Equal(10, Transcribed.Count); // reconviction 5 editions, homelessness applications 2, three single editions
        Assert.All(Transcribed, m => Assert.True(m.TranscribedFromText));
        Assert.All(Transcribed, m => Assert.Contains("transcribed from published text", m.Title));
        // The fixture database is shared by the class's tests, so the first test to run loads and the rest find the editions loaded.
        Assert.All(_results, r => Assert.Contains(r.Outcome, new[] { LoadOutcome.Loaded, LoadOutcome.Unchanged }));
        Assert.All(_results, r => Assert.Equal((r.RowsRead, 0L), (r.RowsLoaded, r.RowsRejected)));
        Assert.Equal(Transcribed.Sum(m => m.Transcribed!.Rows.Count), _results.Sum(r => r.RowsLoaded));
        Assert.All(Transcribed.SelectMany(m => m.Transcribed!.Rows), row =>
        {
            Assert.False(string.IsNullOrWhiteSpace(row.Publication));
            Assert.False(string.IsNullOrWhiteSpace(row.Page));
            Assert.True(row.Printed is null || TranscribedManifests.PrintedMatches(row.Printed, row.Value!.Value), $"{row.Printed} vs {row.Value}");
            Assert.Equal("S92000003", row.Area);
        });
    }

    [Fact]
    public async Task The_stored_file_carries_each_rows_citation()
    {
        var edition = ManifestCatalog.Find(Transcribed, "police-custody-scotland-transcribed");
        var text = await File.ReadAllTextAsync(TranscribedManifests.Materialise(edition, _cache));
        Assert.StartsWith("area_code_or_name,period,sex,age_band,indicator,value,marker,numerator,denominator,notes\n", text);
        Assert.Contains("S92000003,2019/20,All,all,police-custody-throughput,114815,,,,HMICS inspection of police custody centres in Argyll and West Dunbartonshire, Table 1", text.Replace("\"", ""));
        Assert.Equal(1, await db.CountAsync($"SELECT count(*) FROM dataset_versions WHERE dataset_code = 'police-custody-scotland-transcribed' AND file_sha256 = '{edition.Sha256}'"));
    }

    [Theory]
    // SOURCES.md 6d (justice social work), as printed; rounded figures stay rounded.
    [InlineData("cpo-commenced", "2015-16", 19500)]
    [InlineData("cpo-commenced", "2019-20", 16701)]
    [InlineData("cpo-commenced", "2022-23", 14700)]
    [InlineData("cpo-commenced", "2023-24", 15100)]
    [InlineData("cpo-successful-completion-rate", "2022-23", 73)]
    [InlineData("dtto-successful-completion-rate", "2023-24", 51)]
    [InlineData("diversion-cases-commenced", "2024-25", 3600)]
    [InlineData("diversion-referrals", "2016-17", 3400)]
    [InlineData("diversion-assessments", "2022-23", 4400)]
    [InlineData("diversion-cases-completed", "2019-20", 1600)]
    [InlineData("bail-supervision-commenced", "2024-25", 1500)]
    [InlineData("voluntary-throughcare-commenced", "2023-24", 1870)]
    [InlineData("fiscal-work-orders", "2022-23", 136)]
    [InlineData("jsw-reports", "2023-24", 27900)]
    // 6e police custody throughput
    [InlineData("police-custody-throughput", "2019-20", 114815)]
    [InlineData("police-custody-throughput", "2023-24", 102179)]
    // 6c homelessness from prison
    [InlineData("homeless-applications-from-prison", "2011-12", 2264)]
    [InlineData("homeless-applications-from-prison", "2012-13", 2228)]
    [InlineData("homeless-applications-reason-leaving-prison", "2010-11", 2261)]
    public async Task Latest_values_equal_SOURCES_md(string indicator, string period, decimal expected)
    {
        Assert.Equal(expected, await ValueAsync(db, $"""
            SELECT o.value FROM observations o JOIN dataset_versions v ON v.id = o.dataset_version_id AND v.is_latest
            WHERE o.indicator_code = '{indicator}' AND o.area_code = 'S92000003' AND o.period_label = '{period}' AND o.sex = 'All' AND o.age_band_code = 'all'
            """));
    }

    [Theory]
    // (indicator, cohort, first edition, first value, later edition, revised value): SOURCES.md 6a and 6c.
    [InlineData("reconviction-rate", "2019-20", "2022-07-01", 24.1, "2023-07-01", 24.3)]
    [InlineData("reconvictions-per-offender", "2019-20", "2022-07-01", 0.40, "2023-07-01", 0.41)]
    [InlineData("reconviction-rate", "2015-16", "2018-07-01", 27.0, "2020-09-24", 27.3)]
    [InlineData("reconviction-rate", "2012-13", "2015-07-01", 28.6, "2020-09-24", 28.9)]
    [InlineData("homeless-applications", "2022-23", "2023-07-01", 39006, "2024-07-01", 39308)]
    public async Task Revised_figures_are_two_editions_of_one_dataset(string indicator, string period, string first, decimal firstValue, string later, decimal revised)
    {
        async Task<decimal?> In(string edition) => await ValueAsync(db, $"""
            SELECT o.value FROM observations o JOIN dataset_versions v ON v.id = o.dataset_version_id
            WHERE v.dataset_code LIKE '%-transcribed' AND v.edition_date = '{edition}'
              AND o.indicator_code = '{indicator}' AND o.area_code = 'S92000003' AND o.period_label = '{period}'
            """);
        Assert.Equal(firstValue, await In(first));
        Assert.Equal(revised, await In(later));
    }

    [Fact]
    public async Task The_latest_reconviction_edition_is_the_2020_21_bulletin()
    {
        Assert.Equal("2023-07-01", await TextAsync(db, "SELECT edition_date::text FROM dataset_versions WHERE dataset_code = 'reconviction-scotland-transcribed' AND is_latest"));
        Assert.Equal(5, await db.CountAsync("SELECT count(*) FROM dataset_versions WHERE dataset_code = 'reconviction-scotland-transcribed'"));
    }

    [Fact]
    public async Task A_rerun_changes_nothing()
    {
        var before = await DatabaseSnapshot.TakeAsync(db);
        var again = await BundledData.LoadAsync(db.ConnectionString, new SourceFileStore(null, _cache), Transcribed);
        Assert.All(again, r => Assert.Equal(LoadOutcome.Unchanged, r.Outcome));
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(db));
    }

    [Fact]
    public void A_row_without_a_citation_or_with_a_mistyped_value_is_refused()
    {
        using var files = new TempFiles();
        var path = files.Write("""
            { "code": "bad-transcribed", "title": "t", "publisher": "p", "licence": "l", "sourceUrl": "https://example.org/",
              "transcribedFromText": true,
              "editions": [ { "editionDate": "2024-01-01", "publication": "Test", "rows": [
                { "indicator": "cpo-commenced", "area": "S92000003", "period": "2022/23", "value": 14700, "printed": "14,800", "publication": "Test", "page": "p1" },
                { "indicator": "cpo-commenced", "area": "S92000003", "period": "2023/24", "value": 15100, "publication": "", "page": "" } ] } ] }
            """, name: "bad.json");
        var error = Assert.Throws<IngestException>(() => TranscribedManifests.LoadFile(path));
        Assert.Contains("printed as '14,800'", error.Message);
        Assert.Contains("must cite its publication and page", error.Message);
    }
}
