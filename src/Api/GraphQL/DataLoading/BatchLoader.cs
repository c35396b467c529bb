using System.Collections.Concurrent;
using GraphQL.DataLoader;

namespace CommunityJustice.Analytics.Api.GraphQL.DataLoading;

/// <summary>
/// Collects the keys that sibling resolvers ask for and fetches them in one query when GraphQL.NET
/// first awaits a result (the executor completes every field of a level before it awaits the
/// data loader results of that level). The GraphQL.DataLoader package is not obtainable here, so
/// this is the small part of it the API needs. One instance per request (see <see cref="DataLoaders"/>).
/// </summary>
public sealed class BatchLoader<TKey, TValue>(Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch)
    where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, Batch> _batchOfKey = [];
    private Batch? _open;

    public IDataLoaderResult<TValue?> LoadAsync(TKey key)
    {
        lock (_gate)
        {
            if (!_batchOfKey.TryGetValue(key, out var batch))
            {
                batch = _open ??= new Batch();
                batch.Keys.Add(key);
                _batchOfKey[key] = batch;
            }
            return new Result(this, batch, key);
        }
    }

    private Task<IReadOnlyDictionary<TKey, TValue>> Run(Batch batch, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_open, batch)) _open = null; // no more keys join a batch once it runs
            return batch.Task ??= fetch(batch.Keys, cancellationToken);
        }
    }

    private sealed class Batch
    {
        public HashSet<TKey> Keys { get; } = [];
        public Task<IReadOnlyDictionary<TKey, TValue>>? Task { get; set; }
    }

    private sealed class Result(BatchLoader<TKey, TValue> loader, Batch batch, TKey key) : IDataLoaderResult<TValue?>
    {
        public async Task<TValue?> GetResultAsync(CancellationToken cancellationToken = default)
        {
            var values = await loader.Run(batch, cancellationToken).ConfigureAwait(false);
            return values.TryGetValue(key, out var value) ? value : default;
        }

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>The batch loaders of one request, by name. Registered as a scoped service.</summary>
public sealed class DataLoaders
{
    private readonly ConcurrentDictionary<string, object> _loaders = new(StringComparer.Ordinal);

    public BatchLoader<TKey, TValue> GetOrAdd<TKey, TValue>(string name, Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch)
        where TKey : notnull =>
        (BatchLoader<TKey, TValue>)_loaders.GetOrAdd(name, _ => new BatchLoader<TKey, TValue>(fetch));
}

public static class DataLoaderResultExtensions
{
    /// <summary>Maps a pending data loader result without awaiting it (so batching is kept).</summary>
    public static IDataLoaderResult<TOut> Then<TIn, TOut>(this IDataLoaderResult<TIn> result, Func<TIn, TOut> map) =>
        new Mapped<TIn, TOut>(result, map);

    private sealed class Mapped<TIn, TOut>(IDataLoaderResult<TIn> inner, Func<TIn, TOut> map) : IDataLoaderResult<TOut>
    {
        public async Task<TOut> GetResultAsync(CancellationToken cancellationToken = default) =>
            map(await inner.GetResultAsync(cancellationToken).ConfigureAwait(false));

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken).ConfigureAwait(false);
    }
}
