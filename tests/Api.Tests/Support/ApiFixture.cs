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
    private WebApplicationFactory<Program>? factory;

    public WebApplicationFactory<Program> Factory => factory ?? throw new InvalidOperationException("fixture not initialised");

    protected override string TemplateKey => BundledTemplate.Key;

    protected override Task SeedTemplateAsync(string connectionString) => BundledTemplate.SeedAsync(connectionString);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
            builder.UseSetting(AnalyticsDatabase.UrlVariable, ConnectionString));
    }

    public override async Task DisposeAsync()
    {
        if (factory is not null) await factory.DisposeAsync();
        await base.DisposeAsync();
    }

    public GraphQLClient CreateClient() => new(Factory.CreateClient());
}
