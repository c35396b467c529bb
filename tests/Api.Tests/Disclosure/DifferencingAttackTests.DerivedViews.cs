using System.Globalization;
using System.Text.Json.Nodes;
using CommunityJustice.Analytics.Api.Statistics;
using CommunityJustice.Analytics.Model.Observations;

namespace CommunityJustice.Analytics.Api.Tests.Disclosure;

/// <summary>
/// Attacks through the derived views (genderBreakdowns, ageBreakdown, compare, trend, nationalAim
/// { evidence }): every figure they embed must be masked exactly as observations masks it (so the
/// linear attack on observations covers them), and nothing they compute from figures (gaps, ratios,
/// intervals, significance, rates per 10,000, ranks, judgements, changes) may be computed from a
/// withheld figure. Each attack tries to turn what a view returns into a withheld cell's value and
/// collects what it recovers; any recovery fails the test with the cell, the route and the true value.
/// </summary>
public sealed partial class DifferencingAttackTests
{
    private const string FigureFields = Fields + " numerator denominator confidenceInterval { lower upper } intervalNote";
    private const string Interval = "{ lower upper }";
    private static readonly string[] AllBands = ["all", .. DisclosureFixture.Bands];
    private static readonly string[] AllAreas = [.. DisclosureFixture.Councils, DisclosureFixture.Scotland];
    private static readonly string[] SexArguments = ["ALL", "MALE", "FEMALE"];

    /// <summary>What the attacks recovered or learnt about withheld cells.</summary>
    private sealed class Leaks
    {
        private readonly List<string> _found = [];
        public int Checked { get; set; }
        public void Add(string text) => _found.Add(text);
        public void AssertNone(string view)
        {
            Assert.True(Checked > 0, $"{view}: nothing was attacked");
            Assert.True(_found.Count == 0, $"{view} leaks withheld cells:\n{string.Join("\n", _found.Distinct().Take(40))}");
        }
    }

    private async Task<Dictionary<TrueCell.Key, Seen>> MaskedAsync() => (await ReadAllAsync()).ToDictionary(s => s.Key);

    private string Truth(TrueCell.Key key) => data.Truth[key] is { } t ? (t.Count ?? t.Numerator)?.ToString(CultureInfo.InvariantCulture) + (t.Denominator is { } d ? $" of {d}" : "") : "?";

    private static decimal? Decimal(JsonNode? node) => node?.GetValue<decimal>();

    /// <summary>
    /// A figure embedded in a view: shown exactly as observations shows it; a withheld one has no
    /// numerator, denominator or interval (an interval computed from a withheld count gives it back:
    /// the exact Poisson limits of each count differ); a published one has its true counts.
    /// </summary>
    private Seen CheckFigure(JsonNode node, IReadOnlyDictionary<TrueCell.Key, Seen> masked, Leaks leaks, string route)
    {
        var seen = Parse(node);
        leaks.Checked++;
        if (!masked.TryGetValue(seen.Key, out var expected)) { leaks.Add($"{route}: serves {seen.Key}, which observations does not"); return seen; }
        if (seen != expected) leaks.Add($"{route}: {seen.Key} shown as {seen.Status} {seen.Value} ({seen.Reason}) but observations shows {expected.Status} {expected.Value} ({expected.Reason})");
        if (Hidden(expected))
        {
            foreach (var field in new[] { "value", "numerator", "denominator", "confidenceInterval" })
                if (node[field] is not null) leaks.Add($"{route}: withheld {seen.Key} has {field} {node[field]!.ToJsonString()} (true {Truth(seen.Key)})");
            if (node["confidenceInterval"] is { } ci && seen.Key.Indicator == DisclosureFixture.PeopleIndicator && InvertCountInterval(ci) is { } count)
                leaks.Add($"{route}: withheld {seen.Key} recovered as {count} from its interval (true {Truth(seen.Key)})");
        }
        else if (seen.Key.Indicator == DisclosureFixture.PercentIndicator)
        {
            var truth = data.Truth[seen.Key];
            Assert.Equal((decimal?)truth.Numerator, Decimal(node["numerator"]));
            Assert.Equal((decimal?)truth.Denominator, Decimal(node["denominator"]));
        }
        return seen;
    }

