using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CommunityJustice.Analytics.Api.GraphQL.Limits;
using CommunityJustice.Analytics.Api.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CommunityJustice.Analytics.Api.Tests.Resilience;

/// <summary>
/// Fair admission (issue #11): expensive queries wait in a lane of their own, so cheap uncached ones
/// are answered while they wait; a client over its limit gets 429 with Retry-After; a query that
/// times out has its PostgreSQL statement cancelled. Places are held from the test itself, so the
/// assertions are on order, never on elapsed time.
/// </summary>
public sealed class AdmissionTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string Cheap = """{ genderBreakdown(indicator: "reconviction-rate", area: "S12000019", period: "2017-18") { allPersons { value } } }""";

    /// <summary>Over 500 characters: an expensive query with ExpensiveQueryChars = 500.</summary>
    private static string Expensive(int i) =>
        $$"""{ observations(first: {{i + 1}}, where: { or: [{{string.Join(", ", Enumerable.Range(0, 40).Select(n => $"{{ area: {{ name: {{ contains: \"x{n}\" }} }} }}"))}}] }) { totalCount } }""";

    private WebApplicationFactory<Program> Api(params (string Key, string Value)[] settings) =>
        api.Factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("GraphQL:Cache:Enabled", "false");
            b.UseSetting("GraphQL:ExecutionTimeout", "00:05:00");
            foreach (var (key, value) in settings) b.UseSetting(key, value);
        });

    [Fact]
    public async Task Cheap_uncached_queries_are_answered_while_expensive_ones_wait_for_their_lane()
    {
        await using var factory = Api(("GraphQL:Admission:ExpensiveQueryChars", "500"), ("GraphQL:Admission:MaxConcurrentExpensiveExecutions", "1"),
            ("GraphQL:MaxConcurrentExecutions", "1"));
        var client = new GraphQLClient(factory.CreateClient());
        Assert.True(Expensive(0).Length > 500);
        await client.QueryAsync(Cheap);
        var gate = factory.Services.GetRequiredService<ExecutionGate>();
        Assert.Equal(ExecutionLane.Expensive, gate.Classify(Expensive(0), 0));

        // The expensive lane's only place is taken, as by a query running into its timeout: four more wait.
        await gate.EnterAsync(ExecutionLane.Expensive, CancellationToken.None);
        Task<(int Status, JsonNode Body)>[] expensive;
        try
        {
            expensive = Enumerable.Range(0, 4).Select(i => client.SendAsync(Expensive(i))).ToArray();
            for (var i = 0; i < 3; i++)
            {
                var (status, body) = await client.SendAsync(Cheap.Replace("S12000019", i % 2 == 0 ? "S12000010" : "S12000005"));
                Assert.True(status == 200, body.ToJsonString());
                Assert.All(expensive, t => Assert.False(t.IsCompleted, "an expensive query ran although its lane was full"));
            }
        }
        finally
        {
            gate.Leave(ExecutionLane.Expensive);
        }
        foreach (var (status, body) in await Task.WhenAll(expensive)) Assert.True(status == 200, body.ToJsonString());
    }

    [Fact]
    public async Task A_long_document_is_not_parsed_until_its_lane_has_a_place()
    {
        // Forty long documents arriving at once must not all be parsed ahead of the cheap queries (benchmarks/api/stall.sh).
        await using var factory = Api(("GraphQL:Admission:ExpensiveQueryChars", "500"), ("GraphQL:Admission:MaxConcurrentExpensiveExecutions", "1"));
        var client = new GraphQLClient(factory.CreateClient());
        await client.QueryAsync(Cheap);
        var gate = factory.Services.GetRequiredService<ExecutionGate>();
        var broken = Expensive(0) + " }"; // a syntax error at its very end: answered as soon as it has been parsed

        await gate.EnterAsync(ExecutionLane.Expensive, CancellationToken.None);
        Task<(int Status, JsonNode Body)> parsed;
        try
        {
            parsed = client.SendAsync(broken);
            for (var i = 0; i < 3; i++)
            {
                await client.QueryAsync(Cheap);
                Assert.False(parsed.IsCompleted, "a long document was parsed while its lane was full");
            }
        }
        finally
        {
            gate.Leave(ExecutionLane.Expensive);
        }
        var (status, body) = await parsed;
        Assert.Equal(400, status);
        Assert.Equal("SYNTAX_ERROR", (string?)body["errors"]![0]!["extensions"]!["code"]);
    }

    [Fact]
    public async Task A_client_over_its_concurrency_limit_gets_429_with_retry_after()
    {
        await using var factory = Api(("GraphQL:Admission:ConcurrentRequestsPerClient", "1"), ("GraphQL:Admission:QueuePerClient", "0"),
            ("GraphQL:MaxConcurrentExecutions", "1"));
        var client = new GraphQLClient(factory.CreateClient());
        await client.QueryAsync(Cheap);
        var gate = factory.Services.GetRequiredService<ExecutionGate>();

        // Execution places are all taken: the first of two requests holds the client's only place while it
        // waits for one, and the other is refused at once.
        await gate.EnterAsync(ExecutionLane.Cheap, CancellationToken.None);
        Task<HttpResponseMessage>[] sent;
        try
        {
            sent = [PostAsync(client, Cheap), PostAsync(client, Cheap)];
            var refused = await await Task.WhenAny(sent);
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "429 without Retry-After");
            var body = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
            Assert.Equal(ClientRateLimits.ErrorCode, (string?)body["errors"]![0]!["extensions"]!["code"]);
            Assert.Equal(1, sent.Count(t => !t.IsCompleted));
        }
        finally
        {
            gate.Leave(ExecutionLane.Cheap);
        }
        var statuses = (await Task.WhenAll(sent)).Select(r => r.StatusCode).Order().ToList();
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task A_client_that_spends_its_cost_budget_gets_429_while_cached_answers_are_still_served()
    {
        const string pageOf100 = "{ observations(first: 100) { nodes { value status } } }";
        await using var factory = api.Factory.WithWebHostBuilder(b => b.UseSetting("GraphQL:Admission:CostPerClientPerMinute", "600"));
        var client = new GraphQLClient(factory.CreateClient());
        await client.QueryAsync(pageOf100); // cost about 200, and now cached

        HttpResponseMessage? refused = null;
        for (var first = 99; first > 90 && refused is null; first--)
        {
            var response = await PostAsync(client, pageOf100.Replace("100", first.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            if (response.StatusCode == HttpStatusCode.TooManyRequests) refused = response;
            else Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.NotNull(refused); // 600 a minute runs out within a few pages of about 200
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "429 without Retry-After");
        var error = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["errors"]![0]!;
        Assert.Equal(CostBudgetExceededError.ErrorCode, (string?)error["extensions"]!["code"]);
        Assert.Contains("budget of 600 per minute", (string?)error["message"], StringComparison.Ordinal);

        // An answer already in the response cache costs nothing to serve.
        var cached = await PostAsync(client, pageOf100);
        Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        Assert.Equal("HIT", cached.Headers.GetValues("X-Cache").Single());
    }

    private static Task<HttpResponseMessage> PostAsync(GraphQLClient client, string query)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query }) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        return client.Http.SendAsync(request);
    }

    [Fact]
    public async Task A_query_that_times_out_has_its_statement_cancelled_in_postgresql()
    {
        // Long enough for the first answer of a fresh API (reference data, disclosure decisions), which the lock below would hold up.
        await using var factory = Api(("GraphQL:ExecutionTimeout", "00:00:08"));
        var client = new GraphQLClient(factory.CreateClient());
        const string query = """{ observations(first: 5, where: { area: { name: { contains: "Mid" } } }) { totalCount nodes { value } } }""";
        await client.QueryAsync(query); // reference data and disclosure decisions read before the table is locked

        // A transaction of the test's own holds the observations table: the API's statement waits on the lock until it is cancelled.
        await using var locker = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(api.ConnectionString) { Pooling = false }.ConnectionString);
        await locker.OpenAsync();
        await using var transaction = await locker.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE observations IN ACCESS EXCLUSIVE MODE", locker, transaction)) await lockTable.ExecuteNonQueryAsync();

        var (status, body) = await client.SendAsync(query);
        Assert.Equal(503, status);
        Assert.Equal("TIMEOUT", (string?)body["errors"]![0]!["extensions"]!["code"]);

        // Npgsql's cancel request reaches PostgreSQL moments after the answer: wait for the statement to go, within reason.
        long waiting = -1;
        for (var i = 0; i < 200 && waiting != 0; i++)
        {
            await using var count = new NpgsqlCommand("""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active' AND query ILIKE '%observations%'
                """, locker, transaction);
            waiting = (long)(await count.ExecuteScalarAsync())!;
            if (waiting != 0) await Task.Delay(25);
        }
        Assert.Equal(0, waiting);
        await transaction.RollbackAsync();
    }
}
