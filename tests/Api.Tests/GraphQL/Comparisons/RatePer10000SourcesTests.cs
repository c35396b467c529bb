using CommunityJustice.Analytics.Api.GraphQL.Comparisons;
using CommunityJustice.Analytics.Model.Datasets;
using CommunityJustice.Analytics.Model.Observations;

namespace CommunityJustice.Analytics.Api.Tests.GraphQL.Comparisons;

/// <summary>
/// A rate per 10,000 whose all-persons population is males from one dataset plus females from another (the NRS small-area
/// estimates by data zone come as two workbooks) cites both editions, not only the first.
/// </summary>
public sealed class RatePer10000SourcesTests
{
    private static readonly DatasetVersion Males = new() { Id = 7, DatasetCode = "nrs-small-area-population-2021-males", FileName = "m.xlsx", FileSha256 = "m" };
    private static readonly DatasetVersion Females = new() { Id = 8, DatasetCode = "nrs-small-area-population-2021-females", FileName = "f.xlsx", FileSha256 = "f" };

    [Fact]
    public void All_persons_summed_from_two_datasets_cites_both()
    {
        var all = Assert.Single(RatePer10000.ForAllPersons([Estimate(Sex.Male, 447, Males), Estimate(Sex.Female, 463, Females)]));
        Assert.Equal(910m, all.Value);
        Assert.Equal(["nrs-small-area-population-2021-males", "nrs-small-area-population-2021-females"], RatePer10000.SourcesOf(all).Select(v => v.DatasetCode));
    }

    [Fact]
    public void A_population_the_source_gives_itself_cites_its_own_edition_only()
    {
        var male = Estimate(Sex.Male, 447, Males);
        Assert.Equal([Males], RatePer10000.SourcesOf(male));
    }

    private static Observation Estimate(Sex sex, decimal value, DatasetVersion edition) => new()
    {
        IndicatorCode = RatePer10000.PopulationIndicator, AreaCode = "S01006506", PeriodLabel = "2021", PeriodType = PeriodType.CalendarYear,
        PeriodStart = new DateOnly(2021, 1, 1), PeriodEnd = new DateOnly(2021, 12, 31), Sex = sex, AgeBandCode = "all",
        Value = value, Status = ObservationStatus.Published, DatasetVersionId = edition.Id, DatasetVersion = edition,
    };
}
