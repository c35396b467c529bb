using System.Text.Json.Nodes;
using CommunityJustice.Analytics.Api.Tests.Support;

namespace CommunityJustice.Analytics.Api.Tests.GraphQL.Execution;

/// <summary>
/// The fields of a selection set are collected once per parsed document and type for documents without variables
/// (Execution/CollectedFieldsExecutionStrategy): a document sent again must still answer with exactly the fields it
/// asks for, through fragments, aliases and literal directives, and one with variables must follow each request's values.
/// </summary>
public sealed class CollectedFieldsTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string Page = """where: { area: { code: { eq: "S12000019" } } }, order: [{ id: ASC }], first: 3""";

    private static IEnumerable<string> Keys(JsonNode? node) => node!.AsObject().Select(p => p.Key);

    [Fact]
    public async Task A_document_sent_again_answers_with_the_fields_its_fragments_aliases_and_directives_select()
    {
        var client = api.CreateClient();
        var query = $$"""
            { observations({{Page}}) { nodes { figure: value ...When ... on Observation { status @skip(if: true) id @include(if: true) } area { name @include(if: false) code } } } }
            fragment When on Observation { period { label } }
            """;
        foreach (var body in new[] { await client.QueryAsync(query), await client.QueryAsync(query) })
        {
            var nodes = body["data"]!["observations"]!["nodes"]!.AsArray();
            Assert.Equal(3, nodes.Count);
            Assert.All(nodes, n =>
            {
                Assert.Equal(["figure", "period", "id", "area"], Keys(n));
                Assert.Equal(["code"], Keys(n!["area"]));
                Assert.Equal("S12000019", (string?)n["area"]!["code"]);
            });
        }
    }

    [Fact]
    public async Task A_document_with_variables_selects_the_fields_each_request_asks_for()
    {
        var client = api.CreateClient();
        var query = $$"""query Q($withValue: Boolean!) { observations({{Page}}) { nodes { id value @include(if: $withValue) status @skip(if: $withValue) } } }""";
        foreach (var withValue in new[] { true, false, true })
        {
            var nodes = (await client.QueryAsync(query, new { withValue }))["data"]!["observations"]!["nodes"]!.AsArray();
            Assert.All(nodes, n => Assert.Equal(withValue ? ["id", "value"] : ["id", "status"], Keys(n)));
        }
    }

    [Fact]
    public async Task Two_root_fields_of_one_document_each_answer_with_their_own_fields_when_it_is_sent_again()
    {
        var client = api.CreateClient();
        var query = $$"""{ a: observations({{Page}}) { nodes { id } } b: observations({{Page}}) { totalCount nodes { value area { code } } } }""";
        foreach (var body in new[] { await client.QueryAsync(query), await client.QueryAsync(query) })
        {
            Assert.All(body["data"]!["a"]!["nodes"]!.AsArray(), n => Assert.Equal(["id"], Keys(n)));
            Assert.All(body["data"]!["b"]!["nodes"]!.AsArray(), n => Assert.Equal(["value", "area"], Keys(n)));
            Assert.True((int)body["data"]!["b"]!["totalCount"]! >= 3);
        }
    }
}
