using CommunityJustice.Analytics.Model.Disclosure;
using CommunityJustice.Analytics.Model.Indicators;
using CommunityJustice.Analytics.Model.Observations;

namespace CommunityJustice.Analytics.Model.Tests.Disclosure;

/// <summary>
/// The suppression rule of docs/disclosure-control.md as a pure function: cells of exactly the
/// threshold are published and one less is withheld (as a count, as a denominator and as denominator
/// minus numerator), and the withheld cells of a small table worked out by hand from the rule.
/// </summary>
public class SuppressionRuleTests
{
    private static readonly DateOnly Start = new(2017, 4, 1), End = new(2018, 3, 31);

    private static DisclosureCell Cell(long id, MeasureType measure, decimal? value, decimal? numerator = null, decimal? denominator = null,
        string area = "S12000019", string? parent = "S92000003", Sex sex = Sex.All, string age = "all",
        ObservationStatus status = ObservationStatus.Published, int edition = 1, string indicator = "test-indicator") =>
        new(id, edition, indicator, measure, Start, End, area, parent, sex, age, status, value, numerator, denominator);

    private static string? Reason(DisclosureCell cell, int threshold) =>
        SuppressionEngine.Decide([cell], threshold).TryGetValue(cell.Id, out var d) ? d.Reason : null;

    [Theory]
    [InlineData(5)]
    [InlineData(10)]
    [InlineData(1)]
    public void A_count_of_exactly_the_threshold_is_published_and_one_less_is_withheld(int threshold)
    {
        Assert.Null(Reason(Cell(1, MeasureType.Count, threshold), threshold));
        Assert.Null(Reason(Cell(2, MeasureType.Count, threshold + 1), threshold));
        var people = threshold == 1 ? "1 person" : $"{threshold} people";
        Assert.Equal($"PRIMARY: fewer than {people}", Reason(Cell(3, MeasureType.Count, threshold - 1), threshold));
        // Zero is a small count too (docs: "the value (people), zero included").
        Assert.Equal($"PRIMARY: fewer than {people}", Reason(Cell(4, MeasureType.Count, 0), threshold));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(10)]
    public void A_numerator_of_exactly_the_threshold_is_published_and_one_less_is_withheld(int threshold)
    {
        // A rate per 10,000 with a large base: only the numerator is small.
        Assert.Null(Reason(Cell(1, MeasureType.Rate, 1m, numerator: threshold, denominator: 100_000), threshold));
        Assert.Equal($"PRIMARY: fewer than {threshold} people behind the figure (numerator)",
            Reason(Cell(2, MeasureType.Rate, 1m, numerator: threshold - 1, denominator: 100_000), threshold));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(10)]
    public void A_denominator_of_exactly_the_threshold_is_published_and_one_less_is_withheld(int threshold)
    {
        // A mean (reconvictions per offender) can have more in the numerator than in the base.
        Assert.Null(Reason(Cell(1, MeasureType.Mean, 1.5m, numerator: threshold * 3, denominator: threshold), threshold));
        Assert.Equal($"PRIMARY: fewer than {threshold} people in the base of the figure (denominator)",
            Reason(Cell(2, MeasureType.Mean, 1.5m, numerator: threshold * 3, denominator: threshold - 1), threshold));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(10)]
    public void Denominator_minus_numerator_of_exactly_the_threshold_is_published_and_one_less_is_withheld(int threshold)
    {
        var numerator = 20m;
        Assert.Null(Reason(Cell(1, MeasureType.Percentage, 80m, numerator: numerator, denominator: numerator + threshold), threshold));
        var reason = Reason(Cell(2, MeasureType.Percentage, 80m, numerator: numerator, denominator: numerator + threshold - 1), threshold);
        Assert.NotNull(reason);
        Assert.StartsWith($"PRIMARY: fewer than {threshold} people in the base are outside the figure (denominator minus numerator)", reason);
    }

