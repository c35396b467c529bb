using System.Collections.Concurrent;
using System.Reflection;

namespace CommunityJustice.Analytics.Api.GraphQL.Filtering;

/// <summary>
/// Generic methods made for given type arguments once: <see cref="MethodInfo.MakeGenericMethod"/> looks the
/// instantiation up in the runtime on every call, which showed in profiles of building a page's query per request.
/// </summary>
public static class GenericMethods
{
    private static readonly ConcurrentDictionary<(MethodInfo Definition, Type First, Type? Second), MethodInfo> Made = new();

    public static MethodInfo Make(MethodInfo definition, Type first, Type? second = null) =>
        Made.GetOrAdd((definition, first, second), static key =>
            key.Second is null ? key.Definition.MakeGenericMethod(key.First) : key.Definition.MakeGenericMethod(key.First, key.Second));
}
