using System.Security;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using CommunityJustice.Analytics.Ingest.Formats;
using CommunityJustice.Analytics.Ingest.Formats.Geography;
using CommunityJustice.Analytics.Ingest.Manifests;
using CommunityJustice.Analytics.Ingest.Sources;
using CommunityJustice.Analytics.Model.Observations;

namespace CommunityJustice.Analytics.Ingest.Catalog;

/// <summary>
/// Reads and checks dataset manifests. The catalogue's folder is <see cref="Variable"/> when set, else the checkout's
/// src/Ingest/Datasets when the worker runs from a clone (so a manifest added there is seen with no rebuild), else the
/// Datasets folder shipped beside the executable; a command's --manifests folder adds manifests beside those.
/// </summary>
public static partial class ManifestCatalog
{
    /// <summary>The statistics.gov.scot tidy CSV format's name (<see cref="Formats.TidyCsv.TidyCsvFormat"/>).</summary>
    public const string TidyCsvFormat = CommunityJustice.Analytics.Ingest.Formats.TidyCsv.TidyCsvFormat.Name;

    public static string BundledFolder => Path.Combine(AppContext.BaseDirectory, "Datasets");

    /// <summary>The environment variable naming the manifest folder, instead of the default.</summary>
    public const string Variable = "CJA_MANIFESTS";