    /// <summary>The count whose 95% exact Poisson/Byar interval, rounded as the API rounds it, is this one.</summary>
    private static long? InvertCountInterval(JsonNode interval)
    {
        var (lower, upper) = (interval["lower"]!.GetValue<decimal>(), interval["upper"]!.GetValue<decimal>());
        for (long c = 0; c < 100_000; c++)
        {
            var i = PoissonInterval.ForCount(c);
            if (Math.Round((decimal)i.Lower, 2, MidpointRounding.AwayFromZero) == lower && Math.Round((decimal)i.Upper, 2, MidpointRounding.AwayFromZero) == upper) return c;
        }
        return null;
    }

    /// <summary>
    /// genderBreakdowns for every area, period and age band: with all persons visible, a gap
    /// (female − male) or a ratio beside a withheld sex gives it back, and so would its interval, the
    /// gap's interval or a significance judgement (which bounds it). None may be computed from a withheld figure.
    /// </summary>
    [Theory]
    [InlineData(DisclosureFixture.PeopleIndicator)]
    [InlineData(DisclosureFixture.PercentIndicator)]
    public async Task Gender_breakdowns_gaps_ratios_and_intervals_recover_no_withheld_cell(string indicator)
    {
        var masked = await MaskedAsync();
        var leaks = new Leaks();
        var result = await data.CreateClient().QueryAsync($$"""
            { genderBreakdowns(indicator: "{{indicator}}", ageBands: [{{string.Join(", ", AllBands.Select(b => $"\"{b}\""))}}]) {
                area { code } period ageBand { code }
                allPersons { {{FigureFields}} } male { {{FigureFields}} } female { {{FigureFields}} }
                gap ratio allPersonsInterval {{Interval}} maleInterval {{Interval}} femaleInterval {{Interval}} gapInterval {{Interval}} significant significanceNote note } }
            """);
        var breakdowns = result["data"]!["genderBreakdowns"]!.AsArray().Select(b => b!).ToList();
        Assert.Equal(AllAreas.Length * DisclosureFixture.Periods.Length * AllBands.Length, breakdowns.Count);
        var withHidden = 0;
        foreach (var b in breakdowns)
        {
            var route = $"genderBreakdowns {b["area"]!["code"]} {b["period"]} {b["ageBand"]!["code"]}";
            var all = CheckFigure(b["allPersons"]!, masked, leaks, route);
            var male = CheckFigure(b["male"]!, masked, leaks, route);
            var female = CheckFigure(b["female"]!, masked, leaks, route);
            var (gap, ratio) = (Decimal(b["gap"]), Decimal(b["ratio"]));
            if (Hidden(all) || Hidden(male) || Hidden(female))
            {
                withHidden++;
                Assert.NotNull(b["note"]);
                if (!b["note"]!.GetValue<string>().Contains("withheld by this API's disclosure control", StringComparison.Ordinal)
                    && new[] { all, male, female }.Any(c => c.Reason?.StartsWith("SOURCE", StringComparison.Ordinal) == false && Hidden(c)))
                    leaks.Add($"{route}: the note does not say a figure was withheld by disclosure control: {b["note"]}");
            }
            foreach (var (cell, interval) in new[] { (all, "allPersonsInterval"), (male, "maleInterval"), (female, "femaleInterval") })
            {
                if (!Hidden(cell) || b[interval] is null) continue;
                leaks.Add($"{route}: withheld {cell.Key} has {interval} {b[interval]!.ToJsonString()}"
                    + (cell.Key.Indicator == DisclosureFixture.PeopleIndicator && InvertCountInterval(b[interval]!) is { } c ? $", which gives back {c}" : "") + $" (true {Truth(cell.Key)})");
            }
            if (Hidden(male) || Hidden(female))
            {
                // Attacks: female = male + gap, male = female − gap, female = ratio × male; all persons known too.
                if (gap is { } g)
                    leaks.Add(Hidden(female) ? $"{route}: female {female.Key} = male + gap = {male.Value + g} (true {Truth(female.Key)})"
                        : $"{route}: male {male.Key} = female − gap = {female.Value - g} (true {Truth(male.Key)})");
                if (ratio is { } r)
                    leaks.Add(Hidden(female) ? $"{route}: female {female.Key} ≈ ratio × male = {r * male.Value} (true {Truth(female.Key)})"
                        : $"{route}: male {male.Key} ≈ female ÷ ratio = {(r == 0 ? null : female.Value / r)} (true {Truth(male.Key)})");
                if (b["gapInterval"] is not null) leaks.Add($"{route}: the gap's interval {b["gapInterval"]!.ToJsonString()} is computed from a withheld figure");
                if (b["significant"] is not null) leaks.Add($"{route}: significant = {b["significant"]} is judged from a withheld figure (it bounds the gap)");
            }
            else if (gap != female.Value - male.Value)
                leaks.Add($"{route}: gap {gap} is not female − male of the published figures");
        }
        Assert.True(withHidden > 0, "no breakdown had a withheld cell");
        leaks.AssertNone("genderBreakdowns");
    }

