using CommunityJustice.Analytics.Api.GraphQL;
using CommunityJustice.Analytics.Api.Tests.Support;
using GraphQL;
using Microsoft.Extensions.DependencyInjection;
using Snapshooter.Xunit;

namespace CommunityJustice.Analytics.Api.Tests.GraphQL;

public sealed class SchemaTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    /// <summary>The whole schema as SDL: every schema change shows in review as a change to this snapshot.</summary>
    [Fact]
    public void SchemaChanged()
    {
        var schema = api.Factory.Services.GetRequiredService<AnalyticsSchema>();
        schema.Print().MatchSnapshot();
    }
}
