using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CommunityJustice.Analytics.Api.Tests.Support;

namespace CommunityJustice.Analytics.Api.Tests.GraphQL.Http;

/// <summary>The GraphQL-over-HTTP behaviour of /graphql (https://graphql.github.io/graphql-over-http/draft/).</summary>
public sealed class GraphQLHttpTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string GraphQLResponse = "application/graphql-response+json";
    private const string Json = "application/json";

    private async Task<(HttpStatusCode Status, string? MediaType, JsonNode? Body, HttpResponseMessage Response)> SendAsync(
        HttpMethod method, string url, string? body = null, string? contentType = Json, string? accept = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        }
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        var response = await api.Factory.CreateClient().SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, text.Length == 0 ? null : JsonNode.Parse(text), response);
    }

    private Task<(HttpStatusCode Status, string? MediaType, JsonNode? Body, HttpResponseMessage Response)> PostAsync(string body, string? accept = GraphQLResponse, string? contentType = Json) =>
        SendAsync(HttpMethod.Post, "/graphql", body, contentType, accept);

    private static string? Code(JsonNode? body) => (string?)body?["errors"]?[0]?["extensions"]?["code"];

    [Theory]
    [InlineData(GraphQLResponse, GraphQLResponse)]
    [InlineData(Json, Json)]
    [InlineData(null, Json)]
    [InlineData("*/*", Json)]
    [InlineData("application/*", Json)]
    [InlineData("application/graphql-response+json, */*", GraphQLResponse)]
    [InlineData("application/json, application/graphql-response+json", GraphQLResponse)]
    [InlineData("application/json;q=1, application/graphql-response+json;q=0.5", Json)]
    [InlineData("application/json, */*;q=0.8", Json)]
    [InlineData("text/html, application/json;q=0.9", Json)]
    public async Task Post_negotiates_the_response_media_type(string? accept, string expected)
    {
        var (status, mediaType, body, response) = await PostAsync("""{"query":"{ __typename }"}""", accept);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(expected, mediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("Query", (string?)body!["data"]!["__typename"]);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml, text/html")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/graphql-response+json;q=0, application/json;q=0")]
    public async Task Neither_media_type_acceptable_is_406(string accept)
    {
        var (status, _, body, _) = await PostAsync("""{"query":"{ __typename }"}""", accept);
        Assert.Equal(HttpStatusCode.NotAcceptable, status);
        Assert.Equal("NOT_ACCEPTABLE", Code(body));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/graphql")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData(null)]
    public async Task Post_that_is_not_json_is_415(string? contentType)
    {
        var (status, _, body, _) = await PostAsync("""{"query":"{ __typename }"}""", contentType: contentType);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Equal("UNSUPPORTED_MEDIA_TYPE", Code(body));
    }

    [Fact]
    public async Task Post_with_charset_operation_name_variables_extensions_and_unknown_properties()
    {
        var (status, _, body, _) = await PostAsync("""
            {"query":"query A { a: __typename } query Area($code: String!) { area(code: $code) { name } }",
             "operationName":"Area","variables":{"code":"S12000019"},"extensions":{"some":"value"},"unknown":[1,2,3]}
            """, contentType: "application/json; charset=utf-8");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Midlothian", (string?)body!["data"]!["area"]!["name"]);
    }

    [Fact]
    public async Task Get_with_query_variables_and_extensions_in_the_query_string()
    {
        var url = "/graphql?query=" + Uri.EscapeDataString("query($code: String!) { area(code: $code) { code name } }")
            + "&variables=" + Uri.EscapeDataString("""{"code":"S12000015"}""")
            + "&extensions=" + Uri.EscapeDataString("""{"persistedQuery":null}""");
        var (status, mediaType, body, _) = await SendAsync(HttpMethod.Get, url, accept: GraphQLResponse);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(GraphQLResponse, mediaType);
        // S12000015 is Fife's code before 2018: the current code comes back.
        Assert.Equal("S12000047", (string?)body!["data"]!["area"]!["code"]);
    }

    [Fact]
    public async Task Get_without_accept_header_answers_legacy_json()
    {
        var (status, mediaType, _, _) = await SendAsync(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("{ __typename }"), accept: null);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Json, mediaType);
    }

    [Fact]
    public async Task Validation_error_without_accept_header_is_200()
    {
        var (status, mediaType, body, _) = await SendAsync(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("{ noSuchField }"), accept: null);
        Assert.Equal((HttpStatusCode.OK, Json, "FIELDS_ON_CORRECT_TYPE"), (status, mediaType, Code(body)));
    }

    [Theory]
    [InlineData("mutation { __typename }", null)]
    [InlineData("query Q { __typename } mutation M { __typename }", "M")]
    [InlineData("subscription { __typename }", null)]
    public async Task Mutation_over_get_is_405(string query, string? operationName)
    {
        var url = "/graphql?query=" + Uri.EscapeDataString(query) + (operationName is null ? "" : "&operationName=" + operationName);
        var (status, _, body, response) = await SendAsync(HttpMethod.Get, url, accept: GraphQLResponse);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, status);
        Assert.Equal("METHOD_NOT_ALLOWED", Code(body));
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Other_methods_are_405()
    {
        var (status, _, _, _) = await SendAsync(HttpMethod.Put, "/graphql", """{"query":"{ __typename }"}""");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, status);
    }

    /// <summary>Requests that are not well-formed GraphQL-over-HTTP requests: 400 whichever media type is accepted, no data entry.</summary>
    [Theory]
    [InlineData("""{ "not a JSON""", "INVALID_JSON")]
    [InlineData("", "INVALID_JSON")]
    [InlineData("""["query"]""", "BATCHING_NOT_SUPPORTED")]
    [InlineData("""[{"query":"{ __typename }"},{"query":"{ __typename }"}]""", "BATCHING_NOT_SUPPORTED")]
    [InlineData("""42""", "INVALID_REQUEST")]
    [InlineData("""{"qeury":"{ __typename }"}""", "MISSING_QUERY")]
    [InlineData("""{"query":{"obj":"ect"}}""", "MISSING_QUERY")]
    [InlineData("""{"query":0}""", "MISSING_QUERY")]
    [InlineData("""{"query":"{ __typename }","operationName":false}""", "INVALID_REQUEST")]
    [InlineData("""{"query":"{ __typename }","variables":"string"}""", "INVALID_REQUEST")]
    [InlineData("""{"query":"{ __typename }","variables":["array"]}""", "INVALID_REQUEST")]
    [InlineData("""{"query":"{ __typename }","extensions":0}""", "INVALID_REQUEST")]
    public async Task Malformed_requests_are_400(string body, string code)
    {
        foreach (var accept in new[] { GraphQLResponse, Json })
        {
            var (status, mediaType, json, _) = await PostAsync(body, accept);
            Assert.Equal((HttpStatusCode.BadRequest, accept, code), (status, mediaType, Code(json)));
            Assert.False(json!.AsObject().ContainsKey("data"));
        }
    }

    /// <summary>Well-formed requests whose document fails before execution: 400 with graphql-response+json (no data entry), 200 with legacy application/json.</summary>
    [Theory]
    [InlineData("""{"query":"{"}""", "SYNTAX_ERROR")]
    [InlineData("""{"query":"{ noSuchField }"}""", "FIELDS_ON_CORRECT_TYPE")]
    [InlineData("""{"query":"{ area { name } }"}""", "PROVIDED_NON_NULL_ARGUMENTS")]
    [InlineData("""{"query":"query($c: String!) { area(code: $c) { name } }"}""", "INVALID_VALUE")]
    [InlineData("""{"query":"{ observations(where: { sex: { eq: UNKNOWN } }) { totalCount } }"}""", "ARGUMENTS_OF_CORRECT_TYPE")]
    [InlineData("""{"query":"query A { __typename } query B { __typename }"}""", "NO_OPERATION_NAME")]
    public async Task Document_errors_are_400_or_200_by_media_type(string body, string code)
    {
        var (status, mediaType, json, _) = await PostAsync(body, GraphQLResponse);
        Assert.Equal((HttpStatusCode.BadRequest, GraphQLResponse, code), (status, mediaType, Code(json)));
        Assert.False(json!.AsObject().ContainsKey("data"));
        Assert.False(string.IsNullOrEmpty((string?)json["errors"]![0]!["message"]));

        var (legacyStatus, legacyMediaType, legacyJson, _) = await PostAsync(body, Json);
        Assert.Equal((HttpStatusCode.OK, Json, code), (legacyStatus, legacyMediaType, Code(legacyJson)));
    }

    [Fact]
    public async Task Syntax_error_says_where()
    {
        var (_, _, body, _) = await PostAsync("""{"query":"{ areas { code "}""");
        Assert.Equal("SYNTAX_ERROR", Code(body));
        Assert.NotNull(body!["errors"]![0]!["locations"]);
    }

    [Fact]
    public async Task Field_errors_keep_status_200_and_the_data_entry()
    {
        var (status, _, body, _) = await PostAsync("""{"query":"{ areas(where: { code: { eq: \"S12000019\" } }) { name } genderBreakdown(indicator: \"reconviction-rate\", area: \"S12000019\", period: \"last year\") { gap } }"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Midlothian", (string?)body!["data"]!["areas"]![0]!["name"]);
        Assert.Equal("INVALID_PERIOD", Code(body));
        Assert.Null(body["data"]!["genderBreakdown"]);
    }

    [Fact]
    public async Task Body_larger_than_the_limit_is_413()
    {
        var query = "{ __typename " + new string(' ', 300 * 1024) + "}";
        var (status, _, body, _) = await PostAsync($$"""{"query":"{{query}}"}""");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("REQUEST_TOO_LARGE", Code(body));
    }

    [Fact]
    public async Task Too_deep_a_query_is_refused_by_validation()
    {
        var nested = string.Concat(Enumerable.Repeat("parent { ", 20)) + "code" + new string('}', 20);
        var (status, _, body, _) = await PostAsync($$"""{"query":"{ areas { {{nested}} } }"}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("depth", (string?)body!["errors"]![0]!["message"], StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The IDE's schema introspection query (depth about 13) passes the depth and complexity limits.</summary>
    [Fact]
    public async Task Introspection_passes_the_limits()
    {
        const string introspection = """
            query IntrospectionQuery { __schema { queryType { name } mutationType { name } subscriptionType { name }
              types { ...FullType } directives { name description locations args { ...InputValue } } } }
            fragment FullType on __Type { kind name description
              fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
              inputFields { ...InputValue } interfaces { ...TypeRef } enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason } possibleTypes { ...TypeRef } }
            fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
            fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }
            """;
        var (status, body) = await api.CreateClient().SendAsync(introspection);
        Assert.Equal(200, status);
        Assert.Null(body["errors"]);
        Assert.Contains(body["data"]!["__schema"]!["types"]!.AsArray(), t => (string?)t!["name"] == "ObservationFilterInput");
    }
}
