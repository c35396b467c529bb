using CommunityJustice.Analytics.Model;
using CommunityJustice.Analytics.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CommunityJustice.Analytics.Api.Tests.Support;

/// <summary>
/// A fresh migrated database loaded with the bundled real datasets (the statistics.gov.scot
/// reconviction file from the data mirror), and the API hosted in memory against it.
/// One per test class.
/// </summary>
public sealed class ApiFixture : TestDatabase
{
    private WebApplicationFactory<Program>? _factory;

    public WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException("fixture not initialised");

    protected override string TemplateKey => BundledTemplate.Key;

    protected override Task SeedTemplateAsync(string connectionString) => BundledTemplate.SeedAsync(connectionString);

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

    public GraphQLClient CreateClient() => new(Factory.CreateClient());
}
