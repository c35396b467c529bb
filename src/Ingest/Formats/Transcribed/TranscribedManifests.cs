using System.Globalization;
using System.Security;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CommunityJustice.Analytics.Ingest.Formats.Snsa;
using CommunityJustice.Analytics.Ingest.Manifests;
using CommunityJustice.Analytics.Ingest.Tabular;
using CommunityJustice.Analytics.Model.Observations;

namespace CommunityJustice.Analytics.Ingest.Formats.Transcribed;

/// <summary>Reads transcribed manifests (Datasets/transcribed/*.json) and writes each edition as a canonical template-layout CSV for the loader.</summary>
public static class TranscribedManifests
{
    public const string Format = "transcribed";
    public const string Folder = "transcribed";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
    };

    public static IEnumerable<DatasetManifest> LoadFolder(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal).SelectMany(LoadFile)
            : [];

    /// <summary>One manifest per edition of the file, oldest first.</summary>
    public static IReadOnlyList<DatasetManifest> LoadFile(string path)
    {
        TranscribedManifest? file;
        try
        {
            using var stream = File.OpenRead(path);
            file = JsonSerializer.Deserialize<TranscribedManifest>(stream, Json);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or SecurityException)
        {
            throw new IngestException($"The transcribed dataset manifest {path} cannot be read: {e.Message}", e);
        }
        if (file is null) throw new IngestException($"The transcribed dataset manifest {path} is empty.");
        var problems = Validate(file).ToList();
        if (problems.Count > 0) throw new IngestException($"The transcribed dataset manifest {path} is not valid: {string.Join("; ", problems)}.");

        return file.Editions.OrderBy(e => e.EditionDate).Select(edition =>
        {
            var bytes = Canonical(edition);
            return new DatasetManifest
            {
                Code = file.Code,
                Title = file.Title,
                Publisher = file.Publisher,
                Licence = file.Licence,
                SourceUrl = file.SourceUrl,
                EditionDate = edition.EditionDate,
                Notes = string.Join(" ", new[] { file.Notes, $"Edition: {edition.Publication}.", edition.EditionDateNote }.OfType<string>()),
                MirrorPath = $"{Folder}/{file.Code}/{file.Code}-{edition.EditionDate:yyyy-MM-dd}.csv",
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
                Format = Format,
                Mapping = new ManifestMapping(),
                TranscribedFromText = file.TranscribedFromText,
                Transcribed = edition,
                SourceFile = path,
            };
        }).ToList();
    }

    /// <summary>
    /// The edition as a CSV in the local SNSA template layout, citation in the notes column: the
    /// bytes the loader hashes, stores provenance for and reads. Deterministic, so an unchanged
    /// edition is skipped on a re-run and a corrected one loads as a new version.
    /// </summary>
    public static byte[] Canonical(TranscribedEdition edition)
    {
        var text = new StringBuilder(SnsaTemplate.HeaderLine).Append('\n');
        foreach (var row in edition.Rows)
        {
            string[] cells =
            [
                row.Area, row.Period, row.Sex.ToString(), row.AgeBand, row.Indicator,
                row.Value?.ToString(CultureInfo.InvariantCulture) ?? "", row.Marker ?? "", "", "", row.Citation,
            ];
            text.AppendJoin(',', cells.Select(Quote)).Append('\n');
        }
        return new UTF8Encoding(false).GetBytes(text.ToString());
    }

    /// <summary>Writes the edition's canonical file under the cache folder (if not already there) and returns its path.</summary>
    public static string Materialise(DatasetManifest manifest, string cacheFolder)
    {
        var edition = manifest.Transcribed ?? throw new InvalidOperationException($"'{manifest.Code}' is not a transcribed manifest");
        var path = Path.Combine(cacheFolder, manifest.MirrorPath.Replace('/', Path.DirectorySeparatorChar));
        var bytes = Canonical(edition);
        if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes)) return path;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = path + ".part";
        File.WriteAllBytes(partial, bytes);
        File.Move(partial, path, overwrite: true);
        return path;
    }

    public static IEnumerable<string> Validate(TranscribedManifest m)
    {
        if (!m.TranscribedFromText) yield return "transcribedFromText must be true: these figures are typed from published text, and the metadata must say so";
        if (m.Editions.Count == 0) yield return "editions must list at least one edition";
        foreach (var date in m.Editions.GroupBy(e => e.EditionDate).Where(g => g.Count() > 1))
            yield return $"two editions have the edition date {date.Key:yyyy-MM-dd}";
        foreach (var edition in m.Editions)
        {
            var where = $"edition {edition.EditionDate:yyyy-MM-dd}";
            if (edition.EditionDate == default) yield return "every edition needs an editionDate (yyyy-mm-dd)";
            if (edition.Rows.Count == 0) yield return $"{where} has no rows";
            for (var i = 0; i < edition.Rows.Count; i++)
            {
                var row = edition.Rows[i];
                var at = $"{where} row {i + 1} ({row.Indicator} {row.Area} {row.Period})";
                if (string.IsNullOrWhiteSpace(row.Publication) || string.IsNullOrWhiteSpace(row.Page))
                    yield return $"{at} must cite its publication and page";
                if (row.Status == ObservationStatus.Published && row.Value is null) yield return $"{at} is Published but has no value";
                if (row.Status != ObservationStatus.Published && (row.Value is not null || string.IsNullOrWhiteSpace(row.Marker)))
                    yield return $"{at} is {row.Status}: it needs a marker and no value";
                if (row is { Printed: { } printed, Value: { } value } && !PrintedMatches(printed, value))
                    yield return $"{at} has value {value} but was printed as '{printed}'";
            }
        }
    }

    /// <summary>"14,700", "24.1%", "2,600", "~2,000", ">1,800" all read as the number they print.</summary>
    public static bool PrintedMatches(string printed, decimal value)
    {
        var digits = printed.Trim().TrimStart('~', '>', '<', '≈').TrimEnd('%').Trim();
        return CellNumber.TryParse(digits, out var number) && number == value;
    }

    private static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : cell;
}
