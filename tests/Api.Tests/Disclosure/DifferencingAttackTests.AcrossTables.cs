using System.Globalization;
using System.Text.Json.Nodes;
using CommunityJustice.Analytics.Api.Disclosure;
using CommunityJustice.Analytics.Model.Disclosure;

namespace CommunityJustice.Analytics.Api.Tests.Disclosure;

/// <summary>
/// The attacks an outside reviewer ran on the bundled real data, across tables and through derived
/// views' side outputs, then the same attacker with an optimiser: everything the public view serves
/// for a set of linked tables, every declared relation, counts whole and ≥ 0, and for each withheld cell
/// the smallest and largest value consistent with all of it (OR-Tools). A cell withheld by the primary
/// rule or at source must stay consistent with every count from 0 to the protection level (5).
/// </summary>
public sealed partial class DifferencingAttackTests
{
    private const string Shetland = "S12000027", Orkney = "S12000023", AberdeenCity = "S12000033";
    private const string Arrivals = "prison-arrivals", ArrivalsRate = "prison-arrivals-rate";
    private static readonly string[] ArrivalStatuses = ["prison-arrivals-untried", "prison-arrivals-convicted-awaiting-sentence", "prison-arrivals-sentenced"];

    /// <summary>Every figure of these indicators in every edition, as observations serves it.</summary>
    private async Task<List<Served>> ServedAsync(params string[] indicators) =>
        (await ServedPages.AllEditionsAsync(data.CreateClient(), $"{{ indicator: {{ code: {{ in: [{string.Join(", ", indicators.Select(i => $"\"{i}\""))}] }} }} }}", Served.Fields))
        .Select(Served.From).ToList();

    /// <summary>compare's side output: the population behind ratePer10000 for every council with a published count.</summary>
    private async Task<Dictionary<(string Area, string Period), decimal>> PopulationsAsync(string indicator, IEnumerable<string> periods, IEnumerable<string> areas)
    {
        var client = data.CreateClient();
        var populations = new Dictionary<(string, string), decimal>();
        var comparators = string.Join(", ", areas.Select(a => $"\"{a}\""));
        foreach (var period in periods)
        {
            var result = await client.QueryAsync($$"""
                { compare(indicator: "{{indicator}}", area: "{{AberdeenCity}}", period: "{{period}}", comparators: [{{comparators}}]) {
                    area { area { code } ratePer10000 { population } } comparators { area { code } ratePer10000 { population } } } }
                """);
            var compared = result["data"]!["compare"]!;
            foreach (var figure in compared["comparators"]!.AsArray().Append(compared["area"]))
                if (figure!["ratePer10000"]?["population"] is { } population)
                    populations[(figure["area"]!["code"]!.GetValue<string>(), period)] = population.GetValue<decimal>();
        }
        return populations;
    }

    [Fact]
    public async Task Population_change_is_served_whole_because_a_net_flow_is_not_a_count_of_people()
    {
        // The reviewer's attack: compare's ratePer10000.population for two consecutive mid-years gives the change.
        // A signed net flow is not a count of people (docs/disclosure-control.md): NRS publishes every cell, and so does this API.
        var change = await ServedAsync("population-change");
        Assert.Equal(33, change.Count);
        Assert.All(change, c => Assert.True(c.Status == "PUBLISHED" && c.Value is not null && c.Reason is null, $"{c.Area} {c.Period} is {c.Status}: {c.Reason}"));
        Assert.True(change.Count(c => c.Value < 0) >= 14, "the negative changes (withheld before as 'fewer than 5 people') are served");

        var populations = await PopulationsAsync(Arrivals, ["2017-18", "2018-19"], [AberdeenCity]);
        var aberdeen = change.Single(c => c.Area == AberdeenCity);
        Assert.Equal(populations[(AberdeenCity, "2018-19")] - populations[(AberdeenCity, "2017-18")], aberdeen.Value);
    }

    [Theory]
    [InlineData("2018-19")]
    [InlineData("2019-20")]
    public async Task Shetland_convicted_awaiting_sentence_cannot_be_worked_out_from_total_arrivals_minus_the_other_statuses(string period)
    {
        // The reviewer's attack: C2 total arrivals − O1 untried − O1 sentenced ≥ the cell the publisher suppressed ("[x]"),
        // and every part is ≥ 0. It gave 0 exactly; now the remainder must leave room from 0 to at least 5.
        var served = (await ServedAsync([Arrivals, .. ArrivalStatuses])).Where(s => s.Area == Shetland && s.Period == period).ToDictionary(s => s.Indicator);
        var cas = served["prison-arrivals-convicted-awaiting-sentence"];
        Assert.Equal(("SUPPRESSED", (decimal?)null), (cas.Status, cas.Value));
        var others = new[] { Arrivals, "prison-arrivals-untried", "prison-arrivals-sentenced" }.Select(i => served[i]).ToList();
        if (others.All(o => o.Value is not null))
            Assert.True(others[0].Value - others[1].Value - others[2].Value >= 5, $"total − untried − sentenced = {others[0].Value - others[1].Value - others[2].Value}");
        var protecting = others.Where(o => o.Value is null).ToList();
        Assert.NotEmpty(protecting);
        Assert.Contains(protecting, o => o.Reason == $"SECONDARY: protects a cell suppressed at source by the publisher (prison-arrivals-convicted-awaiting-sentence, {Shetland}, {period})");
    }

    [Fact]
    public async Task An_arrival_rate_is_withheld_with_its_small_count_so_rate_times_population_gives_nothing_back()
    {
        // The reviewer's attack: Orkney 2020-21's published rate per 1,000 × its population narrowed the arrivals to {2, 3}.
        var served = (await ServedAsync(Arrivals, ArrivalsRate)).Where(s => s.Area == Orkney && s.Period == "2020-21").ToDictionary(s => s.Indicator);
        Assert.Equal(("SUPPRESSED", "PRIMARY: fewer than 5 people"), (served[Arrivals].Status, served[Arrivals].Reason));
        Assert.Equal(("SUPPRESSED", (decimal?)null), (served[ArrivalsRate].Status, served[ArrivalsRate].Value));
        Assert.Equal("PRIMARY: fewer than 5 people behind the figure (numerator: prison-arrivals)", served[ArrivalsRate].Reason);
    }

    /// <summary>
    /// The optimiser attack on the prison arrival tables (C2 arrivals and rate, O1 arrivals by legal status):
    /// every figure observations serves, every population compare serves beside them, and the relations an
    /// outsider knows: arrivals ≥ the statuses' sum (the unknown status is not published), Scotland ≥ its
    /// councils (arrivals of unknown area), rate × population ÷ 1,000 = arrivals to the rate's rounding.
    /// </summary>
    [Fact]
    public async Task No_withheld_prison_arrival_cell_is_narrowed_below_its_protection_interval_across_the_linked_tables()
    {
        var served = await ServedAsync([Arrivals, ArrivalsRate, .. ArrivalStatuses]);
        var periods = served.Select(s => s.Period).Distinct().Order().ToList();
        var populations = await PopulationsAsync(Arrivals, periods, served.Where(s => s.Area.StartsWith("S12", StringComparison.Ordinal)).Select(s => s.Area).Distinct());
        Assert.NotEmpty(populations);

        var counts = served.Where(s => s.Indicator != ArrivalsRate).ToList();
        var byKey = counts.ToDictionary(s => (s.Indicator, s.Area, s.Period));
        var system = new AttackSystem(counts);
        foreach (var total in counts.Where(s => s.Indicator == Arrivals))
            system.Relation(total, ArrivalStatuses.Select(i => byKey.GetValueOrDefault((i, total.Area, total.Period))).OfType<Served>(), atLeast: true);
        foreach (var indicator in ArrivalStatuses)
            foreach (var scotland in counts.Where(s => s.Indicator == indicator && s.Area == DisclosureFixture.Scotland))
                system.Relation(scotland, counts.Where(s => s.Indicator == indicator && s.Period == scotland.Period && s.Area.StartsWith("S12", StringComparison.Ordinal)), atLeast: true);
        foreach (var rate in served.Where(s => s.Indicator == ArrivalsRate && s.Value is not null))
        {
            if (!populations.TryGetValue((rate.Area, rate.Period), out var population) || !byKey.TryGetValue((Arrivals, rate.Area, rate.Period), out var count)) continue;
            // Published to 1 decimal place; the publisher's population may be another vintage of the estimate, so 2% slack.
            system.Between(count, (rate.Value!.Value - 0.05m) * population / 1000m * 0.98m, (rate.Value.Value + 0.05m) * population / 1000m * 1.02m);
        }
        var withheld = counts.Where(s => s.Value is null && s.Reason is { } r && (r.StartsWith("PRIMARY", StringComparison.Ordinal) || r.StartsWith("SOURCE", StringComparison.Ordinal))).ToList();
        Assert.True(withheld.Count >= 30, $"the prison tables have small and source-suppressed cells: {withheld.Count}");
        system.AssertProtected(withheld, Threshold);
    }

    /// <summary>The same optimiser attack on the generated tables: All = Male + Female, all ages = the bands, Scotland = the councils, exactly.</summary>
    [Fact]
    public async Task No_withheld_generated_cell_is_narrowed_below_its_protection_interval()
    {
        var served = await ServedAsync(DisclosureFixture.PeopleIndicator);
        var byKey = served.ToDictionary(s => (s.Area, s.Period, s.Sex, s.Band));
        var system = AttackSystem.OfGeneratedTable(served);
        var withheld = served.Where(s => s.Value is null && s.Reason is { } r && !r.StartsWith("SECONDARY", StringComparison.Ordinal)).ToList();
        Assert.True(withheld.Count >= 10, $"the generated table has small cells: {withheld.Count}");
        Assert.Contains(byKey.Values, s => s.Reason?.StartsWith("SOURCE", StringComparison.Ordinal) == true);
        system.AssertProtected(withheld, Threshold);
    }

}
