using CommunityJustice.Analytics.Api.Tests.Support;
using CommunityJustice.Analytics.Model.Disclosure;
using CommunityJustice.Analytics.Model.Indicators;

namespace CommunityJustice.Analytics.Api.Tests.Disclosure;

/// <summary>
/// The optimiser attacker over every table the public view serves with a withheld figure in it, not a
/// chosen few (here: the bundled council-level data and the generated tables; DataZoneTests runs it over
/// the data zones): every figure of those indicators and of the indicators the catalogue links to them, in every
/// edition, and every relation an outsider can write from what is served (a table's sex, age and area
/// totals, the catalogue's sums across tables), each taken as an equation where the published figures
/// balance exactly and as "total ≥ parts" where the total is larger somewhere. Each cell withheld by the
/// primary rule or at source must keep its protection interval [0, 5].
/// </summary>
public sealed partial class DifferencingAttackTests
{
    [Fact]
    public async Task No_withheld_cell_of_any_served_table_is_narrowed_below_its_protection_interval()
    {
        var attacked = await EveryServedTableAttack.RunAsync(data.CreateClient(), Threshold);
        Assert.Contains("prison-arrivals", attacked.Indicators);
        Assert.Contains(DisclosureFixture.PeopleIndicator, attacked.Indicators);
        Assert.True(attacked.Relations > 100, $"the attacker found {attacked.Relations} relations");
        Assert.True(attacked.Targets > 40, $"the served tables have small and source-suppressed cells: {attacked.Targets}");
    }
}

/// <summary>The attack of <see cref="DifferencingAttackTests.No_withheld_cell_of_any_served_table_is_narrowed_below_its_protection_interval"/>.</summary>
internal static class EveryServedTableAttack
{
    public sealed record Attacked(IReadOnlySet<string> Indicators, int Relations, int Targets);

    private sealed record Figure(Served Cell, string Edition, string? Parent, MeasureType Measure);

