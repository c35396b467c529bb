using CommunityJustice.Analytics.Model.Observations;
using Google.OrTools.Sat;

namespace CommunityJustice.Analytics.Model.Disclosure;

/// <summary>
/// The smallest pattern: after the greedy search has found a pattern that protects every target, the
/// cluster's whole cell suppression problem is solved as one integer programme (the model of Fischetti and
/// Salazar that τ-ARGUS's optimal method solves): one yes/no per published cell, and for every target two
/// copies of the attacker's table — one in which the target's count is 0 and one in which it is at least
/// the protection level — whose figures may differ from the true ones only where the cell is withheld, and
/// which satisfy every relation, whole and ≥ 0. Such copies exist exactly when the target keeps its
/// protection interval, so every solution protects every target. It withholds the fewest people (then the
/// fewest cells), starts from the greedy pattern, and keeps that one unless the solver finds a pattern that
/// costs less within its budget, which is deterministic (work, not wall time), so the same figures
/// always give the same decisions.
/// </summary>
internal sealed partial class ClusterProtection
{
    /// <summary>The solver's budget per cluster, in CP-SAT's deterministic time units (roughly seconds of one core).</summary>
    private const double OptimiserBudget = 10;

    /// <summary>Larger clusters keep the greedy pattern: the programme has a copy of the cluster per target and direction.</summary>
    private const long MaxOptimisedSize = 200_000;

    /// <summary>Whether the pattern of the last <see cref="Protect"/> was proven the smallest.</summary>
    public bool ProvenSmallest { get; private set; }

    private void Optimise()
    {
        // The greedy search can miss a pattern that exists (it adds one cell at a time): the programme looks for one protecting
        // every target first, and only then settles for the targets the greedy search protected.
        if (_unresolvable.Count > 0 && Optimise(_targets, replaceAnyway: true))
        {
            _unresolvable.Clear();
            return;
        }
        Optimise(_targets.Where(t => !_unresolvable.Contains(t.Cell.Id)).ToList(), replaceAnyway: false);
    }

