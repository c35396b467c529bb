using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommunityJustice.Analytics.PowerBI.Tests.Support;

namespace CommunityJustice.Analytics.PowerBI.Tests;

/// <summary>
/// Each DAX measure carries a CJA_ReferenceCheck annotation: a real cell and the result the measure
/// must give for it (e.g. Midlothian 2017-18 reconviction: 26.0 vs Scotland 26.3), so a reviewer with
/// Power BI Desktop can confirm it in one look. Here the measure's rule is computed over the rows the
/// model's own queries load from the API on the bundled data, and must give the recorded result; the
/// figures are also checked against the API's derived views (genderBreakdown, compare).
/// </summary>
public class MeasureReferenceTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly TmdlModel Model = TmdlModel.Load();

    private sealed record Cell(string Indicator, string? Area, string? Period, string Sex, string AgeBand, string? Comparator, JsonNode? Expected);

    private sealed record Figure(string Indicator, string Area, string Period, string PeriodType, DateOnly PeriodStart, string Sex, string AgeBand,
        decimal? Value, string Status, DateOnly Edition);

    public static TheoryData<string> Measures()
    {
        var data = new TheoryData<string>();
        foreach (var m in Model.Tables.SelectMany(t => t.Measures)) data.Add(m.Name);
        return data;
    }

    private static List<Cell> Cells(TmdlMeasure measure)
    {
        Assert.True(measure.Annotations.TryGetValue("CJA_ReferenceCheck", out var json), $"{measure.Name} has no CJA_ReferenceCheck annotation");
        var node = JsonNode.Parse(json!)!;
        var cells = node is JsonArray list ? list.Select(n => n!).ToList() : [node];
        return cells.Select(c => new Cell(c["indicator"]!.GetValue<string>(), c["area"]?.GetValue<string>(), c["period"]?.GetValue<string>(),
            c["sex"]!.GetValue<string>(), c["ageBand"]!.GetValue<string>(), c["comparator"]?.GetValue<string>(), c["expected"])).ToList();
    }

    // ---------------- the rows the model loads ----------------

    private static List<Figure>? _figures;
    private static readonly SemaphoreSlim Gate = new(1, 1);

    private async Task<List<GraphQLRow>> RowsAsync(string query, JsonObject? variables = null)
    {
        var call = ModelQueries.CallOf(Model, query);
        var vars = variables ?? ModelQueries.SampleVariables(call, []).Single();
        return await new GraphQLRunner(api.CreateClient()).RowsAsync(call, vars);
    }

    private static JsonNode? Get(GraphQLRow row, GraphQLCall call, string column) =>
        GraphQLRunner.Cell(row, call.Columns.Single(c => c.Name == column), column);

    private async Task<List<Figure>> FiguresAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_figures is not null) return _figures;
            var call = ModelQueries.CallOf(Model, "FiguresSource");
            _figures = (await RowsAsync("FiguresSource")).Select(r => new Figure(
                Get(r, call, "IndicatorCode")!.GetValue<string>(), Get(r, call, "AreaCode")!.GetValue<string>(), Get(r, call, "PeriodLabel")!.GetValue<string>(),
                Get(r, call, "PeriodType")!.GetValue<string>(), DateOnly.Parse(Get(r, call, "PeriodStart")!.GetValue<string>(), CultureInfo.InvariantCulture),
                Get(r, call, "Sex")!.GetValue<string>(), Get(r, call, "AgeBandCode")!.GetValue<string>(), Get(r, call, "Value")?.GetValue<decimal>(),
                Get(r, call, "Status")!.GetValue<string>(), DateOnly.Parse(Get(r, call, "SourceEditionDate")!.GetValue<string>(), CultureInfo.InvariantCulture))).ToList();
            return _figures;
        }
        finally { Gate.Release(); }
    }

    private async Task<List<GraphQLRow>> ComparisonAsync(string indicator, string period)
    {
        var areas = await RowsAsync("Area");
        var councils = areas.Where(r => r.Row!["level"]!.GetValue<string>() == "COUNCIL_AREA").Select(r => (JsonNode)r.Row!["code"]!.GetValue<string>()).ToArray();
        return await RowsAsync("Comparison", new JsonObject { ["indicator"] = indicator, ["period"] = period, ["councils"] = new JsonArray(councils) });
    }

    private async Task<string> IndicatorFieldAsync(string indicator, string column)
    {
        var call = ModelQueries.CallOf(Model, "Indicator");
        var row = (await RowsAsync("Indicator")).Single(r => Get(r, call, "IndicatorCode")!.GetValue<string>() == indicator);
        return Get(row, call, column)!.GetValue<string>();
    }

    // ---------------- the measures' rules, as their DAX states them ----------------

    /// <summary>[Value]: the one value at the newest edition holding the cell (SELECTEDVALUE under KEEPFILTERS(edition = MAX(edition))).</summary>
    private static (decimal? Value, string? Status) CellValue(List<Figure> rows, string indicator, string area, string period, string sex, string age)
    {
        var cell = rows.Where(f => f.Indicator == indicator && f.Area == area && f.Period == period && f.Sex == sex && f.AgeBand == age).ToList();
        if (cell.Count == 0) return (null, null);
        var latest = cell.Max(f => f.Edition);
        var atLatest = cell.Where(f => f.Edition == latest).ToList();
        var values = atLatest.Select(f => f.Value).Distinct().ToList();
        return (values.Count == 1 ? values[0] : null, atLatest.Count == 1 ? atLatest[0].Status : null);
    }

    private static decimal? Minus(decimal? a, decimal? b) => a is null || b is null ? null : a - b;

    private static string Format(decimal value, string measureType) => measureType switch
    {
        "PERCENTAGE" => value.ToString("0.0", CultureInfo.InvariantCulture) + "%",
        "RATE" => value.ToString("#,0.00", CultureInfo.InvariantCulture),
        "MEAN" => value.ToString("#,0.0", CultureInfo.InvariantCulture),
        _ => value.ToString("#,0", CultureInfo.InvariantCulture),
    };

    private async Task<object?> ComputeAsync(string measure, Cell c)
    {
        var rows = await FiguresAsync();
        decimal? Value(string? area = null, string? period = null, string? sex = null) =>
            CellValue(rows, c.Indicator, area ?? c.Area!, period ?? c.Period!, sex ?? c.Sex, c.AgeBand).Value;
        decimal? Latest(string indicator)
        {
            var published = rows.Where(f => f.Indicator == indicator && f.Area == c.Area && f.Sex == c.Sex && f.AgeBand == c.AgeBand && f.Status == "PUBLISHED").ToList();
            if (published.Count == 0) return null;
            var start = published.Max(f => f.PeriodStart);
            return CellValue(rows, indicator, c.Area!, published.First(f => f.PeriodStart == start).Period, c.Sex, c.AgeBand).Value;
        }
        GraphQLRow? ComparisonRow(List<GraphQLRow> cmp) => cmp.SingleOrDefault(r => r.Row!["area"]!["code"]!.GetValue<string>() == c.Area);
        switch (measure)
        {
            case "Value" or "Value (cell)": return Value();
            case "Cell status" or "Cell status (cell)":
                {
                    var cell = rows.Where(f => f.Indicator == c.Indicator && f.Area == c.Area && f.Period == c.Period && f.Sex == c.Sex && f.AgeBand == c.AgeBand).ToList();
                    if (cell.Count == 0) return "NONE";
                    var atLatest = cell.Where(f => f.Edition == cell.Max(x => x.Edition)).ToList();
                    return atLatest.Count > 1 ? "MANY" : atLatest[0].Status;
                }
            case "Scotland value": return Value(area: "S92000003");
            case "Difference from Scotland": return Minus(Value(), Value(area: "S92000003"));
            case "Female value": return Value(sex: "FEMALE");
            case "Male value": return Value(sex: "MALE");
            case "Female - male gap": return Minus(Value(sex: "FEMALE"), Value(sex: "MALE"));
            case "Change since previous period":
                {
                    var current = rows.First(f => f.Period == c.Period);
                    var previous = rows.Where(f => f.PeriodType == current.PeriodType && f.PeriodStart < current.PeriodStart).Select(f => f.Period).DistinctBy(p => p)
                        .OrderByDescending(p => rows.First(f => f.Period == p).PeriodStart).FirstOrDefault();
                    return previous is null ? null : Minus(Value(), Value(period: previous));
                }
            case "Display value":
                {
                    var (value, status) = CellValue(rows, c.Indicator, c.Area!, c.Period!, c.Sex, c.AgeBand);
                    return status switch
                    {
                        "PUBLISHED" => Format(value!.Value, await IndicatorFieldAsync(c.Indicator, "MeasureType")),
                        "SUPPRESSED" => "withheld",
                        _ => "not published",
                    };
                }
            case "Latest value": return Latest(c.Indicator);
            case "Latest value (framework)":
                {
                    var call = ModelQueries.CallOf(Model, "Framework");
                    var linked = (await RowsAsync("Framework")).Any(r => Get(r, call, "IndicatorCode")!.GetValue<string>() == c.Indicator);
                    return linked ? Latest(c.Indicator) : null;
                }
            case "Comparator value": return Value(area: c.Comparator);
            case "Gap significance":
                {
                    var gaps = await RowsAsync("GenderGap", new JsonObject { ["indicator"] = c.Indicator });
                    var row = gaps.SingleOrDefault(r => r.Row!["area"]!["code"]!.GetValue<string>() == c.Area && r.Row!["period"]!.GetValue<string>() == c.Period
                                                        && r.Row!["ageBand"]!["code"]!.GetValue<string>() == c.AgeBand);
                    if (row is null) return null;
                    var significant = row.Row!["significant"];
                    return significant is null ? "cannot be judged" : significant.GetValue<bool>() ? "significant" : "not significant";
                }
            case "Judgement vs Scotland":
                return ComparisonRow(await ComparisonAsync(c.Indicator, c.Period!))?.Row!["judgement"]!.GetValue<string>();
            case "Judgement colour":
                return ComparisonRow(await ComparisonAsync(c.Indicator, c.Period!))?.Row!["judgement"]!.GetValue<string>() switch
                {
                    "BETTER" => "#1B7837",
                    "WORSE" => "#B2182B",
                    "SIMILAR" => "#F6C141",
                    "HIGHER" => "#2166AC",
                    "LOWER" => "#92C5DE",
                    _ => "#BDBDBD",
                };
            case "Rank of N":
                {
                    var rank = ComparisonRow(await ComparisonAsync(c.Indicator, c.Period!))?.Row!["rank"];
                    if (rank?["position"] is not { } position) return null;
                    return $"{position.GetValue<int>()}{(rank["tied"]!.GetValue<bool>() ? "=" : "")} of {rank["areasRanked"]!.GetValue<int>()}";
                }
            case "Rate per 10,000":
                return ComparisonRow(await ComparisonAsync(c.Indicator, c.Period!))?.Row!["ratePer10000"]?["value"]?.GetValue<decimal>();
            case "Best council value":
            case "Worst council value":
                {
                    var values = (await ComparisonAsync(c.Indicator, c.Period!)).Select(r => r.Row!["value"]?.GetValue<decimal>()).OfType<decimal>().ToList();
                    var polarity = await IndicatorFieldAsync(c.Indicator, "Polarity");
                    var best = measure == "Best council value";
                    return (polarity, best) switch
                    {
                        ("LOWER_IS_BETTER", true) or ("HIGHER_IS_BETTER", false) => values.Min(),
                        ("HIGHER_IS_BETTER", true) or ("LOWER_IS_BETTER", false) => values.Max(),
                        _ => null,
                    };
                }
            default:
                Assert.Fail($"measure '{measure}' has no reference computation here: add one beside its CJA_ReferenceCheck");
                return null;
        }
    }

    private static void AssertSame(JsonNode? expected, object? actual, string what)
    {
        switch (expected?.GetValueKind())
        {
            case JsonValueKind.Number:
                Assert.True(actual is decimal d && Math.Abs(d - expected.GetValue<decimal>()) < 0.00001m, $"{what}: recorded {expected}, computed {actual ?? "blank"}");
                break;
            case JsonValueKind.String:
                Assert.True(actual is string s && s == expected.GetValue<string>(), $"{what}: recorded {expected}, computed {actual ?? "blank"}");
                break;
            default:
                Assert.True(actual is null, $"{what}: recorded blank, computed {actual}");
                break;
        }
    }

    [Theory]
    [MemberData(nameof(Measures))]
    public async Task The_measure_gives_its_recorded_reference_result_on_real_data(string measureName)
    {
        var measure = Model.Tables.SelectMany(t => t.Measures).Single(m => m.Name == measureName);
        foreach (var cell in Cells(measure))
        {
            AssertSame(cell.Expected, await ComputeAsync(measure.Name, cell), $"{measure.Name} for {cell.Indicator} {cell.Area} {cell.Period} {cell.Sex} {cell.AgeBand}");
            // The reference is also written into the description, for a reader of the model.
            Assert.Contains("Reference:", measure.Description);
        }
    }

    [Fact]
    public async Task A_wrong_recorded_result_fails()
    {
        var wrong = new Cell("reconviction-rate", "S12000019", "2017-18", "ALL", "all", null, JsonValue.Create(26.3m));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertSame(wrong.Expected, 26.0m, "Value"));
        AssertSame(wrong.Expected, await ComputeAsync("Scotland value", wrong), "Scotland value");
    }

    [Fact]
    public async Task The_reference_cell_agrees_with_the_APIs_derived_views()
    {
        // Midlothian 2017-18 one-year reconviction: the figures the model's rows give must be the API's own.
        using var http = api.CreateClient();
        const string query = """
            { genderBreakdown(indicator: "reconviction-rate", area: "S12000019", period: "2017-18") { allPersons { value } male { value } female { value } gap }
              compare(indicator: "reconviction-rate", area: "S12000019", period: "2017-18") { area { value judgement rank { position tied areasRanked } } scotland { value } } }
            """;
        using var response = await http.PostAsJsonAsync("/graphql", new { query });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(body["errors"] is null, body.ToJsonString());
        var gb = body["data"]!["genderBreakdown"]!;
        var cmp = body["data"]!["compare"]!;
        var cell = new Cell("reconviction-rate", "S12000019", "2017-18", "ALL", "all", null, null);
        AssertSame(gb["allPersons"]!["value"], await ComputeAsync("Value", cell), "Value vs genderBreakdown.allPersons");
        AssertSame(gb["female"]!["value"], await ComputeAsync("Female value", cell), "Female value vs genderBreakdown.female");
        AssertSame(gb["male"]!["value"], await ComputeAsync("Male value", cell), "Male value vs genderBreakdown.male");
        AssertSame(gb["gap"], await ComputeAsync("Female - male gap", cell), "gap vs genderBreakdown.gap");
        AssertSame(cmp["scotland"]!["value"], await ComputeAsync("Scotland value", cell), "Scotland value vs compare.scotland");
        AssertSame(cmp["area"]!["judgement"], await ComputeAsync("Judgement vs Scotland", cell), "judgement vs compare.area");
        var rank = cmp["area"]!["rank"]!;
        AssertSame(JsonValue.Create($"{rank["position"]}{(rank["tied"]!.GetValue<bool>() ? "=" : "")} of {rank["areasRanked"]}"), await ComputeAsync("Rank of N", cell), "rank vs compare.area.rank");
    }
}
