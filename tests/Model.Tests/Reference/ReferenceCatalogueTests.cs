using CommunityJustice.Analytics.Model.Reference;
using CommunityJustice.Analytics.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CommunityJustice.Analytics.Model.Tests.Reference;

public class ReferenceCatalogueTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public void Catalogue_files_are_read_and_codes_are_unique()
    {
        Assert.Contains(ReferenceCatalogue.Indicators, i => i.Code == ReferenceIndicators.ReconvictionRate);
        Assert.Contains(ReferenceCatalogue.AgeBands, a => a.Code == ReferenceAgeBands.AllAges);
        Assert.Equal(ReferenceCatalogue.Indicators.Count, ReferenceCatalogue.Indicators.Select(i => i.Code).Distinct().Count());
        Assert.Equal(ReferenceCatalogue.AgeBands.Count, ReferenceCatalogue.AgeBands.Select(a => a.Code).Distinct().Count());
        Assert.All(ReferenceCatalogue.Indicators, i => Assert.False(string.IsNullOrWhiteSpace(i.Description)));
    }

    [Fact]
    public void Catalogue_links_only_to_framework_entries_that_exist()
    {
        var nationalIndicators = ReferenceFramework.Indicators.Select(i => i.Code).ToHashSet();
        var aims = ReferenceFramework.Aims.Select(a => a.Number).ToHashSet();

        Assert.All(ReferenceCatalogue.Indicators.Where(i => i.NationalIndicatorCode is not null),
            i => Assert.Contains(i.NationalIndicatorCode!, nationalIndicators));
        Assert.All(ReferenceCatalogue.Indicators.Where(i => i.NationalAimNumber is not null),
            i => Assert.Contains(i.NationalAimNumber!.Value, aims));
    }

    [Fact]
    public async Task Syncing_again_changes_nothing_and_repairs_an_edited_entry()
    {
        await using (var db = database.CreateContext())
        {
            var indicator = await db.Indicators.SingleAsync(i => i.Code == ReferenceIndicators.ReconvictionRate);
            indicator.Title = "edited by hand";
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateContext())
        {
            await ReferenceCatalogue.SyncAsync(db);
            await ReferenceCatalogue.SyncAsync(db);
        }

        await using var check = database.CreateContext();
        Assert.Equal(ReferenceCatalogue.Indicators.Count, await check.Indicators.CountAsync());
        Assert.Equal(ReferenceCatalogue.AgeBands.Count, await check.AgeBands.CountAsync());
        Assert.Equal("One-year reconviction rate", (await check.Indicators.SingleAsync(i => i.Code == ReferenceIndicators.ReconvictionRate)).Title);
    }
}
