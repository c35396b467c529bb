using System.Text.Json.Nodes;
using CommunityJustice.Analytics.Api.Tests.Support;

namespace CommunityJustice.Analytics.Api.Tests.GraphQL.Http;

/// <summary>
/// Every error a user can cause carries a stable extensions.code (the list in docs/api.md) and a
/// message that says what to change; none is reported as an unexplained internal error.
/// </summary>
public sealed class ErrorCodeTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    /// <summary>Refused before execution: 400 under application/graphql-response+json, no data entry.</summary>
    [Theory]
    [InlineData("{ areas { code ", "SYNTAX_ERROR")]
    [InlineData("{ noSuchField }", "FIELDS_ON_CORRECT_TYPE")]
    [InlineData("{ areas { code(x: 1) } }", "KNOWN_ARGUMENT_NAMES")]
    [InlineData("{ area(code: 5) { name } }", "ARGUMENTS_OF_CORRECT_TYPE")]
    [InlineData("{ observations(where: { sex: { in: [null] } }) { totalCount } }", "ARGUMENTS_OF_CORRECT_TYPE")]
    [InlineData("{ area { name } }", "PROVIDED_NON_NULL_ARGUMENTS")]
    [InlineData("{ areas }", "SCALAR_LEAFS")]
    [InlineData("query($c: String!) { area(code: $c) { name } }", "INVALID_VALUE")]
    [InlineData("query A { __typename } query B { __typename }", "NO_OPERATION_NAME")]
    [InlineData("{ ...A } fragment A on Query { ...A }", "NO_FRAGMENT_CYCLES")]
    [InlineData("{ areas { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { code } } } } } } } } } } } } } } } } }", "MAX_DEPTH_EXCEEDED")]
    public async Task Document_errors(string query, string code)
    {
        var (status, body) = await api.CreateClient().SendAsync(query);
        Assert.True((400, code) == (status, Code(body)), $"{status}: {body.ToJsonString()}");
        Assert.False(body.AsObject().ContainsKey("data"));
    }

    /// <summary>Raised while resolving a field: 200, the field is null, the error names the field's path.</summary>
    [Theory]
    [InlineData("{ observations(first: -1) { totalCount } }", "INVALID_PAGING")]
    [InlineData("{ observations(first: 5000) { totalCount } }", "INVALID_PAGING")]
    [InlineData("{ observations(after: \"not a cursor\") { totalCount } }", "INVALID_PAGING")]
    [InlineData("{ observations(where: { area: { code: { in: null } } }) { totalCount } }", "INVALID_FILTER")]
    [InlineData("{ observations(where: { value: { gt: null } }) { totalCount } }", "INVALID_FILTER")]
    [InlineData("{ observations(where: { area: { name: { contains: null } } }) { totalCount } }", "INVALID_FILTER")]
    [InlineData("""{ genderBreakdown(indicator: "no-such-indicator", area: "S12000019", period: "2017-18") { gap } }""", "UNKNOWN_INDICATOR")]
    [InlineData("""{ genderBreakdown(indicator: "reconviction-rate", area: "Atlantis", period: "2017-18") { gap } }""", "UNKNOWN_AREA")]
    [InlineData("""{ genderBreakdown(indicator: "reconviction-rate", area: "S12000019", period: "last year") { gap } }""", "INVALID_PERIOD")]
    [InlineData("""{ genderBreakdown(indicator: "reconviction-rate", area: "S12000019", period: "2017-18", ageBand: "over-90") { gap } }""", "UNKNOWN_AGE_BAND")]
    public async Task Field_errors(string query, string code)
    {
        var (status, body) = await api.CreateClient().SendAsync(query);
        Assert.True((200, code) == (status, Code(body)), $"{status}: {body.ToJsonString()}");
        Assert.NotNull(body["errors"]![0]!["path"]);
        Assert.DoesNotContain("Error trying to resolve", (string?)body["errors"]![0]!["message"]);
    }

    private static string? Code(JsonNode body) => (string?)body["errors"]?[0]?["extensions"]?["code"];
}
