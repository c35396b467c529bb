using System.Globalization;
using System.Text.Json.Nodes;
using CommunityJustice.Analytics.Api.GraphQL;
using CommunityJustice.Analytics.Model.Observations;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CommunityJustice.Analytics.Api.Tests.Disclosure;

/// <summary>
/// Tries to recover withheld cells of the generated test dataset through every query path, by
/// differencing totals and siblings, and by value filters, orderings, paging and counts; fails if
/// any attack works. Also checks that the real data (rates without counts) are served as published.
/// </summary>
public sealed partial class DifferencingAttackTests(DisclosureFixture data) : IClassFixture<DisclosureFixture>
{
    private const int Threshold = 5;
    private static readonly string[] Indicators = [DisclosureFixture.PeopleIndicator, DisclosureFixture.PercentIndicator];

    private sealed record Seen(long Id, TrueCell.Key Key, decimal? Value, string Status, string? Marker, string? Reason);

    private const string Fields = "id indicator { code } area { code } period { label } sex ageBand { code } value status marker suppressionReason";

    private static Seen Parse(JsonNode node) => new(
        node["id"]!.GetValue<long>(),
        new TrueCell.Key(node["indicator"]!["code"]!.GetValue<string>(), node["area"]!["code"]!.GetValue<string>(),
            node["period"]!["label"]!.GetValue<string>(), Enum.Parse<Sex>(node["sex"]!.GetValue<string>(), ignoreCase: true),
            node["ageBand"]!["code"]!.GetValue<string>()),
        node["value"]?.GetValue<decimal>(), node["status"]!.GetValue<string>(), node["marker"]?.GetValue<string>(),
        node["suppressionReason"]?.GetValue<string>());

    /// <summary>Every cell of the test dataset, read in pages of <paramref name="pageSize"/> following cursors.</summary>
    private async Task<List<Seen>> ReadAllAsync(string order = "[{ id: ASC }]", int pageSize = 1000, string extraWhere = "", string arguments = "")
    {
        var client = data.CreateClient();
        var seen = new List<Seen>();
        string? after = null;
        while (true)
        {
            var afterArgument = after is null ? "" : $", after: \"{after}\"";
            var result = await client.QueryAsync($$"""
                { observations(where: { indicator: { code: { startsWith: "test-sdc-" } } {{extraWhere}} }, order: {{order}}, first: {{pageSize}}{{afterArgument}} {{arguments}}) {
                    totalCount pageInfo { hasNextPage endCursor } nodes { {{Fields}} } } }
                """);
            var connection = result["data"]!["observations"]!;
            seen.AddRange(connection["nodes"]!.AsArray().Select(n => Parse(n!)));
            if (!connection["pageInfo"]!["hasNextPage"]!.GetValue<bool>()) return seen;
            after = connection["pageInfo"]!["endCursor"]!.GetValue<string>();
        }
    }

    private static bool Hidden(Seen cell) => cell.Value is null;

    private bool IsPrimary(TrueCell cell) =>
        cell.Count is { } count ? count < Threshold
        : cell.Numerator < Threshold || cell.Denominator < Threshold || cell.Denominator - cell.Numerator < Threshold;

    [Fact]
    public async Task Test_dataset_is_loaded_through_the_real_loader()
    {
        var seen = await ReadAllAsync();
        Assert.Equal(data.Truth.Count, seen.Count);
        Assert.Equal(data.Truth.Keys.OrderBy(k => k.ToString()), seen.Select(s => s.Key).OrderBy(k => k.ToString()));
    }

