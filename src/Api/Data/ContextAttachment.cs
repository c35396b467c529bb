using System.Runtime.CompilerServices;
using CommunityJustice.Analytics.Model;

namespace CommunityJustice.Analytics.Api.Data;

/// <summary>
/// A value of type <typeparamref name="T"/> attached to a database context (its public view, its
/// reference data), so that shared query code finds it on the context it is handed.
/// </summary>
internal static class ContextAttachment<T> where T : class
{
    private static readonly ConditionalWeakTable<AnalyticsDbContext, T> Attached = new();

    public static AnalyticsDbContext Attach(AnalyticsDbContext db, T value)
    {
        Attached.AddOrUpdate(db, value);
        return db;
    }

    /// <summary>Takes the value off again: pooled contexts are reused by later requests, which must not find it.</summary>
    public static void Detach(AnalyticsDbContext db) => Attached.Remove(db);

    public static T Get(AnalyticsDbContext db, string whenMissing) =>
        Attached.TryGetValue(db, out var value) ? value : throw new InvalidOperationException(whenMissing);
}
