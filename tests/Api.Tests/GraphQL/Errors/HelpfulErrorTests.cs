using System.Diagnostics;
using System.Text.Json.Nodes;
using CommunityJustice.Analytics.Api.Ide;
using CommunityJustice.Analytics.Api.Tests.Support;
using CommunityJustice.Analytics.TestSupport;

namespace CommunityJustice.Analytics.Api.Tests.GraphQL.Errors;

/// <summary>
/// The endpoint helps its callers: introspection as current tools send it (graphql-js
/// getIntrospectionQuery with inputValueDeprecation), "did you mean" for enum values, input fields,
/// indicator codes and area names, a coded error (not null) for an unknown indicator or area, a
/// mutation refused with a message that says why, and the IDE opening on the README's example.
/// </summary>
public sealed class HelpfulErrorTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly string NodeFolder = Path.Combine(RepositoryPaths.Root, "tests", "http-audit");

    private static string Message(JsonNode body) => (string)body["errors"]![0]!["message"]!;
    private static string Code(JsonNode body) => (string)body["errors"]![0]!["extensions"]!["code"]!;

    [Fact]
    public async Task Introspection_as_graphql_js_sends_it_with_input_value_deprecation_works_and_builds_a_client_schema()
    {
        const string script = """
            const { getIntrospectionQuery } = require("graphql");
            process.stdout.write(getIntrospectionQuery({ descriptions: true, directiveIsRepeatable: true,
              schemaDescription: true, inputValueDeprecation: true }));
            """;
        var (exit, query, error) = await NodeAsync(script, null);
        Assert.True(exit == 0, error);
        Assert.Contains("includeDeprecated: true", query);

        var (status, body) = await api.CreateClient().SendAsync(query);
        Assert.True(status == 200 && body["errors"] is null, body.ToJsonString());

        // graphql-js must accept the answer as a schema, as GraphQL tools do with it.
        const string build = """
            const { buildClientSchema, printSchema } = require("graphql");
            let input = ""; process.stdin.on("data", d => input += d);
            process.stdin.on("end", () => { const schema = buildClientSchema(JSON.parse(input).data); process.stdout.write(printSchema(schema).includes("type Query") ? "ok" : "no Query"); });
            """;
        var (buildExit, built, buildError) = await NodeAsync(build, body.ToJsonString());
        Assert.True(buildExit == 0, buildError);
        Assert.Equal("ok", built);
    }

    [Theory]
    [InlineData("""{ observations(where: { sex: { eq: FEMAL } }) { totalCount } }""", "Did you mean 'FEMALE'")]
    [InlineData("""{ observations(where: { indicatr: { code: { eq: "reconviction-rate" } } }) { totalCount } }""", "Did you mean 'indicator'?")]
    [InlineData("""{ observations(where: { indicator: { cod: { eq: "reconviction-rate" } } }) { totalCount } }""", "Did you mean 'code'")]
    [InlineData("""{ observations(order: [{ area: { name: ASCC } }]) { totalCount } }""", "Did you mean 'ASC'")]
    public async Task Misspelt_enum_values_and_input_fields_get_suggestions(string query, string suggestion)
    {
        var (status, body) = await api.CreateClient().SendAsync(query);
        Assert.Equal(400, status);
        Assert.Equal("ARGUMENTS_OF_CORRECT_TYPE", Code(body));
        Assert.Contains(suggestion, Message(body));
    }

    [Theory]
    [InlineData("""{ indicator(code: "reconviction-rat") { code } }""", "UNKNOWN_INDICATOR", "Did you mean 'reconviction-rate'")]
    [InlineData("""{ area(code: "Midlothan") { name } }""", "UNKNOWN_AREA", "Did you mean 'Midlothian'?")]
    [InlineData("""{ compare(indicator: "reconviction-rate", area: "Midlothan", period: "2017-18") { area { value } } }""", "UNKNOWN_AREA", "Did you mean 'Midlothian'?")]
    [InlineData("""{ genderBreakdown(indicator: "reconviction-rat", area: "S12000019", period: "2017-18") { gap } }""", "UNKNOWN_INDICATOR", "Did you mean 'reconviction-rate'")]
    public async Task An_unknown_indicator_or_area_is_a_coded_error_with_suggestions_not_null(string query, string code, string suggestion)
    {
        var (status, body) = await api.CreateClient().SendAsync(query);
        Assert.Equal(200, status);
        Assert.Equal(code, Code(body));
        Assert.Contains(suggestion, Message(body));
    }

    [Fact]
    public async Task An_unknown_area_code_is_UNKNOWN_AREA_where_it_used_to_be_null()
    {
        var (status, body) = await api.CreateClient().SendAsync("""{ area(code: "S12999999") { code } }""");
        Assert.Equal(200, status);
        Assert.Equal("UNKNOWN_AREA", Code(body));
        Assert.Equal(["area"], body["errors"]![0]!["path"]!.AsArray().Select(p => (string)p!).ToArray());
    }

    [Fact]
    public async Task Known_indicators_and_areas_still_resolve()
    {
        var body = await api.CreateClient().QueryAsync("""{ indicator(code: "reconviction-rate") { code } area(code: "s12000015") { code } }""");
        Assert.Equal("reconviction-rate", (string?)body["data"]!["indicator"]!["code"]);
        Assert.Equal("S12000047", (string?)body["data"]!["area"]!["code"]); // a former code still finds the area
    }

    [Fact]
    public async Task A_subscription_is_refused_with_a_message_saying_there_are_none()
    {
        var (status, body) = await api.CreateClient().SendAsync("subscription { anything }");
        Assert.Equal(400, status);
        Assert.Equal("OPERATION_NOT_SUPPORTED", Code(body));
        Assert.Contains("no subscriptions", Message(body));
        Assert.Null(body["data"]);
    }

    [Fact]
    public async Task The_IDE_opens_on_the_READMEs_example_with_the_endpoint_preset()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "README.md"));
        Assert.Contains("```graphql\n" + ExampleDocument.Text + "\n```", readme.ReplaceLineEndings("\n"));
        using var response = await api.Factory.CreateClient().GetAsync("/graphql/ide/bcp-config.json");
        var config = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("/graphql", (string?)config["endpoint"]);
        Assert.Equal(ExampleDocument.Text, (string?)config["document"]);
        // And the example runs without errors.
        await api.CreateClient().QueryAsync(ExampleDocument.Text);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> NodeAsync(string script, string? stdin)
    {
        var start = new ProcessStartInfo("node", ["-e", script])
        {
            WorkingDirectory = NodeFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
