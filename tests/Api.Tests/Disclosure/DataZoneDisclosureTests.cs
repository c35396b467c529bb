using CommunityJustice.Analytics.Api.Tests.Support;

namespace CommunityJustice.Analytics.Api.Tests.Disclosure;

/// <summary>The optimiser attacker over every served table with a withheld figure, data zones included (SIMD 2020v2).</summary>
public sealed class DataZoneDisclosureTests(DataZoneApiFixture api) : IClassFixture<DataZoneApiFixture>
{
    [Fact]
    public async Task No_withheld_cell_of_any_served_table_is_narrowed_below_its_protection_interval_data_zones_included()
    {
        var attacked = await EveryServedTableAttack.RunAsync(api.CreateClient(), threshold: 5);
        Assert.Contains("simd-crime-count", attacked.Indicators);
        Assert.Contains("prison-arrivals", attacked.Indicators);
        // 640 data-zone counts below 5 and the counts the publisher marked, besides the prison tables'.
        Assert.True(attacked.Targets > 1000, $"the served tables have small and source-suppressed counts: {attacked.Targets}");
    }
}
