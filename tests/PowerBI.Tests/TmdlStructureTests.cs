using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CommunityJustice.Analytics.PowerBI.Tests.Support;

namespace CommunityJustice.Analytics.PowerBI.Tests;

/// <summary>Structural checks of the TMDL model and of the report's references into it.</summary>
public partial class TmdlStructureTests
{
    private static readonly TmdlModel Model = TmdlModel.Load();

    [Fact]
    public void Model_lists_exactly_the_table_files()
    {
        Assert.Equal(Model.Tables.Select(t => t.Name).Order(StringComparer.Ordinal), Model.ModelTableRefs.Order(StringComparer.Ordinal));
        Assert.True(Model.Tables.Count >= 12);
    }

    [Fact]
    public void Every_table_has_a_partition_and_every_column_a_data_type()
    {
        foreach (var table in Model.Tables)
        {
            Assert.True(table.Partitions.Count == 1, $"{table.Name} has {table.Partitions.Count} partitions");
            Assert.True(table.Partitions[0].Source.Trim().Length > 0, $"{table.Name}'s partition has no source");
            foreach (var column in table.Columns)
            {
                Assert.True(column.DataType is "string" or "int64" or "double" or "decimal" or "dateTime" or "boolean", $"{table.Name}[{column.Name}] dataType {column.DataType}");
                Assert.True(column.LineageTag is not null, $"{table.Name}[{column.Name}] has no lineageTag");
                if (column.SortBy is { } sortBy) Assert.True(table.Columns.Any(c => c.Name == sortBy), $"{table.Name}[{column.Name}] sorts by missing {sortBy}");
            }
        }
    }

