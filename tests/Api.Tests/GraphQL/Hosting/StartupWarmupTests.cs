using CommunityJustice.Analytics.Api.Data;
using CommunityJustice.Analytics.Api.GraphQL.Hosting;
using CommunityJustice.Analytics.Api.Tests.Support;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityJustice.Analytics.Api.Tests.GraphQL.Hosting;

/// <summary>
/// At start-up the API builds its schema and reads the reference data before anyone asks, so the first answer
/// does not wait for them one after the other (docs/benchmarks.md, "Start-up to first answer").
/// </summary>
public sealed class StartupWarmupTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task The_schema_and_the_reference_data_are_ready_before_the_first_request()
    {
        await using var factory = api.Factory.WithWebHostBuilder(_ => { });
        var services = factory.Services; // starts the host, and no request is made

        await services.GetRequiredService<StartupWarmup>().Completion.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(services.GetRequiredService<ISchema>().Initialized);
        var reference = services.GetRequiredService<ReferenceDataCache>().Latest;
        Assert.NotNull(reference);
        Assert.True(reference.LoadedDatasetCount > 0);
        // The cost estimate's extents come from what the ingest recorded for each edition.
        Assert.True(reference.Extent("reconviction-rate").Areas >= 32, $"reconviction-rate extent: {reference.Extent("reconviction-rate")}");
    }

    [Fact]
    public async Task The_area_hierarchy_is_read_after_the_rest_without_a_request()
    {
        await using var factory = api.Factory.WithWebHostBuilder(_ => { });
        var services = factory.Services;
        await services.GetRequiredService<StartupWarmup>().Completion.WaitAsync(TimeSpan.FromSeconds(60));
        var reference = services.GetRequiredService<ReferenceDataCache>().Latest!;

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!reference.HasReadHierarchy && DateTime.UtcNow < deadline) await Task.Delay(50);

        Assert.True(reference.HasReadHierarchy, "the warm-up did not read the area hierarchy");
        var scotland = (await reference.HierarchyAsync(CancellationToken.None)).DescendantsOf("S92000003");
        Assert.Contains("S12000019", scotland); // Midlothian, through the seeded council → Scotland link
    }
}