    [Fact]
    public void A_percentage_with_only_a_base_is_judged_on_the_count_anyone_can_compute_from_it()
    {
        // 25% of 20 = 5 people (published); 20% of 20 = 4 people (withheld); 75% of 20 leaves 5 outside (published),
        // 80% of 20 leaves 4 outside (withheld).
        Assert.Null(Reason(Cell(1, MeasureType.Percentage, 25m, denominator: 20), 5));
        Assert.StartsWith("PRIMARY: fewer than 5 people behind the figure", Reason(Cell(2, MeasureType.Percentage, 20m, denominator: 20), 5));
        Assert.Null(Reason(Cell(3, MeasureType.Percentage, 75m, denominator: 20), 5));
        Assert.StartsWith("PRIMARY: fewer than 5 people in the base are outside the figure", Reason(Cell(4, MeasureType.Percentage, 80m, denominator: 20), 5));
        // 22.5% of 20 = 4.5 people, which rounds (half away from zero) to 5: published.
        Assert.Null(Reason(Cell(5, MeasureType.Percentage, 22.5m, denominator: 20), 5));
    }

    [Fact]
    public void Figures_without_a_known_count_and_figures_not_published_are_not_primary_suppressed()
    {
        Assert.Null(Reason(Cell(1, MeasureType.Rate, 2m), 5));                        // a rate only, no count known
        Assert.Null(Reason(Cell(2, MeasureType.Count, null, status: ObservationStatus.NotAvailable), 5));
        Assert.Null(SuppressionEngine.PrimaryReason(Cell(3, MeasureType.Count, 1, status: ObservationStatus.Suppressed), 5));
    }

    // A count table worked out by hand (area × sex, all ages): Scotland and three councils.
    //            All   Male  Female
    // Scotland    90    19     71
    // A           20     4     16      A-Male: 4 < 5, primary
    // B           30    10     20
    // C           40     5     35      C-Male: exactly 5, not primary
    // Rule by hand: A's sex group has one withheld cell, so its smallest published sibling A-Female (16 < 20) goes;
    // the Male area group (Scotland = A + B + C) then holds only A-Male: its smallest published member is C-Male (5);
    // the Female area group holds only A-Female: B-Female (20 < 35 < 71) goes. Then B's sex group holds only
    // B-Female: B-Male (10 < 30) goes; C's sex group holds only C-Male: C-Female (35 < 40) goes. Now every group
    // holds none or at least two, and the six unknown Male/Female cells of A, B and C satisfy five relations of
    // rank 4 whose solutions include (+1, -1) swaps around both the A-B and A-C rectangles: no cell is pinned down.
    private const string Scotland = "S92000003", A = "S12000005", B = "S12000006", C = "S12000008";

    private static List<DisclosureCell> HandTable(int edition = 1, string indicator = "test-indicator", long firstId = 1)
    {
        var rows = new (string Area, decimal All, decimal Male, decimal Female)[]
        {
            (Scotland, 90, 19, 71), (A, 20, 4, 16), (B, 30, 10, 20), (C, 40, 5, 35),
        };
        var cells = new List<DisclosureCell>();
        var id = firstId;
        foreach (var (area, all, male, female) in rows)
        {
            var parent = area == Scotland ? null : Scotland;
            cells.Add(Cell(id++, MeasureType.Count, all, area: area, parent: parent, sex: Sex.All, edition: edition, indicator: indicator));
            cells.Add(Cell(id++, MeasureType.Count, male, area: area, parent: parent, sex: Sex.Male, edition: edition, indicator: indicator));
            cells.Add(Cell(id++, MeasureType.Count, female, area: area, parent: parent, sex: Sex.Female, edition: edition, indicator: indicator));
        }
        return cells;
    }

    /// <summary>
    /// The hand table's relations as the attacker writes them (All = Male + Female per area, Scotland = A + B + C
    /// per sex), with the cells left published as knowns: the range of one cell, from OR-Tools.
    /// </summary>
    private static (long Min, long Max) AttackerRange(List<DisclosureCell> cells, IReadOnlyDictionary<long, SuppressionDecision> decisions, (string, Sex) cell)
    {
        var hidden = cells.Where(c => decisions.ContainsKey(c.Id) || c.Status == ObservationStatus.Suppressed).Select(Key).ToList();
        var index = hidden.Select((k, i) => (k, i)).ToDictionary(x => x.k, x => x.i);
        var value = cells.ToDictionary(Key, c => (long)(c.Value ?? 0));
        using var solver = new ProtectionSolver(hidden.Count);
        void Relation((string, Sex) total, params (string, Sex)[] parts)
        {
            var terms = new List<(int, long)>();
            long constant = 0;
            foreach (var (k, coefficient) in parts.Select(p => (p, -1L)).Prepend((total, 1L)))
                if (index.TryGetValue(k, out var u)) terms.Add((u, coefficient)); else constant += coefficient * value[k];
            solver.AddRelation(terms, constant, atLeast: false);
        }
        foreach (var area in new[] { Scotland, A, B, C }) Relation((area, Sex.All), (area, Sex.Male), (area, Sex.Female));
        foreach (var sex in new[] { Sex.All, Sex.Male, Sex.Female }) Relation((Scotland, sex), (A, sex), (B, sex), (C, sex));
        return solver.Range([(index[cell], 1)]) ?? throw new InvalidOperationException("the relations contradict the figures");
    }

