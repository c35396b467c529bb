using CommunityJustice.Analytics.Api.Tests.Support;

namespace CommunityJustice.Analytics.Api.Tests.GraphQL.Observations;

/// <summary>
/// Relations are resolved without N+1 queries: the number of SQL statements of a nested query does
/// not grow with the page size. Statements are counted from Npgsql's activities for this class's database.
/// </summary>
public sealed class BatchingTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    // Council areas only, so that every row has a parent area to load.
    private static string Query(int first) => $$"""
        {
          observations(first: {{first}}, where: { area: { level: { eq: COUNCIL_AREA } }, source: { dataset: { eq: "reconvictions" } } }, order: [{ id: ASC }]) {
            nodes {
              value
              indicator { code nationalAim { title priorityActions { number } } nationalIndicator { code } }
              area { name parent { name } aliases formerCodes { oldCode } }
              ageBand { label }
              source { editionDate dataset { title } }
            }
          }
        }
        """;

    private async Task<int> CountStatementsAsync(string query)
    {
        using var recorder = new StatementRecorder(api.DatabaseName);
        await api.CreateClient().QueryAsync(query);
        return recorder.Statements.Count;
    }

    [Fact]
    public async Task Statement_count_does_not_grow_with_page_size()
    {
        // Warm up: the first request after start computes the public view's disclosure decisions once.
        await api.CreateClient().QueryAsync(Query(1));
        var small = await CountStatementsAsync(Query(5));
        var large = await CountStatementsAsync(Query(200));
        Assert.True(small > 0, "no statements counted: is Npgsql tracing on?");
        Assert.Equal(small, large);
        // The page (relations attached from the in-memory reference data), then one batch per
        // relation the reference data does not hold (parent areas, aliases, former codes, the
        // framework links): a handful, never one per row.
        Assert.InRange(large, 2, 10);
    }
}
