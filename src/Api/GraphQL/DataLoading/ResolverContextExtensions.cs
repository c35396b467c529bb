using CommunityJustice.Analytics.Api.Data;
using CommunityJustice.Analytics.Api.Disclosure;
using CommunityJustice.Analytics.Model;
using GraphQL;
using GraphQL.DataLoader;
using Microsoft.EntityFrameworkCore;

namespace CommunityJustice.Analytics.Api.GraphQL.DataLoading;

/// <summary>Database access from resolvers: a short-lived, no-tracking context per resolver or batch.</summary>
public static class ResolverContextExtensions
{
    public static IDbContextFactory<AnalyticsDbContext> DbFactory(this IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<IDbContextFactory<AnalyticsDbContext>>();

    /// <summary>The reference data (indicators, areas, age bands, editions) as of the last change of the data.</summary>
    public static ValueTask<ReferenceData> ReferenceDataAsync(this IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<ReferenceDataCache>().GetAsync(context.CancellationToken);

    /// <summary>
    /// Runs one query on a context of its own (sibling resolvers run in parallel), with the public
    /// view and the reference data attached (<c>db.PublicObservations()</c>, <c>db.ReferenceData()</c>).
    /// </summary>
    public static async Task<TResult> QueryAsync<TResult>(this IResolveFieldContext context, Func<AnalyticsDbContext, CancellationToken, Task<TResult>> query)
    {
        await using var db = await context.DbFactory().CreateDbContextAsync(context.CancellationToken);
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        return await RunAsync(context, db, query);
    }

    /// <summary>
    /// As <see cref="QueryAsync"/>, for a mutation: on the primary database (reads may go to a replica,
    /// which refuses writes; docs/operations.md), so what it writes and reads back are the same.
    /// </summary>
    public static async Task<TResult> WriteAsync<TResult>(this IResolveFieldContext context, Func<AnalyticsDbContext, CancellationToken, Task<TResult>> write)
    {
        await using var db = await context.RequestServices!.GetRequiredService<PrimaryDatabase>().CreateDbContextAsync(context.CancellationToken);
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        return await RunAsync(context, db, write);
    }

    private static async Task<TResult> RunAsync<TResult>(IResolveFieldContext context, AnalyticsDbContext db, Func<AnalyticsDbContext, CancellationToken, Task<TResult>> query)
    {
        var view = await context.Disclosure().GetViewAsync(context.CancellationToken);
        var reference = await context.ReferenceDataAsync();
        try
        {
            return await query(db.WithPublicView(view).WithReferenceData(reference), context.CancellationToken);
        }
        finally
        {
            ContextAttachment<DisclosureView>.Detach(db);
            ContextAttachment<ReferenceData>.Detach(db);
        }
    }

    /// <summary>Loads one value by key, batched with the same loader's other keys of this request.</summary>
    public static IDataLoaderResult<TValue?> Load<TKey, TValue>(this IResolveFieldContext context, string loader, TKey key,
        Func<AnalyticsDbContext, IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch)
        where TKey : notnull
    {
        var factory = context.DbFactory();
        return context.RequestServices!.GetRequiredService<DataLoaders>()
            .GetOrAdd<TKey, TValue>(loader, async (keys, ct) =>
            {
                await using var db = await factory.CreateDbContextAsync(ct);
                db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
                return await fetch(db, keys, ct);
            })
            .LoadAsync(key);
    }

    /// <summary>The raw parsed value of an argument (dictionaries and lists for input objects), or null.</summary>
    public static object? RawArgument(this IResolveFieldContext context, string name) =>
        context.Arguments is { } arguments && arguments.TryGetValue(name, out var argument) ? argument.Value : null;
}
