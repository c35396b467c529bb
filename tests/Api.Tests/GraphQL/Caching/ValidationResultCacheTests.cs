using CommunityJustice.Analytics.Api.GraphQL.Limits;
using CommunityJustice.Analytics.Api.Tests.Support;

namespace CommunityJustice.Analytics.Api.Tests.GraphQL.Caching;

/// <summary>
/// A request sent again without variables is not validated again (ValidationResultCache): what a user relies on is
/// that this spares only work, so the answer is the same as a first validation gives and the cost is still paid.
/// </summary>
public sealed class ValidationResultCacheTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task The_same_query_sent_again_is_still_charged_to_the_clients_cost_budget()
    {
        const string pageOf100 = "{ observations(first: 100) { nodes { value status } } }"; // cost about 200
        await using var factory = api.Factory.WithWebHostBuilder(b => b
            .UseSetting("GraphQL:Cache:Enabled", "false")
            .UseSetting("GraphQL:Admission:CostPerClientPerMinute", "600"));
        var client = new GraphQLClient(factory.CreateClient());

        var statuses = new List<int>();
        for (var attempt = 0; attempt < 6 && !statuses.Contains(429); attempt++)
        {
            var (status, body) = await client.SendAsync(pageOf100);
            statuses.Add(status);
            if (status == 429) Assert.Equal(CostBudgetExceededError.ErrorCode, (string?)body["errors"]![0]!["extensions"]!["code"]);
            else Assert.True(status == 200, body.ToJsonString());
        }
        // 600 a minute is spent within four pages of about 200, each validated once but charged every time.
        Assert.Contains(429, statuses);
        Assert.InRange(statuses.IndexOf(429), 2, 4);
    }

    [Fact]
    public async Task Each_operation_of_a_document_sent_again_gets_its_own_arguments()
    {
        const string document = """
            query Midlothian { area(code: "S12000019") { code name } }
            query EastLothian { area(code: "S12000010") { code name } }
            """;
        await using var factory = api.Factory.WithWebHostBuilder(b => b.UseSetting("GraphQL:Cache:Enabled", "false"));
        var client = new GraphQLClient(factory.CreateClient());
        foreach (var round in new[] { 1, 2, 3 })
        {
            foreach (var (operation, code) in new[] { ("Midlothian", "S12000019"), ("EastLothian", "S12000010") })
            {
                var (status, body) = await client.SendAsync(document, operationName: operation);
                Assert.True(status == 200, body.ToJsonString());
                Assert.Equal(code, (string?)body["data"]!["area"]!["code"]);
            }
        }
    }

    [Fact]
    public async Task A_query_refused_by_validation_is_refused_every_time_it_is_sent()
    {
        var query = "{ observations(first: 100) { nodes { " + string.Concat(Enumerable.Range(0, 300).Select(i => $"v{i}: value ")) + "} } }";
        await using var factory = api.Factory.WithWebHostBuilder(b => b
            .UseSetting("GraphQL:Cache:Enabled", "false")
            .UseSetting("GraphQL:MaxComplexity", "5000")
            .UseSetting("GraphQL:MaxAliasesPerField", "1000"));
        var client = new GraphQLClient(factory.CreateClient());
        foreach (var attempt in new[] { 1, 2, 3 })
        {
            var (status, body) = await client.SendAsync(query);
            Assert.True((400, LimitExceededError.MaxComplexity) == (status, (string?)body["errors"]![0]!["extensions"]!["code"]), body.ToJsonString());
        }
    }
}