    [Fact]
    public void The_primary_cell_of_a_table_keeps_a_protection_interval()
    {
        var cells = HandTable();
        var decisions = SuppressionEngine.Decide(cells, 5);
        var primary = decisions.Where(d => d.Value.Kind == SuppressionKind.Primary).Select(d => Key(cells.Single(c => c.Id == d.Key))).ToList();
        Assert.Equal([(A, Sex.Male)], primary);
        Assert.Equal("PRIMARY: fewer than 5 people", decisions[cells.Single(c => Key(c) == (A, Sex.Male)).Id].Reason);

        // A-Male (4) is consistent with every count from 0 to at least 5, from everything left published.
        var (min, max) = AttackerRange(cells, decisions, (A, Sex.Male));
        Assert.True(min <= 0 && max >= 5, $"A-Male lies in [{min}, {max}]");

        // Without them, the primary cell alone would be given away by the table's equations.
        var secondary = decisions.Where(d => d.Value.Kind == SuppressionKind.Secondary).ToList();
        Assert.NotEmpty(secondary);
        Assert.All(secondary, d => Assert.StartsWith("SECONDARY: protects a suppressed cell in the same ", d.Value.Reason));
        var (lower, upper) = AttackerRange(cells, decisions.Where(d => d.Value.Kind == SuppressionKind.Primary).ToDictionary(d => d.Key, d => d.Value), (A, Sex.Male));
        Assert.Equal((4L, 4L), (lower, upper));
    }

    [Fact]
    public void With_no_small_cell_nothing_is_withheld_and_the_same_table_in_two_editions_is_decided_alike()
    {
        // The same table at threshold 4: A-Male (4) is exactly the threshold, so the table is published whole.
        Assert.Empty(SuppressionEngine.Decide(HandTable(), 4));

        var one = SuppressionEngine.Decide(HandTable(edition: 1), 5);
        var both = SuppressionEngine.Decide(HandTable(edition: 1).Concat(HandTable(edition: 2, firstId: 101)).ToList(), 5);
        Assert.Equal(one.Keys.Order(), both.Keys.Where(id => id < 101).Order());
        Assert.Equal(one.Keys.Select(id => id + 100).Order(), both.Keys.Where(id => id >= 101).Order());
    }

    [Fact]
    public void A_cell_suppressed_at_source_is_protected_but_not_reported_as_withheld_here()
    {
        // Only B-Male is withheld, by the publisher: it still needs its protection interval.
        // At threshold 4 nothing is primary (A-Male is exactly 4).
        var cells = HandTable().Select(c => Key(c) == (B, Sex.Male) ? c with { Status = ObservationStatus.Suppressed, Value = null } : c).ToList();
        var decisions = SuppressionEngine.Decide(cells, 4);
        Assert.DoesNotContain(cells.Single(c => Key(c) == (B, Sex.Male)).Id, decisions.Keys);
        Assert.NotEmpty(decisions);
        Assert.All(decisions.Values, d => Assert.Equal(SuppressionKind.Secondary, d.Kind));
        Assert.Contains(decisions.Values, d => d.Reason.StartsWith("SECONDARY: protects a cell suppressed at source by the publisher (test-indicator, S12000006", StringComparison.Ordinal));
        var (min, max) = AttackerRange(cells, decisions, (B, Sex.Male));
        Assert.True(min <= 0 && max >= 4, $"B-Male lies in [{min}, {max}]");
        Assert.Equal((10L, 10L), AttackerRange(cells, new Dictionary<long, SuppressionDecision>(), (B, Sex.Male))); // what the table alone gave away
    }

