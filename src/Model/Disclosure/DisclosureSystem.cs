using CommunityJustice.Analytics.Model.Indicators;
using CommunityJustice.Analytics.Model.Observations;
using CommunityJustice.Analytics.Model.Reference;

namespace CommunityJustice.Analytics.Model.Disclosure;

/// <summary>Which figure of a cell a variable stands for.</summary>
public enum CellPart
{
    Value,
    Numerator,
    Denominator,
}

/// <summary>
/// The figures of protected cells (counts of people, and the numerators and denominators of rates of
/// people) as the unknowns and knowns of a system of relations: within a table (All = Male + Female,
/// all ages = sum of bands, Scotland = sum of councils) and across tables as the disclosure catalogue
/// declares (e.g. arrivals = the legal statuses' arrivals + those of unknown status). A relation the
/// published figures show to hold exactly is an equation; one where the total is larger than its
/// parts somewhere is "total ≥ sum of parts"; one the published figures contradict is dropped.
/// Cells not available or not applicable are left out of relations, as if they were zero, so they
/// never count as protection. Linked cells form clusters that are decided separately.
/// </summary>
public sealed class DisclosureSystem
{
    public sealed record Variable(int Index, DisclosureCell Cell, CellPart Part)
    {
        /// <summary>The published figure, when the cell is published (for a percentage with only a base, the count anyone can compute).</summary>
        public long? Known => Cell.Status != ObservationStatus.Published ? null : Part switch
        {
            CellPart.Value => Cell.Value is { } v ? (long)Math.Round(v) : null,
            CellPart.Numerator => SuppressionEngine.PeopleCount(Cell) is { } n ? (long)Math.Round(n) : null,
            _ => Cell.Denominator is { } d ? (long)Math.Round(d) : null,
        };
    }

    /// <summary>Σ coefficient × variable = 0 (or ≥ 0 when <see cref="AtLeast"/>): the total with +1, each part with −1.</summary>
    public sealed record Relation(IReadOnlyList<(Variable Variable, long Coefficient)> Terms, bool AtLeast, string Label, bool WithinTable);

    /// <summary>The label of the relation that ties a figure to the same, unchanged figure of the next edition.</summary>
    public const string UnchangedAcrossEditions = "in another edition of the same table (the figure is unchanged)";

    private readonly Dictionary<long, List<Variable>> _variablesOfCell = [];
    private readonly List<Relation> _relations = [];

    public IReadOnlyList<DisclosureCell> Cells { get; }

    public IReadOnlyList<Variable> Variables { get; }

    public IReadOnlyList<Relation> Relations => _relations;

    /// <summary>Groups of cells that share relations; a decision in one never affects another.</summary>
    public IReadOnlyList<Cluster> Clusters { get; }

    public IReadOnlyList<Variable> VariablesOf(long cellId) => _variablesOfCell.TryGetValue(cellId, out var v) ? v : [];

    public sealed record Cluster(IReadOnlyList<DisclosureCell> Cells, IReadOnlyList<Relation> Relations);

    private readonly Func<DisclosureCell, bool> _withheldByRule;

    private DisclosureSystem(IReadOnlyList<DisclosureCell> cells, DisclosureCatalogue catalogue, Func<DisclosureCell, bool> withheldByRule)
    {
        Cells = cells;
        _withheldByRule = withheldByRule;
        var variables = new List<Variable>();
        foreach (var table in cells.GroupBy(TableOf))
        {
            var list = table.ToList();
            var parts = PartsOf(list, catalogue);
            if (parts.Length == 0) continue; // rates with no count behind them: nothing to reason about
            foreach (var cell in list.Where(c => c.Status is ObservationStatus.Published or ObservationStatus.Suppressed))
            {
                foreach (var part in parts)
                {
                    var variable = new Variable(variables.Count, cell, part);
                    if (cell.Status == ObservationStatus.Published && variable.Known is null) continue;
                    variables.Add(variable);
                    if (!_variablesOfCell.TryGetValue(cell.Id, out var own)) _variablesOfCell[cell.Id] = own = [];
                    own.Add(variable);
                }
            }
            foreach (var part in parts) AddWithinTable(list, part);
        }
        Variables = variables;
        AddAcrossTables(catalogue);
        AddAcrossEditions();
        Clusters = BuildClusters();
    }

    /// <param name="withheldByRule">Cells the primary rule withholds: an instance holding one does not show whether a relation is exact.</param>
    public static DisclosureSystem Build(IEnumerable<DisclosureCell> cells, DisclosureCatalogue catalogue, Func<DisclosureCell, bool>? withheldByRule = null) =>
        new(cells.Where(c => HasCounts(c, catalogue)).OrderBy(c => c.Id).ToList(), catalogue, withheldByRule ?? (_ => false));