    [Fact]
    public void LineageTags_are_unique_guids()
    {
        var duplicates = Model.LineageTags.GroupBy(t => t.Tag).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(x => x.Owner))}").ToList();
        Assert.True(duplicates.Count == 0, string.Join("\n", duplicates));
        Assert.All(Model.LineageTags, t => Assert.True(Guid.TryParse(t.Tag, out _), $"{t.Owner}: {t.Tag}"));
        Assert.True(Model.LineageTags.Count > 100);
    }

    [Fact]
    public void Relationships_join_existing_columns_one_to_many_in_a_single_direction()
    {
        var text = File.ReadAllText(Path.Combine(TmdlModel.Folder, "relationships.tmdl"));
        Assert.DoesNotContain("bothDirections", text);
        Assert.DoesNotContain("toCardinality: many", text);
        Assert.DoesNotContain("fromCardinality: one", text);
        Assert.True(Model.Relationships.Count >= 14);
        foreach (var r in Model.Relationships)
        {
            Assert.True(Column(r.FromTable, r.FromColumn) is not null, $"relationship {r.Name}: no column {r.FromTable}[{r.FromColumn}]");
            var to = Column(r.ToTable, r.ToColumn);
            Assert.True(to is not null, $"relationship {r.Name}: no column {r.ToTable}[{r.ToColumn}]");
            Assert.Equal(Column(r.FromTable, r.FromColumn)!.DataType, to!.DataType);
        }
        // Every fact reaches each dimension it is analysed by.
        foreach (var (fact, dimension) in new[] { ("Figures", "Area"), ("Figures", "Indicator"), ("Figures", "Period"), ("Figures", "Sex"), ("Figures", "AgeBand"),
                     ("Figures", "DatasetEdition"), ("Comparison", "Area"), ("Comparison", "Indicator"), ("Comparison", "Period"), ("Period", "Date") })
        {
            Assert.Contains(Model.Relationships, r => r.FromTable == fact && r.ToTable == dimension);
        }
    }

    [Fact]
    public void The_date_table_is_marked()
    {
        var text = File.ReadAllText(Path.Combine(TmdlModel.Folder, "tables", "Date.tmdl"));
        Assert.Contains("\tdataCategory: Time", text);
        Assert.Matches(@"column Date\n\t\tdataType: dateTime\n\t\tisKey", text.Replace("\r\n", "\n"));
    }

    private static TmdlColumn? Column(string table, string column) =>
        Model.Tables.SingleOrDefault(t => t.Name == table)?.Columns.SingleOrDefault(c => c.Name == column);

    private static bool MeasureExists(string? table, string name) =>
        Model.Tables.Any(t => (table is null || t.Name == table) && t.Measures.Any(m => m.Name == name));

    [GeneratedRegex(@"('(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_]*)\[([^\]]+)\]")]
    private static partial Regex QualifiedReference();

    [GeneratedRegex(@"(?<![A-Za-z0-9_'\]])\[([^\]]+)\]")]
    private static partial Regex BareReference();

    [GeneratedRegex("\"(?:[^\"]|\"\")*\"")]
    private static partial Regex DaxString();

    /// <summary>Every Table[Column] and [Measure] a DAX expression names that the model does not have.</summary>
    public static List<string> MissingReferences(string dax)
    {
        var code = DaxString().Replace(dax, "\"\"");
        var missing = new List<string>();
        foreach (Match m in QualifiedReference().Matches(code))
        {
            var table = m.Groups[1].Value.Trim('\'').Replace("''", "'");
            var name = m.Groups[2].Value;
            if (Column(table, name) is null && !MeasureExists(table, name)) missing.Add($"{table}[{name}]");
        }
        foreach (Match m in BareReference().Matches(QualifiedReference().Replace(code, "x")))
        {
            if (!MeasureExists(null, m.Groups[1].Value)) missing.Add($"[{m.Groups[1].Value}]");
        }
        return missing;
    }

    [Fact]
    public void Every_measure_and_calculated_column_references_existing_tables_columns_and_measures()
    {
        var expressions = Model.Tables.SelectMany(t => t.Measures.Select(m => ($"measure {t.Name}[{m.Name}]", m.Expression + "\n" + m.FormatStringDefinition)))
            .Concat(Model.Tables.SelectMany(t => t.Columns.Where(c => c.IsCalculated).Select(c => ($"column {t.Name}[{c.Name}]", c.Expression!))))
            .Concat(Model.Tables.SelectMany(t => t.Partitions.Where(p => p.Kind == "calculated").Select(p => ($"partition {t.Name}", p.Source))))
            .ToList();
        Assert.True(expressions.Count > 15);
        var missing = expressions.SelectMany(e => MissingReferences(e.Item2).Select(r => $"{e.Item1}: {r}")).ToList();
        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    [Fact]
    public void The_reference_check_catches_a_missing_column_or_measure()
    {
        Assert.Equal(["Figures[Valeu]", "[No such measure]"], MissingReferences("CALCULATE ( [No such measure], Figures[Valeu] = \"x[y]\" ) + Figures[Value]"));
    }

    [GeneratedRegex(@"(?:'(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_]*)\[[^\]]+\]\s*(?:=|<>|<=|>=|<|>)\s*(?:MAX|MIN|SUM|AVERAGE|COUNT|COUNTROWS|DISTINCTCOUNT|SELECTEDVALUE|MAXX|MINX|SUMX|CALCULATE)\s*\(", RegexOptions.IgnoreCase)]
    private static partial Regex AggregateInPredicate();

    /// <summary>
    /// DAX refuses a boolean filter predicate that aggregates ("A function 'MAX' has been used in a
    /// True/False expression that is used as a table filter expression"): the model would not load.
    /// Such a value goes into a VAR first.
    /// </summary>
    public static List<string> AggregatesInFilterPredicates(string dax) =>
        AggregateInPredicate().Matches(DaxString().Replace(dax, "\"\"")).Select(m => m.Value).ToList();

    [Fact]
    public void No_filter_predicate_aggregates()
    {
        var found = Model.Tables.SelectMany(t => t.Measures).SelectMany(m => AggregatesInFilterPredicates(m.Expression).Select(x => $"{m.Name}: {x}")).ToList();
        Assert.True(found.Count == 0, string.Join("\n", found));
        Assert.NotEmpty(AggregatesInFilterPredicates("CALCULATETABLE ( Figures, KEEPFILTERS ( Figures[SourceEditionDate] = MAX ( Figures[SourceEditionDate] ) ) )"));
        Assert.Empty(AggregatesInFilterPredicates("VAR L = MAX ( Figures[SourceEditionDate] ) RETURN CALCULATE ( [Value], Figures[SourceEditionDate] = L, Sex[Sex] = \"MAX(\" )"));
    }

    [Fact]
    public void Every_measure_has_a_description_and_a_reference_check()
    {
        foreach (var measure in Model.Tables.SelectMany(t => t.Measures))
        {
            Assert.False(string.IsNullOrWhiteSpace(measure.Description), $"{measure.Name} has no description");
            Assert.True(measure.Annotations.ContainsKey("CJA_ReferenceCheck"), $"{measure.Name} has no CJA_ReferenceCheck annotation");
        }
        Assert.True(Model.Tables.SelectMany(t => t.Measures).Count() >= 15);
    }

    // ---------------- the report's references into the model ----------------

    private static IEnumerable<(string File, JsonNode Node)> VisualFiles() =>
        Directory.GetFiles(Path.Combine(PowerBIPaths.Report, "definition", "pages"), "visual.json", SearchOption.AllDirectories)
            .Select(f => (f, JsonNode.Parse(File.ReadAllText(f))!));

    private static IEnumerable<JsonObject> Objects(JsonNode? node)
    {
        if (node is JsonObject o)
        {
            yield return o;
            foreach (var (_, child) in o) foreach (var x in Objects(child)) yield return x;
        }
        else if (node is JsonArray a) foreach (var child in a) foreach (var x in Objects(child)) yield return x;
    }

    /// <summary>Every Column/Measure field a report file names that is not in the model (SourceRef by Entity or by a From alias).</summary>
    public static List<string> MissingFields(JsonNode visual)
    {
        var aliases = Objects(visual).Where(o => o["From"] is JsonArray).SelectMany(o => o["From"]!.AsArray())
            .ToDictionary(f => f!["Name"]!.GetValue<string>(), f => f!["Entity"]!.GetValue<string>());
        var missing = new List<string>();
        foreach (var o in Objects(visual))
        {
            foreach (var kind in new[] { "Column", "Measure" })
            {
                if (o[kind] is not JsonObject field || field["Property"] is null) continue;
                var sourceRef = field["Expression"]?["SourceRef"];
                var entity = sourceRef?["Entity"]?.GetValue<string>() ?? aliases.GetValueOrDefault(sourceRef?["Source"]?.GetValue<string>() ?? "");
                var property = field["Property"]!.GetValue<string>();
                var exists = kind == "Column" ? Column(entity ?? "", property) is not null : MeasureExists(entity, property);
                if (!exists) missing.Add($"{kind} {entity}.{property}");
            }
        }
        return missing;
    }

    [Fact]
    public void Every_field_a_visual_uses_exists_in_the_model()
    {
        var visuals = VisualFiles().ToList();
        Assert.True(visuals.Count >= 35);
        var missing = visuals.SelectMany(v => MissingFields(v.Node).Select(m => $"{Path.GetRelativePath(PowerBIPaths.Report, v.File)}: {m}")).ToList();
        Assert.True(missing.Count == 0, string.Join("\n", missing));
        Assert.Equal(["Column Area.AreaNmae", "Measure Figures.Valeu"],
            MissingFields(JsonNode.Parse("""{ "a": { "Column": { "Expression": { "SourceRef": { "Entity": "Area" } }, "Property": "AreaNmae" } }, "b": [ { "Measure": { "Expression": { "SourceRef": { "Entity": "Figures" } }, "Property": "Valeu" } } ] }""")!));
    }

    [Fact]
    public void Every_visual_has_a_title_and_alt_text()
    {
        foreach (var (file, node) in VisualFiles())
        {
            var objects = node["visual"]?["visualContainerObjects"];
            var title = objects?["title"]?[0]?["properties"]?["text"]?["expr"]?["Literal"]?["Value"]?.GetValue<string>();
            var alt = objects?["general"]?[0]?["properties"]?["altText"]?["expr"]?["Literal"]?["Value"]?.GetValue<string>();
            Assert.True(title is { Length: > 4 }, $"{file}: no title");
            Assert.True(alt is { Length: > 20 }, $"{file}: no alt text");
        }
    }

    [Fact]
    public void Pages_are_16_by_9_listed_in_order_and_share_synced_slicers()
    {
        var pagesDir = Path.Combine(PowerBIPaths.Report, "definition", "pages");
        var order = JsonNode.Parse(File.ReadAllText(Path.Combine(pagesDir, "pages.json")))!["pageOrder"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
        Assert.Equal(Directory.GetDirectories(pagesDir).Select(Path.GetFileName).Order(StringComparer.Ordinal), order.Order(StringComparer.Ordinal));
        Assert.Equal(7, order.Count);
        foreach (var name in order)
        {
            var page = JsonNode.Parse(File.ReadAllText(Path.Combine(pagesDir, name!, "page.json")))!;
            Assert.Equal(1280 * 9, page["height"]!.GetValue<int>() * 16);
            Assert.Equal(1280, page["width"]!.GetValue<int>());
            var groups = Directory.GetFiles(Path.Combine(pagesDir, name!, "visuals"), "visual.json", SearchOption.AllDirectories)
                .Select(f => JsonNode.Parse(File.ReadAllText(f))!["visual"]?["syncGroup"]?["groupName"]?.GetValue<string>()).OfType<string>().Order().ToList();
            Assert.Equal(["SyncArea", "SyncComparators", "SyncPeriod", "SyncSex"], groups);
        }
    }
}
