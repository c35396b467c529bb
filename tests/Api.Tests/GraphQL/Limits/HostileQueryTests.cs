using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CommunityJustice.Analytics.Api.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CommunityJustice.Analytics.Api.Tests.GraphQL.Limits;

/// <summary>
/// Hostile and oversized queries are refused before anything runs, with a 400 and a coded error and no
/// data; a query running past the execution timeout is cut off with TIMEOUT (503) and its database
/// statement cancelled; and the server still answers normal queries during and after a burst of hostile
/// ones. No test measures elapsed time: on a shared two-core machine a wall-clock bound fails for reasons
/// that are not the API's; the server's own limits are what is asserted.
/// </summary>
public sealed class HostileQueryTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string Normal = """{ area(code: "S12000019") { name } }""";

    private Task<(int Status, JsonNode Body)> SendAsync(string query, object? variables = null, GraphQLClient? client = null) =>
        (client ?? api.CreateClient()).SendAsync(query, variables);

    private static string? Code(JsonNode body) => (string?)body["errors"]?[0]?["extensions"]?["code"];

    /// <summary>The server answers a cheap query normally.</summary>
    private async Task AssertAnswersNormallyAsync(GraphQLClient? client = null)
    {
        var (status, body) = await SendAsync(Normal, client: client);
        Assert.True((200, "Midlothian") == (status, (string?)body["data"]?["area"]?["name"]), $"got {status}: {body.ToJsonString()}");
        Assert.Null(body["errors"]);
    }

    /// <summary>
    /// Refused as docs/api.md says: HTTP 400, the documented code, a message, and no "data" at all (a
    /// refusal in validation, before execution, has no data key; an execution error would have one).
    /// </summary>
    private async Task AssertRefusedAsync(string query, string code, object? variables = null)
    {
        var (status, body) = await SendAsync(query, variables);
        Assert.True((400, code) == (status, Code(body)), $"expected 400 {code}, got {status}: {body.ToJsonString()}");
        Assert.False(body.AsObject().ContainsKey("data"));
        Assert.False(string.IsNullOrWhiteSpace((string?)body["errors"]![0]!["message"]));
    }

    [Fact]
    public Task Deep_nesting_is_refused() =>
        AssertRefusedAsync("{ areas { " + string.Concat(Enumerable.Repeat("parent { ", 20)) + "code" + new string('}', 20) + " } }", "MAX_DEPTH_EXCEEDED");

    /// <summary>Ten pages of 1000 figures with their areas: first multiplies what is selected inside.</summary>
    [Fact]
    public Task Huge_first_times_nested_fields_is_refused() =>
        AssertRefusedAsync("{ " + string.Concat(Enumerable.Range(0, 10).Select(i =>
            $"p{i}: observations(first: 1000, after: \"{Convert.ToBase64String(Encoding.UTF8.GetBytes((i * 1000).ToString()))}\") {{ nodes {{ id value marker area {{ code name parent {{ name }} }} }} }} ")) + "}",
            "MAX_COMPLEXITY_EXCEEDED");

    [Fact]
    public Task Page_size_in_a_variable_counts_too() =>
        AssertRefusedAsync("query($n: Int) { " + string.Concat(Enumerable.Range(0, 10).Select(i => $"p{i}: observations(first: $n) {{ nodes {{ id value marker area {{ code name parent {{ name }} }} }} }} ")) + "}",
            "MAX_COMPLEXITY_EXCEEDED", new { n = 1000 });

    [Fact]
    public async Task The_same_query_with_small_pages_runs()
    {
        var (status, body) = await SendAsync("{ " + string.Concat(Enumerable.Range(0, 10).Select(i => $"p{i}: observations(first: 5) {{ nodes {{ id value area {{ code }} }} }} ")) + "}");
        Assert.Equal(200, status);
        Assert.Null(body["errors"]);
        Assert.Equal(5, body["data"]!["p9"]!["nodes"]!.AsArray().Count);
    }

    [Fact]
    public Task Alias_bomb_is_refused() =>
        AssertRefusedAsync("{ " + string.Concat(Enumerable.Range(0, 31).Select(i => $"a{i}: area(code: \"S12000019\") {{ name }} ")) + "}", "TOO_MANY_ALIASES");

    [Fact]
    public async Task Thirty_aliases_of_one_field_are_allowed()
    {
        var (status, body) = await SendAsync("{ " + string.Concat(Enumerable.Range(0, 30).Select(i => $"a{i}: area(code: \"S12000019\") {{ name }} ")) + "}");
        Assert.Equal(200, status);
        Assert.Equal("Midlothian", (string?)body["data"]!["a29"]!["name"]);
    }

    [Fact]
    public Task Aliases_spread_through_fragments_count_together() =>
        AssertRefusedAsync("{ ...A ...B } fragment A on Query { " + string.Concat(Enumerable.Range(0, 20).Select(i => $"a{i}: __typename ")) + "} fragment B on Query { "
            + string.Concat(Enumerable.Range(0, 20).Select(i => $"b{i}: __typename ")) + "}", "TOO_MANY_ALIASES");

    /// <summary>Each fragment spreads the next ten times: 10^8 fields once expanded, from a document of a few hundred bytes.</summary>
    [Fact]
    public Task Fragment_bomb_is_refused() =>
        AssertRefusedAsync("{ ...F0 } " + string.Concat(Enumerable.Range(0, 8).Select(i =>
            $"fragment F{i} on Query {{ {string.Concat(Enumerable.Repeat($"...F{i + 1} ", 10))}}} ")) + "fragment F8 on Query { __typename }", "TOO_MANY_FIELDS");

    [Fact]
    public Task Fragment_cycle_is_refused() =>
        AssertRefusedAsync("{ ...A } fragment A on Query { __typename ...B } fragment B on Query { __typename ...A }", "NO_FRAGMENT_CYCLES");

    [Fact]
    public Task Very_long_document_is_refused() =>
        AssertRefusedAsync("{ " + string.Concat(Enumerable.Repeat("__typename ", 20_000)) + "}", "TOO_MANY_FIELDS");

    [Fact]
    public Task Giant_in_list_is_refused() =>
        AssertRefusedAsync("{ areas(where: { code: { in: [" + string.Join(", ", Enumerable.Range(0, 501).Select(i => $"\"S{i:D8}\"")) + "] } }) { code } }", "FILTER_LIST_TOO_LONG");

    [Fact]
    public Task Giant_in_list_in_a_variable_is_refused() =>
        AssertRefusedAsync("query($codes: [String]) { areas(where: { code: { nin: $codes } }) { code } }", "FILTER_LIST_TOO_LONG",
            new { codes = Enumerable.Range(0, 501).Select(i => $"S{i:D8}").ToArray() });

    [Fact]
    public Task Giant_filter_in_a_variable_is_refused() =>
        AssertRefusedAsync("query($where: ObservationFilterInput) { observations(where: $where) { totalCount } }", "FILTER_LIST_TOO_LONG",
            new { where = new { area = new { code = new { @in = Enumerable.Range(0, 501).Select(i => $"S{i:D8}").ToArray() } } } });

    /// <summary>
    /// A query text that ran once is kept parsed and validated (ValidatedDocumentCache); the limits that
    /// depend on variable values must still hold when the same text comes back with other variables.
    /// </summary>
    [Fact]
    public async Task Limits_that_depend_on_variables_hold_for_a_query_text_seen_before()
    {
        var pages = "query($n: Int) { " + string.Concat(Enumerable.Range(0, 10).Select(i => $"p{i}: observations(first: $n) {{ nodes {{ id value marker area {{ code name parent {{ name }} }} }} }} ")) + "}";
        var (status, body) = await SendAsync(pages, new { n = 2 });
        Assert.True((200, null) == (status, Code(body)), body.ToJsonString());
        Assert.Equal(2, body["data"]!["p0"]!["nodes"]!.AsArray().Count);
        await AssertRefusedAsync(pages, "MAX_COMPLEXITY_EXCEEDED", new { n = 1000 });

        var filter = "query($codes: [String]) { areas(where: { code: { in: $codes } }) { code } }";
        (status, body) = await SendAsync(filter, new { codes = new[] { "S12000019" } });
        Assert.Equal("S12000019", (string?)body["data"]!["areas"]![0]!["code"]);
        await AssertRefusedAsync(filter, "FILTER_LIST_TOO_LONG", new { codes = Enumerable.Range(0, 501).Select(i => $"S{i:D8}").ToArray() });

        // And a text that failed validation is not kept: it fails the same way every time.
        foreach (var attempt in new[] { 1, 2 })
        {
            (status, body) = await SendAsync("{ areas { noSuchField } }");
            Assert.True((400, "FIELDS_ON_CORRECT_TYPE") == (status, Code(body)), body.ToJsonString());
        }
    }

    [Fact]
    public Task Deeply_nested_and_or_is_refused() =>
        AssertRefusedAsync("{ areas(where: " + string.Concat(Enumerable.Range(0, 6).Select(i => i % 2 == 0 ? "{ or: [" : "{ and: [")) + "{ code: { eq: \"S12000019\" } }"
            + string.Concat(Enumerable.Repeat("] }", 6)) + ") { code } }", "FILTER_TOO_DEEP");

    [Fact]
    public async Task And_or_within_the_limit_runs()
    {
        var (status, body) = await SendAsync("""{ areas(where: { or: [{ and: [{ code: { in: ["S12000019", "S12000010"] } }, { name: { contains: "lothian" } }] }] }) { code } }""");
        Assert.Equal(200, status);
        Assert.Equal(2, body["data"]!["areas"]!.AsArray().Count);
    }

    [Fact]
    public async Task Batched_requests_are_refused_with_a_clear_400()
    {
        using var response = await api.Factory.CreateClient().PostAsJsonAsync("/graphql", new[] { new { query = Normal }, new { query = Normal } });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("BATCHING_NOT_SUPPORTED", Code(body));
    }

    /// <summary>With one query executing at a time, twenty sent at once each wait their turn and all get their own answer.</summary>
    [Fact]
    public async Task Queries_beyond_the_concurrency_limit_wait_their_turn()
    {
        await using var factory = api.Factory.WithWebHostBuilder(b => b
            .UseSetting("GraphQL:MaxConcurrentExecutions", "1")
            .UseSetting("GraphQL:Cache:Enabled", "false"));
        var areas = new[] { "S12000019", "S12000010", "S12000036", "S92000003" };
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            new GraphQLClient(factory.CreateClient()).SendAsync($$"""{ area(code: "{{areas[i % areas.Length]}}") { code } }""")));
        Assert.All(answers.Select((a, i) => (a, i)), x =>
        {
            Assert.Equal(200, x.a.Status);
            Assert.Equal(areas[x.i % areas.Length], (string?)x.a.Body["data"]!["area"]!["code"]);
        });
    }

    private const string Heavy = """
        { observations(first: 1000, order: [{ value: DESC }]) { totalCount nodes { id value area { name parent { name } } indicator { title } } } }
        """;

    /// <summary>
    /// With a 1 ms limit a real query cannot finish: it is cut off by the limit (the same query answers in full under
    /// the default limit), says TIMEOUT with 503 and no data, nothing is left running in the database, and the server
    /// still answers a cheap query afterwards.
    /// </summary>
    [Fact]
    public async Task A_query_past_the_timeout_is_cancelled_with_TIMEOUT()
    {
        // Under the default limit the query is an ordinary one: it answers in full.
        var (fullStatus, full) = await SendAsync(Heavy);
        Assert.True(fullStatus == 200 && full["errors"] is null, $"got {fullStatus}: {full["errors"]?.ToJsonString()}");
        Assert.Equal(1000, full["data"]!["observations"]!["nodes"]!.AsArray().Count);

        await using var factory = api.Factory.WithWebHostBuilder(b => b
            .UseSetting("GraphQL:ExecutionTimeout", "00:00:00.001")
            .UseSetting("GraphQL:Cache:Enabled", "false"));
        var client = new GraphQLClient(factory.CreateClient());
        await client.SendAsync(Normal);
        var (status, body) = await SendAsync(Heavy, client: client);
        Assert.True((503, "TIMEOUT") == (status, Code(body)), $"got {status}: {body.ToJsonString()[..Math.Min(500, body.ToJsonString().Length)]}");
        Assert.Contains("did not finish", (string?)body["errors"]![0]!["message"]);
        Assert.False(body.AsObject().ContainsKey("data"));

        // The cancelled statement does not go on running in the database.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        long running;
        do
        {
            running = await api.CountAsync($"SELECT count(*) FROM pg_stat_activity WHERE datname = '{api.DatabaseName}' AND state = 'active' AND query ILIKE '%observations%' AND pid <> pg_backend_pid()");
            if (running == 0) break;
            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Equal(0, running);

        // And the server goes on answering.
        await AssertAnswersNormallyAsync();
    }

    /// <summary>
    /// A burst of hostile queries at once, with a normal query among them and one after: every hostile query is
    /// refused with its own code, and both normal queries get their answer.
    /// </summary>
    [Fact]
    public async Task Server_stays_responsive_under_hostile_queries()
    {
        var hostile = new (string Query, string Code)[]
        {
            ("{ ...F0 } " + string.Concat(Enumerable.Range(0, 8).Select(i => $"fragment F{i} on Query {{ {string.Concat(Enumerable.Repeat($"...F{i + 1} ", 10))}}} ")) + "fragment F8 on Query { __typename }", "TOO_MANY_FIELDS"),
            ("{ " + string.Concat(Enumerable.Repeat("__typename ", 20_000)) + "}", "TOO_MANY_FIELDS"),
            ("{ " + string.Concat(Enumerable.Range(0, 200).Select(i => $"a{i}: areas {{ name }} ")) + "}", "TOO_MANY_ALIASES"),
            ("{ areas { " + string.Concat(Enumerable.Repeat("parent { ", 60)) + "code" + new string('}', 60) + " } }", "MAX_DEPTH_EXCEEDED"),
        };
        var burst = Enumerable.Range(0, 8).SelectMany(_ => hostile).Select(async h => (h.Code, Result: await SendAsync(h.Query))).ToList();
        await AssertAnswersNormallyAsync();

        foreach (var (code, (status, body)) in await Task.WhenAll(burst))
        {
            Assert.True((400, code) == (status, Code(body)), $"expected 400 {code}, got {status}: {body.ToJsonString()}");
            Assert.False(body.AsObject().ContainsKey("data"));
        }
        await AssertAnswersNormallyAsync();
    }
}
