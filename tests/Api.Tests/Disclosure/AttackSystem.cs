using System.Globalization;
using CommunityJustice.Analytics.Model.Disclosure;

namespace CommunityJustice.Analytics.Api.Tests.Disclosure;

/// <summary>One figure as a query served it.</summary>
internal sealed record Served(long Id, string Indicator, string Area, string Period, string Sex, string Band, decimal? Value, string Status, string? Reason);

/// <summary>What the attacker knows, as a system for OR-Tools: withheld figures unknown (whole, ≥ 0), served ones known.</summary>
internal sealed class AttackSystem(IReadOnlyList<Served> cells)
{
    private readonly Dictionary<long, int> _unknown = cells.Where(c => c.Value is null).Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i);
    private readonly List<Action<ProtectionSolver>> _constraints = [];

    /// <summary>The generated test table's exact relations: All = Male + Female, all ages = the bands, Scotland = the councils.</summary>
    public static AttackSystem OfGeneratedTable(IReadOnlyList<Served> served)
    {
        var system = new AttackSystem(served);
        foreach (var cell in served)
        {
            if (cell.Sex == "ALL") system.Relation(cell, served.Where(s => s.Area == cell.Area && s.Period == cell.Period && s.Band == cell.Band && s.Sex != "ALL"), atLeast: false);
            if (cell.Band == "all") system.Relation(cell, served.Where(s => s.Area == cell.Area && s.Period == cell.Period && s.Sex == cell.Sex && s.Band != "all"), atLeast: false);
            if (cell.Area == DisclosureFixture.Scotland) system.Relation(cell, served.Where(s => s.Area != DisclosureFixture.Scotland && s.Period == cell.Period && s.Sex == cell.Sex && s.Band == cell.Band), atLeast: false);
        }
        return system;
    }

    public void Relation(Served total, IEnumerable<Served> parts, bool atLeast)
    {
        var terms = new List<(int, long)>();
        long constant = 0;
        foreach (var (cell, coefficient) in parts.Select(p => (p, -1L)).Prepend((total, 1L)))
        {
            if (_unknown.TryGetValue(cell.Id, out var u)) terms.Add((u, coefficient));
            else constant += coefficient * (long)cell.Value!.Value;
        }
        if (terms.Count == 0) return;
        _constraints.Add(s => s.AddRelation(terms, constant, atLeast));
    }

    public void Between(Served cell, decimal lower, decimal upper)
    {
        if (!_unknown.TryGetValue(cell.Id, out var u)) return;
        _constraints.Add(s => s.AddRange([(u, 1)], (long)Math.Ceiling(lower), (long)Math.Floor(upper)));
    }

    public void AssertProtected(IEnumerable<Served> withheld, int level)
    {
        using var solver = new ProtectionSolver(_unknown.Count);
        foreach (var add in _constraints) add(solver);
        var narrowed = new List<string>();
        foreach (var cell in withheld)
        {
            var range = solver.Range([(_unknown[cell.Id], 1)]);
            Assert.True(range is not null, "the served figures contradict the relations the attacker assumed");
            if (range!.Value.Min > 0 || range.Value.Max < level)
                narrowed.Add(string.Create(CultureInfo.InvariantCulture, $"{cell.Indicator} {cell.Area} {cell.Period} {cell.Sex} {cell.Band} ({cell.Reason}) lies in [{range.Value.Min}, {range.Value.Max}]"));
        }
        Assert.True(narrowed.Count == 0, "withheld cells narrowed below [0, 5]:\n" + string.Join("\n", narrowed));
    }
}
