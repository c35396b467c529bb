using CommunityJustice.Analytics.Model;
using CommunityJustice.Analytics.Model.Areas;
using CommunityJustice.Analytics.Model.Reference;
using Microsoft.EntityFrameworkCore;

namespace CommunityJustice.Analytics.Ingest.PlanFiles;

/// <summary>What a plan file's codes are checked against: areas, indicators, age bands and the national framework.</summary>
public sealed class PlanReference(
    AreaResolver areas,
    IReadOnlySet<string> councilAreas,
    IReadOnlySet<string> indicators,
    IReadOnlySet<string> ageBands,
    IReadOnlySet<int> aims,
    IReadOnlyDictionary<int, int> priorityActionAims,
    IReadOnlySet<int> nationalOutcomes)
{
    public const string ScotlandCode = "S92000003";

    public AreaResolver Areas { get; } = areas;
    public IReadOnlySet<string> CouncilAreas { get; } = councilAreas;
    public IReadOnlySet<string> Indicators { get; } = indicators;
    public IReadOnlySet<string> AgeBands { get; } = ageBands;
    public IReadOnlySet<int> Aims { get; } = aims;
    /// <summary>Priority action number → its national aim's number.</summary>
    public IReadOnlyDictionary<int, int> PriorityActionAims { get; } = priorityActionAims;
    public IReadOnlySet<int> NationalOutcomes { get; } = nationalOutcomes;

    public static async Task<PlanReference> LoadAsync(AnalyticsDbContext db, CancellationToken cancellationToken)
    {
        var areas = await db.Areas.AsNoTracking().Select(a => new { a.Code, a.Level }).ToListAsync(cancellationToken);
        return new PlanReference(
            new AreaResolver(areas.Select(a => a.Code),
                await db.AreaCodeSuccessions.AsNoTracking().Select(s => new KeyValuePair<string, string>(s.OldCode, s.NewCode)).ToListAsync(cancellationToken),
                await db.AreaAliases.AsNoTracking().Select(a => new KeyValuePair<string, string>(a.NormalisedName, a.AreaCode)).ToListAsync(cancellationToken)),
            areas.Where(a => a.Level == AreaLevel.CouncilArea).Select(a => a.Code).ToHashSet(StringComparer.Ordinal),
            (await db.Indicators.AsNoTracking().Select(i => i.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal),
            (await db.AgeBands.AsNoTracking().Select(b => b.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal),
            (await db.NationalAims.AsNoTracking().Select(a => a.Number).ToListAsync(cancellationToken)).ToHashSet(),
            await db.PriorityActions.AsNoTracking().ToDictionaryAsync(p => p.Number, p => p.NationalAimNumber, cancellationToken),
            (await db.NationalOutcomes.AsNoTracking().Select(o => o.Number).ToListAsync(cancellationToken)).ToHashSet());
    }

    /// <summary>The reference data as the model ships it, for `plans validate` with no database.</summary>
    public static PlanReference FromModel() => new(
        new AreaResolver(ReferenceAreas.All.Select(a => a.Code),
            ReferenceAreas.Successions.Select(s => new KeyValuePair<string, string>(s.OldCode, s.NewCode)),
            ReferenceAreas.AliasRows().Select(a => new KeyValuePair<string, string>(a.NormalisedName, a.AreaCode))),
        ReferenceAreas.All.Where(a => a.Level == AreaLevel.CouncilArea).Select(a => a.Code).ToHashSet(StringComparer.Ordinal),
        ReferenceCatalogue.Indicators.Select(i => i.Code).ToHashSet(StringComparer.Ordinal),
        ReferenceCatalogue.AgeBands.Select(b => b.Code).ToHashSet(StringComparer.Ordinal),
        ReferenceFramework.Aims.Select(a => a.Number).ToHashSet(),
        ReferenceFramework.PriorityActions.ToDictionary(p => p.Number, p => p.NationalAimNumber),
        ReferenceFramework.Outcomes.Select(o => o.Number).ToHashSet());
}
