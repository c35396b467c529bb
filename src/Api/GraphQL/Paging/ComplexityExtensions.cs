using GraphQL;
using GraphQL.Builders;

namespace CommunityJustice.Analytics.Api.GraphQL.Paging;

public static class ComplexityExtensions
{
    /// <summary>
    /// Tells the complexity analyzer how many items this list field returns at most in practice
    /// (e.g. 4 national aims, 33 areas) instead of its default guess, so that deep but small
    /// graphs such as the framework are not refused while large lists still count fully.
    /// </summary>
    public static FieldBuilder<TSource, TReturn> ExpectedItems<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, int items)
    {
        field.FieldType.WithComplexityImpact(1, items);
        return field;
    }
}