    private static async Task<List<Figure>> EveryEditionAsync(GraphQLClient client, IEnumerable<string> indicators)
    {
        var where = $"{{ indicator: {{ code: {{ in: [{string.Join(", ", indicators.Select(i => $"\"{i}\""))}] }} }} }}";
        var nodes = await ServedPages.AllEditionsAsync(client, where,
            $"{Served.Fields} indicator {{ measureType }} area {{ parent {{ code }} }} source {{ dataset {{ code }} editionDate }}");
        return nodes.Select(n => new Figure(Served.From(n),
            $"{n["source"]!["dataset"]!["code"]!.GetValue<string>()} {n["source"]!["editionDate"]!.GetValue<string>()}",
            n["area"]!["parent"]?["code"]?.GetValue<string>(),
            Enum.Parse<MeasureType>(n["indicator"]!["measureType"]!.GetValue<string>(), ignoreCase: true))).ToList();
    }

    private static async Task<HashSet<string>> IndicatorsWithWithheldFiguresAsync(GraphQLClient client) =>
        (await ServedPages.AllEditionsAsync(client, "{ status: { eq: SUPPRESSED } }", "indicator { code }"))
        .Select(n => n["indicator"]!["code"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);

    /// <summary>Collects every figure of every table with a withheld figure, writes the relations, and asserts every protection interval.</summary>
    public static async Task<Attacked> RunAsync(GraphQLClient client, int threshold)
    {
        var catalogue = DisclosureCatalogue.Bundled;
        var withheldIndicators = await IndicatorsWithWithheldFiguresAsync(client);
        var figures = await EveryEditionAsync(client, catalogue.LinkedIndicators(withheldIndicators).Union(withheldIndicators));
        var counts = figures.Where(f => catalogue.ClassOf(f.Cell.Indicator, f.Measure) == DisclosureClass.PeopleCount && f.Cell.Status is "PUBLISHED" or "SUPPRESSED").ToList();

        var system = new AttackSystem(counts.Select(f => f.Cell).ToList());
        // One family per indicator and kind of total, over every period and edition: what the published figures show in
        // one year (Scotland larger than its councils: arrivals of unknown area) holds for the relation as a whole.
        var families = new Dictionary<string, List<(Served Total, List<Served> Parts)>>();
        void Add(string family, Served total, List<Served> parts)
        {
            if (!families.TryGetValue(family, out var list)) families[family] = list = [];
            list.Add((total, parts));
        }
        foreach (var table in counts.GroupBy(f => (f.Cell.Indicator, f.Edition, f.Cell.Period)))
        {
            var cells = table.ToList();
            foreach (var t in cells)
            {
                if (t.Cell.Sex == "ALL") Add($"{table.Key.Indicator} sex", t.Cell, cells.Where(f => f.Cell.Area == t.Cell.Area && f.Cell.Band == t.Cell.Band && f.Cell.Sex != "ALL").Select(f => f.Cell).ToList());
                if (t.Cell.Band == "all") Add($"{table.Key.Indicator} age", t.Cell, cells.Where(f => f.Cell.Area == t.Cell.Area && f.Cell.Sex == t.Cell.Sex && f.Cell.Band != "all").Select(f => f.Cell).ToList());
                Add($"{table.Key.Indicator} area", t.Cell, cells.Where(f => f.Parent == t.Cell.Area && f.Cell.Sex == t.Cell.Sex && f.Cell.Band == t.Cell.Band).Select(f => f.Cell).ToList());
            }
        }
        var byKey = counts.ToLookup(f => (f.Cell.Indicator, f.Cell.Area, f.Cell.Period, f.Cell.Sex, f.Cell.Band));
        foreach (var relation in catalogue.Relations.Where(r => r.Kind == DisclosureRelationKind.Sum))
            foreach (var total in counts.Where(f => f.Cell.Indicator == relation.Total))
                Add(relation.Total, total.Cell, relation.Parts
                    .Select(p => byKey[(p, total.Cell.Area, total.Cell.Period, total.Cell.Sex, total.Cell.Band)].OrderBy(f => f.Edition == total.Edition ? 0 : 1)
                        .ThenByDescending(f => f.Edition, StringComparer.Ordinal).FirstOrDefault()?.Cell)
                    .OfType<Served>().ToList());
        var used = 0;
        foreach (var (_, instances) in families)
        {
            var withParts = instances.Where(i => i.Parts.Count > 0).ToList();
            // What the published figures show: equal wherever they can be checked → an equation; a larger total somewhere, or
            // nowhere to check → an inequality (all an outsider can rely on); a smaller total somewhere → no relation.
            var differences = withParts.Where(i => i.Total.Value is not null && i.Parts.All(p => p.Value is not null))
                .Select(i => i.Total.Value!.Value - i.Parts.Sum(p => p.Value!.Value)).ToList();
            if (differences.Any(d => d < 0)) continue;
            var atLeast = differences.Count == 0 || differences.Any(d => d > 0);
            foreach (var (total, parts) in withParts)
            {
                system.Relation(total, parts, atLeast);
                used++;
            }
        }

        // A rate published beside a withheld count gives it back with the area's population (public): there must be none.
        var rateOf = catalogue.Classes.Where(c => c.Numerator is not null).ToDictionary(c => c.Indicator, c => c.Numerator!);
        var servedByKey = figures.ToLookup(f => (f.Cell.Indicator, f.Edition, f.Cell.Area, f.Cell.Period, f.Cell.Sex, f.Cell.Band));
        foreach (var rate in figures.Where(f => rateOf.ContainsKey(f.Cell.Indicator) && f.Cell.Value is not null))
        {
            var numerator = servedByKey[(rateOf[rate.Cell.Indicator], rate.Edition, rate.Cell.Area, rate.Cell.Period, rate.Cell.Sex, rate.Cell.Band)].FirstOrDefault();
            Assert.False(numerator is { Cell.Value: null }, $"{rate.Cell.Indicator} {rate.Cell.Area} {rate.Cell.Period} is served while its count is withheld");
        }

        var targets = counts.Select(f => f.Cell).Where(s => s.Value is null && s.Reason is { } r && !r.StartsWith("SECONDARY", StringComparison.Ordinal)).ToList();
        system.AssertProtected(targets, threshold);
        return new Attacked(withheldIndicators, used, targets.Count);
    }
}
