using CommunityJustice.Analytics.Model.Observations;

namespace CommunityJustice.Analytics.Model.Disclosure;

/// <summary>
/// Secondary suppression for one cluster of linked cells. Every cell withheld by the primary rule or
/// at source is a <i>target</i>: what must stay unknown is its count of people (the value of a count; the
/// numerator, the denominator or their difference for a rate, whichever the primary rule found small).
/// While some target's range, as <see cref="ProtectionSolver"/> finds it from everything published, does
/// not reach from 0 to the protection level, one more cell is withheld: among the published cells of the
/// relations nearest the target, one large enough to make room (a part before a total), else the smallest.
/// Then every cell withheld this way is tried back, largest first, and stays published when every
/// target remains protected without it: no secondary cell can be released, and the withheld people
/// are few, though not always the fewest possible (that is an integer programme over every pattern,
/// as τ-ARGUS's optimal method solves; see docs/disclosure-control.md).
/// </summary>
internal sealed partial class ClusterProtection
{
    private sealed record Target(DisclosureCell Cell, IReadOnlyList<(DisclosureSystem.Variable Variable, long Coefficient)> Expression);

    private readonly DisclosureSystem _system;
    private readonly DisclosureSystem.Cluster _cluster;
    private readonly DisclosureRules _rules;
    private readonly Dictionary<long, SuppressionDecision> _decisions;
    private readonly List<Target> _targets;
    private readonly HashSet<long> _unresolvable = [];
    // Withholding a cell only widens every range, so while cells are being added a protected target stays protected.
    private readonly HashSet<long> _knownProtected = [];

    public ClusterProtection(DisclosureSystem system, DisclosureSystem.Cluster cluster, DisclosureRules rules,
        Dictionary<long, SuppressionDecision> decisions, Func<DisclosureCell, bool>? isTarget = null)
    {
        _system = system;
        _cluster = cluster;
        _rules = rules;
        _decisions = decisions;
        _targets = cluster.Cells.Where(c => isTarget?.Invoke(c) ?? true).Select(TargetOf).OfType<Target>().ToList();
    }

    /// <summary>Whether every target reached its protection interval in the last <see cref="Protect"/>.</summary>
    public bool AllProtected => _unresolvable.Count == 0;

    private bool Hidden(DisclosureCell cell) => cell.Status == ObservationStatus.Suppressed || _decisions.ContainsKey(cell.Id);

    /// <summary>A published cell this run may withhold.</summary>
    private bool Withholdable(DisclosureCell cell) => cell.Status == ObservationStatus.Published && !_decisions.ContainsKey(cell.Id);

    private Target? TargetOf(DisclosureCell cell)
    {
        var variables = _system.VariablesOf(cell.Id);
        DisclosureSystem.Variable? Part(CellPart part) => variables.FirstOrDefault(v => v.Part == part);
        if (cell.Status == ObservationStatus.Suppressed)
        {
            var first = Part(CellPart.Value) ?? Part(CellPart.Numerator) ?? Part(CellPart.Denominator);
            return first is null ? null : new Target(cell, [(first, 1)]);
        }
        if (!_decisions.TryGetValue(cell.Id, out var decision) || decision.Kind != SuppressionKind.Primary) return null;
        if (Part(CellPart.Value) is { } value) return new Target(cell, [(value, 1)]);
        var numerator = Part(CellPart.Numerator);
        var denominator = Part(CellPart.Denominator);
        var threshold = _rules.Threshold;
        if (numerator?.Known < threshold) return new Target(cell, [(numerator, 1)]);
        if (denominator?.Known < threshold) return new Target(cell, [(denominator!, 1)]);
        if (numerator is not null && denominator is not null) return new Target(cell, [(denominator, 1), (numerator, -1)]);
        return numerator is not null ? new Target(cell, [(numerator, 1)]) : denominator is not null ? new Target(cell, [(denominator, 1)]) : null;
    }