    /// <summary>Whether a cell carries a count of people the system can reason about (a count, or an inline numerator or denominator).</summary>
    private static bool HasCounts(DisclosureCell cell, DisclosureCatalogue catalogue) =>
        catalogue.ClassOf(cell.IndicatorCode, cell.MeasureType) is var c && DisclosureCatalogue.IsProtected(c);

    private static (int, string, DateOnly, DateOnly) TableOf(DisclosureCell c) => (c.DatasetVersionId, c.IndicatorCode, c.PeriodStart, c.PeriodEnd);

    private static CellPart[] PartsOf(List<DisclosureCell> table, DisclosureCatalogue catalogue)
    {
        var first = table[0];
        if (catalogue.ClassOf(first.IndicatorCode, first.MeasureType) == DisclosureClass.PeopleCount) return [CellPart.Value];
        var parts = new List<CellPart>();
        if (table.Any(c => c.Numerator is not null || (c.MeasureType == MeasureType.Percentage && c.Denominator is not null))) parts.Add(CellPart.Numerator);
        if (table.Any(c => c.Denominator is not null)) parts.Add(CellPart.Denominator);
        return parts.ToArray();
    }

    private Variable? VariableOf(DisclosureCell cell, CellPart part) => VariablesOf(cell.Id).FirstOrDefault(v => v.Part == part);

    private void AddWithinTable(List<DisclosureCell> table, CellPart part)
    {
        var instances = new Dictionary<string, List<List<(Variable, long)>>>();
        foreach (var group in Groups(table))
        {
            if (VariableOf(group.Total, part) is not { } total) continue; // no total figure: nothing to difference
            var terms = new List<(Variable, long)> { (total, 1) };
            terms.AddRange(group.Members.Where(m => m.Id != group.Total.Id).Select(m => VariableOf(m, part)).OfType<Variable>().Select(v => (v, -1L)));
            if (terms.Count < 2) continue;
            if (!instances.TryGetValue(group.Dimension, out var list)) instances[group.Dimension] = list = [];
            list.Add(terms);
        }
        foreach (var (dimension, list) in instances) AddTemplate(list, declaredComplete: true, $"in the same {dimension} group", withinTable: true);
    }

    private void AddAcrossTables(DisclosureCatalogue catalogue)
    {
        var byKey = Cells.GroupBy(c => (c.IndicatorCode, c.AreaCode, c.PeriodStart, c.PeriodEnd, c.Sex, c.AgeBandCode))
            .ToDictionary(g => g.Key, g => g.ToList());
        foreach (var relation in catalogue.Relations.Where(r => r.Kind == DisclosureRelationKind.Sum))
        {
            var instances = new List<List<(Variable, long)>>();
            foreach (var total in Cells.Where(c => c.IndicatorCode == relation.Total))
            {
                if (VariableOf(total, CellPart.Value) is not { } totalVariable) continue;
                var terms = new List<(Variable, long)> { (totalVariable, 1) };
                foreach (var part in relation.Parts)
                {
                    if (!byKey.TryGetValue((part, total.AreaCode, total.PeriodStart, total.PeriodEnd, total.Sex, total.AgeBandCode), out var candidates)) continue;
                    // The same edition where the part's dataset is the total's; otherwise the latest edition loaded.
                    var cell = candidates.FirstOrDefault(c => c.DatasetVersionId == total.DatasetVersionId) ?? candidates.MaxBy(c => c.DatasetVersionId)!;
                    if (VariableOf(cell, CellPart.Value) is { } v) terms.Add((v, -1));
                }
                if (terms.Count >= 2) instances.Add(terms);
            }
            AddTemplate(instances, relation.Complete, $"{relation.Total} = {string.Join(" + ", relation.Parts)}{(relation.Complete ? "" : " + others")}", withinTable: false);
        }
    }

