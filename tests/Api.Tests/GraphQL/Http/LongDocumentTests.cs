using System.Text;
using System.Text.Json.Nodes;
using CommunityJustice.Analytics.Api.GraphQL.Options;
using CommunityJustice.Analytics.Api.GraphQL.Parsing;
using CommunityJustice.Analytics.Api.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityJustice.Analytics.Api.Tests.GraphQL.Http;

/// <summary>
/// Long one-line documents through the endpoint. A syntax error at the end of one used to cost time
/// growing with the square of its column inside GraphQL-Parser (5 s at 62 KB, about a minute at 200 KB,
/// with no way to cancel it): the client is given no more time than the server's own execution
/// timeout, so a slow parse fails the test by timing out rather than by a measured duration.
/// </summary>
public sealed class LongDocumentTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string Field = "areas(where:{code:{eq:\"S12000019\"}}){code name}";

    private GraphQLClient ClientWithinTheDeadline()
    {
        var http = api.Factory.CreateClient();
        http.Timeout = api.Factory.Services.GetRequiredService<GraphQLHttpOptions>().ExecutionTimeout;
        return new GraphQLClient(http);
    }

    [Theory]
    [InlineData(62_000)]
    [InlineData(200_000)]
    public async Task A_syntax_error_at_the_end_of_a_long_line_is_answered_with_its_place(int length)
    {
        var document = new StringBuilder("{");
        while (document.Length < length) document.Append(Field);
        document.Append("}}"); // one closing brace too many, at the very end
        Assert.True(document.Length > LongLineDocumentBuilder.LongLine);

        var (status, body) = await ClientWithinTheDeadline().SendAsync(document.ToString());

        Assert.Equal(400, status);
        var error = body["errors"]![0]!;
        Assert.Equal("SYNTAX_ERROR", (string?)error["extensions"]!["code"]);
        Assert.Equal("Error parsing query: Unexpected }", (string?)error["message"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse($$"""[{"line":1,"column":{{document.Length}}}]"""), error["locations"]), error.ToJsonString());
    }

    [Fact]
    public async Task A_valid_minified_one_line_document_of_200_KB_runs()
    {
        var document = $"{{areas(where:{{name:{{contains:\"{new string('x', 200_000)}\"}}}}){{code}} midlothian:areas(where:{{code:{{eq:\"S12000019\"}}}}){{name}}}}";

        var body = await ClientWithinTheDeadline().QueryAsync(document);

        Assert.Empty(body["data"]!["areas"]!.AsArray());
        Assert.Equal("Midlothian", (string?)body["data"]!["midlothian"]![0]!["name"]);
    }
}
