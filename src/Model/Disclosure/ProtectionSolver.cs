using Google.OrTools.Sat;
using Glop = Google.OrTools.LinearSolver;

namespace CommunityJustice.Analytics.Model.Disclosure;

/// <summary>
/// What someone who sees the published figures can work out about the withheld ones: the smallest and
/// largest value of a linear expression over the whole numbers consistent with every relation, with
/// every count ≥ 0 (OR-Tools CP-SAT, an exact integer solver; a maintained library in place of the
/// hand-written elimination, docs/disclosure-control.md). Unknowns are numbered 0..n−1.
/// </summary>
public sealed class ProtectionSolver : IDisposable
{
    /// <summary>Upper bound for an unknown count: far above any count in the data, small enough for exact integer arithmetic.</summary>
    public const long Unbounded = 1_000_000_000;

    private readonly int _unknowns;
    private readonly List<(int[] Vars, long[] Coefficients, long Lower, long Upper)> _constraints = [];

    private Glop.Solver? _programme;
    private Glop.Variable[] _programmeVariables = [];
    private bool _contradictory;

    public ProtectionSolver(int unknowns) => _unknowns = unknowns;

    public void Dispose() => _programme?.Dispose();

    /// <summary>Σ coefficient × unknown + constant = 0, or ≥ 0 when <paramref name="atLeast"/>.</summary>
    public void AddRelation(IReadOnlyList<(int Unknown, long Coefficient)> terms, long constant, bool atLeast)
    {
        var merged = terms.GroupBy(t => t.Unknown).Select(g => (g.Key, g.Sum(t => t.Coefficient))).Where(t => t.Item2 != 0).ToArray();
        _constraints.Add((merged.Select(t => t.Key).ToArray(), merged.Select(t => t.Item2).ToArray(), -constant, atLeast ? long.MaxValue / 4 : -constant));
    }

    /// <summary>lower ≤ Σ coefficient × unknown ≤ upper.</summary>
    public void AddRange(IReadOnlyList<(int Unknown, long Coefficient)> terms, long lower, long upper)
    {
        var merged = terms.GroupBy(t => t.Unknown).Select(g => (g.Key, g.Sum(t => t.Coefficient))).Where(t => t.Item2 != 0).ToArray();
        _constraints.Add((merged.Select(t => t.Key).ToArray(), merged.Select(t => t.Item2).ToArray(), lower, upper));
    }

    /// <summary>
    /// The range of Σ coefficient × unknown over the feasible whole numbers: (min, max), with max capped at
    /// <see cref="Unbounded"/>. Null when nothing is feasible (the relations contradict the figures).
    /// </summary>
    public (long Min, long Max)? Range(IReadOnlyList<(int Unknown, long Coefficient)> target)
    {
        var min = Solve(target, maximise: false);
        if (min is null) return null;
        var max = Solve(target, maximise: true);
        return max is null ? null : (min.Value, max.Value);
    }

    private const double Tolerance = 1e-6;

    /// <summary>How long the linear programme may take on one objective before the exact solver is asked instead.</summary>
    private const long ProgrammeTimeLimitMilliseconds = 500;

    /// <summary>
    /// The linear programme's optimum, and whether the point reaching it is whole (then it is the integer optimum too);
    /// null when infeasible. Throws <see cref="ProgrammeUndecidedException"/> when GLOP ends without an answer (its time
    /// limit: on some degenerate programmes re-solved with a new objective it does not finish).
    /// </summary>
    private (double Value, bool Whole)? Relaxed(IReadOnlyList<(int Unknown, long Coefficient)> target, bool maximise)
    {
        var solver = Programme();
        if (solver is null) return null;
        var vars = _programmeVariables;
        var objective = solver.Objective();
        objective.Clear();
        foreach (var (unknown, coefficient) in target) objective.SetCoefficient(vars[unknown], coefficient);
        if (maximise) objective.SetMaximization();
        else objective.SetMinimization();
        switch (solver.Solve())
        {
            case Glop.Solver.ResultStatus.OPTIMAL:
                var whole = vars.All(v => Math.Abs(v.SolutionValue() - Math.Round(v.SolutionValue())) < Tolerance);
                return (objective.Value(), whole);
            case Glop.Solver.ResultStatus.INFEASIBLE:
                return null;
            default:
                // Start the next objective from a fresh programme rather than from where this one stopped.
                solver.Dispose();
                _programme = null;
                throw new ProgrammeUndecidedException();
        }
    }

    private sealed class ProgrammeUndecidedException : Exception;

