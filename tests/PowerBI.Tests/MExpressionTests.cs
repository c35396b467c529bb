using System.Diagnostics;
using System.Text.Json;
using CommunityJustice.Analytics.PowerBI.Tests.Support;

namespace CommunityJustice.Analytics.PowerBI.Tests;

/// <summary>The M in the semantic model parses with Microsoft's parser and keeps a static data source.</summary>
public class MExpressionTests
{
    private static readonly TmdlModel Model = TmdlModel.Load();

    private sealed record ParseResult(string Name, bool Ok, string? Error);

    /// <summary>Runs tests/PowerBI.Tests/mparser/parse.mjs (npm @microsoft/powerquery-parser) over the expressions.</summary>
    private static List<ParseResult> Parse(IEnumerable<(string Name, string Text)> expressions)
    {
        Assert.True(Directory.Exists(Path.Combine(PowerBIPaths.MParser, "node_modules", "@microsoft", "powerquery-parser")),
            "the M parser is not installed: run npm ci in tests/PowerBI.Tests/mparser (scripts/test.sh does)");
        var start = new ProcessStartInfo("node", "parse.mjs")
        {
            WorkingDirectory = PowerBIPaths.MParser, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var node = Process.Start(start)!;
        node.StandardInput.Write(JsonSerializer.Serialize(expressions.Select(e => new { name = e.Name, text = e.Text })));
        node.StandardInput.Close();
        var output = node.StandardOutput.ReadToEnd();
        var error = node.StandardError.ReadToEnd();
        node.WaitForExit();
        Assert.True(node.ExitCode == 0, $"node parse.mjs failed: {error}");
        return JsonSerializer.Deserialize<List<ParseResult>>(output, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
    }

    [Fact]
    public void Every_M_expression_and_partition_parses()
    {
        var texts = ModelQueries.MTexts(Model);
        Assert.True(texts.Count >= 13, $"expected the model's shared expressions and M partitions, found {texts.Count}");
        var results = Parse(texts);
        Assert.Equal(texts.Count, results.Count);
        var failed = results.Where(r => !r.Ok).Select(r => $"{r.Name}: {r.Error}").ToList();
        Assert.True(failed.Count == 0, "M that does not parse:\n" + string.Join("\n", failed));
    }

    [Fact]
    public void The_parser_check_rejects_broken_M()
    {
        var results = Parse([("missing value", "let x = in x"), ("unclosed record", "[a = 1"), ("fine", "let x = 1 in x")]);
        Assert.False(results[0].Ok);
        Assert.False(results[1].Ok);
        Assert.True(results[2].Ok);
    }

    [Fact]
    public void ApiBase_is_a_required_text_parameter()
    {
        var apiBase = Model.Expressions.Single(e => e.Name == "ApiBase");
        Assert.StartsWith("\"http", apiBase.Text);
        Assert.NotNull(apiBase.Meta);
        Assert.Contains("IsParameterQuery=true", apiBase.Meta);
        Assert.Contains("Type=\"Text\"", apiBase.Meta);
    }

    [Fact]
    public void Every_Web_Contents_call_has_the_ApiBase_parameter_as_its_data_source()
    {
        var texts = ModelQueries.MTexts(Model);
        var calls = texts.Where(t => t.Text.Contains("Web.Contents", StringComparison.Ordinal)).ToList();
        // One shared function sends every request; tables call it, never Web.Contents themselves.
        Assert.Equal(["expression GraphQLTable"], calls.Select(c => c.Owner).ToArray());
        var violations = texts.SelectMany(t => MQuery.DataSourceViolations(t.Owner, t.Text)).ToList();
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        var function = calls[0].Text;
        foreach (var required in new[] { "RelativePath = \"graphql\"", "Query = [", "Headers = [", "ManualStatusHandling = {400..599}", "List.Generate(", "Table.TransformColumnTypes(", "hasNextPage", "\"Operation \" & operationName" })
        {
            Assert.Contains(required, function);
        }
    }

    [Theory]
    [InlineData("Web.Contents(ApiBase & \"graphql\", [RelativePath = \"x\", ManualStatusHandling = {400}])")]
    [InlineData("Web.Contents(\"http://127.0.0.1:5080/graphql?query=\" & Uri.EscapeDataString(q), [RelativePath = \"x\", ManualStatusHandling = {400}])")]
    [InlineData("Web.Contents(Text.Combine({ApiBase, \"graphql\"}), [RelativePath = \"x\", ManualStatusHandling = {400}])")]
    [InlineData("Web.Contents(ApiBase)")]
    [InlineData("Web.Contents(ApiBase, [RelativePath = \"graphql\"])")]
    [InlineData("// Web.Contents(ApiBase, [RelativePath = \"x\", ManualStatusHandling = {400}])\nWeb.Contents(\"http://a/\" & p, [RelativePath = \"x\", ManualStatusHandling = {400}])")]
    public void A_dynamic_data_source_or_missing_option_is_reported(string m)
    {
        Assert.NotEmpty(MQuery.DataSourceViolations("sample", m));
    }

    [Fact]
    public void The_static_pattern_passes_the_data_source_check()
    {
        Assert.Empty(MQuery.DataSourceViolations("sample",
            "Web.Contents(ApiBase, [RelativePath = \"graphql\", Query = [query = \"{ a(b: \"\"c,d\"\") }\"], ManualStatusHandling = {400..599}])"));
    }
}
