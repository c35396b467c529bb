using System.Collections;
using System.Linq.Expressions;
using CommunityJustice.Analytics.Api.GraphQL.Errors;

namespace CommunityJustice.Analytics.Api.GraphQL.Filtering;

/// <summary>One field of a filter input: its GraphQL name and type, and how a value for it becomes a predicate.</summary>
public interface IFilterField
{
    string Name { get; }
    string Description { get; }
    Type GraphType { get; }

    /// <summary>A boolean expression over <paramref name="entity"/> for the field's operation input value.</summary>
    Expression? Build(Expression entity, object? value);
}

/// <summary>
/// The registry of filterable fields of one entity: GraphQL field name → member expression, composed
/// for nested inputs (<c>area: { name: { contains: "lothian" } }</c> becomes <c>o.Area.Name ILIKE '%lothian%'</c>).
/// Predicates are LINQ expressions that EF Core translates to SQL; nothing is filtered in memory.
/// The matching GraphQL input type is <see cref="FilterInputGraphType{TSelf,T}"/>.
/// </summary>
public sealed class FilterDefinition<T>
{
    private readonly List<IFilterField> _fields = [];

    public IReadOnlyList<IFilterField> Fields => _fields;

    /// <summary>A text field filtered with <see cref="StringOperationFilterInputType"/>.</summary>
    public FilterDefinition<T> String(string name, Expression<Func<T, string?>> member, string description) =>
        Add(new MemberField(name, description, typeof(StringOperationFilterInputType), member));

    /// <summary>A field filtered with an operation input whose operators apply to its value type (comparable or enum).</summary>
    public FilterDefinition<T> Operation<TValue, TOperationInput>(string name, Expression<Func<T, TValue>> member, string description)
        where TOperationInput : global::GraphQL.Types.IInputObjectGraphType =>
        Add(new MemberField(name, description, typeof(TOperationInput), member));

    /// <summary>A nested object whose own filter definition applies to <paramref name="member"/>.</summary>
    public FilterDefinition<T> Object<TChild, TChildInput>(string name, Expression<Func<T, TChild?>> member, FilterDefinition<TChild> child, string description)
        where TChildInput : global::GraphQL.Types.IInputObjectGraphType =>
        Add(new ObjectField<TChild>(name, description, typeof(TChildInput), member, child));

    /// <summary>A field of its own kind (e.g. an area's <c>within</c>, resolved in memory to a set of codes before the predicate is built).</summary>
    public FilterDefinition<T> Field(IFilterField field) => Add(field);

    /// <summary>The predicate for a parsed <c>where</c> argument, or null when it filters nothing.</summary>
    public Expression<Func<T, bool>>? ToPredicate(object? where)
    {
        if (where is not IDictionary<string, object?> input) return null;
        var parameter = Expression.Parameter(typeof(T), "x");
        var body = Build(parameter, input);
        return body is null ? null : Expression.Lambda<Func<T, bool>>(body, parameter);
    }

    internal Expression? Build(Expression entity, IDictionary<string, object?> input)
    {
        Expression? result = null;
        foreach (var (key, value) in input)
        {
            var part = key switch
            {
                "and" => Combine(Expression.AndAlso, Items(value).Select(i => Build(entity, i))),
                "or" => Combine(Expression.OrElse, Items(value).Select(i => Build(entity, i))),
                _ => _fields.FirstOrDefault(f => f.Name == key)?.Build(entity, value),
            };
            if (part is not null) result = result is null ? part : Expression.AndAlso(result, part);
        }
        return result;
    }

    private static IEnumerable<IDictionary<string, object?>> Items(object? value) =>
        value is IEnumerable list and not string ? list.OfType<IDictionary<string, object?>>() : [];

    private static Expression? Combine(Func<Expression, Expression, BinaryExpression> op, IEnumerable<Expression?> parts)
    {
        Expression? result = null;
        foreach (var part in parts)
        {
            var p = part ?? Expression.Constant(true); // an empty object inside and/or matches everything
            result = result is null ? p : op(result, p);
        }
        return result; // an empty list filters nothing
    }

    private FilterDefinition<T> Add(IFilterField field)
    {
        _fields.Add(field);
        return this;
    }

    private sealed class MemberField(string name, string description, Type graphType, LambdaExpression member) : IFilterField
    {
        public string Name => name;
        public string Description => description;
        public Type GraphType => graphType;