    /// <summary>
    /// genderBreakdown, one cell at a time (its own compiled query, not genderBreakdowns' path): every figure masked
    /// exactly as observations masks it, and no gap, ratio, interval or significance beside a withheld figure.
    /// </summary>
    [Theory]
    [InlineData(DisclosureFixture.PeopleIndicator)]
    [InlineData(DisclosureFixture.PercentIndicator)]
    public async Task Single_gender_breakdowns_mask_every_withheld_figure(string indicator)
    {
        var masked = await MaskedAsync();
        var leaks = new Leaks();
        var client = data.CreateClient();
        var withHidden = 0;
        foreach (var (area, period, band) in AllAreas.SelectMany(a => DisclosureFixture.Periods.SelectMany(p => AllBands.Select(b => (a, p, b)))))
        {
            var result = await client.QueryAsync($$"""
                { genderBreakdown(indicator: "{{indicator}}", area: "{{area}}", period: "{{period}}", ageBand: "{{band}}") {
                    allPersons { {{FigureFields}} } male { {{FigureFields}} } female { {{FigureFields}} }
                    gap ratio maleInterval {{Interval}} femaleInterval {{Interval}} gapInterval {{Interval}} significant } }
                """);
            var b = result["data"]!["genderBreakdown"]!;
            var route = $"genderBreakdown {area} {period} {band}";
            var (all, male, female) = (CheckFigure(b["allPersons"]!, masked, leaks, route), CheckFigure(b["male"]!, masked, leaks, route), CheckFigure(b["female"]!, masked, leaks, route));
            if (Hidden(all) || Hidden(male) || Hidden(female)) withHidden++;
            if (Hidden(male) || Hidden(female))
            {
                foreach (var field in new[] { "gap", "ratio", "gapInterval", "significant" })
                    if (b[field] is not null) leaks.Add($"{route}: {field} {b[field]!.ToJsonString()} beside a withheld figure");
            }
            if (Hidden(male) && b["maleInterval"] is not null) leaks.Add($"{route}: withheld male {male.Key} has an interval");
            if (Hidden(female) && b["femaleInterval"] is not null) leaks.Add($"{route}: withheld female {female.Key} has an interval");
        }
        Assert.True(withHidden > 0, "no breakdown had a withheld cell");
        leaks.AssertNone("genderBreakdown");
    }

    /// <summary>The note tells a cell suppressed at source from one this API withheld (with its reason).</summary>
    [Fact]
    public async Task Gender_breakdown_note_tells_source_suppression_from_this_apis_disclosure_control()
    {
        var masked = await MaskedAsync();
        var source = DisclosureFixture.SourceSuppressed;
        var male = masked[source with { Sex = Sex.Male }];
        var result = await data.CreateClient().QueryAsync($$"""
            { genderBreakdown(indicator: "{{source.Indicator}}", area: "{{source.Area}}", period: "{{source.Period}}", ageBand: "{{source.Band}}") { note } }
            """);
        var note = result["data"]!["genderBreakdown"]!["note"]!.GetValue<string>();
        Assert.Contains("Female figure not published for this cell (suppressed at source, marked \"[c]\").", note, StringComparison.Ordinal);
        Assert.DoesNotContain("Female figure withheld", note, StringComparison.Ordinal);
        // Its male sibling is withheld by secondary suppression here, and the note says so.
        Assert.True(Hidden(male), "the source-suppressed cell's male sibling should be withheld");
        Assert.Contains($"Male figure withheld by this API's disclosure control ({male.Reason}).", note, StringComparison.Ordinal);
    }