    [Fact]
    public async Task Every_primary_cell_is_withheld_with_its_reason_and_never_zero()
    {
        var seen = (await ReadAllAsync()).ToDictionary(s => s.Key);
        var primary = data.Truth.Values.Where(c => c.Id != DisclosureFixture.SourceSuppressed && IsPrimary(c)).ToList();
        Assert.True(primary.Count >= 10, $"the generated data should have small cells, has {primary.Count}");
        foreach (var cell in primary)
        {
            var shown = seen[cell.Id];
            Assert.True(shown.Status == "SUPPRESSED" && shown.Value is null, $"{cell.Id} has {cell.Count ?? cell.Numerator} people behind it but is shown as {shown.Status} {shown.Value}");
            Assert.StartsWith("PRIMARY: fewer than 5 people", shown.Reason);
        }
        foreach (var shown in seen.Values.Where(s => s.Status == "SUPPRESSED"))
        {
            Assert.Null(shown.Value);
            Assert.Matches("^(PRIMARY|SECONDARY|SOURCE): ", shown.Reason);
        }
        foreach (var shown in seen.Values.Where(s => s.Status == "PUBLISHED"))
        {
            Assert.Equal(data.Truth[shown.Key].Value, shown.Value);
            Assert.Null(shown.Reason);
        }
        Assert.Contains(seen.Values, s => s.Reason?.StartsWith("SECONDARY: protects a suppressed cell in the same", StringComparison.Ordinal) == true);
        Assert.Contains(seen.Values, s => s.Reason?.Contains("denominator", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Source_suppressed_cell_keeps_its_status_and_marker()
    {
        var seen = (await ReadAllAsync()).Single(s => s.Key == DisclosureFixture.SourceSuppressed);
        Assert.Equal(("SUPPRESSED", (decimal?)null, "[c]"), (seen.Status, seen.Value, seen.Marker));
        Assert.Equal("SOURCE: suppressed by the publisher (marked \"[c]\")", seen.Reason);
    }

    /// <summary>
    /// The attack: every additive relation of a table (All = Male + Female, all ages = sum of the
    /// bands, Scotland = sum of the councils), with the visible figures as knowns, solved for the
    /// withheld cells. No withheld cell may be fixed by them. The same relations hold for
    /// numerators and denominators of the percentage, so its withheld pattern is attacked the same way.
    /// </summary>
    [Theory]
    [InlineData("[{ id: ASC }]", 1000)]
    [InlineData("[{ value: DESC }, { area: { name: ASC } }]", 37)]
    [InlineData("[{ value: ASC }]", 100)]
    public async Task Differencing_totals_and_siblings_recovers_no_withheld_cell(string order, int pageSize)
    {
        var seen = await ReadAllAsync(order, pageSize);
        Assert.Equal(seen.Count, seen.Select(s => s.Id).Distinct().Count());
        var byKey = seen.ToDictionary(s => s.Key);
        foreach (var indicator in Indicators)
            foreach (var period in DisclosureFixture.Periods)
            {
                var relations = Relations(indicator, period).ToList();
                // The simple attack: one withheld member in a relation is its total minus the others.
                foreach (var relation in relations)
                {
                    var hidden = relation.Members.Where(m => Hidden(byKey[m.Key])).ToList();
                    if (hidden.Count == 1) Assert.Fail($"{hidden[0].Key} is the only withheld cell of [{string.Join(", ", relation.Members.Select(m => m.Key))}]");
                }
                // The full attack: all relations of the table at once.
                var unknowns = byKey.Values.Where(s => s.Key.Indicator == indicator && s.Key.Period == period && Hidden(s)).Select(s => s.Key).ToList();
                var column = unknowns.Select((k, i) => (k, i)).ToDictionary(x => x.k, x => x.i);
                var matrix = relations.Select(r =>
                {
                    var row = new double[unknowns.Count];
                    foreach (var (key, sign) in r.Members) if (column.TryGetValue(key, out var j)) row[j] += sign;
                    return row;
                }).Where(r => r.Any(x => x != 0)).ToList();
                foreach (var j in SolvableUnknowns(matrix, unknowns.Count))
                {
                    var key = unknowns[j];
                    var truth = data.Truth[key];
                    Assert.Fail($"{key} (withheld; true count {truth.Count ?? truth.Numerator}) can be worked out from the visible figures of its table");
                }
            }
    }

    /// <summary>Filtering on the value sees only visible values: withheld cells never match, and counts agree.</summary>
    [Theory]
    [InlineData("lt", 1)]
    [InlineData("lt", 5)]
    [InlineData("lte", 5)]
    [InlineData("lt", 10)]
    [InlineData("gte", 0)]
    [InlineData("gt", 20)]
    [InlineData("eq", 3)]
    [InlineData("eq", 23)]
    [InlineData("neq", 7)]
    public async Task Value_filters_do_not_match_or_count_withheld_cells(string op, int bound)
    {
        var all = await ReadAllAsync();
        var visible = all.Where(s => !Hidden(s)).ToList();
        var expected = visible.Where(s => op switch
        {
            "lt" => s.Value < bound,
            "lte" => s.Value <= bound,
            "gte" => s.Value >= bound,
            "gt" => s.Value > bound,
            "eq" => s.Value == bound,
            "neq" => s.Value != bound,
            _ => throw new ArgumentOutOfRangeException(nameof(op)),
        }).Select(s => s.Id)
            // C#'s != (and HotChocolate's neq) matches a missing value: every cell without one, whatever it hides.
            .Concat(op == "neq" ? all.Where(Hidden).Select(s => s.Id) : []).Order().ToList();

        var filtered = await ReadAllAsync(extraWhere: $", value: {{ {op}: {bound} }}", pageSize: 50);
        Assert.Equal(expected, filtered.Select(s => s.Id).Order().ToList());
        if (op != "neq") Assert.DoesNotContain(filtered, Hidden);

        var result = await data.CreateClient().QueryAsync($$"""
            { observations(where: { indicator: { code: { startsWith: "test-sdc-" } }, value: { {{op}}: {{bound}} } }) { totalCount }
              either: observations(where: { indicator: { code: { startsWith: "test-sdc-" } }, or: [{ value: { {{op}}: {{bound}} } }, { status: { eq: SUPPRESSED } }] }) { totalCount } }
            """);
        Assert.Equal(expected.Count, result["data"]!["observations"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(expected.Count + (op == "neq" ? 0 : all.Count(s => s.Status == "SUPPRESSED")), result["data"]!["either"]!["totalCount"]!.GetValue<int>());
    }

    /// <summary>Ordering by value places withheld cells together (last ascending, first descending), in id order: nothing about their values.</summary>
    [Theory]
    [InlineData("ASC")]
    [InlineData("DESC")]
    public async Task Ordering_by_value_places_withheld_cells_by_id_alone(string direction)
    {
        foreach (var pageSize in new[] { 7, 1000 })
        {
            var seen = await ReadAllAsync($"[{{ value: {direction} }}]", pageSize);
            var hidden = seen.Where(Hidden).ToList();
            Assert.NotEmpty(hidden);
            Assert.Equal(hidden.Select(h => h.Id).Order(), hidden.Select(h => h.Id));
            var positions = seen.Select((s, i) => (s, i)).Where(x => Hidden(x.s)).Select(x => x.i).ToList();
            var expectedStart = direction == "ASC" ? seen.Count - hidden.Count : 0;
            Assert.Equal(Enumerable.Range(expectedStart, hidden.Count), positions);
        }
    }

    [Fact]
    public async Task All_editions_and_published_on_dates_are_masked_the_same()
    {
        var latest = (await ReadAllAsync()).ToDictionary(s => s.Id);
        var allEditions = await ReadAllAsync(arguments: ", allEditions: true");
        Assert.Equal(latest.Count, allEditions.Count);
        foreach (var seen in allEditions) Assert.Equal(latest[seen.Id], seen);
    }

    /// <summary>genderBreakdown shows the same cells as observations, so differencing it recovers nothing either.</summary>
    [Fact]
    public async Task Gender_breakdown_shows_the_masked_cells_with_their_reasons()
    {
        var byKey = (await ReadAllAsync()).ToDictionary(s => s.Key);
        var client = data.CreateClient();
        var checkedHidden = 0;
        foreach (var area in DisclosureFixture.Councils.Append(DisclosureFixture.Scotland))
            foreach (var band in DisclosureFixture.Bands.Append("all"))
            {
                var result = await client.QueryAsync($$"""
                { genderBreakdown(indicator: "{{DisclosureFixture.PeopleIndicator}}", area: "{{area}}", period: "2017-18", ageBand: "{{band}}") {
                    allPersons { {{Fields}} } male { {{Fields}} } female { {{Fields}} } gap ratio note } }
                """);
                var breakdown = result["data"]!["genderBreakdown"]!;
                var cells = new[] { "allPersons", "male", "female" }.Select(f => Parse(breakdown[f]!)).ToList();
                foreach (var cell in cells) Assert.Equal(byKey[cell.Key], cell);
                Assert.NotEqual(1, cells.Count(Hidden));
                if (cells.Skip(1).Any(Hidden))
                {
                    Assert.Null(breakdown["gap"]);
                    Assert.Null(breakdown["ratio"]);
                    checkedHidden++;
                }
                if (cells.Any(Hidden)) Assert.NotNull(breakdown["note"]);
            }
        Assert.True(checkedHidden > 0, "no breakdown of the test data had a withheld cell");
    }

    /// <summary>The real statistics.gov.scot reconviction figures are rates without counts: served exactly as stored.</summary>
    [Fact]
    public async Task Real_rates_without_counts_are_served_as_published()
    {
        var stored = new Dictionary<long, (decimal? Value, string Status, string? Marker)>();
        await using (var connection = new NpgsqlConnection(data.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT o.id, o.value, o.status, o.marker FROM observations o JOIN dataset_versions v ON v.id = o.dataset_version_id WHERE v.is_latest AND v.dataset_code = 'reconvictions'", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                stored[reader.GetInt64(0)] = (reader.IsDBNull(1) ? null : reader.GetDecimal(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3));
        }
        Assert.True(stored.Count > 1000);

        var client = data.CreateClient();
        var served = new Dictionary<long, (decimal? Value, string Status, string? Marker, string? Reason)>();
        string? after = null;
        while (true)
        {
            var afterArgument = after is null ? "" : $", after: \"{after}\"";
            var result = await client.QueryAsync($$"""
                { observations(where: { indicator: { code: { in: ["reconviction-rate", "reconvictions-per-offender"] } } }, first: 1000{{afterArgument}}) {
                    pageInfo { hasNextPage endCursor } nodes { id value status marker suppressionReason source { dataset { code } } } } }
                """);
            var connection = result["data"]!["observations"]!;
            foreach (var node in connection["nodes"]!.AsArray().Where(n => n!["source"]!["dataset"]!["code"]!.GetValue<string>() == "reconvictions"))
                served[node!["id"]!.GetValue<long>()] = (node["value"]?.GetValue<decimal>(), node["status"]!.GetValue<string>(), node["marker"]?.GetValue<string>(), node["suppressionReason"]?.GetValue<string>());
            if (!connection["pageInfo"]!["hasNextPage"]!.GetValue<bool>()) break;
            after = connection["pageInfo"]!["endCursor"]!.GetValue<string>();
        }
        Assert.Equal(stored.Keys.Order(), served.Keys.Order());
        foreach (var (id, (value, status, marker)) in stored)
        {
            var shown = served[id];
            Assert.Equal(value, shown.Value);
            Assert.Equal(status, string.Concat(shown.Status.Split('_').Select(p => p[0] + p[1..].ToLowerInvariant())));
            Assert.Equal(marker, shown.Marker);
            Assert.True(shown.Reason is null || shown.Reason.StartsWith("SOURCE: ", StringComparison.Ordinal), shown.Reason);
        }
    }

    /// <summary>
    /// Every root field that serves figures must be attacked here. A new view (comparisons, trends,
    /// ...) fails this test until it reads through IDisclosureControl and a differencing test covers it.
    /// </summary>
    [Fact]
    public void Every_query_field_serving_figures_is_attacked_by_these_tests()
    {
        // nationalAim and nationalAims serve figures through NationalAim.evidence (DifferencingAttackTests.DerivedViews.cs);
        // reference fields reach the same resolver through Indicator.nationalAim, attacked there.
        // plan, plans and overdueActions serve KPI figures through PlanData.ProgressAsync (DifferencingAttackTests.Plans.cs);
        // partnerships serves none.
        string[] attacked = ["observations", "genderBreakdown", "genderBreakdowns", "ageBreakdown", "compare", "trend", "nationalAim", "nationalAims", "plan", "plans", "overdueActions"];
        string[] reference = ["areas", "area", "indicators", "indicator", "datasets", "dataset", "framework", "overarchingIndicators", "priorityActions", "nationalIndicators", "nationalOutcomes", "ageBands", "auditLog", "partnerships"];
        var schema = data.Factory.Services.GetRequiredService<AnalyticsSchema>();
        schema.Initialize();
        var uncovered = schema.Query.Fields.Select(f => f.Name).Except(attacked).Except(reference).ToList();
        Assert.True(uncovered.Count == 0,
            $"Query fields not covered by a differencing attack: {string.Join(", ", uncovered)}. Read figures through IDisclosureControl (src/Api/Disclosure) and add the field to DifferencingAttackTests.");
    }

    private sealed record Relation(IReadOnlyList<(TrueCell.Key Key, int Sign)> Members);

    /// <summary>The additive relations of one table, written independently of the API's engine.</summary>
    private static IEnumerable<Relation> Relations(string indicator, string period)
    {
        var areas = DisclosureFixture.Councils.Append(DisclosureFixture.Scotland).ToList();
        var sexes = new[] { Sex.All, Sex.Male, Sex.Female };
        var bands = DisclosureFixture.Bands.Append("all").ToList();
        TrueCell.Key K(string a, Sex s, string b) => new(indicator, a, period, s, b);
        foreach (var a in areas) foreach (var b in bands)
            yield return new([(K(a, Sex.All, b), 1), (K(a, Sex.Male, b), -1), (K(a, Sex.Female, b), -1)]);
        foreach (var a in areas) foreach (var s in sexes)
            yield return new([(K(a, s, "all"), 1), .. DisclosureFixture.Bands.Select(b => (K(a, s, b), -1))]);
        foreach (var s in sexes) foreach (var b in bands)
            yield return new([(K(DisclosureFixture.Scotland, s, b), 1), .. DisclosureFixture.Councils.Select(a => (K(a, s, b), -1))]);
    }

    /// <summary>Unknowns whose value the linear relations fix: e_j in the row space (reduced row echelon form, exact fractions).</summary>
    private static IEnumerable<int> SolvableUnknowns(List<double[]> matrix, int columns)
    {
        var rows = matrix.Select(r => r.Select(x => new Fraction((long)x, 1)).ToArray()).ToList();
        var pivots = new List<int>();
        var rank = 0;
        for (var col = 0; col < columns && rank < rows.Count; col++)
        {
            var pivotRow = Enumerable.Range(rank, rows.Count - rank).FirstOrDefault(r => !rows[r][col].IsZero, -1);
            if (pivotRow < 0) continue;
            (rows[rank], rows[pivotRow]) = (rows[pivotRow], rows[rank]);
            var pivot = rows[rank][col];
            for (var k = 0; k < columns; k++) rows[rank][k] /= pivot;
            for (var r = 0; r < rows.Count; r++)
            {
                if (r == rank || rows[r][col].IsZero) continue;
                var factor = rows[r][col];
                for (var k = 0; k < columns; k++) rows[r][k] -= factor * rows[rank][k];
            }
            pivots.Add(col);
            rank++;
        }
        for (var r = 0; r < rank; r++)
        {
            if (Enumerable.Range(0, columns).All(k => k == pivots[r] || rows[r][k].IsZero)) yield return pivots[r];
        }
    }

    private readonly record struct Fraction(System.Numerics.BigInteger N, System.Numerics.BigInteger D)
    {
        public bool IsZero => N.IsZero;
        private static Fraction Norm(System.Numerics.BigInteger n, System.Numerics.BigInteger d)
        {
            if (d.Sign < 0) { n = -n; d = -d; }
            var g = System.Numerics.BigInteger.GreatestCommonDivisor(n, d);
            return g.IsZero || g.IsOne ? new(n, d) : new(n / g, d / g);
        }
        public static Fraction operator /(Fraction a, Fraction b) => Norm(a.N * b.D, a.D * b.N);
        public static Fraction operator *(Fraction a, Fraction b) => Norm(a.N * b.N, a.D * b.D);
        public static Fraction operator -(Fraction a, Fraction b) => Norm(a.N * b.D - b.N * a.D, a.D * b.D);
    }
}
