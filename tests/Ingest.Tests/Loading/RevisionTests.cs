using CommunityJustice.Analytics.Ingest.Loading;
using CommunityJustice.Analytics.Ingest.Tests.Support;
using CommunityJustice.Analytics.Model.Observations;
using CommunityJustice.Analytics.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static CommunityJustice.Analytics.Ingest.Tests.Support.TempFiles;

namespace CommunityJustice.Analytics.Ingest.Tests.Loading;

/// <summary>
/// Two editions of a dataset, generated here from typed rows: queries default to the latest, can ask
/// "as published on" a date, and a value the second edition changed shows as a revision.
/// </summary>
public class RevisionTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private const string Code = "test-revisions";
    private static readonly DateOnly FirstEdition = new(2020, 5, 26), SecondEdition = new(2021, 5, 25);
    private static readonly DateOnly CohortStart = new(2015, 4, 1), CohortEnd = new(2016, 3, 31);
    private readonly TempFiles _files = new();
    private int _first, _second;

    public async Task InitializeAsync()
    {
        var manifest = Datasets.Scratch(Code);
        var loader = new DatasetLoader(db.ConnectionString);
        // Second edition first: load order must not matter.
        _second = (await loader.LoadAsync(new LoadRequest(manifest, _files.Csv(
            Rate("S12000019", "2015/2016", "27.3"),
            Rate("S12000005", "2015/2016", "30.0"),
            Rate("S12000019", "2016/2017", "26.4")))
        { EditionDate = SecondEdition })).VersionId!.Value;
        _first = (await loader.LoadAsync(new LoadRequest(manifest, _files.Csv(
            Rate("S12000019", "2015/2016", "27.0"),
            Rate("S12000005", "2015/2016", "30.0")))
        { EditionDate = FirstEdition })).VersionId!.Value;
    }

    public Task DisposeAsync()
    {
        _files.Dispose();
        return Task.CompletedTask;
    }

    private async Task<List<Observation>> AsPublishedOnAsync(DateOnly? date)
    {
        await using var context = db.CreateContext();
        return await context.Observations.AsPublishedOn(date)
            .Where(o => o.DatasetVersion!.DatasetCode == Code)
            .OrderBy(o => o.AreaCode).ThenBy(o => o.PeriodStart).ToListAsync();
    }

    [Fact]
    public async Task By_default_queries_read_the_latest_edition()
    {
        var latest = await AsPublishedOnAsync(null);
        Assert.Equal(3, latest.Count);
        Assert.All(latest, o => Assert.Equal(_second, o.DatasetVersionId));
        Assert.Equal(27.3m, latest.Single(o => o.AreaCode == "S12000019" && o.PeriodStart == CohortStart).Value);
    }

    [Fact]
    public async Task As_published_on_a_date_reads_the_edition_current_then()
    {
        var before = await AsPublishedOnAsync(new DateOnly(2020, 12, 31));
        Assert.Equal(2, before.Count);
        Assert.All(before, o => Assert.Equal(_first, o.DatasetVersionId));
        Assert.Equal(27.0m, before.Single(o => o.AreaCode == "S12000019").Value);

        Assert.Empty(await AsPublishedOnAsync(new DateOnly(2020, 5, 25)));
        Assert.All(await AsPublishedOnAsync(FirstEdition), o => Assert.Equal(_first, o.DatasetVersionId));
        Assert.All(await AsPublishedOnAsync(SecondEdition), o => Assert.Equal(_second, o.DatasetVersionId));

        await using var context = db.CreateContext();
        Assert.Equal(_first, (await context.DatasetVersions.AsPublishedOn(new DateOnly(2021, 1, 1)).SingleAsync(v => v.DatasetCode == Code)).Id);
        Assert.Equal(_second, (await context.DatasetVersions.AsPublishedOn(null).SingleAsync(v => v.DatasetCode == Code)).Id);

        // The in-memory form (the API's reference data) chooses the same editions as the SQL one.
        var all = await context.DatasetVersions.AsNoTracking().ToListAsync();
        foreach (DateOnly? date in new DateOnly?[] { null, new(2020, 5, 25), FirstEdition, new(2021, 1, 1), SecondEdition })
        {
            Assert.Equal(
                (await context.DatasetVersions.AsPublishedOn(date).Select(v => v.Id).ToListAsync()).Order(),
                Editions.CurrentOn(all, date).Select(v => v.Id).Order());
        }
    }

    [Fact]
    public async Task A_changed_value_shows_as_a_revision_and_an_unchanged_one_does_not()
    {
        await using var context = db.CreateContext();
        var revised = Editions.MarkChanges(await context.Observations
            .Revisions("reconviction-rate", "S12000019", CohortStart, CohortEnd, Sex.All, "all").ToListAsync());
        Assert.Equal([(FirstEdition, 27.0m, false, false), (SecondEdition, 27.3m, true, true)],
            revised.Select(r => (r.EditionDate, r.Value!.Value, r.IsLatest, r.Changed)));
        Assert.All(revised, r => Assert.Equal("2015-16", r.PeriodLabel));

        var unchanged = Editions.MarkChanges(await context.Observations
            .Revisions("reconviction-rate", "S12000005", CohortStart, CohortEnd, Sex.All, "all").ToListAsync());
        Assert.Equal(2, unchanged.Count);
        Assert.DoesNotContain(unchanged, r => r.Changed);
    }
}
