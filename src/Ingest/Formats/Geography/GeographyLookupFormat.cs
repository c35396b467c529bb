using CommunityJustice.Analytics.Ingest.Manifests;
using CommunityJustice.Analytics.Ingest.Reading;
using CommunityJustice.Analytics.Ingest.Tabular;

namespace CommunityJustice.Analytics.Ingest.Formats.Geography;

/// <summary>
/// <c>geography-lookup</c>: a lookup with one row per smallest area and the codes of the areas it lies in (the Scottish
/// Government's Data Zone 2011 lookup). It brings areas and their hierarchy, not figures: the loader stores what
/// <see cref="GeographyLookupReader"/> reads as an edition of the dataset (Loading/GeographyStore), so
/// <see cref="OpenAsync"/>, the figure reader, is not used.
/// </summary>
public sealed class GeographyLookupFormat : ISourceFormat
{
    public const string FormatName = "geography-lookup";

    public string Name => FormatName;

    public IEnumerable<string> Validate(DatasetManifest manifest)
    {
        if (manifest.Geography is not { } geography)
        {
            yield return $"format {FormatName} needs a geography section listing the levels and their code columns";
            yield break;
        }
        if (manifest.Layout is not null || manifest.Mapping.Indicators.Count > 0 || manifest.Mapping.Dimensions.Count > 0 || manifest.Indicators.Count > 0)
            yield return $"format {FormatName} loads areas, not figures: it takes no layout, mapping or indicators";
        if (geography.Levels.Count < 2) yield return "geography.levels must list the rows' own level and at least one level they lie in";
        if (geography.Levels.Count > 0 && geography.Levels[0].RowsOnly) yield return "the first of geography.levels is the rows' own areas; it cannot be rowsOnly";
        foreach (var column in geography.Levels.SelectMany(l => new[] { l.CodeColumn, l.NameColumn }).OfType<string>().GroupBy(c => c).Where(g => g.Count() > 1))
            yield return $"column '{column.Key}' is named by more than one level";
        foreach (var level in geography.Levels.Where(l => (l.CodePrefix?.Length ?? 0) > 6))
            yield return $"geography level {level.Level}: codePrefix '{level.CodePrefix}' leaves no room for the code (area codes are 9 characters at most)";
    }

    public Task<InspectedFile> InspectAsync(string path, DatasetManifest manifest, CancellationToken cancellationToken) =>
        TabularFile.InspectAsync(path, manifest, workbookAllowed: false, cancellationToken);

    public Task<IRowSource> OpenAsync(InspectedFile file, DatasetManifest manifest, ReferenceLookup reference, CancellationToken cancellationToken) =>
        throw new IngestException($"Dataset '{manifest.Code}' is a geography lookup: it defines areas, not figures, and is read by GeographyLookupReader.");

    /// <summary>Reads the lookup: the areas of every level, which lie in which, and the rows rejected.</summary>
    public static Task<GeographyEdition> ReadAsync(InspectedFile file, DatasetManifest manifest, ReferenceLookup reference, CancellationToken cancellationToken) =>
        GeographyLookupReader.ReadAsync(file, manifest, reference, cancellationToken);
}
