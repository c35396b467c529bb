using CommunityJustice.Analytics.Model.Indicators;
using CommunityJustice.Analytics.Model.Observations;

namespace CommunityJustice.Analytics.Model.Disclosure;

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
    decimal? Denominator,
    string? PeriodLabel = null);

public enum SuppressionKind
{
    Primary,
    Secondary,
}

/// <summary>Groups of linked cells that needed secondary suppression, and how many of their patterns are proven the smallest.</summary>
public sealed record SecondarySearch(int Groups, int ProvenSmallest);

/// <summary>Why this API withheld a published figure.</summary>
public sealed record SuppressionDecision(SuppressionKind Kind, string Reason);

/// <summary>The settings of the rule: the threshold of primary suppression, the protection level, and what each indicator counts.</summary>
public sealed record DisclosureRules(int Threshold, int ProtectionLevel, DisclosureCatalogue Catalogue)
{
    /// <summary>The settings' names, shared by the API (its DisclosureControl section) and the ingest, which takes the decisions.</summary>
    public const string ThresholdVariable = "DisclosureControl__Threshold", ProtectionLevelVariable = "DisclosureControl__ProtectionLevel";

    public const int DefaultThreshold = 5;

    /// <summary>The bundled catalogue, with the protection level equal to the threshold.</summary>
    public static DisclosureRules For(int threshold) => new(threshold, threshold, DisclosureCatalogue.Bundled);

    /// <summary>The bundled catalogue with the threshold and protection level validated: both at least 1; the level by default the threshold.</summary>
    public static DisclosureRules Create(int threshold, int? protectionLevel)
    {
        if (threshold < 1) throw new InvalidOperationException($"The disclosure threshold (DisclosureControl:Threshold; {ThresholdVariable} in the environment) must be at least 1, not {threshold}.");
        if (protectionLevel is < 1) throw new InvalidOperationException($"The disclosure protection level (DisclosureControl:ProtectionLevel; {ProtectionLevelVariable} in the environment) must be at least 1, not {protectionLevel}.");
        return new DisclosureRules(threshold, protectionLevel ?? threshold, DisclosureCatalogue.Bundled);
    }

    /// <summary>The rule as the environment sets it (<see cref="ThresholdVariable"/>, <see cref="ProtectionLevelVariable"/>), else the defaults.</summary>
    public static DisclosureRules FromEnvironment()
    {
        static int? Read(string variable) => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } text
            ? int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new InvalidOperationException($"{variable} must be a whole number, not '{text}'.")
            : null;
        return Create(Read(ThresholdVariable) ?? DefaultThreshold, Read(ProtectionLevelVariable));
    }
}

/// <summary>
/// The disclosure rule (docs/disclosure-control.md), as a pure function of the stored figures.
/// Primary suppression withholds published cells whose count of people is known and below the
/// threshold (counts of people, and rates whose numerator or denominator is such a count); signed net
/// flows, population stocks and other quantities are never withheld as such. Secondary suppression
/// then withholds more cells until every cell withheld by the primary rule or at source has a
/// protection interval: over everything still published, every relation within and across tables,
/// counts ≥ 0 and whole, its smallest possible value is 0 and its largest at least the protection
/// level (proved with <see cref="ProtectionSolver"/>).
/// </summary>
public static class SuppressionEngine
{
    public static IReadOnlyDictionary<long, SuppressionDecision> Decide(IEnumerable<DisclosureCell> cells, int threshold) =>
        Decide(cells, DisclosureRules.For(threshold));

    public static IReadOnlyDictionary<long, SuppressionDecision> Decide(IEnumerable<DisclosureCell> cells, DisclosureRules rules) =>
        Decide(cells, rules, out _);

    /// <param name="search">How many groups of linked cells needed secondary suppression, and for how many the pattern is proven the smallest.</param>
    public static IReadOnlyDictionary<long, SuppressionDecision> Decide(IEnumerable<DisclosureCell> cells, DisclosureRules rules, out SecondarySearch search)
    {
        var all = cells as IReadOnlyList<DisclosureCell> ?? cells.ToList();
        var searched = 0;
        var proven = 0;
        var decisions = new Dictionary<long, SuppressionDecision>();
        foreach (var cell in all)
        {
            if (PrimaryReason(cell, rules.Threshold, rules.Catalogue) is { } reason) decisions[cell.Id] = new SuppressionDecision(SuppressionKind.Primary, reason);
        }
        var primary = decisions.Keys.ToHashSet();
        var system = DisclosureSystem.Build(all, rules.Catalogue, c => primary.Contains(c.Id));
        foreach (var cluster in system.Clusters)
        {
            if (!cluster.Cells.Any(c => decisions.ContainsKey(c.Id) || c.Status == ObservationStatus.Suppressed)) continue;
            // No relation reaches these cells (a data zone's count, say): nothing published narrows them, so each is protected as it is.
            if (cluster.Relations.Count == 0) continue;
            var protection = new ClusterProtection(system, cluster, rules, decisions);
            protection.Protect();
            searched++;
            if (protection.ProvenSmallest) proven++;
        }
        WithholdLinkedRates(all, rules, decisions);
        search = new SecondarySearch(searched, proven);
        return decisions;
    }