    [Fact]
    public void Rates_alone_are_not_additive_so_no_secondary_suppression()
    {
        // A table of rates with no counts: nothing is primary, so nothing is secondary either; a cell withheld at source
        // in such a table protects nothing because rates do not add up.
        var cells = HandTable().Select(c => c with { MeasureType = MeasureType.Rate }).ToList();
        cells[4] = cells[4] with { Status = ObservationStatus.Suppressed, Value = null };
        Assert.Empty(SuppressionEngine.Decide(cells, 5));
    }

    private static (string Area, Sex Sex) Key(DisclosureCell c) => (c.AreaCode, c.Sex);

    private static Dictionary<string, SuppressionKind> Withheld(List<DisclosureCell> cells, Func<DisclosureCell, string> name, int threshold = 5) =>
        SuppressionEngine.Decide(cells, threshold).ToDictionary(d => name(cells.Single(c => c.Id == d.Key)), d => d.Value.Kind);

    [Fact]
    public void An_age_band_is_protected_by_its_smallest_sibling_band()
    {
        // Midlothian, all persons: all ages 30 = under 21 (3) + 21-25 (12) + over 25 (15). The under-21 cell is
        // primary; its age group then holds one withheld cell, so the smallest published sibling (21-25: 12) goes too.
        var cells = new List<DisclosureCell>
        {
            Cell(1, MeasureType.Count, 30, age: "all"), Cell(2, MeasureType.Count, 3, age: "under-21"),
            Cell(3, MeasureType.Count, 12, age: "21-25"), Cell(4, MeasureType.Count, 15, age: "over-25"),
        };
        var decisions = SuppressionEngine.Decide(cells, 5);
        Assert.Equal(new Dictionary<string, SuppressionKind> { ["under-21"] = SuppressionKind.Primary, ["21-25"] = SuppressionKind.Secondary },
            Withheld(cells, c => c.AgeBandCode));
        Assert.Equal("SECONDARY: protects a suppressed cell in the same age group", decisions[3].Reason);
    }

    [Fact]
    public void A_council_is_protected_by_its_smallest_sibling_council_not_by_the_total()
    {
        // Scotland 50 = A 3 + B 47: A is primary; of Scotland (50) and B (47), B is the smaller.
        var cells = new List<DisclosureCell>
        {
            Cell(1, MeasureType.Count, 50, area: Scotland, parent: null), Cell(2, MeasureType.Count, 3, area: A), Cell(3, MeasureType.Count, 47, area: B),
        };
        var decisions = SuppressionEngine.Decide(cells, 5);
        Assert.Equal(new Dictionary<string, SuppressionKind> { [A] = SuppressionKind.Primary, [B] = SuppressionKind.Secondary }, Withheld(cells, c => c.AreaCode));
        Assert.Equal("SECONDARY: protects a suppressed cell in the same area group", decisions[3].Reason);
    }

    [Fact]
    public void On_equal_counts_a_part_goes_before_the_total_and_then_the_first_cell()
    {
        // All 8 = Male 8 + Female 0: Female is primary (zero is small); All and Male tie at 8, and the part goes,
        // so the total stays published.
        var sexes = new List<DisclosureCell>
        {
            Cell(1, MeasureType.Count, 8, sex: Sex.All), Cell(2, MeasureType.Count, 8, sex: Sex.Male), Cell(3, MeasureType.Count, 0, sex: Sex.Female),
        };
        Assert.Equal(new Dictionary<string, SuppressionKind> { ["Female"] = SuppressionKind.Primary, ["Male"] = SuppressionKind.Secondary },
            Withheld(sexes, c => c.Sex.ToString()));

        // The same with the total listed last: the order of the rows does not decide, the role does.
        var reordered = new List<DisclosureCell>
        {
            Cell(1, MeasureType.Count, 0, sex: Sex.Female), Cell(2, MeasureType.Count, 8, sex: Sex.Male), Cell(3, MeasureType.Count, 8, sex: Sex.All),
        };
        Assert.Equal(new Dictionary<string, SuppressionKind> { ["Female"] = SuppressionKind.Primary, ["Male"] = SuppressionKind.Secondary },
            Withheld(reordered, c => c.Sex.ToString()));

        // Two parts of equal size: the first cell (lowest id) goes, so the choice is the same on every run.
        var ages = new List<DisclosureCell>
        {
            Cell(1, MeasureType.Count, 30, age: "all"), Cell(2, MeasureType.Count, 2, age: "under-21"),
            Cell(3, MeasureType.Count, 14, age: "21-25"), Cell(4, MeasureType.Count, 14, age: "over-25"),
        };
        Assert.Equal(new Dictionary<string, SuppressionKind> { ["under-21"] = SuppressionKind.Primary, ["21-25"] = SuppressionKind.Secondary },
            Withheld(ages, c => c.AgeBandCode));
    }