    /// <summary>
    /// A figure that a later edition repeats unchanged is the same figure: an attacker who reads both editions
    /// (`asPublishedOn`, `allEditions`) may take it from the one that publishes it. So each figure is tied to the
    /// same cell of the next edition that holds the same figures, and the two are withheld together or not at all.
    /// Revised figures (different values) are not tied: one edition's value is not the other's.
    /// </summary>
    private void AddAcrossEditions()
    {
        var instances = new List<List<(Variable, long)>>();
        foreach (var same in Cells.GroupBy(c => (c.IndicatorCode, c.AreaCode, c.PeriodStart, c.PeriodEnd, c.Sex, c.AgeBandCode)).Where(g => g.Count() > 1))
        {
            var editions = same.OrderBy(c => c.DatasetVersionId).ToList();
            for (var i = 0; i < editions.Count; i++)
            {
                var next = editions.Skip(i + 1).FirstOrDefault(c => SameFigures(editions[i], c));
                if (next is null) continue;
                foreach (var variable in VariablesOf(editions[i].Id))
                    if (VariableOf(next, variable.Part) is { } repeated) instances.Add([(variable, 1), (repeated, -1)]);
            }
        }
        AddTemplate(instances, declaredComplete: true, UnchangedAcrossEditions, withinTable: true);
    }

    private static bool SameFigures(DisclosureCell a, DisclosureCell b) =>
        a.Status == ObservationStatus.Published && b.Status == ObservationStatus.Published
        && a.Value == b.Value && a.Numerator == b.Numerator && a.Denominator == b.Denominator;

    /// <summary>Adds the instances of one relation, as an equation, an inequality or not at all, as the published figures show it holds.</summary>
    private void AddTemplate(List<List<(Variable Variable, long Coefficient)>> instances, bool declaredComplete, string label, bool withinTable)
    {
        var exact = true;
        // Judged only on what is published and stays published: someone who sees the figures can check it there too.
        foreach (var terms in instances.Where(t => t.All(x => x.Variable.Known is not null && !_withheldByRule(x.Variable.Cell))))
        {
            var difference = terms.Sum(t => t.Coefficient * t.Variable.Known!.Value);
            if (difference < 0) return; // the total is smaller than its parts: not a relation the figures keep
            if (difference > 0) exact = false;
        }
        var atLeast = !exact || !declaredComplete;
        foreach (var terms in instances) _relations.Add(new Relation(terms, atLeast, label, withinTable));
    }

    private List<Cluster> BuildClusters()
    {
        var parent = Enumerable.Range(0, Variables.Count).ToArray();
        int Find(int i) { while (parent[i] != i) i = parent[i] = parent[parent[i]]; return i; }
        void Union(int a, int b) { a = Find(a); b = Find(b); if (a != b) parent[a] = b; }
        foreach (var own in _variablesOfCell.Values) for (var i = 1; i < own.Count; i++) Union(own[0].Index, own[i].Index);
        foreach (var relation in _relations) for (var i = 1; i < relation.Terms.Count; i++) Union(relation.Terms[0].Variable.Index, relation.Terms[i].Variable.Index);
        var cellsByRoot = Variables.GroupBy(v => Find(v.Index)).ToDictionary(g => g.Key, g => g.Select(v => v.Cell).DistinctBy(c => c.Id).ToList());
        var relationsByRoot = _relations.GroupBy(r => Find(r.Terms[0].Variable.Index)).ToDictionary(g => g.Key, g => g.ToList());
        return cellsByRoot.Select(c => new Cluster(c.Value, relationsByRoot.GetValueOrDefault(c.Key) ?? [])).ToList();
    }

    private sealed record SiblingGroup(string Dimension, DisclosureCell Total, IReadOnlyList<DisclosureCell> Members);

    /// <summary>The additive relations of a table: each total and the parts that add up to it.</summary>
    private static List<SiblingGroup> Groups(List<DisclosureCell> cells)
    {
        var groups = new List<SiblingGroup>();
        void Add(string dimension, IEnumerable<DisclosureCell> members, Func<DisclosureCell, bool> isTotal)
        {
            var list = members.ToList();
            var total = list.FirstOrDefault(isTotal);
            if (total is null || list.Count < 2) return;
            groups.Add(new SiblingGroup(dimension, total, list));
        }
        foreach (var g in cells.GroupBy(c => (c.AreaCode, c.AgeBandCode))) Add("sex", g, c => c.Sex == Sex.All);
        foreach (var g in cells.GroupBy(c => (c.AreaCode, c.Sex))) Add("age", g, c => c.AgeBandCode == ReferenceAgeBands.AllAges);
        var areas = cells.Select(c => c.AreaCode).ToHashSet();
        foreach (var g in cells.GroupBy(c => (c.Sex, c.AgeBandCode)))
        {
            foreach (var parentArea in g.Where(c => areas.Contains(c.AreaCode)).Select(c => c.AreaCode).Distinct())
            {
                var children = g.Where(c => c.ParentAreaCode == parentArea).ToList();
                if (children.Count == 0) continue;
                Add("area", g.Where(c => c.AreaCode == parentArea).Concat(children), c => c.AreaCode == parentArea);
            }
        }
        return groups;
    }
}