    /// <summary>
    /// The withheld cells of <paramref name="areas"/> that a caller entitled to those areas may see
    /// without narrowing any other area's withheld cell below its protection interval: the caller also
    /// sees the public view, so a cell of its own is revealed only when, together with the public figures
    /// and the cells of its own already revealed, every withheld cell elsewhere that was protected stays
    /// protected. Tried one by one in id order.
    /// </summary>
    public static IReadOnlySet<long> Revealable(IEnumerable<DisclosureCell> cells, IReadOnlyDictionary<long, SuppressionDecision> decisions, IReadOnlySet<string> areas, DisclosureRules rules)
    {
        var all = cells as IReadOnlyList<DisclosureCell> ?? cells.ToList();
        var system = DisclosureSystem.Build(all, rules.Catalogue, c => decisions.TryGetValue(c.Id, out var d) && d.Kind == SuppressionKind.Primary);
        var revealable = new HashSet<long>();
        var inSystem = new HashSet<long>(system.Cells.Select(c => c.Id));
        foreach (var cluster in system.Clusters)
        {
            var candidates = cluster.Cells.Where(c => decisions.ContainsKey(c.Id) && areas.Contains(c.AreaCode)).ToList();
            if (candidates.Count == 0) continue;
            var working = decisions.ToDictionary(d => d.Key, d => d.Value);
            var protection = new ClusterProtection(system, cluster, rules, working, target => !areas.Contains(target.AreaCode));
            var protectedBefore = protection.ProtectedTargets();
            foreach (var cell in candidates)
            {
                var decision = working[cell.Id];
                working.Remove(cell.Id);
                if (protection.ProtectedTargets().IsSupersetOf(protectedBefore)) revealable.Add(cell.Id);
                else working[cell.Id] = decision;
            }
        }
        // Cells outside the system (e.g. rates withheld with their numerator) follow their numerator's area: revealed with it.
        revealable.UnionWith(decisions.Keys.Where(id => !inSystem.Contains(id) && all.FirstOrDefault(c => c.Id == id) is { } c && areas.Contains(c.AreaCode)));
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
    public static string? PrimaryReason(DisclosureCell cell, int threshold) => PrimaryReason(cell, threshold, DisclosureCatalogue.Bundled);

    public static string? PrimaryReason(DisclosureCell cell, int threshold, DisclosureCatalogue catalogue)
    {
        if (cell.Status != ObservationStatus.Published) return null;
        if (!DisclosureCatalogue.IsProtected(catalogue.ClassOf(cell.IndicatorCode, cell.MeasureType))) return null;
        var people = $"fewer than {threshold} {(threshold == 1 ? "person" : "people")}";
        if (PeopleCount(cell) is { } count && count < threshold)
            return cell.MeasureType == MeasureType.Count ? $"PRIMARY: {people}" : $"PRIMARY: {people} behind the figure (numerator)";
        if (cell.Denominator is { } denominator && denominator < threshold)
            return $"PRIMARY: {people} in the base of the figure (denominator)";
        if (cell.MeasureType == MeasureType.Percentage && cell.Denominator is { } d && PeopleCount(cell) is { } n && d - n < threshold)
            return $"PRIMARY: {people} in the base are outside the figure (denominator minus numerator), so the figure says something about nearly everyone in it";
        return null;
    }

    /// <summary>
    /// Rates whose numerator or denominator another table publishes (arrivals per 1,000 population beside
    /// the arrivals): with the population served, the rate gives its count back, so it is withheld
    /// whenever its numerator is, and when its denominator is a count of people below the threshold.
    /// </summary>
    private static void WithholdLinkedRates(IReadOnlyList<DisclosureCell> cells, DisclosureRules rules, Dictionary<long, SuppressionDecision> decisions)
    {
        var linked = cells.Where(c => c.Status == ObservationStatus.Published && c.Numerator is null && c.Denominator is null
            && rules.Catalogue.Declared(c.IndicatorCode) is { Class: DisclosureClass.RateOfPeople } d && (d.Numerator is not null || d.Denominator is not null)).ToList();
        if (linked.Count == 0) return;
        var byKey = cells.ToLookup(c => (c.IndicatorCode, c.AreaCode, c.PeriodStart, c.PeriodEnd, c.Sex, c.AgeBandCode));
        var people = $"fewer than {rules.Threshold} {(rules.Threshold == 1 ? "person" : "people")}";
        foreach (var rate in linked)
        {
            var declaration = rules.Catalogue.Declared(rate.IndicatorCode)!;
            DisclosureCell? Component(string? indicator) => indicator is null ? null
                : byKey[(indicator, rate.AreaCode, rate.PeriodStart, rate.PeriodEnd, rate.Sex, rate.AgeBandCode)]
                    .OrderBy(c => c.DatasetVersionId == rate.DatasetVersionId ? 0 : 1).ThenByDescending(c => c.DatasetVersionId).FirstOrDefault();
            if (Component(declaration.Numerator) is { } numerator)
            {
                if (numerator.Status == ObservationStatus.Published && numerator.Value < rules.Threshold)
                    decisions[rate.Id] = new(SuppressionKind.Primary, $"PRIMARY: {people} behind the figure (numerator: {numerator.IndicatorCode})");
                else if (numerator.Status == ObservationStatus.Suppressed || decisions.ContainsKey(numerator.Id))
                    decisions[rate.Id] = new(SuppressionKind.Secondary, $"SECONDARY: its numerator ({numerator.IndicatorCode}) is withheld, and the rate with its published population would give it back");
            }
            if (!decisions.ContainsKey(rate.Id) && Component(declaration.Denominator) is { Status: ObservationStatus.Published, Value: { } size } && size < rules.Threshold
                && DisclosureCatalogue.IsProtected(rules.Catalogue.ClassOf(declaration.Denominator!, MeasureType.Count)))
                decisions[rate.Id] = new(SuppressionKind.Primary, $"PRIMARY: {people} in the base of the figure (denominator: {declaration.Denominator})");
        }
    }
}
