using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CommunityJustice.Analytics.Api.Access;
using CommunityJustice.Analytics.Api.Data;
using CommunityJustice.Analytics.Api.Tests.Access;
using CommunityJustice.Analytics.Api.Tests.Support;
using CommunityJustice.Analytics.Model;
using CommunityJustice.Analytics.Model.Access;
using CommunityJustice.Analytics.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CommunityJustice.Analytics.Api.Tests.Resilience;

/// <summary>A primary with one small edition loaded and a real streaming replica of it (pg_basebackup -R, hot standby).</summary>
public sealed class ReplicaFixture : IAsyncLifetime
{
    public ThrowawayPostgres Primary { get; private set; } = null!;
    public ThrowawayPostgres Standby { get; private set; } = null!;
    public string PrimaryConnectionString => Primary.ConnectionString("community_justice");
    public string StandbyConnectionString => Standby.ConnectionString("community_justice");

    public async Task InitializeAsync()
    {
        Primary = await ThrowawayPostgres.StartAsync();
        await Primary.CreateDatabaseAsync("community_justice");
        await using (var db = new AnalyticsDbContext(new DbContextOptionsBuilder<AnalyticsDbContext>().UseAnalyticsDatabase(PrimaryConnectionString).Options))
        {
            await AnalyticsDatabase.MigrateAsync(db);
        }
        await OneFigureEdition.LoadMidlothianAsync(PrimaryConnectionString, 10.5m, new DateOnly(2019, 4, 25));
        Standby = await Primary.StartStandbyAsync();
        await WaitForReplayAsync();
    }

    /// <summary>
    /// Waits until the standby has replayed everything the primary has written so far: up to the insert position,
    /// since the cluster commits asynchronously and its write position can lag behind the last commit record.
    /// </summary>
    public async Task WaitForReplayAsync()
    {
        var target = (NpgsqlTypes.NpgsqlLogSequenceNumber)(await ScalarAsync(PrimaryConnectionString, "SELECT pg_current_wal_insert_lsn()"))!;
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (await ScalarAsync(StandbyConnectionString, "SELECT pg_last_wal_replay_lsn()") is NpgsqlTypes.NpgsqlLogSequenceNumber replayed && replayed >= target) return;
            await Task.Delay(50);
        }
        throw new TimeoutException($"the standby did not replay up to {target} within 30 s");
    }

    public static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public async Task DisposeAsync()
    {
        await Standby.DisposeAsync();
        await Primary.DisposeAsync();
    }
}

