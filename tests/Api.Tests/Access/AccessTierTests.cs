using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CommunityJustice.Analytics.Api.Disclosure;
using CommunityJustice.Analytics.Api.Tests.Disclosure;
using CommunityJustice.Analytics.Model.Access;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static CommunityJustice.Analytics.Api.Tests.Access.AccessTestSupport;

namespace CommunityJustice.Analytics.Api.Tests.Access;

/// <summary>
/// Access tiers over HTTP, on the generated disclosure-control dataset (small counts, so the public
/// view withholds cells of every council): anonymous callers get the public view; a restricted:read
/// key of Midlothian gets Midlothian's figures unsuppressed and every other area exactly as the
/// public sees it; bad keys get 401; scopes are enforced with coded errors; restricted reads are
/// audited; restricted figures never reach another caller through the response cache; keys are never logged.
/// </summary>
public sealed class AccessTierTests(DisclosureFixture data) : IClassFixture<DisclosureFixture>, IAsyncLifetime
{
    private const string Figures = """
        query Figures { observations(where: { indicator: { code: { eq: "test-sdc-people" } } }, first: 500) {
          nodes { id area { code } sex ageBand { code } period { label } value status suppressionReason } } }
        """;

    private readonly ConcurrentQueue<string> _logs = new();
    private WebApplicationFactory<Program> _factory = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _factory = data.Factory.WithWebHostBuilder(b => b.ConfigureLogging(l =>
        {
            l.SetMinimumLevel(LogLevel.Trace);
            l.AddProvider(new CapturingLoggerProvider(_logs));
        }));
        _http = _factory.CreateClient();
        // Disclosure decisions take seconds on a busy machine: taken before the first timed request, as a deployment would warm up.
        await _factory.Services.GetRequiredService<DisclosureControl>().GetViewAsync(CancellationToken.None);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static Dictionary<string, (string Area, decimal? Value, string Status, string? Reason)> Cells(JsonNode body) =>
        body["data"]!["observations"]!["nodes"]!.AsArray().ToDictionary(n => n!["id"]!.ToJsonString(),
            n => ((string)n!["area"]!["code"]!, (decimal?)n["value"], (string)n["status"]!, (string?)n["suppressionReason"]));

    [Fact]
    public async Task A_restricted_read_key_sees_its_partnerships_figures_unsuppressed_and_every_other_area_as_the_public_does()
    {
        var key = await CreateKeyAsync(data.ConnectionString, Midlothian, [ApiScopes.RestrictedRead]);
        var anonymous = await PostAsync(_http, new { query = Figures });
        var partner = await PostAsync(_http, new { query = Figures }, bearer: key);
        Assert.Equal(200, anonymous.Status);
        Assert.Equal(200, partner.Status);
        Assert.Null(partner.Body!["errors"]);
        var publicCells = Cells(anonymous.Body!);
        var partnerCells = Cells(partner.Body!);
        Assert.Equal(publicCells.Keys.Order(), partnerCells.Keys.Order());

        // The public view withholds some of Midlothian's cells (small counts)...
        var withheld = publicCells.Where(c => c.Value.Area == Midlothian && c.Value.Status == "SUPPRESSED").Select(c => c.Key).ToList();
        Assert.NotEmpty(withheld);
        // ...most of which the partner sees with their true values; those it does not are withheld only
        // because they would give away another area's withheld cell.
        var truth = data.Truth.Values.Where(t => t.Id.Indicator == DisclosureFixture.PeopleIndicator && t.Id.Area == Midlothian).Select(t => t.Value).ToHashSet();
        var revealed = withheld.Where(id => partnerCells[id].Status == "PUBLISHED").ToList();
        Assert.NotEmpty(revealed);
        foreach (var id in revealed)
        {
            Assert.Contains(partnerCells[id].Value!.Value, truth);
            Assert.Null(partnerCells[id].Reason);
        }
        foreach (var id in withheld.Except(revealed)) Assert.Equal(publicCells[id], partnerCells[id]);
        // Every other area: identical to the public view, withheld cells included.
        var others = publicCells.Where(c => c.Value.Area != Midlothian).ToList();
        Assert.Contains(others, c => c.Value.Status == "SUPPRESSED" && c.Value.Reason!.StartsWith("PRIMARY", StringComparison.Ordinal));
        foreach (var (id, cell) in others) Assert.Equal(cell, partnerCells[id]);
    }

