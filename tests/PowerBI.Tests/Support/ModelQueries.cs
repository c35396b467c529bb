using System.Text.Json.Nodes;

namespace CommunityJustice.Analytics.PowerBI.Tests.Support;

/// <summary>How a table's partition gets its rows: a GraphQL call of its own, columns selected from another query, or a static #table.</summary>
public sealed record TableSource(string Table, GraphQLCall? Call, string? FromQuery, IReadOnlyList<string>? Selected, IReadOnlyList<MColumn>? Static);

public static class ModelQueries
{
    /// <summary>Every M text in the model: shared expressions (with their meta record) and M partitions, by owner.</summary>
    public static List<(string Owner, string Text)> MTexts(TmdlModel model) =>
        model.Expressions.Select(e => ("expression " + e.Name, e.Meta is null ? e.Text : e.Text + " meta " + e.Meta))
            .Concat(model.Tables.SelectMany(t => t.Partitions.Where(p => p.Kind == "m").Select(p => ($"partition {t.Name}", p.Source))))
            .ToList();

    public static TableSource Source(TmdlModel model, TmdlTable table)
    {
        var partition = table.Partitions.Single(p => p.Kind == "m");
        var call = MQuery.Call(table.Name, partition.Source);
        if (call is not null) return new TableSource(table.Name, call, null, null, null);
        var statics = MQuery.StaticColumns(partition.Source);
        if (statics is not null) return new TableSource(table.Name, null, null, null, statics);
        var from = MQuery.SourceQuery(partition.Source) ?? throw new InvalidOperationException($"{table.Name}: partition neither calls the API nor starts from another query");
        return new TableSource(table.Name, null, from, MQuery.SelectedColumns(partition.Source), null);
    }

    /// <summary>The GraphQL call of a shared expression or of another table's partition.</summary>
    public static GraphQLCall CallOf(TmdlModel model, string query)
    {
        var expression = model.Expressions.SingleOrDefault(e => e.Name == query);
        if (expression is not null) return MQuery.Call("expression " + query, expression.Text) ?? throw new InvalidOperationException($"{query} makes no GraphQL call");
        var table = model.Table(query);
        var source = Source(model, table);
        return source.Call ?? CallOf(model, source.FromQuery!);
    }

    /// <summary>The M-declared columns a table loads, in order, with their types.</summary>
    public static List<MColumn> DeclaredColumns(TmdlModel model, TmdlTable table)
    {
        var source = Source(model, table);
        if (source.Call is not null) return [.. source.Call.Columns];
        if (source.Static is not null) return [.. source.Static];
        var upstream = CallOf(model, source.FromQuery!).Columns;
        if (source.Selected is null) return [.. upstream];
        return source.Selected.Select(name => upstream.SingleOrDefault(c => c.Name == name)
            ?? throw new InvalidOperationException($"{table.Name} selects {name}, which {source.FromQuery} does not declare")).ToList();
    }

    /// <summary>Variables to run a call with: its M record literal, or for calls whose variables come from other queries, a real cell.</summary>
    /// <remarks>Comparison runs for two real cells: the reconviction rate (Scotland has a figure) and prison arrivals (rates per 10,000 with intervals).</remarks>
    public static List<JsonObject> SampleVariables(GraphQLCall call, IReadOnlyList<string> councilCodes)
    {
        JsonArray Councils() => new(councilCodes.Select(c => (JsonNode)c).ToArray());
        switch (call.OperationName)
        {
            case "Comparison":
                return [new JsonObject { ["indicator"] = "reconviction-rate", ["period"] = "2017-18", ["councils"] = Councils() },
                        new JsonObject { ["indicator"] = "prison-arrivals", ["period"] = "2017-18", ["councils"] = Councils() }];
            case "GenderGaps":
                return [new JsonObject { ["indicator"] = "reconviction-rate" }];
        }
        var result = new JsonObject();
        foreach (var (key, value) in MQuery.RecordLiteral(call.Variables)) result[key] = JsonNode.Parse(value.GetRawText());
        return [result];
    }
}