/// <summary>
/// More than one API instance (issue #11): two instances read from a streaming replica and write to
/// the primary. A load on the primary shows on both once the replica has replayed it and not before;
/// a partner's restricted read is audited on the primary; a client that retries on the other
/// instance loses nothing when one instance goes away.
/// </summary>
public sealed class ReplicaTests(ReplicaFixture fixture) : IClassFixture<ReplicaFixture>
{
    private WebApplicationFactory<Program> Instance(LogCollector? logs = null) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting(AnalyticsDatabase.UrlVariable, fixture.PrimaryConnectionString);
            b.UseSetting(DatabaseRegistration.ReadUrlVariable, fixture.StandbyConnectionString);
            b.UseSetting("DataChanges:StandbyCheckInterval", "00:00:00.200");
            if (logs is not null) b.ConfigureLogging(l => l.AddProvider(logs));
        });

    private static async Task<(decimal Value, string Edition)> FigureAsync(WebApplicationFactory<Program> instance)
    {
        var body = await new GraphQLClient(instance.CreateClient()).QueryAsync(OneFigureEdition.Query);
        var node = body["data"]!["observations"]!["nodes"]![0]!;
        return ((decimal)node["value"]!, (string)node["source"]!["editionDate"]!);
    }

    [Fact]
    public async Task A_load_on_the_primary_shows_on_both_instances_once_the_replica_has_replayed_it_and_not_before()
    {
        Assert.Equal(true, await ReplicaFixture.ScalarAsync(fixture.StandbyConnectionString, "SELECT pg_is_in_recovery()"));
        await using var first = Instance();
        await using var second = Instance();
        var before = await FigureAsync(first);
        Assert.Equal(before, await FigureAsync(second));

        await ReplicaFixture.ScalarAsync(fixture.StandbyConnectionString, "SELECT pg_wal_replay_pause()");
        (decimal, string) loaded;
        try
        {
            await OneFigureEdition.LoadMidlothianAsync(fixture.PrimaryConnectionString, before.Value + 2m, DateOnly.Parse(before.Edition).AddDays(1));
            loaded = (before.Value + 2m, DateOnly.Parse(before.Edition).AddDays(1).ToString("yyyy-MM-dd"));
            // The primary has the new edition; the replica has not replayed it: both instances still
            // answer with the version the replica holds, for several standby checks.
            for (var i = 0; i < 5; i++)
            {
                await Task.Delay(200);
                Assert.Equal(before, await FigureAsync(first));
                Assert.Equal(before, await FigureAsync(second));
            }
        }
        finally
        {
            await ReplicaFixture.ScalarAsync(fixture.StandbyConnectionString, "SELECT pg_wal_replay_resume()");
        }
        await fixture.WaitForReplayAsync();

        // Replayed: each instance shows the new edition within a few standby checks, never anything else.
        foreach (var instance in new[] { first, second })
        {
            var seen = await FigureAsync(instance);
            for (var i = 0; i < 50 && seen != loaded; i++)
            {
                Assert.Equal(before, seen);
                await Task.Delay(100);
                seen = await FigureAsync(instance);
            }
            Assert.Equal(loaded, seen);
        }
    }

    [Fact]
    public async Task Answers_from_a_replica_are_cached_and_the_log_does_not_complain_that_a_standby_cannot_listen()
    {
        var logs = new LogCollector();
        await using var instance = Instance(logs);
        var http = instance.CreateClient();
        var cache = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            using var response = await http.PostAsJsonAsync("/graphql", new { query = OneFigureEdition.Query });
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            cache.Add(response.Headers.GetValues("X-Cache").Single());
        }
        Assert.Equal(["MISS", "HIT"], cache);
        Assert.Contains(logs.Entries, e => e.Message.Contains("Reading from a standby", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("Not listening", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_figure_edited_by_hand_on_the_primary_replaces_the_cached_answer_of_an_instance_reading_the_replica()
    {
        // A standby cannot LISTEN: the edit reaches the instance through the data fingerprint alone.
        await using var instance = Instance();
        var http = instance.CreateClient();
        var before = await CachedFigureAsync(http);
        Assert.Equal("MISS", before.Cache);
        Assert.Equal(before with { Cache = "HIT" }, await CachedFigureAsync(http));

        var edited = before.Value + 0.7m;
        await ReplicaFixture.ScalarAsync(fixture.PrimaryConnectionString, $"""
            UPDATE observations SET value = {edited.ToString(System.Globalization.CultureInfo.InvariantCulture)}
            WHERE indicator_code = 'reconviction-rate' AND area_code = 'S12000019' AND period_label = '2017-18'
              AND dataset_version_id = (SELECT id FROM dataset_versions WHERE dataset_code = 'reconvictions' AND is_latest)
            """);
        await fixture.WaitForReplayAsync();

        // The instance notices within its standby check: until the figures are decided again it serves none (503), never the edited
        // figure undecided, and the cached one only until it notices.
        var refused = false;
        for (var i = 0; i < 50 && !refused; i++)
        {
            using var response = await http.PostAsJsonAsync("/graphql", new { query = OneFigureEdition.Query });
            refused = response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable;
            if (!refused)
            {
                Assert.Equal(before.Value, (decimal)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["data"]!["observations"]!["nodes"]![0]!["value"]!);
                await Task.Delay(100);
            }
        }
        Assert.True(refused, "the instance should stop serving figures once the edit reaches the replica");
        await DecideAgain.AllTablesAsync(fixture.PrimaryConnectionString);
        await fixture.WaitForReplayAsync();

        // Served again once the instance's standby check sees the new decisions: the edited figure.
        var served = false;
        for (var i = 0; i < 50 && !served; i++)
        {
            using var response = await http.PostAsJsonAsync("/graphql", new { query = OneFigureEdition.Query });
            served = response.IsSuccessStatusCode;
            if (!served) await Task.Delay(100);
        }
        var seen = await CachedFigureAsync(http);
        Assert.Equal((edited, before.Edition), (seen.Value, seen.Edition));
    }

    private static async Task<(decimal Value, string Edition, string Cache)> CachedFigureAsync(HttpClient http)
    {
        using var response = await http.PostAsJsonAsync("/graphql", new { query = OneFigureEdition.Query });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var node = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["data"]!["observations"]!["nodes"]![0]!;
        return ((decimal)node["value"]!, (string)node["source"]!["editionDate"]!,
            response.Headers.TryGetValues("X-Cache", out var cache) ? cache.Single() : "not cached");
    }

    [Fact]
    public async Task A_restricted_read_is_answered_from_the_replica_and_audited_on_the_primary()
    {
        var key = await AccessTestSupport.CreateKeyAsync(fixture.PrimaryConnectionString, "S12000019", [ApiScopes.RestrictedRead]);
        await fixture.WaitForReplayAsync(); // the key is checked on the replica
        await using var instance = Instance();
        var reply = await AccessTestSupport.PostAsync(instance.CreateClient(), new { query = OneFigureEdition.Query, operationName = (string?)null }, bearer: key);
        Assert.True(reply.Status == 200 && reply.Body?["errors"] is null, reply.Text);

        // Written on the primary (a standby refuses writes), then replayed like everything else.
        var audited = (long)(await ReplicaFixture.ScalarAsync(fixture.PrimaryConnectionString,
            $"SELECT count(*) FROM audit_log WHERE key_id = '{ApiKeyFormat.KeyIdOf(key)}' AND kind = '{AuditLog.RestrictedRead}'"))!;
        Assert.Equal(1, audited);
    }

    [Fact]
    public async Task A_client_retrying_on_the_other_instance_loses_no_request_when_one_instance_goes_away()
    {
        var first = Instance();
        await using var second = Instance();
        var clients = new[] { first.CreateClient(), second.CreateClient() };
        var expected = await FigureAsync(second);
        var answered = new List<(decimal, string)>();
        for (var request = 0; request < 40; request++)
        {
            if (request == 20) await first.DisposeAsync(); // the instance is stopped mid-stream
            var target = request % 2;
            JsonNode? body = null;
            for (var attempt = 0; attempt < 2 && body is null; attempt++, target = 1 - target)
            {
                try
                {
                    using var response = await clients[target].PostAsJsonAsync("/graphql", new { query = OneFigureEdition.Query });
                    if (response.IsSuccessStatusCode) body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
                }
                catch (Exception ex) when (ex is HttpRequestException or ObjectDisposedException or InvalidOperationException)
                {
                    // the instance is gone: a retrying client (or the load balancer) goes to the other
                }
            }
            Assert.NotNull(body);
            var node = body!["data"]!["observations"]!["nodes"]![0]!;
            answered.Add(((decimal)node["value"]!, (string)node["source"]!["editionDate"]!));
        }
        Assert.Equal(40, answered.Count);
        Assert.All(answered, figure => Assert.Equal(expected, figure));
    }
}
