using CommunityJustice.Analytics.Model.Indicators;
using CommunityJustice.Analytics.Model.Observations;
using CommunityJustice.Analytics.Model.Reference;

namespace CommunityJustice.Analytics.Api.Disclosure;

/// <summary>One stored figure as the suppression rule sees it.</summary>
public sealed record DisclosureCell(
    long Id,
    int DatasetVersionId,
    string IndicatorCode,
    MeasureType MeasureType,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    string AreaCode,
    string? ParentAreaCode,
    Sex Sex,
    string AgeBandCode,
    ObservationStatus Status,
    decimal? Value,
    decimal? Numerator,
    decimal? Denominator);

public enum SuppressionKind
{
    Primary,
    Secondary,
}

/// <summary>Why this API withheld a published figure.</summary>
public sealed record SuppressionDecision(SuppressionKind Kind, string Reason);

/// <summary>
/// The disclosure rule (docs/disclosure-control.md), as a pure function of the stored figures.
/// A table is one indicator and period of one dataset edition: its cells are area × sex × age band.
/// Primary suppression withholds cells whose count of people is known and small; secondary
/// suppression then withholds more cells until no withheld cell can be worked out exactly from the
/// visible cells of its table through the additive relations All = Male + Female (+ other sexes),
/// all ages = sum of the age bands, and parent area (Scotland) = sum of its council areas.
/// </summary>
public static class SuppressionEngine
{
    public static IReadOnlyDictionary<long, SuppressionDecision> Decide(IEnumerable<DisclosureCell> cells, int threshold)
    {
        var decisions = new Dictionary<long, SuppressionDecision>();
        foreach (var table in cells.GroupBy(c => (c.DatasetVersionId, c.IndicatorCode, c.PeriodStart, c.PeriodEnd)))
        {
            DecideTable(table.OrderBy(c => c.Id).ToList(), threshold, decisions);
        }
        return decisions;
    }

    /// <summary>
    /// The withheld cells of <paramref name="areas"/> that a caller entitled to those areas may see
    /// without learning any other area's withheld cell: the caller also sees the public view, so a
    /// cell of its own is revealed only when, together with the public figures and the cells of its
    /// own already revealed, it does not determine a withheld cell elsewhere (e.g. a neighbour's small
    /// count as Scotland minus the other councils). Tried one by one in id order, per table.
    /// </summary>
    public static IReadOnlySet<long> Revealable(IEnumerable<DisclosureCell> cells, IReadOnlyDictionary<long, SuppressionDecision> decisions, IReadOnlySet<string> areas)
    {
        var revealable = new HashSet<long>();
        foreach (var table in cells.GroupBy(c => (c.DatasetVersionId, c.IndicatorCode, c.PeriodStart, c.PeriodEnd)))
        {
            var list = table.OrderBy(c => c.Id).ToList();
            var candidates = list.Where(c => decisions.ContainsKey(c.Id) && areas.Contains(c.AreaCode)).ToList();
            if (candidates.Count == 0) continue;
            var additive = list.Any(c => c.MeasureType == MeasureType.Count || c.Numerator is not null || c.Denominator is not null);
            if (!additive)
            {
                revealable.UnionWith(candidates.Select(c => c.Id));
                continue;
            }
            var groups = Groups(list);
            var hidden = list.Where(c => decisions.ContainsKey(c.Id) || c.Status == ObservationStatus.Suppressed).Select(c => c.Id).ToHashSet();
            var elsewhere = list.Where(c => !areas.Contains(c.AreaCode)).Select(c => c.Id).ToHashSet();
            var before = Determined(list, groups, hidden).ToHashSet();
            foreach (var cell in candidates)
            {
                hidden.Remove(cell.Id);
                if (Determined(list, groups, hidden).Any(id => elsewhere.Contains(id) && !before.Contains(id))) hidden.Add(cell.Id);
                else revealable.Add(cell.Id);
            }
        }
        return revealable;
    }

    /// <summary>The number of people behind a figure, where anyone can know it; null when not known.</summary>
    public static decimal? PeopleCount(DisclosureCell cell) => cell.MeasureType switch
    {
        MeasureType.Count => cell.Value,
        MeasureType.Percentage when cell.Numerator is null && cell.Denominator is { } d && cell.Value is { } v => Math.Round(v * d / 100m, MidpointRounding.AwayFromZero),
        _ => cell.Numerator,
    };

    /// <summary>The primary rule for one published cell, or null when the cell may be published.</summary>
    public static string? PrimaryReason(DisclosureCell cell, int threshold)
    {
        if (cell.Status != ObservationStatus.Published) return null;
        var people = $"fewer than {threshold} {(threshold == 1 ? "person" : "people")}";
        if (PeopleCount(cell) is { } count && count < threshold)
            return cell.MeasureType == MeasureType.Count ? $"PRIMARY: {people}" : $"PRIMARY: {people} behind the figure (numerator)";
        if (cell.Denominator is { } denominator && denominator < threshold)
            return $"PRIMARY: {people} in the base of the figure (denominator)";
        if (cell.MeasureType == MeasureType.Percentage && cell.Denominator is { } d && PeopleCount(cell) is { } n && d - n < threshold)
            return $"PRIMARY: {people} in the base are outside the figure (denominator minus numerator), so the figure says something about nearly everyone in it";
        return null;
    }

