namespace CommunityJustice.Analytics.Ingest.Watch;

/// <summary>
/// Polls every source when it falls due, one at a time, until cancelled (or once each, with
/// <c>once</c>). A source's failure is reported and the loop goes on; it is polled again at its
/// next interval.
/// </summary>
public sealed class WatchLoop(IReadOnlyList<WatchSource> sources, Func<WatchSource, CancellationToken, Task<PollResult>> poll,
    Action<PollResult> report, Action<string> say, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Polls each source once; returns every result.</summary>
    public async Task<IReadOnlyList<PollResult>> RunOnceAsync(CancellationToken cancellationToken)
    {
        var results = new List<PollResult>();
        foreach (var source in sources)
        {
            var result = await poll(source, cancellationToken);
            report(result);
            results.Add(result);
        }
        return results;
    }

    /// <summary>Polls until <paramref name="cancellationToken"/> is cancelled (Ctrl+C), then returns without throwing if it was idle.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var due = sources.ToDictionary(s => s, _ => _time.GetUtcNow());
        while (!cancellationToken.IsCancellationRequested)
        {
            foreach (var source in sources.Where(s => due[s] <= _time.GetUtcNow()).ToList())
            {
                report(await poll(source, cancellationToken));
                due[source] = _time.GetUtcNow() + source.Every;
            }

            var (next, when) = due.MinBy(d => d.Value);
            var wait = when - _time.GetUtcNow();
            if (wait <= TimeSpan.Zero) continue;
            say($"next poll: {next.Dataset} at {when.ToLocalTime():yyyy-MM-dd HH:mm:ss} (in {PollInterval.Describe(TimeSpan.FromSeconds(Math.Ceiling(wait.TotalSeconds)))}); Ctrl+C stops");
            try
            {
                await Task.Delay(wait, _time, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
