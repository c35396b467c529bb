using GraphQL;
using GraphQL.Builders;
using GraphQL.Resolvers;

namespace CommunityJustice.Analytics.Api.GraphQL.Execution;

/// <summary>
/// Fields that read a property of the object being resolved, for types resolved many times per request (a page
/// holds up to 1,000 figures, each with about ten fields). <c>Resolve(c =&gt; c.Source.X)</c> wraps the context in a
/// typed adapter and calls through a closure for every field of every node; this resolver casts the source and
/// reads the property, nothing more.
/// </summary>
public static class SourceFields
{
    public static FieldBuilder<TSource, object> ReadsSource<TSource>(this FieldBuilder<TSource, object> field, Func<TSource, object?> read)
    {
        field.FieldType.Resolver = new SourceFieldResolver<TSource>(read);
        return field;
    }

    private sealed class SourceFieldResolver<TSource>(Func<TSource, object?> read) : IFieldResolver
    {
        public ValueTask<object?> ResolveAsync(IResolveFieldContext context) => new(read((TSource)context.Source!));
    }
}