    [Fact]
    public void A_total_with_a_single_published_part_is_withheld_with_it()
    {
        // The source left Female out: All 20 and Male 3. Male is primary, and All would give it away
        // (the missing sibling counts as zero), so All is withheld too.
        var cells = new List<DisclosureCell> { Cell(1, MeasureType.Count, 20, sex: Sex.All), Cell(2, MeasureType.Count, 3, sex: Sex.Male) };
        Assert.Equal(new Dictionary<string, SuppressionKind> { ["Male"] = SuppressionKind.Primary, ["All"] = SuppressionKind.Secondary },
            Withheld(cells, c => c.Sex.ToString()));
    }

    [Fact]
    public void Differencing_with_a_cell_left_not_available_recovers_nothing()
    {
        // All 20 = Male 3 + Female (not available): Male is primary. Female has no figure, so it protects nothing:
        // All is withheld as well.
        var cells = new List<DisclosureCell>
        {
            Cell(1, MeasureType.Count, 20, sex: Sex.All), Cell(2, MeasureType.Count, 3, sex: Sex.Male),
            Cell(3, MeasureType.Count, null, sex: Sex.Female, status: ObservationStatus.NotAvailable),
        };
        Assert.Equal(new Dictionary<string, SuppressionKind> { ["Male"] = SuppressionKind.Primary, ["All"] = SuppressionKind.Secondary },
            Withheld(cells, c => c.Sex.ToString()));
    }

    [Fact]
    public void A_small_cell_whose_siblings_have_no_figure_is_withheld_alone()
    {
        // All persons not available, Male 3: Male is primary, and there is no published sibling to withhold with it.
        var cells = new List<DisclosureCell>
        {
            Cell(1, MeasureType.Count, null, sex: Sex.All, status: ObservationStatus.NotAvailable), Cell(2, MeasureType.Count, 3, sex: Sex.Male),
        };
        Assert.Equal(new Dictionary<string, SuppressionKind> { ["Male"] = SuppressionKind.Primary }, Withheld(cells, c => c.Sex.ToString()));
    }

    [Fact]
    public void Secondary_suppression_withholds_the_fewest_people_that_protect_the_cell()
    {
        // A-Male (2) is primary. Cell by cell, the smallest sibling large enough goes: B-Male (5) in the Male area
        // group, C-Female (6) in the Female one, then B-Female (60) and C-Male (50) to keep their sex groups from
        // holding a single withheld cell: 121 people beside A-Female's 20. The smallest pattern is one rectangle:
        // A-Female, C-Male and C-Female (20 + 50 + 6 = 76), against 85 for the rectangle through B.
        var cells = RectangleTable(cFemale: 6);
        var decisions = SuppressionEngine.Decide(cells, 5);
        var withheld = decisions.ToDictionary(d => Key(cells.Single(c => c.Id == d.Key)), d => d.Value.Kind);
        Assert.Equal(new Dictionary<(string, Sex), SuppressionKind>
        {
            [(A, Sex.Male)] = SuppressionKind.Primary,
            [(A, Sex.Female)] = SuppressionKind.Secondary,
            [(C, Sex.Male)] = SuppressionKind.Secondary,
            [(C, Sex.Female)] = SuppressionKind.Secondary,
        }, withheld);
        var (min, max) = AttackerRange(cells, decisions, (A, Sex.Male));
        Assert.True(min <= 0 && max >= 5, $"A-Male lies in [{min}, {max}]");
        Assert.All(decisions.Values.Where(d => d.Kind == SuppressionKind.Secondary),
            d => Assert.StartsWith("SECONDARY: protects a suppressed cell in the same ", d.Reason));
    }