    /// <summary>ageBreakdown for every area, period and sex: all ages = the sum of the bands, so one withheld band beside the rest gives it back.</summary>
    [Theory]
    [InlineData(DisclosureFixture.PeopleIndicator)]
    [InlineData(DisclosureFixture.PercentIndicator)]
    public async Task Age_breakdowns_recover_no_withheld_cell(string indicator)
    {
        var masked = await MaskedAsync();
        var leaks = new Leaks();
        var client = data.CreateClient();
        foreach (var area in AllAreas)
            foreach (var period in DisclosureFixture.Periods)
                foreach (var sex in SexArguments)
                {
                    var result = await client.QueryAsync($$"""
                { ageBreakdown(indicator: "{{indicator}}", area: "{{area}}", period: "{{period}}", sex: {{sex}}) { bands { {{FigureFields}} } missingBands { ageBand { code } } } }
                """);
                    var route = $"ageBreakdown {area} {period} {sex}";
                    var cells = result["data"]!["ageBreakdown"]!["bands"]!.AsArray().Select(n => (Node: n!, Seen: CheckFigure(n!, masked, leaks, route))).ToList();
                    // A withheld band is a masked figure in bands, never a missing band.
                    Assert.Empty(result["data"]!["ageBreakdown"]!["missingBands"]!.AsArray());
                    Assert.Equal(AllBands.Order(StringComparer.Ordinal), cells.Select(c => c.Seen.Key.Band).Order(StringComparer.Ordinal));
                    // The attack: total minus the visible bands (numerators for the percentage).
                    decimal? Count(JsonNode n) => indicator == DisclosureFixture.PeopleIndicator ? Decimal(n["value"]) : Decimal(n["numerator"]);
                    var hidden = cells.Where(c => Hidden(c.Seen)).ToList();
                    if (hidden.Count == 1)
                    {
                        var total = cells.Single(c => c.Seen.Key.Band == "all");
                        var bands = cells.Where(c => c.Seen.Key.Band != "all").ToList();
                        var candidate = hidden[0].Seen.Key.Band == "all" ? bands.Sum(c => Count(c.Node)) : Count(total.Node) - bands.Where(c => !Hidden(c.Seen)).Sum(c => Count(c.Node));
                        leaks.Add($"{route}: {hidden[0].Seen.Key} = {candidate} by differencing the age bands (true {Truth(hidden[0].Seen.Key)})");
                    }
                }
        leaks.AssertNone("ageBreakdown");
    }