    /// <summary>The catalogue's folder: $CJA_MANIFESTS, else the clone's src/Ingest/Datasets, else the copy beside the executable.</summary>
    public static string DefaultFolder()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
        {
            var full = Path.GetFullPath(configured);
            return Directory.Exists(full) ? full : throw new IngestException($"The manifest folder {full} (from {Variable}) does not exist.");
        }
        return MirrorFolder.FindRepositoryRoot() is { } root && Path.Combine(root, "src", "Ingest", "Datasets") is var source && Directory.Exists(source)
            ? source
            : BundledFolder;
    }

    /// <summary>
    /// The manifests of the default folder (<see cref="DefaultFolder"/>), and of <paramref name="extraFolder"/> when given:
    /// a folder of the user's own manifests, whose codes must not clash with the default ones.
    /// </summary>
    public static IReadOnlyList<DatasetManifest> Load(string? extraFolder)
    {
        var main = LoadFolder(DefaultFolder());
        if (extraFolder is not { Length: > 0 }) return GeographyFirst(main);
        var full = Path.GetFullPath(extraFolder);
        if (string.Equals(full.TrimEnd(Path.DirectorySeparatorChar), DefaultFolder().TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal)) return main;
        var extra = LoadFolder(full);
        if (extra.FirstOrDefault(m => main.Any(b => b.Code == m.Code)) is { } clash)
            throw new IngestException($"The manifest {clash.SourceFile} uses the code '{clash.Code}' of a dataset in {DefaultFolder()}; give it its own code.");
        return GeographyFirst([.. main, .. extra]);
    }

    /// <summary>Geography lookups before everything else, so a run defines data zones (and the rest) before loading figures for them.</summary>
    private static List<DatasetManifest> GeographyFirst(IEnumerable<DatasetManifest> manifests) =>
        [.. manifests.OrderBy(m => m.Format == GeographyLookupFormat.FormatName ? 0 : 1)];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    public static IReadOnlyList<DatasetManifest> LoadBundled() => LoadFolder(BundledFolder);

    public static IReadOnlyList<DatasetManifest> LoadFolder(string folder)
    {
        if (!Directory.Exists(folder)) throw new IngestException($"The dataset manifest folder {folder} does not exist.");
        var manifests = Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal).Select(LoadFile)
            // Formats that keep manifests in a folder of their own (transcribed: Datasets/transcribed/) give one per edition, all under the dataset's code.
            .Concat(SourceFormats.All.SelectMany(f => f.LoadManifests(folder))).ToList();
        var duplicate = manifests.GroupBy(m => m.Code)
            .FirstOrDefault(g => g.Count() > 1 && (g.Any(m => m.Transcribed is null) || g.DistinctBy(m => m.EditionDate).Count() < g.Count()));
        if (duplicate is not null)
            throw new IngestException($"Dataset code '{duplicate.Key}' is used by more than one manifest: {string.Join(", ", duplicate.Select(m => m.SourceFile))}.");
        return GeographyFirst(manifests);
    }

    /// <summary>The manifest with the code (for a transcribed dataset, its latest edition).</summary>
    public static DatasetManifest Find(IReadOnlyList<DatasetManifest> manifests, string code) =>
        manifests.Where(m => m.Code == code).MaxBy(m => m.EditionDate)
        ?? throw new IngestException($"No dataset manifest has the code '{code}'. Known datasets: {string.Join(", ", manifests.Select(m => m.Code))}.");

    /// <summary>Every manifest with the code, oldest edition first (a transcribed dataset has one per edition).</summary>
    public static IReadOnlyList<DatasetManifest> FindAll(IReadOnlyList<DatasetManifest> manifests, string code) =>
        [.. manifests.Where(m => m.Code == code).OrderBy(m => m.EditionDate).DefaultIfEmpty(Find(manifests, code))];

    public static DatasetManifest LoadFile(string path)
    {
        DatasetManifest? manifest;
        try
        {
            using var stream = File.OpenRead(path);
            manifest = JsonSerializer.Deserialize<DatasetManifest>(stream, Json);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or SecurityException)
        {
            throw new IngestException($"The dataset manifest {path} cannot be read: {e.Message}", e);
        }
        if (manifest is null) throw new IngestException($"The dataset manifest {path} is empty.");
        manifest = manifest with { SourceFile = path };
        var problems = Validate(manifest).ToList();
        if (problems.Count > 0)
            throw new IngestException($"The dataset manifest {path} is not valid: {string.Join("; ", problems)}.");
        return manifest;
    }

    public static IEnumerable<string> Validate(DatasetManifest m)
    {
        if (!CodePattern().IsMatch(m.Code)) yield return $"code '{m.Code}' must be lower-case letters, digits and hyphens";
        if (!Sha256Pattern().IsMatch(m.Sha256)) yield return "sha256 must be 64 lower-case hex digits";
        var format = SourceFormats.Find(m.Format);
        if (format is null)
            yield return $"format '{m.Format}' is not one this worker reads (known: {string.Join(", ", SourceFormats.All.Select(f => f.Name))})";
        else
            foreach (var problem in format.Validate(m)) yield return problem;
        if (!Uri.TryCreate(m.SourceUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            yield return "sourceUrl must be an absolute http(s) address";
        if (Path.IsPathRooted(m.MirrorPath) || m.MirrorPath.Split('/', '\\').Contains(".."))
            yield return "mirrorPath must be relative to the mirror folder and stay inside it";
        if (m.EditionDate == default) yield return "editionDate is required (yyyy-mm-dd)";
        foreach (var indicator in m.Indicators)
        {
            if (!CodePattern().IsMatch(indicator.Code)) yield return $"indicators: code '{indicator.Code}' must be lower-case letters, digits and hyphens";
            if (string.IsNullOrWhiteSpace(indicator.Title) || string.IsNullOrWhiteSpace(indicator.Unit))
                yield return $"indicators: '{indicator.Code}' needs a title and a unit";
            if (indicator.NationalAim is < 1 or > 4) yield return $"indicators: '{indicator.Code}' has nationalAim {indicator.NationalAim}; the framework's aims are 1 to 4";
        }
        foreach (var twice in m.Indicators.GroupBy(i => i.Code).Where(g => g.Count() > 1))
            yield return $"indicators: '{twice.Key}' is defined more than once";
        // The mapping section's Measurement/Units pairs are how a tidy CSV (and a manifest of a format this worker does not know) names its indicators.
        if ((format is null || format.Name == TidyCsvFormat) && m.Mapping.Indicators.Count == 0) yield return "mapping.indicators must map at least one Measurement/Units pair";
        foreach (var pair in m.Mapping.Indicators.GroupBy(i => (i.Measurement, i.Units)).Where(g => g.Count() > 1))
            yield return $"Measurement '{pair.Key.Measurement}' / Units '{pair.Key.Units}' is mapped more than once";
        foreach (var target in m.Mapping.Dimensions.GroupBy(d => d.Target).Where(g => g.Count() > 1))
            yield return $"more than one column maps to {target.Key}";
        foreach (var column in m.Mapping.Dimensions.GroupBy(d => d.Column).Where(g => g.Count() > 1))
            yield return $"column '{column.Key}' is mapped more than once";
        foreach (var d in m.Mapping.Dimensions.Where(d => d.Target == DimensionTarget.Sex))
        {
            foreach (var (value, code) in d.Codes.Where(c => !Enum.TryParse<Sex>(c.Value, ignoreCase: false, out _)))
                yield return $"column '{d.Column}' maps '{value}' to '{code}', which is not a sex (All, Male, Female)";
        }
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Pattern();
}
