using System.Globalization;
using System.Text;

namespace CommunityJustice.Analytics.Ingest.Loading;

/// <summary>
/// A load's paper trail: <c>&lt;root&gt;/&lt;timestamp&gt;-&lt;dataset&gt;/run.log</c> and
/// <c>rejects.csv</c> (line,reason), written whether the load succeeds or not.
/// </summary>
public sealed class RunReport : IAsyncDisposable
{
    public const string LogFile = "run.log";
    public const string RejectsFile = "rejects.csv";

    private readonly StreamWriter _log;
    private StreamWriter? _rejects;

    public string Folder { get; }

    private RunReport(string folder)
    {
        Folder = folder;
        _log = new StreamWriter(Path.Combine(folder, LogFile), append: false, new UTF8Encoding(false));
    }

    public static RunReport Create(string root, string datasetCode)
    {
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var folder = Path.Combine(Path.GetFullPath(root), $"{stamp}-{datasetCode}");
        for (var n = 2; Directory.Exists(folder); n++) folder = Path.Combine(Path.GetFullPath(root), $"{stamp}-{datasetCode}-{n}");
        Directory.CreateDirectory(folder);
        return new RunReport(folder);
    }

    public Task LogAsync(string message) =>
        _log.WriteLineAsync($"{DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)} {message}");

    /// <summary>Starts (or restarts) the reject report; called once the rejects are known.</summary>
    public async Task BeginRejectsAsync()
    {
        if (_rejects is not null) await _rejects.DisposeAsync();
        _rejects = new StreamWriter(Path.Combine(Folder, RejectsFile), append: false, new UTF8Encoding(false));
        await _rejects.WriteLineAsync("line,reason");
    }

    public Task RejectAsync(long line, string reason) =>
        _rejects!.WriteLineAsync($"{line.ToString(CultureInfo.InvariantCulture)},\"{reason.Replace("\"", "\"\"", StringComparison.Ordinal)}\"");

    public async ValueTask DisposeAsync()
    {
        await _log.DisposeAsync();
        if (_rejects is not null) await _rejects.DisposeAsync();
        else await File.WriteAllTextAsync(Path.Combine(Folder, RejectsFile), "line,reason\n");
    }
}
