using CommunityJustice.Analytics.Ingest;
using CommunityJustice.Analytics.Model;
using CommunityJustice.Analytics.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CommunityJustice.Analytics.PowerBI.Tests.Support;

/// <summary>
/// A fresh database loaded with every bundled real dataset from the data mirror (copied from a
/// per-process template), and the API hosted in memory against it: what the report's M queries
/// run against in these tests. Copied in its minimum from tests/Api.Tests/Support.
/// </summary>
public sealed class ApiFixture : TestDatabase
{
    private WebApplicationFactory<Program>? _factory;

    protected override string TemplateKey => "powerbi";

    protected override Task SeedTemplateAsync(string connectionString) => BundledData.LoadAllAsync(connectionString, RepositoryPaths.DataMirror, m => !BundledData.IsDataZoneLevel(m));

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
            builder.UseSetting(AnalyticsDatabase.UrlVariable, ConnectionString));
    }

    public override async Task DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
        await base.DisposeAsync();
    }

    public HttpClient CreateClient() => (_factory ?? throw new InvalidOperationException("fixture not initialised")).CreateClient();
}
