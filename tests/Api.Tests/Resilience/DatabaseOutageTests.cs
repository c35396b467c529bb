using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CommunityJustice.Analytics.Api.Data;
using CommunityJustice.Analytics.Api.Tests.Support;
using CommunityJustice.Analytics.Ingest.Catalog;
using CommunityJustice.Analytics.Ingest.Loading;
using CommunityJustice.Analytics.Model;
using CommunityJustice.Analytics.Model.Access;
using CommunityJustice.Analytics.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CommunityJustice.Analytics.Api.Tests.Resilience;

/// <summary>A PostgreSQL cluster of the class's own (stopped and started by the tests), with one small edition loaded.</summary>
public sealed class OutageFixture : IAsyncLifetime
{
    public ThrowawayPostgres Server { get; private set; } = null!;
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Server = await ThrowawayPostgres.StartAsync();
        await Server.CreateDatabaseAsync("community_justice");
        ConnectionString = Server.ConnectionString("community_justice");
        await using (var db = new AnalyticsDbContext(new DbContextOptionsBuilder<AnalyticsDbContext>().UseAnalyticsDatabase(ConnectionString).Options))
        {
            await AnalyticsDatabase.MigrateAsync(db);
        }
        await LoadMidlothianAsync(10.5m, new DateOnly(2019, 4, 25));
    }

    public Task LoadMidlothianAsync(decimal rate, DateOnly editionDate) => OneFigureEdition.LoadMidlothianAsync(ConnectionString, rate, editionDate);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>
/// PostgreSQL stopped and started under the API (issue #11, "clean failure and recovery"): every
/// request that needs the database gets 503 DATABASE_UNAVAILABLE with Retry-After, never a 200 with a
/// driver's code; the log says once that it went and once that it is back; answers resume by
/// themselves and show a load committed while the API could not see the database.
/// </summary>
public sealed class DatabaseOutageTests(OutageFixture fixture) : IClassFixture<OutageFixture>
{
    private const string MidlothianRate = OneFigureEdition.Query;

    private const string Breakdown = """{ genderBreakdown(indicator: "reconviction-rate", area: "S12000019", period: "2017-18") { allPersons { value } } }""";

    private WebApplicationFactory<Program> Api(LogCollector logs, string reconnectDelay = "00:00:00.100") =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting(AnalyticsDatabase.UrlVariable, fixture.ConnectionString);
            b.UseSetting("DataChanges:ReconnectDelay", reconnectDelay);
            b.ConfigureLogging(l => l.AddProvider(logs));
        });

    [Fact]
    public async Task Database_stopped_gives_503_DATABASE_UNAVAILABLE_one_log_line_each_way_and_fresh_answers_when_back()
    {
        var logs = new LogCollector();
        // The listening connection, once lost, stays down for the test: the API cannot have been told of
        // the load below, which it must find by itself (as after a load made while it could not see the database).
        await using var factory = Api(logs, reconnectDelay: "01:00:00");
        var client = new GraphQLClient(factory.CreateClient());
        Assert.Equal(10.5m, (decimal)(await client.QueryAsync(MidlothianRate))["data"]!["observations"]!["nodes"]![0]!["value"]!);
        await client.QueryAsync(MidlothianRate); // now in the response cache
        var monitor = factory.Services.GetRequiredService<DataChangeMonitor>();

        await fixture.Server.StopServerAsync();
        try
        {
            for (var i = 0; i < 400 && monitor.Listening; i++) await Task.Delay(25);
            Assert.False(monitor.Listening, "the monitor should notice that the database went away");

            // The last request carries an API key, which is checked against the database before anything
            // else: the same 503, not a 500 from the key check.
            var requests = new (string Query, string? ApiKey)[]
            {
                (MidlothianRate, null), (Breakdown, null), (MidlothianRate, null), (Breakdown, null), ("{ indicators { code } }", null),
                (MidlothianRate, ApiKeyFormat.Generate().Key),
            };
            foreach (var (query, apiKey) in requests)
            {
                using var response = await PostAsync(client, query, apiKey);
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"HTTP {(int)response.StatusCode}: {text}");
                Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "503 without Retry-After");
                var errors = JsonNode.Parse(text)!["errors"]!.AsArray();
                Assert.Equal("DATABASE_UNAVAILABLE", (string?)Assert.Single(errors)!["extensions"]!["code"]);
                Assert.DoesNotContain("NPGSQL", text, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("SOCKET", text, StringComparison.OrdinalIgnoreCase);
            }
        }
        finally
        {
            await fixture.Server.StartServerAsync();
        }

        // A new edition committed before the API has seen the database again: the first answer it gives is the new figure,
        // never the one cached before the outage.
        await fixture.LoadMidlothianAsync(12.5m, new DateOnly(2019, 4, 26));
        JsonNode? answer = null;
        for (var i = 0; i < 600 && answer is null; i++)
        {
            var (status, body) = await client.SendAsync(MidlothianRate);
            if (status == 200) answer = body;
            else
            {
                Assert.Equal("DATABASE_UNAVAILABLE", (string?)body["errors"]![0]!["extensions"]!["code"]);
                await Task.Delay(50);
            }
        }
        Assert.NotNull(answer);
        Assert.Equal(12.5m, (decimal)answer["data"]!["observations"]!["nodes"]![0]!["value"]!);
        for (var i = 0; i < 400 && !factory.Services.GetRequiredService<DatabaseAvailability>().IsAvailable; i++) await Task.Delay(25);

        var entries = logs.Entries;
        Assert.Single(entries, e => e.Category.EndsWith(nameof(DatabaseAvailability), StringComparison.Ordinal) && e.Level == LogLevel.Warning);
        Assert.Single(entries, e => e.Category.EndsWith(nameof(DatabaseAvailability), StringComparison.Ordinal) && e.Level == LogLevel.Information);
        Assert.DoesNotContain(entries, e => e.Exception is not null || e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task Started_with_the_database_down_the_api_starts_is_not_ready_and_becomes_ready_by_itself()
    {
        var logs = new LogCollector();
        await fixture.Server.StopServerAsync();
        await using var factory = Api(logs);
        HttpClient http;
        try
        {
            http = factory.CreateClient();
            using (var live = await http.GetAsync("/health/live")) Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            using (var ready = await http.GetAsync("/health/ready"))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
                Assert.Contains("not reachable", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
            var (status, body) = await new GraphQLClient(http).SendAsync(Breakdown);
            Assert.Equal(503, status);
            Assert.Equal("DATABASE_UNAVAILABLE", (string?)body["errors"]![0]!["extensions"]!["code"]);
        }
        finally
        {
            await fixture.Server.StartServerAsync();
        }

        var becameReady = false;
        for (var i = 0; i < 600 && !becameReady; i++)
        {
            using var ready = await http.GetAsync("/health/ready");
            becameReady = ready.StatusCode == HttpStatusCode.OK;
            if (!becameReady) await Task.Delay(50);
        }
        Assert.True(becameReady, "/health/ready should answer 200 once the database is back");
        await new GraphQLClient(http).QueryAsync(Breakdown);
        Assert.DoesNotContain(logs.Entries, e => e.Exception is not null || e.Level >= LogLevel.Error);
    }

    private static async Task<HttpResponseMessage> PostAsync(GraphQLClient client, string query, string? apiKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query }) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        if (apiKey is not null) request.Headers.Add("X-Api-Key", apiKey);
        return await client.Http.SendAsync(request);
    }
}