    public void Protect()
    {
        Seed();
        var added = new List<DisclosureCell>();
        while (FirstUnprotected() is { } target)
        {
            var range = RangeOf(target);
            if (Choose(target, range) is not { } choice)
            {
                _unresolvable.Add(target.Cell.Id);
                continue;
            }
            _decisions[choice.Cell.Id] = new SuppressionDecision(SuppressionKind.Secondary, SecondaryReason(target, choice.Relation));
            added.Add(choice.Cell);
        }
        // Release what the solver's search added and is not needed, largest first. Releasing a cell can only narrow the targets whose
        // relations reach it through withheld cells, so only those are checked again.
        foreach (var cell in added.OrderByDescending(Size).ThenByDescending(c => c.Id))
        {
            var affected = AffectedBy(cell);
            var decision = _decisions[cell.Id];
            _decisions.Remove(cell.Id);
            if (FirstUnprotectedOf(affected) is not null) _decisions[cell.Id] = decision;
        }
        Optimise();
    }

    /// <summary>
    /// A start that is cheap and usually close: every equation of a table holding exactly one withheld cell
    /// gets a second, the smallest published part large enough to give the withheld cell room up to the
    /// protection level (else the largest part, else the total), until none holds exactly one. The solver
    /// then finds what this leaves unprotected (relations that overlap, inequalities, other tables).
    /// </summary>
    private void Seed()
    {
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var relation in _cluster.Relations.Where(r => r.WithinTable && !r.AtLeast))
            {
                var members = relation.Terms.Select((t, i) => (t.Variable.Cell, IsTotal: i == 0)).DistinctBy(m => m.Cell.Id).ToList();
                var hidden = members.Where(m => Hidden(m.Cell)).ToList();
                if (hidden.Count != 1) continue;
                var lone = hidden[0].Cell;
                var need = Math.Max(0, _rules.ProtectionLevel - (SuppressionEngine.PeopleCount(lone) ?? 0));
                var pick = members.Where(m => Withholdable(m.Cell))
                    .OrderBy(m => m.IsTotal ? 1 : 0)
                    .ThenBy(m => Size(m.Cell) >= need ? 0 : 1)
                    .ThenBy(m => Size(m.Cell) >= need ? Size(m.Cell) : -Size(m.Cell))
                    .ThenBy(m => m.Cell.Id)
                    .Select(m => m.Cell).FirstOrDefault();
                if (pick is null) continue;
                var target = _targets.FirstOrDefault(t => t.Cell.Id == lone.Id) ?? new Target(lone, []);
                _decisions[pick.Id] = new SuppressionDecision(SuppressionKind.Secondary, SecondaryReason(target, relation));
                changed = true;
            }
        }
    }

    /// <summary>The targets whose range currently spans 0 to the protection level.</summary>
    public HashSet<long> ProtectedTargets()
    {
        var result = new HashSet<long>();
        foreach (var group in Components(_targets))
        {
            using var solver = group.Solver;
            foreach (var target in group.Targets)
                if (solver.Spans(group.ExpressionOf(target), _rules.ProtectionLevel)) result.Add(target.Cell.Id);
        }
        return result;
    }

    private Target? FirstUnprotected()
    {
        var unchecked_ = _targets.Where(t => !_unresolvable.Contains(t.Cell.Id) && !_knownProtected.Contains(t.Cell.Id)).ToList();
        var failing = FirstUnprotectedOf(unchecked_);
        foreach (var target in unchecked_.TakeWhile(t => t != failing)) _knownProtected.Add(target.Cell.Id);
        return failing;
    }

    /// <summary>The first of these targets (in order) whose range does not span 0 to the protection level, or null.</summary>
    private Target? FirstUnprotectedOf(IReadOnlyList<Target> targets)
    {
        Target? first = null;
        var firstIndex = int.MaxValue;
        var order = targets.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i);
        foreach (var group in Components(targets))
        {
            using var solver = group.Solver;
            foreach (var target in group.Targets)
            {
                if (order[target] > firstIndex) break;
                if (solver.Spans(group.ExpressionOf(target), _rules.ProtectionLevel)) continue;
                first = target;
                firstIndex = order[target];
                break;
            }
        }
        return first;
    }

    private bool Spans(Target target) => FirstUnprotectedOf([target]) is null;

    /// <summary>The targets whose system reaches this withheld cell (only they can narrow when it is released).</summary>
    private List<Target> AffectedBy(DisclosureCell cell)
    {
        var affected = new List<Target>();
        foreach (var group in Components(_targets.Where(t => !_unresolvable.Contains(t.Cell.Id)).ToList()))
        {
            group.Solver.Dispose();
            if (group.Cells.Contains(cell.Id)) affected.AddRange(group.Targets);
        }
        return affected;
    }

    private sealed record Component(ProtectionSolver Solver, Dictionary<int, int> Unknowns, HashSet<long> Cells, List<Target> Targets)
    {
        public List<(int, long)> ExpressionOf(Target target) => target.Expression.Select(t => (Unknowns[t.Variable.Index], t.Coefficient)).ToList();
    }

    /// <summary>The targets grouped by the system that bears on them (one linear programme per group, re-solved per target).</summary>
    private List<Component> Components(IReadOnlyList<Target> targets)
    {
        var components = new List<Component>();
        foreach (var target in targets)
        {
            if (components.FirstOrDefault(c => c.Cells.Contains(target.Cell.Id)) is { } existing)
            {
                existing.Targets.Add(target);
                continue;
            }
            var (solver, unknowns, cells) = SystemFor(target);
            components.Add(new Component(solver, unknowns, cells, [target]));
        }
        return components;
    }

    private Dictionary<int, List<DisclosureSystem.Relation>>? _relationsOf;

    /// <summary>The cluster's relations by the variables they hold, built on first use.</summary>
    private Dictionary<int, List<DisclosureSystem.Relation>> RelationsOf => _relationsOf ??= _cluster.Relations
        .SelectMany(r => r.Terms.Select(t => (t.Variable.Index, r)))
        .GroupBy(x => x.Index).ToDictionary(g => g.Key, g => g.Select(x => x.r).Distinct().ToList());

    /// <summary>
    /// The attacker's system for one target: the relations reached from its figures through withheld
    /// figures (the others are known, so they cut the chain), the withheld figures unknown and ≥ 0.
    /// </summary>
    private (ProtectionSolver Solver, Dictionary<int, int> Unknowns, HashSet<long> Cells) SystemFor(Target target)
    {
        var unknowns = new Dictionary<int, int>();
        var cells = new HashSet<long> { target.Cell.Id };
        var queue = new Queue<DisclosureSystem.Variable>();
        foreach (var variable in _system.VariablesOf(target.Cell.Id))
        {
            unknowns[variable.Index] = unknowns.Count;
            queue.Enqueue(variable);
        }
        var relations = new HashSet<DisclosureSystem.Relation>();
        while (queue.TryDequeue(out var variable))
        {
            if (!RelationsOf.TryGetValue(variable.Index, out var touching)) continue;
            foreach (var relation in touching)
            {
                if (!relations.Add(relation)) continue;
                foreach (var (other, _) in relation.Terms)
                {
                    if (unknowns.ContainsKey(other.Index) || !Hidden(other.Cell)) continue;
                    unknowns[other.Index] = unknowns.Count;
                    cells.Add(other.Cell.Id);
                    queue.Enqueue(other);
                }
            }
        }
        var solver = new ProtectionSolver(unknowns.Count);
        foreach (var relation in relations)
        {
            var terms = new List<(int, long)>();
            long constant = 0;
            foreach (var (variable, coefficient) in relation.Terms)
            {
                if (unknowns.TryGetValue(variable.Index, out var u)) terms.Add((u, coefficient));
                else constant += coefficient * variable.Known!.Value;
            }
            solver.AddRelation(terms, constant, relation.AtLeast);
        }
        return (solver, unknowns, cells);
    }

    private const int MaxTried = 4;
    private static readonly SuppressionDecision Trial = new(SuppressionKind.Secondary, "trial");

    private (long Min, long Max)? RangeOf(Target target)
    {
        // Only to size the next cell to withhold: the linear programme's range is close enough.
        var (solver, unknowns, _) = SystemFor(target);
        var expression = target.Expression.Select(t => (unknowns[t.Variable.Index], t.Coefficient)).ToList();
        using (solver) return solver.RelaxedRange(expression) is { } r ? ((long)Math.Ceiling(r.Min - 1e-6), (long)Math.Floor(r.Max + 1e-6)) : null;
    }

    private sealed record Choice(DisclosureCell Cell, DisclosureSystem.Relation Relation);

    /// <summary>
    /// The next cell to withhold for a target: searching outwards from the target through relations
    /// that hold withheld cells, the published cells of the nearest relations; among them one whose count
    /// is at least what the target's range lacks (a part before a total), else the largest.
    /// </summary>
    private Choice? Choose(Target target, (long Min, long Max)? range)
    {
        var need = range is not { } r ? _rules.ProtectionLevel : Math.Max(_rules.ProtectionLevel - r.Max, r.Min);
        var reached = new HashSet<long> { target.Cell.Id };
        var frontier = new HashSet<long> { target.Cell.Id };
        var used = new HashSet<DisclosureSystem.Relation>();
        while (frontier.Count > 0)
        {
            var relations = _cluster.Relations.Where(rel => !used.Contains(rel) && rel.Terms.Any(t => frontier.Contains(t.Variable.Cell.Id))).ToList();
            used.UnionWith(relations);
            var candidates = relations
                .SelectMany(rel => rel.Terms.Select((t, i) => (t.Variable.Cell, Relation: rel, IsTotal: i == 0)))
                .Where(c => Withholdable(c.Cell))
                .ToList();
            if (candidates.Count > 0)
            {
                var ordered = candidates
                    .OrderBy(c => Size(c.Cell) >= need ? 0 : 1)
                    .ThenBy(c => Size(c.Cell) >= need ? Size(c.Cell) : -Size(c.Cell))
                    .ThenBy(c => c.IsTotal ? 1 : 0)
                    .ThenBy(c => c.Relation.WithinTable ? 0 : 1)
                    .ThenBy(c => c.Cell.Id)
                    .DistinctBy(c => c.Cell.Id)
                    .ToList();
                // The first (in that order) that protects the target on its own; else the first.
                foreach (var candidate in ordered.Take(MaxTried))
                {
                    _decisions[candidate.Cell.Id] = Trial;
                    var protects = Spans(target);
                    _decisions.Remove(candidate.Cell.Id);
                    if (protects) return new Choice(candidate.Cell, candidate.Relation);
                }
                return new Choice(ordered[0].Cell, ordered[0].Relation);
            }
            frontier = relations.SelectMany(rel => rel.Terms).Select(t => t.Variable.Cell).Where(c => Hidden(c) && reached.Add(c.Id)).Select(c => c.Id).ToHashSet();
        }
        return null;
    }

    private static decimal Size(DisclosureCell cell) => SuppressionEngine.PeopleCount(cell) ?? cell.Denominator ?? cell.Value ?? decimal.MaxValue;

    private static string SecondaryReason(Target target, DisclosureSystem.Relation relation)
    {
        var cell = target.Cell;
        if (cell.Status == ObservationStatus.Suppressed)
            return $"SECONDARY: protects a cell suppressed at source by the publisher ({cell.IndicatorCode}, {cell.AreaCode}, {cell.PeriodLabel ?? cell.PeriodStart.ToString("yyyy-MM-dd")})";
        return relation.WithinTable
            ? $"SECONDARY: protects a suppressed cell {relation.Label}"
            : $"SECONDARY: protects a suppressed cell of another table ({relation.Label})";
    }
}
