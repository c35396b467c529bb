using System.Net;
using CommunityJustice.Analytics.Api.Tests.Support;
using CommunityJustice.Analytics.Model;
using CommunityJustice.Analytics.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CommunityJustice.Analytics.Api.Tests.Resilience;

/// <summary>/health/live and /health/ready on a loaded database and on a migrated one with no dataset loaded.</summary>
public sealed class HealthTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Live_and_ready_answer_200_on_a_loaded_database()
    {
        var http = api.Factory.CreateClient();
        using var live = await http.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        using var ready = await http.GetAsync("/health/ready");
        var text = await ready.Content.ReadAsStringAsync();
        Assert.True(ready.StatusCode == HttpStatusCode.OK, text);
        Assert.Contains("datasets loaded", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_says_no_dataset_is_loaded_on_a_database_with_only_migrations()
    {
        var empty = new TestDatabase();
        await empty.InitializeAsync();
        try
        {
            await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseSetting(AnalyticsDatabase.UrlVariable, empty.ConnectionString));
            var http = factory.CreateClient();
            using (var live = await http.GetAsync("/health/live")) Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            using var ready = await http.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Contains("No dataset is loaded", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await empty.DisposeAsync();
        }
    }
}
