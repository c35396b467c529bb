namespace CommunityJustice.Analytics.Api.Data;

/// <summary>
/// One value computed from the database (reference data, disclosure decisions), kept until the data
/// changes: recomputed by the first request after the generation moves on, once, however many ask.
/// </summary>
public sealed class DataSnapshotCache<T>(IDataChanges changes, Func<CancellationToken, Task<T>> compute) where T : class
{
    private sealed record Held(long Generation, T Value);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Held? _held;

    /// <summary>The value as it was last computed, whatever the generation; null before the first computation.</summary>
    public T? Latest => _held?.Value;

    public async ValueTask<T> GetAsync(CancellationToken cancellationToken)
    {
        var generation = await changes.GenerationAsync(cancellationToken);
        if (_held is { } current && current.Generation == generation) return current.Value;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Read before computing: a change committed while computing moves the generation past it.
            generation = changes.Generation;
            if (_held is { } again && again.Generation == generation) return again.Value;
            var value = await compute(cancellationToken);
            _held = new Held(generation, value);
            return value;
        }
        finally
        {
            _gate.Release();
        }
    }
}
