using System.Text.Json.Nodes;
using CommunityJustice.Analytics.Api.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CommunityJustice.Analytics.Api.Tests.GraphQL.Observations;

/// <summary>
/// A page requested again without variables is read with the statement EF Core wrote for it the first time
/// (Observations/PageShapes); the same page with its arguments in variables is read through EF Core each time. Both
/// must give the same answer, withheld cells included, and the figures must come from the database on every request.
/// The response cache is off, so every answer here is worked out afresh.
/// </summary>
public sealed class PageShapeTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private WebApplicationFactory<Program> Uncached() => api.Factory.WithWebHostBuilder(b => b.UseSetting("GraphQL:Cache:Enabled", "false"));

    /// <summary>Each page twice as a literal document, and once with the same arguments as variables.</summary>
    public static TheoryData<string, string, string> Pages => new()
    {
        {
            "the benchmark's page: two areas, one sex, by period then area code",
            """where: { indicator: { code: { eq: "reconviction-rate" } }, sex: { eq: FEMALE }, area: { code: { in: ["S12000019", "S12000010"] } } }, order: [{ period: { start: ASC } }, { area: { code: ASC } }], first: 50""",
            "nodes { id value status period { label } ageBand { code } area { code name } }"
        },
        {
            "withheld cells (masked in SQL: the condition reads status)",
            """where: { status: { eq: SUPPRESSED } }, order: [{ id: DESC }], first: 30""",
            "totalCount nodes { id value status suppressionReason marker numerator denominator area { code } }"
        },
        {
            "a later page ordered by a joined area name, every field",
            """where: { indicator: { code: { eq: "reconviction-rate" } } }, order: [{ period: { start: DESC } }, { area: { name: ASC } }], first: 7, after: "MTA=" """,
            "totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id value status marker sex period { label type start end } ageBand { code label } area { code name level } indicator { code } source { editionDate } confidenceInterval { lower upper } } }"
        },
        {
            "the last figures before a cursor, a former area code",
            """where: { area: { code: { eq: "S12000015" } } }, last: 5, before: "MjA=" """,
            "totalCount nodes { id value status area { code } } pageInfo { startCursor endCursor hasPreviousPage }"
        },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_page_sent_again_answers_as_the_first_time_and_as_with_variables(string what, string arguments, string selection)
    {
        await using var factory = Uncached();
        var client = new GraphQLClient(factory.CreateClient());
        var literal = $"{{ observations({arguments}) {{ {selection} }} }}";
        var first = await client.QueryAsync(literal);
        var again = await client.QueryAsync(literal);
        var withVariables = await client.QueryAsync(
            $"query Page($arguments: Boolean!) {{ observations({arguments}) @include(if: $arguments) {{ {selection} }} }}", new { arguments = true });

        Assert.True(first["data"]!["observations"]!.ToJsonString().Length > 100, $"{what}: the page should hold figures");
        Assert.Equal(first.ToJsonString(), again.ToJsonString());
        Assert.Equal(withVariables.ToJsonString(), again.ToJsonString());
    }

    [Fact]
    public async Task Withheld_cells_stay_withheld_when_the_page_is_sent_again()
    {
        await using var factory = Uncached();
        var client = new GraphQLClient(factory.CreateClient());
        const string query = """{ observations(where: { status: { eq: SUPPRESSED } }, first: 200) { nodes { value status suppressionReason } } }""";
        foreach (var body in new[] { await client.QueryAsync(query), await client.QueryAsync(query) })
        {
            var nodes = body["data"]!["observations"]!["nodes"]!.AsArray();
            Assert.NotEmpty(nodes);
            Assert.All(nodes, n => Assert.Null(n!["value"]));
            Assert.Contains(nodes, n => ((string?)n!["suppressionReason"])?.StartsWith("PRIMARY", StringComparison.Ordinal) == true);
        }
    }

    [Fact]
    public async Task A_page_sent_again_reads_its_figures_from_the_database_each_time()
    {
        await using var factory = Uncached();
        var client = new GraphQLClient(factory.CreateClient());
        const string query = """{ observations(where: { area: { code: { in: ["S12000019", "S12000010"] } } }, first: 5) { nodes { id value } } }""";
        await client.QueryAsync(query);
        for (var i = 0; i < 2; i++)
        {
            using var recorder = new StatementRecorder(api.DatabaseName);
            await client.QueryAsync(query);
            var sql = Assert.Single(recorder.Statements);
            Assert.Contains("area_code IN", sql);
            Assert.Matches(@"LIMIT 6\s*$", sql);
        }
    }

    [Fact]
    public async Task An_unknown_area_code_is_refused_every_time_it_is_sent()
    {
        await using var factory = Uncached();
        var client = new GraphQLClient(factory.CreateClient());
        const string query = """{ observations(where: { area: { code: { eq: "S12999999" } } }) { nodes { id } } }""";
        for (var i = 0; i < 2; i++)
        {
            var (_, body) = await client.SendAsync(query);
            Assert.Contains("S12999999", (string?)body["errors"]![0]!["message"]);
            Assert.Null(body["data"]?["observations"]);
        }
    }
}
