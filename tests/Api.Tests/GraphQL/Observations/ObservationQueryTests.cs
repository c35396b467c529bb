using CommunityJustice.Analytics.Api.Tests.Support;
using Snapshooter.Xunit;

namespace CommunityJustice.Analytics.Api.Tests.GraphQL.Observations;

/// <summary>
/// Queries on the real statistics.gov.scot reconviction figures loaded from the data mirror. Each
/// snapshot was checked by eye against
/// shared/data/reconviction/statgov_reconvictions_council_gender_age_2012-13_to_2017-18.csv.
/// </summary>
public sealed class ObservationQueryTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string Fields = "area { code name } period { label type start end } sex ageBand { code } value status marker";

    /// <summary>
    /// The 2017/2018 one-year reconviction rate, all ages, by sex, for Midlothian, East Lothian and
    /// Clackmannanshire. East Lothian has no row for 2017/2018 in the source (suppressed cells are
    /// left out of the statistics.gov.scot download), so only two areas appear.
    /// </summary>
    [Fact]
    public async Task ReconvictionRate_2017_18_by_sex_for_three_council_areas()
    {
        var result = await api.CreateClient().QueryAsync($$"""
            {
              observations(
                where: {
                  indicator: { code: { eq: "reconviction-rate" } }
                  area: { code: { in: ["S12000019", "S12000010", "S12000005"] } }
                  period: { label: { eq: "2017-18" } }
                  ageBand: { code: { eq: "all" } }
                  source: { dataset: { eq: "reconvictions" } }
                }
                order: [{ area: { name: ASC } }, { sex: ASC }]
              ) {
                totalCount
                nodes { {{Fields}} indicator { code unit } source { dataset { code publisher sourceUrl licence } editionDate fileSha256 } }
              }
            }
            """);
        GraphQLClient.Format(result).MatchSnapshot();
    }

    /// <summary>The example from the issue: females, two areas, every period and age band, latest period first.</summary>
    [Fact]
    public async Task Female_rates_in_two_areas_latest_period_first()
    {
        var result = await api.CreateClient().QueryAsync($$"""
            {
              observations(
                where: { indicator: { code: { eq: "reconviction-rate" } }, sex: { eq: FEMALE }, area: { code: { in: ["S12000019", "S12000010"] } }, ageBand: { code: { eq: "all" } }, source: { dataset: { eq: "reconvictions" } } }
                order: [{ period: { start: DESC } }, { area: { name: ASC } }]
              ) {
                totalCount
                nodes { {{Fields}} }
              }
            }
            """);
        GraphQLClient.Format(result).MatchSnapshot();
    }
}
