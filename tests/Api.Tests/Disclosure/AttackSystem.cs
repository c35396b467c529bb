using System.Globalization;
using System.Text.Json.Nodes;
using CommunityJustice.Analytics.Api.Tests.Support;
using CommunityJustice.Analytics.Model.Disclosure;

namespace CommunityJustice.Analytics.Api.Tests.Disclosure;

/// <summary>One figure as a query served it.</summary>
internal sealed record Served(long Id, string Indicator, string Area, string Period, string Sex, string Band, decimal? Value, string Status, string? Reason)
{
    /// <summary>The fields of an observation node that <see cref="From"/> reads.</summary>
    public const string Fields = "id indicator { code } area { code } period { label } sex ageBand { code } value status suppressionReason";

    public static Served From(JsonNode n) => new(n["id"]!.GetValue<long>(), n["indicator"]!["code"]!.GetValue<string>(),
        n["area"]!["code"]!.GetValue<string>(), n["period"]!["label"]!.GetValue<string>(), n["sex"]!.GetValue<string>(),
        n["ageBand"]!["code"]!.GetValue<string>(), n["value"]?.GetValue<decimal>(), n["status"]!.GetValue<string>(), n["suppressionReason"]?.GetValue<string>());
}

/// <summary>Every observation a filter selects, in every edition, read page by page as any client can (within its cost budget).</summary>
internal static class ServedPages
{
    public static async Task<List<JsonNode>> AllEditionsAsync(GraphQLClient client, string where, string fields)
    {
        var nodes = new List<JsonNode>();
        string? after = null;
        while (true)
        {
            var afterArgument = after is null ? "" : $", after: \"{after}\"";
            var query = $$"""
                { observations(where: {{where}}, allEditions: true, first: 1000{{afterArgument}}) { pageInfo { hasNextPage endCursor } nodes { {{fields}} } } }
                """;
            // A patient attacker: over the client's cost budget per minute (429), wait and ask again.
            var (status, result) = await client.SendAsync(query);
            for (var attempt = 0; status == 429 && attempt < 120; attempt++)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                (status, result) = await client.SendAsync(query);
            }
            Assert.True(status == 200 && result["errors"] is null, $"HTTP {status}: {result.ToJsonString()}");
            var connection = result["data"]!["observations"]!;
            nodes.AddRange(connection["nodes"]!.AsArray().Select(n => n!));
            if (!connection["pageInfo"]!["hasNextPage"]!.GetValue<bool>()) return nodes;
            after = connection["pageInfo"]!["endCursor"]!.GetValue<string>();
        }
    }
}

/// <summary>What the attacker knows, as a system for OR-Tools: withheld figures unknown (whole, ≥ 0), served ones known.</summary>
internal sealed class AttackSystem(IReadOnlyList<Served> cells)
{
    private readonly Dictionary<long, int> _unknown = cells.Where(c => c.Value is null).Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i);
    private readonly List<(List<(int Unknown, long Coefficient)> Terms, Action<ProtectionSolver, Func<int, int>> Add)> _constraints = [];

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
        _constraints.Add((terms, (s, local) => s.AddRelation(terms.Select(t => (local(t.Item1), t.Item2)).ToList(), constant, atLeast)));
    }

    public void Between(Served cell, decimal lower, decimal upper)
    {
        if (!_unknown.TryGetValue(cell.Id, out var u)) return;
        _constraints.Add(([(u, 1)], (s, local) => s.AddRange([(local(u), 1)], (long)Math.Ceiling(lower), (long)Math.Floor(upper))));
    }

    /// <summary>Each withheld cell's range over the relations that reach it (solved per group of unknowns linked by relations).</summary>
    public void AssertProtected(IEnumerable<Served> withheld, int level)
    {
        var parent = Enumerable.Range(0, _unknown.Count).ToArray();
        int Find(int i) { while (parent[i] != i) i = parent[i] = parent[parent[i]]; return i; }
        foreach (var (terms, _) in _constraints)
            for (var k = 1; k < terms.Count; k++) parent[Find(terms[k].Unknown)] = Find(terms[0].Unknown);
        var groups = _constraints.GroupBy(c => Find(c.Terms[0].Unknown)).ToDictionary(g => g.Key, g => g.ToList());
        var narrowed = new List<string>();
        foreach (var byGroup in withheld.GroupBy(c => Find(_unknown[c.Id])))
        {
            // No relation reaches these cells: nothing served narrows them.
            if (!groups.TryGetValue(byGroup.Key, out var constraints)) continue;
            var members = Enumerable.Range(0, _unknown.Count).Where(u => Find(u) == byGroup.Key).Select((u, i) => (u, i)).ToDictionary(x => x.u, x => x.i);
            using var solver = new ProtectionSolver(members.Count);
            foreach (var (_, add) in constraints) add(solver, u => members[u]);
            foreach (var cell in byGroup)
            {
                var range = solver.Range([(members[_unknown[cell.Id]], 1)]);
                Assert.True(range is not null, "the served figures contradict the relations the attacker assumed");
                if (range!.Value.Min > 0 || range.Value.Max < level)
                    narrowed.Add(string.Create(CultureInfo.InvariantCulture, $"{cell.Indicator} {cell.Area} {cell.Period} {cell.Sex} {cell.Band} ({cell.Reason}) lies in [{range.Value.Min}, {range.Value.Max}]"));
            }
        }
        Assert.True(narrowed.Count == 0, "withheld cells narrowed below [0, 5]:\n" + string.Join("\n", narrowed));
    }
}
