using System.Text.Json.Nodes;
using CommunityJustice.Analytics.PowerBI.Tests.Support;

namespace CommunityJustice.Analytics.PowerBI.Tests;

/// <summary>
/// Every GraphQL operation embedded in the model's M, extracted and sent to the API on the bundled
/// real data the way the M sends it: no errors, rows on the bundled data, and exactly the columns and
/// types the TMDL table declares.
/// </summary>
public class GraphQLOperationTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly TmdlModel Model = TmdlModel.Load();

    public static TheoryData<string> LoadedTables()
    {
        var data = new TheoryData<string>();
        foreach (var table in Model.Tables.Where(t => t.Partitions.Any(p => p.Kind == "m"))) data.Add(table.Name);
        return data;
    }

    /// <summary>
    /// Figures.Numerator: no bundled source publishes the count behind a figure (the reconviction cube
    /// publishes rates; counts are joined only as denominators).
    /// </summary>
    private static readonly string[] NeverFilledOnTheBundledData = ["Figures.Numerator"];

    [Fact]
    public void Each_call_names_the_operation_it_sends()
    {
        foreach (var (owner, text) in ModelQueries.MTexts(Model))
        {
            if (MQuery.Call(owner, text) is not { } call) continue;
            Assert.Matches($@"^query {call.OperationName}[ (]", call.Operation);
        }
    }

    private async Task<List<GraphQLRow>> RowsAsync(GraphQLCall call)
    {
        var runner = new GraphQLRunner(api.CreateClient());
        var councils = new List<string>();
        if (call.OperationName is "Comparison")
        {
            var areas = await runner.RowsAsync(ModelQueries.CallOf(Model, "Area"), new JsonObject());
            councils = areas.Where(r => r.Row!["level"]!.GetValue<string>() == "COUNCIL_AREA").Select(r => r.Row!["code"]!.GetValue<string>()).ToList();
        }
        var rows = new List<GraphQLRow>();
        foreach (var variables in ModelQueries.SampleVariables(call, councils)) rows.AddRange(await runner.RowsAsync(call, variables));
        return rows;
    }

    [Theory]
    [MemberData(nameof(LoadedTables))]
    public async Task The_tables_query_runs_on_real_data_and_returns_the_declared_columns_and_types(string tableName)
    {
        var table = Model.Table(tableName);
        var declared = ModelQueries.DeclaredColumns(Model, table);

        // The columns the M produces are exactly the TMDL table's data columns, with matching types.
        var tmdlColumns = table.Columns.Where(c => !c.IsCalculated).ToList();
        Assert.Equal(declared.Select(c => c.Name).Order(StringComparer.Ordinal), tmdlColumns.Select(c => c.Name).Order(StringComparer.Ordinal));
        foreach (var column in declared)
        {
            var tmdl = tmdlColumns.Single(c => c.Name == column.Name);
            Assert.True(tmdl.DataType == column.TmdlDataType, $"{tableName}[{column.Name}]: TMDL dataType {tmdl.DataType}, but the M types it {column.MType} ({column.TmdlDataType})");
        }

        var source = ModelQueries.Source(Model, table);
        if (source.Static is not null) return; // a #table literal: no API call

        var call = source.Call ?? ModelQueries.CallOf(Model, source.FromQuery!);
        var rows = await RowsAsync(call);
        Assert.True(rows.Count > 0, $"{call.OperationName} returned no rows on the bundled data");
        var problems = new List<string>();
        foreach (var row in rows)
        {
            foreach (var column in call.Columns)
            {
                var mismatch = GraphQLRunner.TypeMismatch(GraphQLRunner.Cell(row, column, $"{call.OperationName} {column.Name}"), column.MType);
                if (mismatch is not null) problems.Add($"{column.Name}: {mismatch}");
            }
            if (problems.Count > 10) break;
        }
        Assert.True(problems.Count == 0, $"{call.OperationName}:\n" + string.Join("\n", problems));
        // A column that is null in every row is a sign of a path that reads nothing; the exceptions are
        // fields the bundled data never fills, named here with the reason.
        var alwaysNull = call.Columns.Where(c => rows.All(r => GraphQLRunner.Cell(r, c, c.Name) is null))
            .Select(c => $"{call.OperationName}.{c.Name}").Except(NeverFilledOnTheBundledData).ToList();
        Assert.True(alwaysNull.Count == 0, $"{call.OperationName}: columns null in every row: {string.Join(", ", alwaysNull)}");
    }

    [Fact]
    public async Task Every_embedded_operation_is_run_by_one_of_the_checks()
    {
        var operations = ModelQueries.MTexts(Model).Select(t => MQuery.Call(t.Owner, t.Text)).OfType<GraphQLCall>().Select(c => c.OperationName).Distinct().Order().ToList();
        var covered = Model.Tables.Where(t => t.Partitions.Any(p => p.Kind == "m")).Select(t => ModelQueries.Source(Model, t))
            .Where(s => s.Static is null).Select(s => (s.Call ?? ModelQueries.CallOf(Model, s.FromQuery!)).OperationName).Distinct().Order().ToList();
        Assert.Equal(["Areas", "Comparison", "DatasetEditions", "Figures", "Framework", "GenderGaps", "Indicators"], operations);
        Assert.Equal(operations, covered);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task A_renamed_API_field_fails_the_check()
    {
        var call = ModelQueries.CallOf(Model, "Area");
        var renamed = call with { Columns = [.. call.Columns.Select(c => c.Name == "AreaName" ? c with { Path = ["areaName"] } : c)] };
        var rows = await RowsAsync(renamed);
        var column = renamed.Columns.Single(c => c.Name == "AreaName");
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => GraphQLRunner.Cell(rows[0], column, "renamed"));
        Assert.NotNull(GraphQLRunner.TypeMismatch(JsonValue.Create("26.0"), "type number"));
    }

    [Fact]
    public async Task The_one_side_of_every_relationship_is_unique_on_real_data()
    {
        var figures = await RowsAsync(ModelQueries.CallOf(Model, "FiguresSource"));
        string Key(GraphQLRow row, MColumn c) => GraphQLRunner.Cell(row, c, c.Name)?.ToJsonString() ?? "null";
        foreach (var relationship in Model.Relationships)
        {
            var table = Model.Table(relationship.ToTable);
            if (table.Partitions.All(p => p.Kind != "m")) continue; // the calculated Date table: CALENDAR is unique by construction
            var source = ModelQueries.Source(Model, table);
            var keyColumn = table.Columns.Single(c => c.Name == relationship.ToColumn);
            var declared = ModelQueries.DeclaredColumns(Model, table);
            List<string> keys;
            if (source.Static is not null) continue;
            var call = source.Call ?? ModelQueries.CallOf(Model, source.FromQuery!);
            var rows = call.OperationName == "Figures" ? figures : await RowsAsync(call);
            // Rows as the table loads them (distinct over its columns), keyed by the relationship column; a
            // calculated key (EditionKey) is keyed by the table's columns its expression reads.
            var tableColumns = call.Columns.Where(c => declared.Any(d => d.Name == c.Name)).ToList();
            var keyParts = keyColumn.IsCalculated
                ? System.Text.RegularExpressions.Regex.Matches(keyColumn.Expression!, System.Text.RegularExpressions.Regex.Escape(table.Name) + @"\[(\w+)\]").Select(m => m.Groups[1].Value).ToList()
                : [keyColumn.Name];
            Assert.NotEmpty(keyParts);
            keys = rows.Select(r => (Row: string.Join("|", tableColumns.Select(c => Key(r, c))), Key: string.Join("|", keyParts.Select(k => Key(r, tableColumns.Single(c => c.Name == k))))))
                .DistinctBy(x => x.Row).Select(x => x.Key).ToList();
            var duplicates = keys.GroupBy(k => k).Where(g => g.Count() > 1).Select(g => g.Key).Take(5).ToList();
            Assert.True(duplicates.Count == 0, $"{relationship.ToTable}[{relationship.ToColumn}] is the one side of a relationship but repeats: {string.Join(", ", duplicates)}");
        }
    }
}
