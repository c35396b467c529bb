using System.Text.Json.Nodes;
using CommunityJustice.Analytics.Api.Tests.Support;

namespace CommunityJustice.Analytics.Api.Tests.GraphQL.Observations;

/// <summary>
/// A page of figures is one statement on the observations table that reads only the columns the
/// selected fields need; related tables are joined only for a condition on one of their other fields.
/// </summary>
public sealed class StatementShapeTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string Midlothian = """where: { indicator: { code: { eq: "reconviction-rate" } }, area: { code: { eq: "S12000019" } } }, order: [{ id: ASC }], first: 5""";

    private async Task<(JsonNode Body, IReadOnlyList<string> Statements)> RunAsync(string query)
    {
        // The first figure query after start reads the reference data and takes the disclosure decisions; one with a
        // `within` condition reads the area hierarchy too, which the start-up warm-up would otherwise read a moment
        // later, perhaps while a statement is being recorded.
        await api.CreateClient().QueryAsync("""{ observations(where: { area: { within: { code: { eq: "S12000019" } } } }, first: 1) { nodes { id } } }""");
        using var recorder = new StatementRecorder(api.DatabaseName);
        var body = await api.CreateClient().QueryAsync(query);
        return (body, recorder.Statements);
    }

    /// <summary>The columns of the statement's outer SELECT list, e.g. "id", "value".</summary>
    private static IReadOnlyList<string> SelectedColumns(string sql)
    {
        var list = sql[..sql.IndexOf("FROM", StringComparison.Ordinal)].Replace("SELECT", "", StringComparison.Ordinal);
        return list.Split(',').Select(c => c.Trim().Split(' ')[0].Split('.').Last()).ToList();
    }

    [Fact]
    public async Task A_page_of_ids_and_values_reads_those_and_the_keys_alone()
    {
        var (body, statements) = await RunAsync($"{{ observations({Midlothian}) {{ nodes {{ id value }} }} }}");
        var sql = Assert.Single(statements);
        Assert.Equal(
            ["age_band_code", "area_code", "dataset_version_id", "id", "indicator_code", "status", "value"],
            SelectedColumns(sql).Order());
        Assert.DoesNotContain("JOIN", sql);
        Assert.Equal(5, body["data"]!["observations"]!["nodes"]!.AsArray().Count);
    }

    [Fact]
    public async Task Fields_in_fragments_and_edges_are_read_too()
    {
        var (_, statements) = await RunAsync($$"""
            { observations({{Midlothian}}) { edges { node { ...When } } nodes { ... on Observation { marker } } } }
            fragment When on Observation { period { label } }
            """);
        var columns = SelectedColumns(Assert.Single(statements));
        Assert.Contains("period_label", columns);
        Assert.DoesNotContain("period_start", columns); // only the period's fields asked for
        Assert.Contains("marker", columns);
        Assert.DoesNotContain("value", columns);
        Assert.DoesNotContain("numerator", columns);
    }

    [Fact]
    public async Task Narrow_and_full_selections_give_the_same_figures()
    {
        var narrow = (await RunAsync($"{{ observations({Midlothian}) {{ nodes {{ id value status }} }} }}")).Body["data"]!["observations"]!["nodes"]!.AsArray();
        var full = (await RunAsync($"{{ observations({Midlothian}) {{ nodes {{ id value status marker sex period {{ label }} confidenceInterval {{ lower }} intervalNote area {{ name }} }} }} }}"))
            .Body["data"]!["observations"]!["nodes"]!.AsArray();
        Assert.Equal(
            full.Select(n => ((long)n!["id"]!, (decimal?)n["value"], (string?)n["status"])),
            narrow.Select(n => ((long)n!["id"]!, (decimal?)n["value"], (string?)n["status"])));
        Assert.All(full, n => Assert.Equal("Midlothian", (string?)n!["area"]!["name"]));
    }

    [Fact]
    public async Task A_condition_on_an_area_name_joins_areas_and_one_on_its_code_does_not()
    {
        var (_, byName) = await RunAsync("""{ observations(where: { area: { name: { eq: "Midlothian" } } }, first: 1) { nodes { id } } }""");
        Assert.Contains("JOIN areas", Assert.Single(byName));
        var (_, byCode) = await RunAsync("""{ observations(where: { area: { code: { eq: "S12000019" } } }, order: [{ area: { code: ASC } }], first: 1) { nodes { id } } }""");
        Assert.DoesNotContain("JOIN", Assert.Single(byCode));
    }
    [Fact]
    public async Task A_short_in_list_is_one_parameter_per_code_and_the_page_size_a_literal()
    {
        // The shape PostgreSQL keeps one generic plan for (docs/benchmarks.md, "Per-request cost, second pass"):
        // with one array parameter or LIMIT as a parameter it planned the page afresh on every request.
        var (body, statements) = await RunAsync("""{ observations(where: { area: { code: { in: ["S12000019", "S12000010"] } } }, first: 7) { nodes { id } } }""");
        var sql = Assert.Single(statements);
        Assert.Matches(@"area_code IN \([@$]\w+, [@$]\w+\)", sql);
        Assert.DoesNotContain("ANY", sql);
        Assert.Matches(@"LIMIT 8\s*$", sql);
        Assert.DoesNotContain("OFFSET", sql);
        Assert.Equal(7, body["data"]!["observations"]!["nodes"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_later_page_skips_the_rows_before_it()
    {
        var first = (await RunAsync($"{{ observations({Midlothian}) {{ nodes {{ id }} pageInfo {{ endCursor }} }} }}")).Body["data"]!["observations"]!;
        var cursor = (string)first["pageInfo"]!["endCursor"]!;
        var midlothianAfter = Midlothian.Replace("first: 5", $"first: 5, after: \"{cursor}\"", StringComparison.Ordinal);
        var (next, statements) = await RunAsync($"{{ observations({midlothianAfter}) {{ nodes {{ id }} }} }}");
        Assert.Contains("OFFSET", Assert.Single(statements));
        var firstIds = first["nodes"]!.AsArray().Select(n => (long)n!["id"]!).ToList();
        var nextIds = next["data"]!["observations"]!["nodes"]!.AsArray().Select(n => (long)n!["id"]!).ToList();
        Assert.NotEmpty(nextIds);
        Assert.True(nextIds.Min() > firstIds.Max(), "ordered by id, the next page starts after the first");
    }

    [Fact]
    public async Task A_long_in_list_is_one_array_parameter()
    {
        var labels = string.Join(", ", Enumerable.Range(1990, Api.GraphQL.Filtering.FilterOperations.SeparateParametersUpTo + 1).Select(year => $"\"{year}\""));
        var (_, statements) = await RunAsync($$"""{ observations(where: { period: { label: { in: [{{labels}}] } } }, first: 1) { nodes { id } } }""");
        Assert.Contains("ANY", Assert.Single(statements));
    }
}