    /// <summary>Solves the programme for these targets; keeps its pattern when it costs less than the current one (or anyway), and says whether it did.</summary>
    private bool Optimise(IReadOnlyList<Target> targets, bool replaceAnyway)
    {
        var cells = _cluster.Cells;
        var candidates = cells.Where(c => c.Status == ObservationStatus.Published && !IsPrimary(c)).ToList();
        if (targets.Count == 0 || candidates.Count == 0) return false;
        var variables = cells.SelectMany(c => _system.VariablesOf(c.Id)).ToList();
        if ((long)variables.Count * targets.Count * 2 > MaxOptimisedSize) return false;

        var model = new CpModel();
        var hide = candidates.ToDictionary(c => c.Id, c => model.NewBoolVar($"hide{c.Id}"));
        // Start from the current pattern, with every figure withheld wherever the same figure is withheld in another edition.
        var tiedToHidden = _cluster.Relations.Where(r => r.Label == DisclosureSystem.UnchangedAcrossEditions && r.Terms.Any(t => Hidden(t.Variable.Cell)))
            .SelectMany(r => r.Terms.Select(t => t.Variable.Cell.Id)).ToHashSet();
        foreach (var (id, y) in hide) model.AddHint(y, _decisions.ContainsKey(id) || tiedToHidden.Contains(id) ? 1 : 0);

        // Any witness within this bound proves protection; a bound only ever makes the programme more cautious.
        var level = _rules.ProtectionLevel;
        var bound = Math.Max(variables.Sum(v => v.Known ?? 0), level) + level;
        foreach (var target in targets)
        {
            AddWitness(model, variables, hide, target, bound, atMost: 0);
            AddWitness(model, variables, hide, target, bound, atLeast: level);
        }
        AddNoLoneWithheldCell(model, hide);

        var weights = Weights(candidates);
        model.Minimize(LinearExpr.WeightedSum(candidates.Select(c => hide[c.Id]), candidates.Select(c => weights[c.Id])));

        var solver = new CpSolver
        {
            StringParameters = $"num_workers:1,random_seed:0,max_deterministic_time:{OptimiserBudget.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
        };
        var status = solver.Solve(model);
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible)) return false;
        var pattern = candidates.Where(c => solver.BooleanValue(hide[c.Id])).ToList();
        var current = candidates.Where(c => _decisions.ContainsKey(c.Id)).ToList();
        if (!replaceAnyway && pattern.Sum(c => weights[c.Id]) >= current.Sum(c => weights[c.Id]))
        {
            ProvenSmallest = status == CpSolverStatus.Optimal;
            return false;
        }

        var before = current.ToDictionary(c => c.Id, c => _decisions[c.Id]);
        foreach (var cell in current) _decisions.Remove(cell.Id);
        foreach (var cell in pattern) _decisions[cell.Id] = Trial;
        // The programme's proof, checked once more by the attacker's own solver before the pattern is kept.
        if (FirstUnprotectedOf(targets) is not null)
        {
            foreach (var cell in pattern) _decisions.Remove(cell.Id);
            foreach (var (id, decision) in before) _decisions[id] = decision;
            return false;
        }
        foreach (var cell in pattern) _decisions[cell.Id] = before.TryGetValue(cell.Id, out var kept) ? kept : new SuppressionDecision(SuppressionKind.Secondary, ReasonFor(cell));
        ProvenSmallest = status == CpSolverStatus.Optimal;
        return true;
    }

    private bool IsPrimary(DisclosureCell cell) => _decisions.TryGetValue(cell.Id, out var d) && d.Kind == SuppressionKind.Primary;

    /// <summary>
    /// One copy of the attacker's table in which the target's count is at most <paramref name="atMost"/> (or at least
    /// <paramref name="atLeast"/>): every published figure as published unless its cell is withheld, every relation kept.
    /// </summary>
    private void AddWitness(CpModel model, List<DisclosureSystem.Variable> variables, Dictionary<long, BoolVar> hide, Target target, long bound,
        long? atMost = null, long? atLeast = null)
    {
        var x = new Dictionary<int, IntVar>(variables.Count);
        foreach (var variable in variables)
        {
            var value = model.NewIntVar(0, bound, "");
            x[variable.Index] = value;
            if (variable.Known is not { } known) continue;
            if (hide.TryGetValue(variable.Cell.Id, out var hidden)) model.Add(value == known).OnlyEnforceIf(hidden.Not());

        }
        foreach (var relation in _cluster.Relations)
        {
            var sum = LinearExpr.WeightedSum(relation.Terms.Select(t => x[t.Variable.Index]), relation.Terms.Select(t => t.Coefficient));
            if (relation.AtLeast) model.Add(sum >= 0);
            else model.Add(sum == 0);
        }
        var expression = LinearExpr.WeightedSum(target.Expression.Select(t => x[t.Variable.Index]), target.Expression.Select(t => t.Coefficient));
        if (atMost is { } high) model.Add(expression <= high);
        if (atLeast is { } low) model.Add(expression >= low);
    }

    /// <summary>
    /// No equation of a table is left with exactly one withheld cell (the greedy start's rule, kept so that no withheld
    /// figure, not even one withheld only to protect another, can be read off a single equation).
    /// </summary>
    private void AddNoLoneWithheldCell(CpModel model, Dictionary<long, BoolVar> hide)
    {
        foreach (var relation in _cluster.Relations.Where(r => r.WithinTable && !r.AtLeast))
        {
            var members = relation.Terms.Select(t => t.Variable.Cell).DistinctBy(c => c.Id).ToList();
            bool FixedHidden(DisclosureCell c) => !hide.ContainsKey(c.Id) && Hidden(c);
            var fixedHidden = members.Count(FixedHidden);
            foreach (var member in members)
            {
                if (!hide.ContainsKey(member.Id) && !FixedHidden(member)) continue; // published whatever is chosen
                var others = members.Where(c => c.Id != member.Id && hide.ContainsKey(c.Id)).Select(c => hide[c.Id]).ToList();
                var othersFixed = fixedHidden - (FixedHidden(member) ? 1 : 0);
                if (othersFixed > 0) continue; // another withheld cell is there whatever is chosen
                if (hide.TryGetValue(member.Id, out var self)) model.Add(LinearExpr.Sum(others) >= 1).OnlyEnforceIf(self);
                else if (others.Count > 0) model.Add(LinearExpr.Sum(others) >= 1);
            }
        }
    }

    /// <summary>The cost of withholding each cell: its people, then one per cell to break ties (fewer cells for as many people).</summary>
    private Dictionary<long, long> Weights(List<DisclosureCell> candidates)
    {
        var people = (long)candidates.Count + 1;
        return candidates.ToDictionary(c => c.Id, c => (long)Math.Min(Math.Round(Size(c)), 1_000_000m) * people + 1);
    }

    /// <summary>
    /// The reason of a cell the programme withholds: the nearest target it protects, through relations of withheld cells;
    /// among targets equally near, one of the same area first (a C2 total protects its own council's O1 statuses).
    /// </summary>
    private string ReasonFor(DisclosureCell cell)
    {
        var targets = _targets.ToDictionary(t => t.Cell.Id);
        var seen = new HashSet<long> { cell.Id };
        var layer = new List<(DisclosureCell Cell, DisclosureSystem.Relation? First)> { (cell, null) };
        while (layer.Count > 0)
        {
            var next = new List<(DisclosureCell Cell, DisclosureSystem.Relation? First)>();
            var found = new List<(Target Target, DisclosureSystem.Relation First)>();
            foreach (var (from, first) in layer)
            {
                foreach (var relation in _system.VariablesOf(from.Id).SelectMany(v => RelationsOf.GetValueOrDefault(v.Index) ?? []).Distinct())
                {
                    foreach (var other in relation.Terms.Select(t => t.Variable.Cell))
                    {
                        if (!Hidden(other) || !seen.Add(other.Id)) continue;
                        if (targets.TryGetValue(other.Id, out var target)) found.Add((target, first ?? relation));
                        else next.Add((other, first ?? relation));
                    }
                }
            }
            if (found.Count > 0)
            {
                var (target, relation) = found.OrderBy(f => f.Target.Cell.AreaCode == cell.AreaCode ? 0 : 1).ThenBy(f => f.First.WithinTable ? 0 : 1)
                    .ThenBy(f => f.Target.Cell.Id).First();
                return SecondaryReason(target, relation);
            }
            layer = next;
        }
        return "SECONDARY: protects a suppressed cell of a linked table";
    }
}
