using System.Text.Json;

namespace CommunityJustice.Analytics.Ingest.Watch;

/// <summary>What the last successful poll of a source saw: the validators for a conditional request, and the file's hash.</summary>
public sealed record SourceValidators
{
    public string? ETag { get; init; }
    public DateTimeOffset? LastModified { get; init; }
    public required string Sha256 { get; init; }
    public DateTimeOffset CheckedAt { get; init; }
}

/// <summary>
/// The validators of each watched source, in <c>watch-state.json</c> in the cache folder, so a restarted
/// watcher (or the next `watch --once` from cron) still asks "if changed". Written only after the file
/// was loaded (or found already loaded), so a failed load is retried at the next poll rather than
/// answered 304. Losing the file costs one full download: the loader skips a file whose hash is loaded.
/// </summary>
public sealed class WatchState
{
    public const string FileName = "watch-state.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly string _path;
    private readonly Dictionary<string, SourceValidators> _sources;

    private WatchState(string path, Dictionary<string, SourceValidators> sources)
    {
        _path = path;
        _sources = sources;
    }

    public string Path => _path;

    public static WatchState Load(string folder)
    {
        var path = System.IO.Path.Combine(folder, FileName);
        if (!File.Exists(path)) return new WatchState(path, new(StringComparer.Ordinal));
        try
        {
            var sources = JsonSerializer.Deserialize<Dictionary<string, SourceValidators>>(File.ReadAllText(path), Json);
            return new WatchState(path, new(sources ?? [], StringComparer.Ordinal));
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            // A damaged state file only costs unconditional requests; the loader still skips loaded files by hash.
            return new WatchState(path, new(StringComparer.Ordinal));
        }
    }

    public SourceValidators? Get(WatchSource source) => _sources.GetValueOrDefault(source.Key);

    public void Set(WatchSource source, SourceValidators validators)
    {
        _sources[source.Key] = validators;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(_path)!);
        var partial = _path + ".part";
        File.WriteAllText(partial, JsonSerializer.Serialize(_sources, Json));
        File.Move(partial, _path, overwrite: true);
    }
}