        public Expression? Build(Expression entity, object? value) =>
            value is IDictionary<string, object?> operations
                ? FilterOperations.Build(ParameterReplacer.Apply(member, entity), operations, Name)
                : null;
    }

    private sealed class ObjectField<TChild>(string name, string description, Type graphType, LambdaExpression member, FilterDefinition<TChild> child) : IFilterField
    {
        public string Name => name;
        public string Description => description;
        public Type GraphType => graphType;

        public Expression? Build(Expression entity, object? value) =>
            value is IDictionary<string, object?> input ? child.Build(ParameterReplacer.Apply(member, entity), input) : null;
    }
}

/// <summary>Puts an expression in place of a lambda's parameter, to compose member paths.</summary>
public sealed class ParameterReplacer(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
{
    public static Expression Apply(LambdaExpression lambda, Expression replacement) =>
        new ParameterReplacer(lambda.Parameters[0], replacement).Visit(lambda.Body);

    protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : node;
}

/// <summary>Turns one operation input (<c>{ eq, neq, in, nin, gt, ..., contains, ... }</c>) into a predicate.</summary>
public static class FilterOperations
{
    private static readonly System.Reflection.MethodInfo ILike = typeof(Microsoft.EntityFrameworkCore.NpgsqlDbFunctionsExtensions)
        .GetMethod(nameof(Microsoft.EntityFrameworkCore.NpgsqlDbFunctionsExtensions.ILike),
            [typeof(Microsoft.EntityFrameworkCore.DbFunctions), typeof(string), typeof(string), typeof(string)])!;

    public static Expression? Build(Expression member, IDictionary<string, object?> operations, string fieldName)
    {
        Expression? result = null;
        foreach (var (op, value) in operations)
        {
            var part = op switch
            {
                "eq" => Equal(member, value, negate: false),
                "neq" => Equal(member, value, negate: true),
                "in" => In(member, value, fieldName, op, negate: false),
                "nin" => In(member, value, fieldName, op, negate: true),
                "gt" => Compare(Expression.GreaterThan, member, value, fieldName, op),
                "gte" => Compare(Expression.GreaterThanOrEqual, member, value, fieldName, op),
                "lt" => Compare(Expression.LessThan, member, value, fieldName, op),
                "lte" => Compare(Expression.LessThanOrEqual, member, value, fieldName, op),
                "contains" => Like(member, value, fieldName, op, "%", "%", negate: false),
                "ncontains" => Like(member, value, fieldName, op, "%", "%", negate: true),
                "startsWith" => Like(member, value, fieldName, op, "", "%", negate: false),
                "nstartsWith" => Like(member, value, fieldName, op, "", "%", negate: true),
                "endsWith" => Like(member, value, fieldName, op, "%", "", negate: false),
                "nendsWith" => Like(member, value, fieldName, op, "%", "", negate: true),
                _ => throw new InvalidFilterError($"Unknown filter operator '{op}' on '{fieldName}'."),
            };
            result = result is null ? part : Expression.AndAlso(result, part);
        }
        return result;
    }

    private static Expression Equal(Expression member, object? value, bool negate)
    {
        if (value is null)
        {
            if (member.Type.IsValueType && Nullable.GetUnderlyingType(member.Type) is null) return Expression.Constant(negate);
            var isNull = Expression.Equal(member, Expression.Constant(null, member.Type));
            return negate ? Expression.Not(isNull) : isNull;
        }
        var parameter = Parameter(Convert(value, member.Type), member.Type);
        return negate ? Expression.NotEqual(member, parameter) : Expression.Equal(member, parameter);
    }

    /// <summary>
    /// Up to this many values, <c>in</c>/<c>nin</c> send one SQL parameter per value (<c>IN ($2, $3)</c>); longer lists one
    /// array parameter (<c>= ANY($2)</c>). With an array, PostgreSQL costs a generic plan as if the list held ten values,
    /// so it never keeps one and plans the statement afresh on every request (about 0.3 ms for the observations page);
    /// with one parameter per value the generic plan is costed like the custom ones and kept. Each list length is a
    /// statement of its own, hence the bound.
    /// </summary>
    public const int SeparateParametersUpTo = 32;

    // EF.MultipleParameters(list), an extension member of EF: the static method behind it.
    private static readonly System.Reflection.MethodInfo MultipleParameters = typeof(Microsoft.EntityFrameworkCore.EFExtensions)
        .GetMethod("MultipleParameters", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)!;

    private static Expression In(Expression member, object? value, string fieldName, string op, bool negate)
    {
        if (value is not IEnumerable items || value is string)
            throw new InvalidFilterError($"'{op}' on '{fieldName}' needs a list of values.");
        var values = new List<object?>();
        var nullable = !member.Type.IsValueType || Nullable.GetUnderlyingType(member.Type) is not null;
        foreach (var item in items)
        {
            if (item is not null) values.Add(Convert(item, member.Type));
            else if (nullable) values.Add(null); // null never equals a value that cannot be null
        }
        Array array;
        if (member.Type == typeof(string))
        {
            array = values.Cast<string?>().ToArray(); // the usual case (codes), without reflection
        }
        else
        {
            array = Array.CreateInstance(member.Type, values.Count);
            for (var i = 0; i < values.Count; i++) array.SetValue(values[i], i);
        }
        Expression list = Parameter(array, array.GetType());
        if (values.Count <= SeparateParametersUpTo) list = Expression.Call(GenericMethods.Make(MultipleParameters, array.GetType()), list);
        var contains = Expression.Call(GenericMethods.Make(EnumerableContains, member.Type), list, member);
        return negate ? Expression.Not(contains) : contains;
    }

    /// <summary>
    /// <c>member IN (values)</c> for a set resolved in memory (thousands of data zones): one array parameter
    /// (<c>= ANY(@p)</c>) rather than a parameter per value.
    /// </summary>
    public static Expression InSet(Expression member, IReadOnlyCollection<string> values)
    {
        var array = Expression.Call(typeof(Microsoft.EntityFrameworkCore.EF), nameof(Microsoft.EntityFrameworkCore.EF.Parameter), [typeof(string[])],
            Parameter(values.ToArray(), typeof(string[])));
        return Expression.Call(GenericMethods.Make(EnumerableContains, typeof(string)), array, member);
    }

    private static readonly System.Reflection.MethodInfo EnumerableContains =
        typeof(Enumerable).GetMethods().Single(m => m.Name == nameof(Enumerable.Contains) && m.GetParameters().Length == 2);

    private static Expression Compare(Func<Expression, Expression, BinaryExpression> compare, Expression member, object? value, string fieldName, string op)
    {
        if (value is null) throw new InvalidFilterError($"'{op}' on '{fieldName}' needs a value, not null.");
        return compare(member, Parameter(Convert(value, member.Type), member.Type));
    }

    private static Expression Like(Expression member, object? value, string fieldName, string op, string prefix, string suffix, bool negate)
    {
        if (value is not string text) throw new InvalidFilterError($"'{op}' on '{fieldName}' needs a text value, not null.");
        var pattern = prefix + EscapeLike(text) + suffix;
        var like = Expression.Call(ILike, Expression.Constant(Microsoft.EntityFrameworkCore.EF.Functions), member,
            Parameter(pattern, typeof(string)), Expression.Constant(@"\"));
        return negate ? Expression.Not(like) : like;
    }

    /// <summary>Escapes LIKE's wildcards so "%" and "_" in a search text match themselves.</summary>
    public static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);

    private static object? Convert(object value, Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target.IsInstanceOfType(value)) return value;
        if (target.IsEnum) return Enum.Parse(target, value.ToString()!, ignoreCase: true);
        return System.Convert.ChangeType(value, target, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A value as a member of a constant object, which EF Core sends as a SQL parameter (so plans are
    /// reused across values) instead of inlining a literal.
    /// </summary>
    private static Expression Parameter(object? value, Type type)
    {
        var holder = HolderTypes.GetOrAdd(type, static t =>
        {
            var holderType = typeof(ValueHolder<>).MakeGenericType(t);
            return (holderType.GetMethod(nameof(ValueHolder<int>.Create))!.CreateDelegate<Func<object?, object>>(), holderType.GetProperty(nameof(ValueHolder<int>.Value))!);
        });
        return Expression.Property(Expression.Constant(holder.Create(value)), holder.Value);
    }

    // Made once per value type: reflection on every condition of every request showed in profiles.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, (Func<object?, object> Create, System.Reflection.PropertyInfo Value)> HolderTypes = new();

    private sealed class ValueHolder<TValue>(TValue value)
    {
        public TValue Value { get; } = value;

        public static object Create(object? value) => new ValueHolder<TValue>((TValue)value!);
    }
}