    /// <summary>
    /// A partner also sees the public view, so its own revealed cells must not narrow another area's
    /// withheld cell (by the primary rule or at source) below its protection interval: with everything
    /// the partner is served, every relation of the table (All = Male + Female, all ages = the bands,
    /// Scotland = the councils, exact) and counts whole and ≥ 0, each such cell must stay consistent
    /// with every count from 0 to 5 (OR-Tools). Cells withheld only to protect others need no interval.
    /// </summary>
    [Fact]
    public async Task A_partners_own_figures_do_not_narrow_another_areas_withheld_cells()
    {
        var key = await CreateKeyAsync(data.ConnectionString, Midlothian, [ApiScopes.RestrictedRead]);
        var partner = await PostAsync(_http, new { query = Figures }, bearer: key);
        var served = partner.Body!["data"]!["observations"]!["nodes"]!.AsArray().Select(n => new Served(
            n!["id"]!.GetValue<long>(), DisclosureFixture.PeopleIndicator, (string)n["area"]!["code"]!, (string)n["period"]!["label"]!,
            (string)n["sex"]!, (string)n["ageBand"]!["code"]!, (decimal?)n["value"], (string)n["status"]!, (string?)n["suppressionReason"])).ToList();
        // The partner sees some of its own withheld cells, and other areas still have withheld cells to protect.
        Assert.Contains(served, c => c.Area == Midlothian && c.Value is not null);
        var targets = served.Where(c => c.Area != Midlothian && c.Value is null && c.Reason is { } r && !r.StartsWith("SECONDARY", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(targets);
        AttackSystem.OfGeneratedTable(served).AssertProtected(targets, 5);
    }

    [Fact]
    public async Task The_key_can_come_in_X_Api_Key_as_well_as_Authorization_Bearer()
    {
        var key = await CreateKeyAsync(data.ConnectionString, Midlothian, [ApiScopes.RestrictedRead]);
        var byBearer = await PostAsync(_http, new { query = Figures }, bearer: key);
        var byHeader = await PostAsync(_http, new { query = Figures }, apiKeyHeader: key);
        Assert.Equal(200, byHeader.Status);
        Assert.Equal(byBearer.Body!.ToJsonString(), byHeader.Body!.ToJsonString());
        var other = await CreateKeyAsync(data.ConnectionString, Midlothian, [ApiScopes.RestrictedRead]);
        var both = await PostAsync(_http, new { query = Figures }, bearer: key, apiKeyHeader: other);
        Assert.Equal(401, both.Status);
    }

    [Fact]
    public async Task A_key_without_restricted_read_gets_the_public_view()
    {
        var key = await CreateKeyAsync(data.ConnectionString, Midlothian, [ApiScopes.PlansWrite]);
        var anonymous = await PostAsync(_http, new { query = Figures });
        var keyed = await PostAsync(_http, new { query = Figures }, bearer: key);
        Assert.Equal(anonymous.Body!.ToJsonString(), keyed.Body!.ToJsonString());
    }

    public static TheoryData<string, string> BadKeys => new()
    {
        { "unknown", "INVALID_API_KEY" },
        { "wrong-secret", "INVALID_API_KEY" },
        { "malformed", "INVALID_API_KEY" },
        { "expired", "API_KEY_EXPIRED" },
        { "revoked", "API_KEY_REVOKED" },
    };

    [Theory]
    [MemberData(nameof(BadKeys))]
    public async Task A_wrong_expired_or_revoked_key_gets_401_with_WWW_Authenticate_and_a_coded_error_never_the_public_view(string kind, string code)
    {
        var good = await CreateKeyAsync(data.ConnectionString, Midlothian, [ApiScopes.RestrictedRead]);
        var key = kind switch
        {
            "unknown" => ApiKeyFormat.Generate().Key,
            "wrong-secret" => good[..^4] + (good[^4..] == "AAAA" ? "BBBB" : "AAAA"),
            "malformed" => "not-a-key",
            "expired" => await CreateKeyAsync(data.ConnectionString, Midlothian, [ApiScopes.RestrictedRead], expires: DateTimeOffset.UtcNow.AddMinutes(-1)),
            _ => await CreateKeyAsync(data.ConnectionString, Midlothian, [ApiScopes.RestrictedRead], revoked: true),
        };
        var reply = await PostAsync(_http, new { query = Figures }, bearer: key);
        Assert.Equal(401, reply.Status);
        Assert.Equal(code, ErrorCode(reply.Body));
        Assert.Null(reply.Body!["data"]);
        var challenge = reply.Response.Headers.WwwAuthenticate.ToString();
        Assert.StartsWith("Bearer realm=", challenge);
        Assert.Contains("error=\"invalid_token\"", challenge);
        Assert.DoesNotContain(key, reply.Text);
        Assert.DoesNotContain(key, challenge);
    }

    [Fact]
    public async Task An_unknown_key_id_and_a_wrong_secret_get_the_same_answer()
    {
        var good = await CreateKeyAsync(data.ConnectionString, Midlothian, [ApiScopes.RestrictedRead]);
        var wrongSecret = await PostAsync(_http, new { query = "{ __typename }" }, bearer: good[..^1] + (good[^1] == 'x' ? 'y' : 'x'));
        var unknown = await PostAsync(_http, new { query = "{ __typename }" }, bearer: ApiKeyFormat.Generate().Key);
        Assert.Equal(unknown.Text, wrongSecret.Text);
        Assert.Equal(unknown.Response.Headers.WwwAuthenticate.ToString(), wrongSecret.Response.Headers.WwwAuthenticate.ToString());
        // The comparison is CryptographicOperations.FixedTimeEquals over the SHA-256 of the presented key.
        Assert.True(ApiKeyFormat.Matches(good, ApiKeyFormat.Hash(good)));
        Assert.False(ApiKeyFormat.Matches(good + "x", ApiKeyFormat.Hash(good)));
    }

    [Fact]
    public async Task The_audit_log_needs_the_admin_scope_and_records_restricted_reads()
    {
        const string log = "{ auditLog(last: 50) { keyId partnershipCode kind operationName documentHash areas at } }";
        var anonymous = await PostAsync(_http, new { query = log });
        Assert.Equal("AUTHENTICATION_REQUIRED", ErrorCode(anonymous.Body));
        Assert.Null(anonymous.Body!["data"]);

        var partner = await CreateKeyAsync(data.ConnectionString, Midlothian, [ApiScopes.RestrictedRead]);
        var beyondScope = await PostAsync(_http, new { query = log }, bearer: partner);
        Assert.Equal(200, beyondScope.Status);
        Assert.Equal("INSUFFICIENT_SCOPE", ErrorCode(beyondScope.Body));
        Assert.Null(beyondScope.Body!["data"]);

        var read = await PostAsync(_http, new { query = Figures, operationName = "Figures" }, bearer: partner);
        Assert.Equal(200, read.Status);
        var admin = await CreateKeyAsync(data.ConnectionString, null, [ApiScopes.Admin]);
        var entries = await PostAsync(_http, new { query = log }, bearer: admin);
        Assert.Null(entries.Body!["errors"]);
        var keyId = ApiKeyFormat.KeyIdOf(partner)!;
        var entry = entries.Body!["data"]!["auditLog"]!.AsArray()
            .Single(e => (string?)e!["keyId"] == keyId && (string?)e["operationName"] == "Figures");
        Assert.Equal("restricted-read", (string?)entry!["kind"]);
        Assert.Equal(Midlothian, (string?)entry["partnershipCode"]);
        Assert.Equal(ApiKeyFormat.DocumentId(Figures), (string?)entry["documentHash"]);
        Assert.Equal([Midlothian], entry["areas"]!.AsArray().Select(a => (string)a!).ToArray());

        // In the database too; the admin's own reads are not restricted reads and are not logged as such.
        await using var db = Open(data.ConnectionString);
        Assert.True(await db.AuditLog.AnyAsync(e => e.KeyId == keyId && e.Kind == "restricted-read"));
        Assert.False(await db.AuditLog.AnyAsync(e => e.KeyId == ApiKeyFormat.KeyIdOf(admin)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Restricted_figures_never_reach_another_caller_through_the_response_cache(bool partnerFirst)
    {
        var key = await CreateKeyAsync(data.ConnectionString, Midlothian, [ApiScopes.RestrictedRead]);
        // The same GET URL from both callers (GET answers are the cacheable ones).
        var url = "query=" + Uri.EscapeDataString(Figures.Replace("first: 500", partnerFirst ? "first: 499" : "first: 498"));
        await WaitForCachingAsync();
        Reply anonymous, partner;
        if (partnerFirst)
        {
            partner = await GetAsync(_http, url, bearer: key);
            anonymous = await GetAsync(_http, url);
        }
        else
        {
            anonymous = await GetAsync(_http, url);
            partner = await GetAsync(_http, url, bearer: key);
        }
        var again = await GetAsync(_http, url);
        Assert.Equal("HIT", again.Response.Headers.GetValues("X-Cache").Single()); // the public answer is cached...
        Assert.False(partner.Response.Headers.Contains("X-Cache"));                 // ...the partner's never is.
        Assert.Equal(again.Text, anonymous.Text);
        var publicCells = Cells(anonymous.Body!);
        var partnerCells = Cells(partner.Body!);
        // The partner's answer has Midlothian figures the public one withholds, and the public answer none of them.
        var unmasked = publicCells.Where(c => c.Value.Area == Midlothian && c.Value.Status == "SUPPRESSED" && partnerCells[c.Key].Status == "PUBLISHED").ToList();
        Assert.NotEmpty(unmasked);
        foreach (var cell in unmasked) Assert.Null(publicCells[cell.Key].Value);
        Assert.Null(partner.Response.Headers.ETag);
    }

    private async Task WaitForCachingAsync()
    {
        for (var i = 0; i < 100; i++)
        {
            if ((await GetAsync(_http, "query=" + Uri.EscapeDataString("{ __typename }"))).Response.Headers.ETag is not null) return;
            await Task.Delay(50);
        }
        Assert.Fail("the data version was never read");
    }

    [Fact]
    public async Task Keys_never_appear_in_the_logs()
    {
        var good = await CreateKeyAsync(data.ConnectionString, Midlothian, [ApiScopes.RestrictedRead]);
        var revoked = await CreateKeyAsync(data.ConnectionString, Midlothian, [ApiScopes.RestrictedRead], revoked: true);
        var unknown = ApiKeyFormat.Generate().Key;
        await PostAsync(_http, new { query = Figures }, bearer: good);
        await PostAsync(_http, new { query = "{ auditLog { keyId } }" }, apiKeyHeader: good);
        await PostAsync(_http, new { query = "{ nope }" }, bearer: good);
        await PostAsync(_http, new { query = Figures }, bearer: revoked);
        await PostAsync(_http, new { query = Figures }, apiKeyHeader: unknown);
        Assert.NotEmpty(_logs); // the provider does capture the host's logs
        foreach (var key in new[] { good, revoked, unknown })
        {
            var secret = key[(ApiKeyFormat.Prefix.Length + 13)..];
            Assert.DoesNotContain(_logs, line => line.Contains(secret, StringComparison.Ordinal));
        }
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);
        public void Dispose() { }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull
            {
                lines.Enqueue($"{category} scope {state}");
                return null;
            }
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{category} {logLevel} {formatter(state, exception)} {exception}");
        }
    }
}
