using CommunityJustice.Analytics.Api.Tests.Support;
using CommunityJustice.Analytics.TestSupport;

namespace CommunityJustice.Analytics.Api.Tests.GraphQL.Comparisons;

/// <summary>
/// compare names every council area it leaves out of the ranking, with why, instead of only counting the ranked ones
/// (issue #13, item 4). Which councils have a figure is read here from the statistics.gov.scot reconvictions cube in
/// the data mirror, not through the ingest's reader.
/// </summary>
public sealed class UnrankedCouncilAreaTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    /// <summary>The council codes (S12) with a reconviction rate in the cube for one cohort, gender and age.</summary>
    private static HashSet<string> CouncilsWithRates(string dateCode, string gender, string age) =>
        File.ReadLines(RepositoryPaths.MirrorFile("reconviction/statgov_reconvictions_council_gender_age_2012-13_to_2017-18.csv")).Skip(1)
            .Select(l => l.Split(','))
            .Where(r => r[0].StartsWith("S12", StringComparison.Ordinal) && r[1] == dateCode && r[3] == "Percent reconvicted" && r[5] == gender && r[6] == age)
            .Select(r => r[0]).ToHashSet();

    private const string Query = """
        query($sex: Sex!, $ageBand: String!) {
          compare(indicator: "reconviction-rate", area: "S12000019", period: "2017-18", sex: $sex, ageBand: $ageBand) {
            area { rank { areasRanked councilAreas } }
            unrankedCouncilAreas { area { code name } reason } }
          areas(where: { level: { eq: COUNCIL_AREA } }) { code name } }
        """;

    [Theory]
    [InlineData("FEMALE", "under-21", "Female", "Under 21 years", "females, age band under-21")]
    [InlineData("ALL", "all", "All", "All", "all persons, age band all")]
    public async Task Councils_without_a_figure_in_the_cube_are_listed_by_name_with_the_edition_that_has_the_period(
        string sex, string ageBand, string gender, string age, string cellWords)
    {
        var ranked = CouncilsWithRates("2017/2018", gender, age);
        var result = await api.CreateClient().QueryAsync(Query, new { sex, ageBand });
        var councils = result["data"]!["areas"]!.AsArray().ToDictionary(a => a!["code"]!.GetValue<string>(), a => a!["name"]!.GetValue<string>());
        Assert.Equal(32, councils.Count);
        var expected = councils.Where(c => !ranked.Contains(c.Key)).OrderBy(c => c.Value, StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expected);                                       // East Lothian has no 2017-18 rate in the cube at all

        var compare = result["data"]!["compare"]!;
        var unranked = compare["unrankedCouncilAreas"]!.AsArray().Select(u => (Code: u!["area"]!["code"]!.GetValue<string>(), Reason: u["reason"]!.GetValue<string>())).ToList();
        Assert.Equal(expected.Select(c => c.Key), unranked.Select(u => u.Code));
        Assert.Equal(32 - unranked.Count, compare["area"]!["rank"]!["areasRanked"]!.GetValue<int>());
        foreach (var (code, reason) in unranked)
        {
            Assert.StartsWith($"Not published for {councils[code]}, {cellWords}: ", reason, StringComparison.Ordinal);
            Assert.Contains("reconvictions (edition 2021-03-25)", reason, StringComparison.Ordinal);
            Assert.Contains("figures for 2017-18 for other areas", reason, StringComparison.Ordinal);
        }
    }
}
