using CommunityJustice.Analytics.Api.Tests.Support;
using Snapshooter.Xunit;

namespace CommunityJustice.Analytics.Api.Tests.GraphQL.Comparisons;

/// <summary>Comparisons, gender views with significance and trends on the real bundled data.</summary>
public sealed class ComparisonTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string Figure = """
        area { code name }
        value
        figure { numerator denominator countSource { dataset { code } } intervalNote }
        confidenceInterval { lower upper level method basis }
        judgement judgementNote
        rank { position tied areasRanked councilAreas note }
        ratePer10000 { value population populationPeriod }
        ratePer10000Note
        """;

    [Fact]
    public async Task Midlothian_reconviction_rate_2017_18_against_Scotland_and_neighbours()
    {
        var result = await api.CreateClient().QueryAsync($$"""
            { compare(indicator: "reconviction-rate", area: "S12000019", period: "2017-18", comparators: ["S12000010", "S12000036"]) {
                indicator { code polarity } period level
                area { {{Figure}} } scotland { {{Figure}} } comparators { {{Figure}} } } }
            """);
        GraphQLClient.Format(result).MatchSnapshot();
    }

    [Fact]
    public async Task Gender_breakdowns_for_Scotland_and_Midlothian_2016_17_and_2017_18()
    {
        var result = await api.CreateClient().QueryAsync("""
            { genderBreakdowns(indicator: "reconviction-rate", areas: ["S92000003", "Midlothian"], periods: ["2016-17", "2017-18"]) {
                area { code } period ageBand { code }
                allPersons { value denominator } male { value denominator } female { value denominator }
                gap gapUnit ratio
                maleInterval { lower upper method } femaleInterval { lower upper method }
                gapInterval { lower upper method } significant significanceNote note } }
            """);
        GraphQLClient.Format(result).MatchSnapshot();
    }

    [Fact]
    public async Task Scotland_reconviction_rate_trend()
    {
        var result = await api.CreateClient().QueryAsync("""
            { trend(indicator: "reconviction-rate", area: "S92000003", from: "2012-13") {
                points { period value confidenceInterval { lower upper } changeSincePrevious changeSinceFirst }
                changeUnit changeSinceFirst changeSincePrevious changeInterval { lower upper method } direction directionTested assessment note } }
            """);
        GraphQLClient.Format(result).MatchSnapshot();
    }
}