    /// <summary>The linear programme of the relations, built once and re-solved for each objective; null when the knowns contradict a relation.</summary>
    private Glop.Solver? Programme()
    {
        if (_programme is not null || _contradictory) return _programme;
        var solver = Glop.Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("OR-Tools has no GLOP solver.");
        solver.SetTimeLimit(ProgrammeTimeLimitMilliseconds);
        var vars = new Glop.Variable[_unknowns];
        for (var i = 0; i < _unknowns; i++) vars[i] = solver.MakeNumVar(0, Unbounded, $"x{i}");
        foreach (var (ids, coefficients, lower, upper) in _constraints)
        {
            if (ids.Length == 0)
            {
                if (lower <= 0 && upper >= 0) continue;
                _contradictory = true;
                solver.Dispose();
                return null;
            }
            var constraint = solver.MakeConstraint(lower, upper >= long.MaxValue / 4 ? double.PositiveInfinity : upper);
            for (var k = 0; k < ids.Length; k++) constraint.SetCoefficient(vars[ids[k]], coefficients[k]);
        }
        _programmeVariables = vars;
        return _programme = solver;
    }

    /// <summary>
    /// Whether Σ coefficient × unknown can be 0 (or less) and can be <paramref name="level"/> (or more): two
    /// feasibility questions, quicker to answer than the two optimisations of <see cref="Range"/>.
    /// </summary>
    /// <remarks>
    /// The linear programme answers first: its range is never narrower than the integer one, so a "no" from it
    /// is final, and a "yes" reached at a whole-number point is an integer witness. Only a "yes" reached at a
    /// fractional point is asked again of CP-SAT, on whole numbers.
    /// </remarks>
    public bool Spans(IReadOnlyList<(int Unknown, long Coefficient)> target, long level)
    {
        try
        {
            var min = Relaxed(target, maximise: false);
            if (min is not { } low || low.Value > Tolerance) return false;
            if (!low.Whole && !Feasible(target, long.MinValue / 4, 0)) return false;
            var max = Relaxed(target, maximise: true);
            if (max is not { } high || high.Value < level - Tolerance) return false;
            return high.Whole || Feasible(target, level, long.MaxValue / 4);
        }
        catch (ProgrammeUndecidedException)
        {
            // The exact solver answers both questions on whole numbers.
            return Feasible(target, long.MinValue / 4, 0) && Feasible(target, level, long.MaxValue / 4);
        }
    }

    /// <summary>
    /// The range of Σ coefficient × unknown over the real numbers (the linear programme, GLOP): at least as wide
    /// as <see cref="Range"/>, and much quicker; the exact range where the programme does not finish. Max is capped by
    /// <see cref="Unbounded"/>; null when infeasible.
    /// </summary>
    public (double Min, double Max)? RelaxedRange(IReadOnlyList<(int Unknown, long Coefficient)> target)
    {
        try
        {
            var min = Relaxed(target, maximise: false);
            var max = Relaxed(target, maximise: true);
            return min is null || max is null ? null : (min.Value.Value, max.Value.Value);
        }
        catch (ProgrammeUndecidedException)
        {
            return Range(target) is { } exact ? (exact.Min, exact.Max) : null;
        }
    }

    private bool Feasible(IReadOnlyList<(int Unknown, long Coefficient)> target, long lower, long upper)
    {
        var (model, vars) = Model();
        if (model is null) return false;
        model.AddLinearConstraint(LinearExpr.WeightedSum(target.Select(t => vars[t.Unknown]), target.Select(t => t.Coefficient)), lower, upper);
        var status = NewSolver().Solve(model);
        return status is CpSolverStatus.Optimal or CpSolverStatus.Feasible;
    }

    // One worker: the machine's cores are shared with PostgreSQL and the API; these models are small.
    private static CpSolver NewSolver() => new() { StringParameters = "num_workers:1,max_time_in_seconds:20" };

    private (CpModel? Model, IntVar[] Vars) Model()
    {
        var model = new CpModel();
        var vars = new IntVar[_unknowns];
        for (var i = 0; i < _unknowns; i++) vars[i] = model.NewIntVar(0, Unbounded, $"x{i}");
        foreach (var (ids, coefficients, lower, upper) in _constraints)
        {
            if (ids.Length == 0)
            {
                if (lower > 0 || upper < 0) return (null, vars);
                continue;
            }
            model.AddLinearConstraint(LinearExpr.WeightedSum(ids.Select(i => vars[i]), coefficients), lower, upper);
        }
        return (model, vars);
    }

    private long? Solve(IReadOnlyList<(int Unknown, long Coefficient)> target, bool maximise)
    {
        var (model, vars) = Model();
        if (model is null) return null;
        var objective = LinearExpr.WeightedSum(target.Select(t => vars[t.Unknown]), target.Select(t => t.Coefficient));
        if (maximise) model.Maximize(objective);
        else model.Minimize(objective);
        var solver = NewSolver();
        var status = solver.Solve(model);
        return status switch
        {
            CpSolverStatus.Optimal => (long)Math.Round(solver.ObjectiveValue),
            // Not proven optimal within the time limit: a value actually reached is the safe side for protection
            // (the true range is at least as wide as the values found, never narrower).
            CpSolverStatus.Feasible => (long)Math.Round(solver.ObjectiveValue),
            _ => null,
        };
    }
}