    private static void DecideTable(List<DisclosureCell> cells, int threshold, Dictionary<long, SuppressionDecision> decisions)
    {
        var hidden = new HashSet<long>(); // withheld: at source or by this rule
        foreach (var cell in cells)
        {
            if (cell.Status == ObservationStatus.Suppressed) hidden.Add(cell.Id);
            else if (PrimaryReason(cell, threshold) is { } reason)
            {
                decisions[cell.Id] = new SuppressionDecision(SuppressionKind.Primary, reason);
                hidden.Add(cell.Id);
            }
        }
        if (hidden.Count == 0) return;
        // Rates and percentages are not additive: only counts, numerators and denominators are.
        var additive = cells.Any(c => c.MeasureType == MeasureType.Count || c.Numerator is not null || c.Denominator is not null);
        if (!additive) return;

        var groups = Groups(cells);
        var unresolvable = new HashSet<long>();
        while (true)
        {
            // Every group holding a withheld cell must hold at least two.
            var changed = false;
            foreach (var group in groups)
            {
                if (group.Members.Count(m => hidden.Contains(m.Id)) != 1) continue;
                if (Smallest(group, hidden) is not { } pick) continue;
                Suppress(pick, group, hidden, decisions);
                changed = true;
            }
            if (changed) continue;

            // Two per group is not always enough when groups overlap: check each withheld cell
            // against every relation of the table at once, as someone differencing would.
            var determined = Determined(cells, groups, hidden).Where(id => !unresolvable.Contains(id)).ToList();
            if (determined.Count == 0) return;
            var target = determined[0];
            var candidates = groups.Where(g => g.Members.Any(m => m.Id == target))
                .Select(g => (Group: g, Pick: Smallest(g, hidden)))
                .Where(x => x.Pick is not null)
                .OrderBy(x => Size(x.Pick!)).ThenBy(x => x.Pick!.Id)
                .FirstOrDefault();
            if (candidates.Pick is null) unresolvable.Add(target);
            else Suppress(candidates.Pick, candidates.Group, hidden, decisions);
        }
    }

    private static void Suppress(DisclosureCell cell, SiblingGroup group, HashSet<long> hidden, Dictionary<long, SuppressionDecision> decisions)
    {
        hidden.Add(cell.Id);
        decisions[cell.Id] = new SuppressionDecision(SuppressionKind.Secondary,
            $"SECONDARY: protects a suppressed cell in the same {group.Dimension} group");
    }

    /// <summary>The published, not yet withheld member with the smallest count (totals last on ties).</summary>
    private static DisclosureCell? Smallest(SiblingGroup group, HashSet<long> hidden) =>
        group.Members
            .Where(m => m.Status == ObservationStatus.Published && !hidden.Contains(m.Id))
            .OrderBy(Size)
            .ThenBy(m => m.Id == group.Total.Id ? 1 : 0)
            .ThenBy(m => m.Id)
            .FirstOrDefault();

    private static decimal Size(DisclosureCell cell) => PeopleCount(cell) ?? cell.Denominator ?? decimal.MaxValue;

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
            foreach (var parent in g.Where(c => areas.Contains(c.AreaCode)).Select(c => c.AreaCode).Distinct())
            {
                var children = g.Where(c => c.ParentAreaCode == parent).ToList();
                if (children.Count == 0) continue;
                Add("area", g.Where(c => c.AreaCode == parent).Concat(children), c => c.AreaCode == parent);
            }
        }
        return groups;
    }

    /// <summary>
    /// The withheld cells whose count follows exactly from the visible cells: those whose unit
    /// vector lies in the row space of the relations restricted to the cells without a visible
    /// figure (withheld, not available or not applicable). Gaussian elimination to reduced row echelon form.
    /// </summary>
    private static IEnumerable<long> Determined(List<DisclosureCell> cells, List<SiblingGroup> groups, HashSet<long> hidden)
    {
        var unknown = cells.Where(c => hidden.Contains(c.Id) || c.Status != ObservationStatus.Published).Select(c => c.Id).ToList();
        var column = unknown.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var rows = new List<double[]>();
        foreach (var group in groups)
        {
            var row = new double[unknown.Count];
            var any = false;
            foreach (var member in group.Members)
            {
                if (!column.TryGetValue(member.Id, out var j)) continue;
                row[j] += member.Id == group.Total.Id ? 1 : -1;
                any = true;
            }
            if (any) rows.Add(row);
        }
        foreach (var j in LinearAlgebra.DeterminedColumns(rows, unknown.Count))
        {
            if (hidden.Contains(unknown[j])) yield return unknown[j];
        }
    }
}
