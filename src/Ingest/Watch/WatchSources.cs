using System.Text.Json;
using System.Text.Json.Serialization;
using CommunityJustice.Analytics.Ingest.Catalog;
using CommunityJustice.Analytics.Ingest.Manifests;

namespace CommunityJustice.Analytics.Ingest.Watch;

/// <summary>One address `ingest watch` polls, the dataset manifest that describes its file, and how often.</summary>
public sealed record WatchSource(DatasetManifest Manifest, Uri Url, TimeSpan Every, string From)
{
    public string Dataset => Manifest.Code;

    /// <summary>Identifies the source in the watch state file: a dataset may be fed from more than one address.</summary>
    public string Key => $"{Manifest.Code} {Url.AbsoluteUri}";
}

/// <summary>An entry of a watch config file (<c>--config watch.json</c>).</summary>
public sealed record WatchConfigEntry
{
    public required string Dataset { get; init; }
    /// <summary>Where to fetch the file (default: the manifest's sourceUrl).</summary>
    public string? Url { get; init; }
    /// <summary>Polling interval (default: the manifest's poll.every, else 6 hours).</summary>
    public string? Every { get; init; }
}

/// <summary>
/// Decides what `ingest watch` polls: every manifest with a <c>poll</c> setting, the manifests named
/// with --dataset, and the entries of a watch config file — a JSON array of
/// <c>{ "dataset": "...", "url": "...", "every": "PT6H" }</c> (or an object with such an array as "sources").
/// </summary>
public static class WatchSources
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private sealed record ConfigFile
    {
        public IReadOnlyList<WatchConfigEntry> Sources { get; init; } = [];
    }

    public static IReadOnlyList<WatchConfigEntry> ReadConfig(string path)
    {
        try
        {
            var text = File.ReadAllText(path);
            var entries = text.TrimStart().StartsWith('[')
                ? JsonSerializer.Deserialize<List<WatchConfigEntry>>(text, Json)
                : JsonSerializer.Deserialize<ConfigFile>(text, Json)?.Sources;
            return entries ?? throw new IngestException($"The watch config {path} is empty.");
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new IngestException($"The watch config {path} cannot be read: {e.Message}", e);
        }
    }

    /// <summary>The sources to poll; <paramref name="interval"/>, when given, overrides every source's own interval.</summary>
    public static IReadOnlyList<WatchSource> Select(IReadOnlyList<DatasetManifest> manifests, IReadOnlyList<string> datasets,
        IReadOnlyList<WatchConfigEntry> config, string? configPath, TimeSpan? interval)
    {
        var sources = new List<WatchSource>();
        foreach (var manifest in manifests.Where(m => m.Poll is not null && m.Transcribed is null))
            sources.Add(Source(manifest, manifest.SourceUrl, manifest.Poll!.Every, $"manifest {manifest.SourceFile ?? manifest.Code}", interval));

        foreach (var code in datasets)
        {
            var manifest = ManifestCatalog.Find(manifests, code);
            if (sources.Any(s => s.Dataset == code && s.Url.AbsoluteUri == new Uri(manifest.SourceUrl).AbsoluteUri)) continue;
            sources.Add(Source(manifest, manifest.SourceUrl, manifest.Poll?.Every, $"--dataset {code}", interval));
        }

        for (var i = 0; i < config.Count; i++)
        {
            var entry = config[i];
            var where = $"{configPath ?? "watch config"}, entry {i + 1} ({entry.Dataset})";
            DatasetManifest manifest;
            try { manifest = ManifestCatalog.Find(manifests, entry.Dataset); }
            catch (IngestException e) { throw new IngestException($"{where}: {e.Message}", e); }
            var source = Source(manifest, entry.Url ?? manifest.SourceUrl, entry.Every ?? manifest.Poll?.Every, where, interval);
            // The config restates a manifest's own polling: the config's interval wins.
            sources.RemoveAll(s => s.Key == source.Key);
            sources.Add(source);
        }

        foreach (var transcribed in sources.Where(s => s.Manifest.Transcribed is not null))
            throw new IngestException($"{transcribed.From}: dataset '{transcribed.Dataset}' is transcribed from published text; it has no file to poll.");
        return sources;
    }

    private static WatchSource Source(DatasetManifest manifest, string url, string? every, string from, TimeSpan? interval)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            throw new IngestException($"{from}: '{url}' is not an absolute http(s) address.");
        var period = interval ?? (every is null ? PollInterval.Default : PollInterval.Parse(every, from));
        return new WatchSource(manifest, uri, period, from);
    }
}
