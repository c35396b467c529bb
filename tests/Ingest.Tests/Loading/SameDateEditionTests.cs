using CommunityJustice.Analytics.Ingest.Loading;
using CommunityJustice.Analytics.Ingest.Tests.Support;
using CommunityJustice.Analytics.Model.Observations;
using CommunityJustice.Analytics.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static CommunityJustice.Analytics.Ingest.Tests.Support.TempFiles;

namespace CommunityJustice.Analytics.Ingest.Tests.Loading;

/// <summary>
/// A publisher corrects an edition on the day it came out: two loads with the same edition date.
/// The later load is the newer edition everywhere the project chooses one: the loader's is_latest
/// flag, the SQL "as published on" rule and its in-memory form <see cref="Editions.CurrentOn"/>
/// (which the API's reference data uses), with and without a date.
/// </summary>
public class SameDateEditionTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private const string Code = "test-same-date";
    private static readonly DateOnly EditionDate = new(2022, 5, 31);
    private readonly TempFiles _files = new();
    private int _first, _corrected;

    public async Task InitializeAsync()
    {
        var manifest = Datasets.Scratch(Code);
        var loader = new DatasetLoader(db.ConnectionString);
        // An earlier-dated edition too, so "newest" is not just "the only two there are".
        await loader.LoadAsync(new LoadRequest(manifest, _files.Csv(Rate("S12000019", "2018/2019", "25.0"))) { EditionDate = new DateOnly(2021, 5, 25) });
        _first = (await loader.LoadAsync(new LoadRequest(manifest, _files.Csv(Rate("S12000019", "2018/2019", "26.0"))) { EditionDate = EditionDate })).VersionId!.Value;
        _corrected = (await loader.LoadAsync(new LoadRequest(manifest, _files.Csv(Rate("S12000019", "2018/2019", "26.5"))) { EditionDate = EditionDate })).VersionId!.Value;
    }

    public Task DisposeAsync()
    {
        _files.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_later_load_of_two_editions_with_the_same_date_is_the_newest_everywhere()
    {
        Assert.True(_corrected > _first, "the correction was loaded second, so it has the higher id");
        await using var context = db.CreateContext();
        var versions = await context.DatasetVersions.AsNoTracking().Where(v => v.DatasetCode == Code).ToListAsync();
        Assert.Equal(3, versions.Count);

        // The loader's flag.
        Assert.Equal(_corrected, versions.Single(v => v.IsLatest).Id);

        foreach (DateOnly? date in new DateOnly?[] { null, EditionDate, new(2023, 1, 1) })
        {
            // The SQL rule, over editions and over observations.
            Assert.Equal(_corrected, (await context.DatasetVersions.AsPublishedOn(date).SingleAsync(v => v.DatasetCode == Code)).Id);
            var figure = await context.Observations.AsPublishedOn(date).SingleAsync(o => o.DatasetVersion!.DatasetCode == Code);
            Assert.Equal((_corrected, 26.5m), (figure.DatasetVersionId, figure.Value!.Value));

            // The in-memory rule, whichever order the editions come in.
            Assert.Equal(_corrected, Editions.CurrentOn(versions.OrderBy(v => v.Id), date).Single().Id);
            Assert.Equal(_corrected, Editions.CurrentOn(versions.OrderByDescending(v => v.Id), date).Single().Id);
        }

        // The day before, only the earlier-dated edition was out.
        var dayBefore = EditionDate.AddDays(-1);
        Assert.NotEqual(_first, Editions.CurrentOn(versions, dayBefore).Single().Id);
        Assert.Equal((await context.DatasetVersions.AsPublishedOn(dayBefore).SingleAsync(v => v.DatasetCode == Code)).Id,
            Editions.CurrentOn(versions, dayBefore).Single().Id);
    }

    [Fact]
    public async Task The_revisions_of_a_cell_list_same_date_editions_in_load_order()
    {
        await using var context = db.CreateContext();
        var revisions = await context.Observations
            .Revisions("reconviction-rate", "S12000019", new DateOnly(2018, 4, 1), new DateOnly(2019, 3, 31), Sex.All, "all")
            .ToListAsync();
        var revised = Editions.MarkChanges(revisions.Where(r => r.DatasetCode == Code));
        // 25.0 (2021), then on 31 May 2022 26.0 and its correction 26.5: each a change from the one before.
        Assert.Equal([(25.0m, false, false), (26.0m, true, false), (26.5m, true, true)], revised.Select(r => (r.Value!.Value, r.Changed, r.IsLatest)));
        Assert.Equal(_corrected, revised[^1].DatasetVersionId);
    }
}
