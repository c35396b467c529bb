using System.Collections;
using System.Linq.Expressions;
using CommunityJustice.Analytics.Api.GraphQL.Filtering;
using GraphQL.Types;

namespace CommunityJustice.Analytics.Api.GraphQL.Sorting;

/// <summary>Sort direction, HotChocolate's <c>SortEnumType</c>.</summary>
public enum SortDirection
{
    Asc,
    Desc,
}

public sealed class SortEnumGraphType : EnumerationGraphType<SortDirection>
{
    public SortEnumGraphType()
    {
        Name = "SortEnumType";
        Description = "Sort direction.";
        Values["ASC"]!.Description = "Ascending: smallest, earliest or A first.";
        Values["DESC"]!.Description = "Descending: largest, latest or Z first.";
    }
}

/// <summary>
/// The registry of sortable fields of one entity: GraphQL field name → key expression, composed for
/// nested inputs (<c>{ area: { name: ASC } }</c> orders by <c>o.Area.Name</c>). Sorting is done by
/// the database (ORDER BY).
/// </summary>
public sealed class SortDefinition<T>
{
    private readonly List<SortField> _fields = [];

    public IReadOnlyList<SortField> Fields => _fields;

    public SortDefinition<T> Field<TKey>(string name, Expression<Func<T, TKey>> key, string description)
    {
        _fields.Add(new SortField(name, description, typeof(SortEnumGraphType), key, null));
        return this;
    }

    public SortDefinition<T> Object<TChild, TChildInput>(string name, Expression<Func<T, TChild?>> member, SortDefinition<TChild> child, string description)
        where TChildInput : IInputObjectGraphType
    {
        _fields.Add(new SortField(name, description, typeof(TChildInput), member,
            (entity, input) => child.Keys(entity, input)));
        return this;
    }

    /// <summary>
    /// Orders by each item of a parsed <c>order</c> list in turn (within an item, fields in the
    /// order given), then by <paramref name="tieBreaker"/> so that pages are stable.
    /// </summary>
    public IOrderedQueryable<T> Apply<TTie>(IQueryable<T> source, object? order, Expression<Func<T, TTie>> tieBreaker)
    {
        var parameter = Expression.Parameter(typeof(T), "x");
        var keys = new List<(Expression Key, bool Descending)>();
        if (order is IEnumerable items and not string)
        {
            foreach (var item in items.OfType<IDictionary<string, object?>>()) keys.AddRange(Keys(parameter, item));
        }
        keys.Add((ParameterReplacer.Apply(tieBreaker, parameter), false));

        var expression = source.Expression;
        var first = true;
        foreach (var (key, descending) in keys)
        {
            var method = (first, descending) switch
            {
                (true, false) => OrderBy,
                (true, true) => OrderByDescending,
                (false, false) => ThenBy,
                (false, true) => ThenByDescending,
            };
            expression = Expression.Call(GenericMethods.Make(method, typeof(T), key.Type), expression,
                Expression.Quote(Expression.Lambda(key, parameter)));
            first = false;
        }
        return (IOrderedQueryable<T>)source.Provider.CreateQuery<T>(expression);
    }

    // Looked up once: Expression.Call by method name searches Queryable's methods on every call (per request).
    private static readonly System.Reflection.MethodInfo OrderBy = KeySelectorMethod(nameof(Queryable.OrderBy));
    private static readonly System.Reflection.MethodInfo OrderByDescending = KeySelectorMethod(nameof(Queryable.OrderByDescending));
    private static readonly System.Reflection.MethodInfo ThenBy = KeySelectorMethod(nameof(Queryable.ThenBy));
    private static readonly System.Reflection.MethodInfo ThenByDescending = KeySelectorMethod(nameof(Queryable.ThenByDescending));

    private static System.Reflection.MethodInfo KeySelectorMethod(string name) =>
        typeof(Queryable).GetMethods().Single(m => m.Name == name && m.GetParameters().Length == 2);

    internal IEnumerable<(Expression Key, bool Descending)> Keys(Expression entity, IDictionary<string, object?> input)
    {
        foreach (var (name, value) in input)
        {
            var field = _fields.FirstOrDefault(f => f.Name == name);
            if (field is null || value is null) continue;
            var member = ParameterReplacer.Apply(field.Member, entity);
            if (field.Nested is null)
            {
                if (value is SortDirection direction) yield return (member, direction == SortDirection.Desc);
            }
            else if (value is IDictionary<string, object?> nested)
            {
                foreach (var key in field.Nested(member, nested)) yield return key;
            }
        }
    }

    public sealed record SortField(string Name, string Description, Type GraphType, LambdaExpression Member,
        Func<Expression, IDictionary<string, object?>, IEnumerable<(Expression Key, bool Descending)>>? Nested);
}

/// <summary>The <c>order</c> input of one entity in HotChocolate's shape: <c>order: [{ field: ASC }, { other: { field: DESC } }]</c>.</summary>
public abstract class SortInputGraphType<T> : InputObjectGraphType
{
    protected SortInputGraphType(string name, string description, SortDefinition<T> definition)
    {
        Name = name;
        Description = description;
        foreach (var field in definition.Fields)
        {
            Field(field.Name, field.GraphType).Description(field.Description);
        }
    }
}