    /// <summary>
    /// compare for every period, sex and age band, with all four council areas and Scotland: a rate
    /// per 10,000 gives the count back (rate × population ÷ 10,000), an interval gives it back, a rank
    /// places a withheld value between two published ones (and shifts the published areas' ranks), and
    /// a judgement against a withheld Scotland says which side of each interval it lies.
    /// </summary>
    [Theory]
    [InlineData(DisclosureFixture.PeopleIndicator)]
    [InlineData(DisclosureFixture.PercentIndicator)]
    public async Task Comparisons_rates_ranks_and_judgements_recover_no_withheld_cell(string indicator)
    {
        var masked = await MaskedAsync();
        var leaks = new Leaks();
        var client = data.CreateClient();
        const string compared = "area { code } figure { " + FigureFields + " } value confidenceInterval { lower upper } ratePer10000 { value population confidenceInterval { lower upper } } ratePer10000Note judgement judgementNote rank { position tied areasRanked note }";
        var ranked = 0;
        foreach (var period in DisclosureFixture.Periods)
            foreach (var sex in SexArguments)
                foreach (var band in AllBands)
                {
                    var result = await client.QueryAsync($$"""
                { compare(indicator: "{{indicator}}", area: "{{DisclosureFixture.Councils[0]}}", period: "{{period}}", sex: {{sex}}, ageBand: "{{band}}",
                    comparators: [{{string.Join(", ", DisclosureFixture.Councils.Skip(1).Select(c => $"\"{c}\""))}}]) {
                    area { {{compared}} } scotland { {{compared}} } comparators { {{compared}} } } }
                """);
                    var route = $"compare {period} {sex} {band}";
                    var comparison = result["data"]!["compare"]!;
                    var figures = new[] { comparison["area"]!, comparison["scotland"]! }.Concat(comparison["comparators"]!.AsArray().Select(n => n!)).ToList();
                    Assert.Equal(AllAreas.Order(StringComparer.Ordinal), figures.Select(f => f["area"]!["code"]!.GetValue<string>()).Order(StringComparer.Ordinal));
                    var scotland = CheckFigure(comparison["scotland"]!["figure"]!, masked, leaks, route);
                    var councils = new List<(Seen Seen, decimal? Compared, int? Position, int AreasRanked)>();
                    foreach (var f in figures)
                    {
                        var seen = CheckFigure(f["figure"]!, masked, leaks, route);
                        var rate = f["ratePer10000"];
                        if (Hidden(seen))
                        {
                            if (f["value"] is not null) leaks.Add($"{route}: withheld {seen.Key} has value {f["value"]}");
                            if (rate is not null)
                                leaks.Add($"{route}: withheld {seen.Key} = rate × population ÷ 10,000 = {Math.Round(rate["value"]!.GetValue<decimal>() * rate["population"]!.GetValue<decimal>() / 10_000m)} (true {Truth(seen.Key)})");
                            if (f["confidenceInterval"] is not null) leaks.Add($"{route}: withheld {seen.Key} has an interval {f["confidenceInterval"]!.ToJsonString()} (true {Truth(seen.Key)})");
                            if (f["judgement"]!.GetValue<string>() != "NOT_COMPARED") leaks.Add($"{route}: withheld {seen.Key} is judged {f["judgement"]} against Scotland (which bounds it)");
                            if (f["rank"]!["position"] is not null) leaks.Add($"{route}: withheld {seen.Key} is ranked {f["rank"]!["position"]} (which places it between published areas; true {Truth(seen.Key)})");
                        }
                        if (Hidden(scotland) && f["judgement"]!.GetValue<string>() != "NOT_COMPARED")
                            leaks.Add($"{route}: {seen.Key} is judged {f["judgement"]} against withheld Scotland ({f["judgementNote"]}; true {Truth(scotland.Key)})");
                        if (seen.Key.Area != DisclosureFixture.Scotland)
                        {
                            var value = indicator == DisclosureFixture.PeopleIndicator ? Decimal(rate?["value"]) : Decimal(f["value"]);
                            councils.Add((seen, value, f["rank"]!["position"]?.GetValue<int>(), f["rank"]!["areasRanked"]!.GetValue<int>()));
                        }
                    }
                    // The ranks must be those of the published values alone: a withheld value among them would move the others.
                    var published = councils.Where(c => c.Compared is not null).ToList();
                    foreach (var c in councils)
                    {
                        if (c.AreasRanked != published.Count) leaks.Add($"{route}: {c.AreasRanked} areas ranked but {published.Count} have a published value (a withheld value is ranked)");
                        if (c.Compared is not { } v) continue;
                        ranked++;
                        var expected = 1 + published.Count(o => indicator == DisclosureFixture.PercentIndicator ? o.Compared < v : o.Compared > v);
                        if (c.Position != expected) leaks.Add($"{route}: {c.Seen.Key} ranked {c.Position}, but {expected} among the published values: a withheld value is ranked");
                    }
                }
        Assert.True(ranked > 0, "nothing was ranked");
        leaks.AssertNone("compare");
    }

