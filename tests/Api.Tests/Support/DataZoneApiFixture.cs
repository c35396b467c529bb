using CommunityJustice.Analytics.Model;
using CommunityJustice.Analytics.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CommunityJustice.Analytics.Api.Tests.Support;

/// <summary>
/// Like <see cref="ApiFixture"/>, with the data-zone datasets loaded too (the geography lookup, SIMD 2020v2 and the NRS
/// small-area population, 1.4 million rows): built once per test process as a template, copied per test class.
/// </summary>
public sealed class DataZoneApiFixture : TestDatabase
{
    private WebApplicationFactory<Program>? _factory;

    protected override string TemplateKey => DataZoneTemplate.Key;

    protected override Task SeedTemplateAsync(string connectionString) => DataZoneTemplate.SeedAsync(connectionString);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
            builder.UseSetting(AnalyticsDatabase.UrlVariable, ConnectionString));
        // The first request computes the in-memory reference data (8,788 areas, 80,920 hierarchy pairs) and the public
        // view; on a loaded test machine that can outlast the 10 s execution timeout. The computation goes on after a
        // timed-out request, so asking again until it answers warms the caches the tests then read.
        var client = CreateClient();
        for (var attempt = 1; ; attempt++)
        {
            var (status, body) = await client.SendAsync("{ areas(where: { level: { eq: COUNTRY } }) { code } }");
            if (status == 200 && body["errors"] is null) break;
            if (attempt == 10) throw new InvalidOperationException($"The API did not answer after {attempt} attempts: {body.ToJsonString()}");
        }
    }

    public override async Task DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
        await base.DisposeAsync();
    }

    public GraphQLClient CreateClient() => new(_factory!.CreateClient());
}
