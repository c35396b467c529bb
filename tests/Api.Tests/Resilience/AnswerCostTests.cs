using System.Text;
using CommunityJustice.Analytics.Api.Tests.Support;

namespace CommunityJustice.Analytics.Api.Tests.Resilience;

/// <summary>
/// The cost of a query tracks the size of its answer (issue #11): <c>genderBreakdowns</c> over every
/// area × period × age band is counted by what it returns, estimated from the reference data in
/// memory, and an answer over <c>MaxResponseBytes</c> is refused with RESPONSE_TOO_LARGE instead of sent.
/// </summary>
public sealed class AnswerCostTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string AllBands = """["all", "under-21", "21-25", "26-30", "31-40", "over-40"]""";

    private const string Fields = """
        area { code name } period ageBand { code } gap gapUnit ratio note significant significanceNote
        allPersons { value status } male { value status } female { value status }
        gapInterval { lower upper method }
        """;

    private GraphQLClient Client(params (string Key, string Value)[] settings) =>
        new(api.Factory.WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in settings) b.UseSetting(key, value);
        }).CreateClient());

    [Fact]
    public async Task Thirty_aliased_breakdowns_over_everything_are_refused_before_they_run()
    {
        var query = new StringBuilder("{");
        for (var i = 0; i < 30; i++) query.Append($" b{i}: genderBreakdowns(indicator: \"reconviction-rate\", ageBands: {AllBands}) {{ {Fields} }}");
        query.Append(" }");

        var (status, body) = await api.CreateClient().SendAsync(query.ToString());

        Assert.Equal(400, status);
        Assert.Null(body["data"]);
        Assert.Equal("MAX_COMPLEXITY_EXCEEDED", (string?)body["errors"]![0]!["extensions"]!["code"]);
    }

    [Fact]
    public async Task A_breakdown_over_everything_costs_as_many_items_as_it_returns()
    {
        const string query = $$"""{ genderBreakdowns(indicator: "reconviction-rate", ageBands: {{AllBands}}) { period } }""";
        var items = (await Client(("GraphQL:MaxComplexity", "1000000")).QueryAsync(query))["data"]!["genderBreakdowns"]!.AsArray().Count;
        Assert.True(items > 1000, $"the bundled data should give thousands of breakdowns, not {items}");

        // Counted by what it returns, the query costs at least one per item: half that is not enough.
        var (status, body) = await Client(("GraphQL:MaxComplexity", (items / 2).ToString())).SendAsync(query);
        Assert.Equal(400, status);
        Assert.Equal("MAX_COMPLEXITY_EXCEEDED", (string?)body["errors"]![0]!["extensions"]!["code"]);
        // Named areas and periods count as given: two areas × two periods × six bands fit easily.
        await Client(("GraphQL:MaxComplexity", "100")).QueryAsync($$"""
            { genderBreakdowns(indicator: "reconviction-rate", areas: ["S12000019", "S92000003"], periods: ["2016-17", "2017-18"], ageBands: {{AllBands}}) { period } }
            """);
    }

    [Fact]
    public async Task An_answer_over_the_response_size_limit_is_refused_with_a_code_instead_of_sent()
    {
        const string query = """{ genderBreakdowns(indicator: "reconviction-rate") { area { name } period note } }""";
        var full = await api.CreateClient().QueryAsync(query);
        var size = Encoding.UTF8.GetByteCount(full.ToJsonString());

        var (status, body) = await Client(("GraphQL:MaxResponseBytes", (size / 2).ToString()), ("GraphQL:Cache:Enabled", "false")).SendAsync(query);

        Assert.Equal(400, status);
        Assert.Null(body["data"]);
        Assert.Equal("RESPONSE_TOO_LARGE", (string?)body["errors"]![0]!["extensions"]!["code"]);
        Assert.True(Encoding.UTF8.GetByteCount(body.ToJsonString()) < 1000, "the refusal should be a short error, not the answer");
        await Client(("GraphQL:MaxResponseBytes", (size * 2).ToString()), ("GraphQL:Cache:Enabled", "false")).QueryAsync(query);
    }
}
