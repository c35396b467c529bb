using System.Text.Json;
using System.Text.Json.Serialization;
using CommunityJustice.Analytics.Model.Indicators;
using CommunityJustice.Analytics.Model.Observations;
using Microsoft.EntityFrameworkCore;

namespace CommunityJustice.Analytics.Model.Reference;

/// <summary>
/// The indicator catalogue and age bands, kept as JSON files (Catalogue/indicators/*.json, one per
/// topic, and Catalogue/age-bands.json) so that adding an indicator for a new dataset is an edit to
/// a fact file, not code or a migration. <see cref="SyncAsync"/> upserts them after migrating; it
/// never deletes, because observations may refer to a retired entry.
/// </summary>
public static class ReferenceCatalogue
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    public static IReadOnlyList<Indicator> Indicators { get; } = Load<Indicator>(".Catalogue.indicators.");

    public static IReadOnlyList<AgeBand> AgeBands { get; } = Load<AgeBand>(".Catalogue.age-bands.json");

    /// <summary>Inserts new catalogue entries and updates changed ones, in one transaction.</summary>
    public static async Task SyncAsync(AnalyticsDbContext db, CancellationToken cancellationToken = default)
    {
        var existingBands = await db.AgeBands.ToDictionaryAsync(a => a.Code, cancellationToken);
        foreach (var band in AgeBands)
        {
            if (existingBands.TryGetValue(band.Code, out var stored))
            {
                stored.Label = band.Label; stored.MinAge = band.MinAge; stored.MaxAge = band.MaxAge; stored.SortOrder = band.SortOrder;
            }
            else db.AgeBands.Add(band.Copy());
        }

        var existing = await db.Indicators.ToDictionaryAsync(i => i.Code, cancellationToken);
        foreach (var indicator in Indicators)
        {
            if (existing.TryGetValue(indicator.Code, out var stored))
            {
                stored.Title = indicator.Title; stored.Description = indicator.Description; stored.MeasureType = indicator.MeasureType;
                stored.Unit = indicator.Unit; stored.Polarity = indicator.Polarity;
                stored.NationalIndicatorCode = indicator.NationalIndicatorCode; stored.NationalAimNumber = indicator.NationalAimNumber;
            }
            else db.Indicators.Add(indicator.Copy());
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static IReadOnlyList<T> Load<T>(string resourceMarker)
    {
        var assembly = typeof(ReferenceCatalogue).Assembly;
        var items = new List<T>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.Contains(resourceMarker, StringComparison.Ordinal)).Order())
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            try
            {
                items.AddRange(JsonSerializer.Deserialize<List<T>>(stream, Json) ?? []);
            }
            catch (JsonException e)
            {
                throw new InvalidOperationException($"Reference catalogue file {name} is not valid: {e.Message}", e);
            }
        }
        return items;
    }

    private static AgeBand Copy(this AgeBand a) =>
        new() { Code = a.Code, Label = a.Label, MinAge = a.MinAge, MaxAge = a.MaxAge, SortOrder = a.SortOrder };

    private static Indicator Copy(this Indicator i) => new()
    {
        Code = i.Code, Title = i.Title, Description = i.Description, MeasureType = i.MeasureType, Unit = i.Unit,
        Polarity = i.Polarity, NationalIndicatorCode = i.NationalIndicatorCode, NationalAimNumber = i.NationalAimNumber,
    };
}
