using System.Text.Json.Nodes;
using CommunityJustice.Analytics.Api.Tests.Support;
using Snapshooter.Xunit;

namespace CommunityJustice.Analytics.Api.Tests.GraphQL.Observations;

/// <summary>
/// Cursor paging over Scotland's all-persons, all-ages reconviction rate: six cohorts, 2012-13 to
/// 2017-18, in period order.
/// </summary>
public sealed class PagingTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static string Page(string arguments) => $$"""
        {
          observations(
            where: { indicator: { code: { eq: "reconviction-rate" } }, area: { code: { eq: "S92000003" } }, sex: { eq: ALL }, ageBand: { code: { eq: "all" } }, source: { dataset: { eq: "reconvictions" } } }
            order: [{ period: { start: ASC } }]
            {{arguments}}
          ) {
            totalCount
            pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
            edges { cursor node { period { label } value } }
          }
        }
        """;

    private async Task<JsonNode> ConnectionAsync(string arguments) =>
        (await api.CreateClient().QueryAsync(Page(arguments)))["data"]!["observations"]!;

    private static string[] Labels(JsonNode connection) =>
        connection["edges"]!.AsArray().Select(e => (string)e!["node"]!["period"]!["label"]!).ToArray();

    [Fact]
    public async Task First_page_then_after_its_end_cursor()
    {
        var first = await ConnectionAsync("first: 2");
        var second = await ConnectionAsync($"first: 2, after: \"{first["pageInfo"]!["endCursor"]}\"");
        var last = await ConnectionAsync($"first: 10, after: \"{second["pageInfo"]!["endCursor"]}\"");

        Assert.Equal(["2012-13", "2013-14"], Labels(first));
        Assert.Equal(["2014-15", "2015-16"], Labels(second));
        Assert.Equal(["2016-17", "2017-18"], Labels(last));
        Assert.Equal((true, false), ((bool)first["pageInfo"]!["hasNextPage"]!, (bool)first["pageInfo"]!["hasPreviousPage"]!));
        Assert.Equal((true, true), ((bool)second["pageInfo"]!["hasNextPage"]!, (bool)second["pageInfo"]!["hasPreviousPage"]!));
        Assert.Equal((false, true), ((bool)last["pageInfo"]!["hasNextPage"]!, (bool)last["pageInfo"]!["hasPreviousPage"]!));
        Assert.All([first, second, last], c => Assert.Equal(6, (int)c["totalCount"]!));
    }

    [Fact]
    public async Task Last_page_then_before_its_start_cursor()
    {
        var last = await ConnectionAsync("last: 2");
        var before = await ConnectionAsync($"last: 3, before: \"{last["pageInfo"]!["startCursor"]}\"");

        Assert.Equal(["2016-17", "2017-18"], Labels(last));
        Assert.Equal(["2013-14", "2014-15", "2015-16"], Labels(before));
        Assert.Equal((false, true), ((bool)last["pageInfo"]!["hasNextPage"]!, (bool)last["pageInfo"]!["hasPreviousPage"]!));
        Assert.Equal((true, true), ((bool)before["pageInfo"]!["hasNextPage"]!, (bool)before["pageInfo"]!["hasPreviousPage"]!));
    }

    /// <summary>The whole series in one page, with cursors: Scotland's rate 2012-13 to 2017-18.</summary>
    [Fact]
    public async Task Whole_series_with_cursors()
    {
        GraphQLClient.Format(await ConnectionAsync("first: 10")).MatchSnapshot();
    }

    [Fact]
    public async Task Nodes_without_total_count_and_default_page_size()
    {
        var result = await api.CreateClient().QueryAsync("{ observations { nodes { id } pageInfo { hasNextPage } } }");
        Assert.Equal(50, result["data"]!["observations"]!["nodes"]!.AsArray().Count);
        Assert.True((bool)result["data"]!["observations"]!["pageInfo"]!["hasNextPage"]!);
    }

    [Theory]
    [InlineData("first: 1001", "INVALID_PAGING")]
    [InlineData("last: -1", "INVALID_PAGING")]
    [InlineData("after: \"not a cursor\"", "INVALID_PAGING")]
    public async Task Bad_paging_arguments_give_coded_errors(string arguments, string code)
    {
        var (status, body) = await api.CreateClient().SendAsync(Page(arguments));
        Assert.Equal(200, status);
        Assert.Equal(code, (string?)body["errors"]![0]!["extensions"]!["code"]);
    }

    [Fact]
    public async Task Page_size_above_the_maximum_says_the_maximum()
    {
        var (_, body) = await api.CreateClient().SendAsync(Page("first: 5000"));
        Assert.Contains("maximum page size of 1000", (string?)body["errors"]![0]!["message"]);
    }
}