    /// <summary>
    /// trend for every area, sex and age band: a change since the previous (or first) period beside a
    /// published value is the difference of two values, so a change computed from a withheld one gives it back.
    /// Every change must be the difference of published values.
    /// </summary>
    [Theory]
    [InlineData(DisclosureFixture.PeopleIndicator)]
    [InlineData(DisclosureFixture.PercentIndicator)]
    public async Task Trends_changes_recover_no_withheld_cell(string indicator)
    {
        var masked = await MaskedAsync();
        var leaks = new Leaks();
        var client = data.CreateClient();
        var hiddenPoints = 0;
        foreach (var area in AllAreas)
            foreach (var sex in SexArguments)
                foreach (var band in AllBands)
                {
                    var result = await client.QueryAsync($$"""
                { trend(indicator: "{{indicator}}", area: "{{area}}", sex: {{sex}}, ageBand: "{{band}}") {
                    points { period figure { {{FigureFields}} } value confidenceInterval {{Interval}} changeSincePrevious changeSinceFirst }
                    changeSinceFirst changeSincePrevious changeInterval {{Interval}} direction directionTested note } }
                """);
                    var route = $"trend {area} {sex} {band}";
                    var trend = result["data"]!["trend"]!;
                    var points = trend["points"]!.AsArray().Select(p => (Node: p!, Seen: CheckFigure(p!["figure"]!, masked, leaks, route))).ToList();
                    Assert.Equal(DisclosureFixture.Periods, points.Select(p => p.Seen.Key.Period));
                    var published = new List<Seen>();
                    foreach (var (node, seen) in points)
                    {
                        var (previous, first) = (Decimal(node["changeSincePrevious"]), Decimal(node["changeSinceFirst"]));
                        if (Hidden(seen))
                        {
                            hiddenPoints++;
                            foreach (var field in new[] { "value", "confidenceInterval", "changeSincePrevious", "changeSinceFirst" })
                                if (node[field] is not null) leaks.Add($"{route}: withheld {seen.Key} has {field} {node[field]!.ToJsonString()} (true {Truth(seen.Key)})");
                            continue;
                        }
                        // The attack: the withheld value = this value − the change.
                        foreach (var (change, against, name) in new[] { (previous, published.LastOrDefault(), "previous"), (first, published.FirstOrDefault() ?? seen, "first") })
                        {
                            if (change is null) continue;
                            if (against is null || change != seen.Value - against.Value)
                                leaks.Add($"{route}: {seen.Key} change since {name} {change} is not against a published value; value − change = {seen.Value - change} "
                                    + $"(withheld here: {string.Join(", ", points.Where(p => Hidden(p.Seen)).Select(p => $"{p.Seen.Key.Period} true {Truth(p.Seen.Key)}"))})");
                        }
                        published.Add(seen);
                    }
                    var (sinceFirst, sincePrevious) = (Decimal(trend["changeSinceFirst"]), Decimal(trend["changeSincePrevious"]));
                    if (published.Count < 2)
                    {
                        if (sinceFirst is not null || sincePrevious is not null || trend["changeInterval"] is not null || trend["direction"] is not null)
                            leaks.Add($"{route}: a change or direction with fewer than two published figures: computed from a withheld one ({trend.ToJsonString()})");
                    }
                    else if (sinceFirst != published[^1].Value - published[0].Value || sincePrevious != published[^1].Value - published[^2].Value)
                        leaks.Add($"{route}: the series' changes ({sinceFirst}, {sincePrevious}) are not differences of published values");
                }
        Assert.True(hiddenPoints > 0, "no trend had a withheld figure");
        leaks.AssertNone("trend");
    }

    /// <summary>
    /// nationalAim(number: 2) { evidence } and nationalAims { evidence } for every area, sex and age
    /// band (the test indicators are linked to aim 2): every figure masked as observations masks it,
    /// withheld ones without counts or intervals.
    /// </summary>
    [Fact]
    public async Task Framework_evidence_recovers_no_withheld_cell()
    {
        var masked = await MaskedAsync();
        var leaks = new Leaks();
        var client = data.CreateClient();
        var served = new HashSet<TrueCell.Key>();
        foreach (var area in AllAreas)
            foreach (var sex in SexArguments)
                foreach (var band in AllBands)
                {
                    var evidence = $$"""evidence(area: "{{area}}", sex: {{sex}}, ageBand: "{{band}}") { {{FigureFields}} }""";
                    var result = await client.QueryAsync($$"""{ nationalAim(number: 2) { {{evidence}} } nationalAims { number {{evidence}} } }""");
                    var route = $"nationalAim(2).evidence {area} {sex} {band}";
                    var fromAim = result["data"]!["nationalAim"]!["evidence"]!.AsArray().Select(n => n!)
                        .Where(n => n["indicator"]!["code"]!.GetValue<string>().StartsWith("test-sdc-", StringComparison.Ordinal))
                        .Select(n => CheckFigure(n, masked, leaks, route)).ToList();
                    Assert.Equal(2 * DisclosureFixture.Periods.Length, fromAim.Count);
                    served.UnionWith(fromAim.Select(s => s.Key));
                    foreach (var aim in result["data"]!["nationalAims"]!.AsArray())
                    {
                        var fromAims = aim!["evidence"]!.AsArray().Select(n => n!)
                            .Where(n => n["indicator"]!["code"]!.GetValue<string>().StartsWith("test-sdc-", StringComparison.Ordinal))
                            .Select(n => CheckFigure(n, masked, leaks, $"nationalAims[{aim["number"]}].evidence {area} {sex} {band}")).ToList();
                        Assert.Equal(aim["number"]!.GetValue<int>() == 2 ? fromAim : [], fromAims);
                    }
                }
        Assert.Equal(masked.Count, served.Count);
        leaks.AssertNone("nationalAim { evidence }");
    }
}