    /// <summary>Scotland = A + B + C by sex, with A-Male (2) the only small cell and C-Female as given.</summary>
    private static List<DisclosureCell> RectangleTable(decimal cFemale, int edition = 1, long firstId = 1)
    {
        var rows = new (string Area, decimal Male, decimal Female)[] { (A, 2, 20), (B, 5, 60), (C, 50, cFemale) };
        var all = rows.Select(r => (r.Area, r.Male, r.Female)).Prepend((Scotland, rows.Sum(r => r.Male), rows.Sum(r => r.Female)));
        var cells = new List<DisclosureCell>();
        var id = firstId;
        foreach (var (area, male, female) in all)
        {
            var parent = area == Scotland ? null : Scotland;
            cells.Add(Cell(id++, MeasureType.Count, male + female, area: area, parent: parent, sex: Sex.All, edition: edition));
            cells.Add(Cell(id++, MeasureType.Count, male, area: area, parent: parent, sex: Sex.Male, edition: edition));
            cells.Add(Cell(id++, MeasureType.Count, female, area: area, parent: parent, sex: Sex.Female, edition: edition));
        }
        return cells;
    }

    [Fact]
    public void A_figure_a_revision_leaves_unchanged_is_withheld_in_both_editions_or_in_neither()
    {
        // Edition 2 revises C-Female from 6 to 16. Decided alone, edition 1's smallest pattern is the rectangle through
        // C (20 + 50 + 6) and edition 2's the one through B (20 + 5 + 60 < 20 + 50 + 16): each would publish what the
        // other withholds, and C-Male (50, unchanged) read from edition 2 gives A-Male back in edition 1.
        var first = RectangleTable(cFemale: 6, edition: 1);
        var second = RectangleTable(cFemale: 16, edition: 2, firstId: 101);
        var alone = SuppressionEngine.Decide(second, 5);
        Assert.Contains(second.Single(c => Key(c) == (B, Sex.Male)).Id, alone.Keys);

        var cells = first.Concat(second).ToList();
        var decisions = SuppressionEngine.Decide(cells, 5);
        foreach (var cell in first)
        {
            var later = second.Single(c => Key(c) == Key(cell));
            if (later.Value != cell.Value) continue;
            Assert.True(decisions.ContainsKey(cell.Id) == decisions.ContainsKey(later.Id), $"{Key(cell)} is withheld in one edition only");
        }

        // The attacker reads both editions and knows which figures the revision left alone: A-Male keeps [0, 5] in each.
        var hidden = cells.Where(c => decisions.ContainsKey(c.Id)).ToList();
        var index = hidden.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i);
        using var solver = new ProtectionSolver(hidden.Count);
        void Relation(IEnumerable<(DisclosureCell Cell, long Coefficient)> terms)
        {
            var unknown = new List<(int, long)>();
            long constant = 0;
            foreach (var (cell, coefficient) in terms)
                if (index.TryGetValue(cell.Id, out var u)) unknown.Add((u, coefficient)); else constant += coefficient * (long)cell.Value!.Value;
            solver.AddRelation(unknown, constant, atLeast: false);
        }
        foreach (var edition in new[] { first, second })
        {
            DisclosureCell At(string area, Sex sex) => edition.Single(c => Key(c) == (area, sex));
            foreach (var area in new[] { Scotland, A, B, C }) Relation([(At(area, Sex.All), 1), (At(area, Sex.Male), -1), (At(area, Sex.Female), -1)]);
            foreach (var sex in new[] { Sex.All, Sex.Male, Sex.Female }) Relation([(At(Scotland, sex), 1), (At(A, sex), -1), (At(B, sex), -1), (At(C, sex), -1)]);
        }
        foreach (var cell in first) if (second.Single(c => Key(c) == Key(cell)) is var later && later.Value == cell.Value) Relation([(cell, 1), (later, -1)]);
        foreach (var edition in new[] { first, second })
        {
            var target = edition.Single(c => Key(c) == (A, Sex.Male));
            var (min, max) = solver.Range([(index[target.Id], 1)]) ?? throw new InvalidOperationException("the relations contradict the figures");
            Assert.True(min <= 0 && max >= 5, $"A-Male of edition {target.DatasetVersionId} lies in [{min}, {max}]");
        }
    }

    [Fact]
    public void Without_a_total_there_is_no_relation_to_difference()
    {
        // Male 3 and Female 20 with no all-persons figure: nothing adds up to anything, so Female stays published.
        var cells = new List<DisclosureCell> { Cell(1, MeasureType.Count, 3, sex: Sex.Male), Cell(2, MeasureType.Count, 20, sex: Sex.Female) };
        Assert.Equal(new Dictionary<string, SuppressionKind> { ["Male"] = SuppressionKind.Primary }, Withheld(cells, c => c.Sex.ToString()));
    }
}
