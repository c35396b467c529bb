using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using CommunityJustice.Analytics.Api.Data;
using CommunityJustice.Analytics.Api.Disclosure;
using CommunityJustice.Analytics.Model;
using CommunityJustice.Analytics.Model.Observations;
using GraphQL;
using GraphQLParser.AST;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CommunityJustice.Analytics.Api.GraphQL.Observations;

/// <summary>
/// What a request for a page of figures makes of its document, kept per field of a parsed document for requests without
/// variables (their arguments are literals, so the document and the reference data decide them): the filter's expression,
/// and the statement behind each page, written by EF Core once and then sent as it is. A repeated request with the same
/// reference data, disclosure view, editions and page position asks for the same SQL with the same parameter values, so
/// neither this API (resolving area codes, building the filter and sort) nor EF Core (translating, looking up and
/// generating SQL) does that work again: about a quarter of the API's CPU samples per page went to it (docs/benchmarks.md,
/// "Per-request cost, third pass"). The figures are read from PostgreSQL on every request; only expressions, SQL text and parameters are
/// kept. Every row read goes through the caller's completion (disclosure control, reference data) as rows EF Core reads do.
/// </summary>
public sealed class PageShapes
{
    /// <summary>Statements kept per field of a parsed document; beyond this, all are dropped and written again as needed.</summary>
    private const int MaxStatementsPerField = 16;

    private static readonly ConditionalWeakTable<GraphQLField, PageShapes> ByField = [];

    private readonly ConcurrentDictionary<Shape, PageStatement?> _statements = new();
    private volatile KeptFilter? _where;

    /// <summary>The shapes of this request's field when the document alone fixes its arguments (no variables); null otherwise.</summary>
    public static PageShapes? Of(IResolveFieldContext context) =>
        context.Operation.Variables is { Items.Count: > 0 } ? null : ByField.GetOrCreateValue(context.FieldAst);

    /// <summary>The filter as <paramref name="build"/> made it for this reference data (area codes resolved against it), made once.</summary>
    /// <remarks>A filter that fails (an unknown area code) is not kept: the next request fails the same way.</remarks>
    public async ValueTask<Expression<Func<Observation, bool>>?> WhereAsync(ReferenceData reference, Func<Task<Expression<Func<Observation, bool>>?>> build)
    {
        if (_where is { } kept && ReferenceEquals(kept.Reference, reference)) return kept.Where;
        var where = await build();
        _where = new KeptFilter(reference, where);
        return where;
    }

    /// <summary>The page reader for this view, reference data and editions (<see cref="Paging.PageReader{T}"/>).</summary>
    public Paging.PageReader<Observation> Statements(DisclosureView view, ReferenceData reference, IReadOnlyCollection<int>? editions)
    {
        var key = editions is null ? "*" : string.Join(',', editions);
        return (db, start, size, page, cancellationToken) => ReadAsync(new Shape(view, reference, key, start, size), db, page, cancellationToken);
    }

    /// <summary>
    /// The rows of a page: with the kept statement when there is one, otherwise with <paramref name="page"/> (the LINQ query
    /// for them) written by EF Core, kept, and run.
    /// </summary>
    private async Task<List<Observation>> ReadAsync(Shape shape, AnalyticsDbContext db, Func<IQueryable<Observation>> page, CancellationToken cancellationToken)
    {
        if (!_statements.TryGetValue(shape, out var statement))
        {
            var query = page();
            statement = PageStatement.Write(query);
            // Statements written against earlier reference data are dropped when the first one for newer data is kept, so that
            // a document in the cache does not hold on to every earlier snapshot of the reference data (areas, hierarchy).
            if (_statements.Count >= MaxStatementsPerField || _statements.Keys.Any(k => !ReferenceEquals(k.Reference, shape.Reference)))
                _statements.Clear();
            _statements.TryAdd(shape, statement);
            if (statement is null) return await query.ToListAsync(cancellationToken);
        }
        if (statement is null) return await page().ToListAsync(cancellationToken);
        if (await statement.ReadAsync(db, cancellationToken) is { } rows) return rows;
        // A column this API does not know how to read: the shape is left to EF Core from now on.
        _statements[shape] = null;
        return await page().ToListAsync(cancellationToken);
    }

    /// <summary>Everything besides the document that decides a page's SQL and its parameter values (views and reference data by identity).</summary>
    private readonly record struct Shape(DisclosureView View, ReferenceData Reference, string Editions, int Start, int Size);

    private sealed record KeptFilter(ReferenceData Reference, Expression<Func<Observation, bool>>? Where);
}

/// <summary>One page statement as EF Core wrote it: its SQL, its parameters, and how to read its columns into a figure.</summary>
public sealed class PageStatement
{
    private readonly string _sql;
    private readonly NpgsqlParameter[] _parameters;
    private RowReader? _read;

    private PageStatement(string sql, NpgsqlParameter[] parameters)
    {
        _sql = sql;
        _parameters = parameters;
    }

    /// <summary>The statement EF Core would send for <paramref name="query"/>; null when it is not one statement over Npgsql.</summary>
    public static PageStatement? Write(IQueryable<Observation> query)
    {
        using var command = query.CreateDbCommand();
        if (command is not NpgsqlCommand npgsql) return null;
        return new PageStatement(npgsql.CommandText, [.. npgsql.Parameters.Select(p => p.Clone())]);
    }

    /// <summary>The rows, read on the context's connection; null (nothing read) when a column is not one of the model's for observations.</summary>
    public Task<List<Observation>?> ReadAsync(AnalyticsDbContext db, CancellationToken cancellationToken) =>
        HandWrittenStatements.ReadAsync(db, _sql, _parameters.Select(p => p.Clone()), async (reader, ct) =>
        {
            var read = _read ??= Materializer(db.Model, reader);
            if (read.Row is null) return null;
            var rows = new List<Observation>();
            while (await reader.ReadAsync(ct)) rows.Add(read.Row(reader));
            return rows;
        }, cancellationToken);

    /// <summary>
    /// Turns a row of the statement into a figure as EF Core does (a property per column, by the model's column names; enums
    /// stored as their names, <see cref="ObservationRows"/>); no reader when a column is not a property of observations.
    /// </summary>
    private static RowReader Materializer(Microsoft.EntityFrameworkCore.Metadata.IModel model, NpgsqlDataReader result)
    {
        var entity = model.FindEntityType(typeof(Observation))!;
        var table = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        // A whole row comes with the columns' names (id, area_code), a projection with the properties' (Id, AreaCode).
        var byColumn = new Dictionary<string, PropertyInfo>(StringComparer.Ordinal);
        foreach (var property in entity.GetProperties().Where(p => p.PropertyInfo is not null))
        {
            byColumn[property.GetColumnName(table) ?? property.GetColumnName()] = property.PropertyInfo!;
            byColumn[property.Name] = property.PropertyInfo!;
        }
        var reader = Expression.Parameter(typeof(NpgsqlDataReader), "reader");
        var bindings = new List<MemberBinding>(result.FieldCount);
        for (var i = 0; i < result.FieldCount; i++)
        {
            if (!byColumn.TryGetValue(result.GetName(i), out var property)) return new RowReader(null);
            bindings.Add(Expression.Bind(property, Column(reader, i, property.PropertyType)));
        }
        var row = Expression.Lambda<Func<NpgsqlDataReader, Observation>>(Expression.MemberInit(Expression.New(typeof(Observation)), bindings), reader);
        return new RowReader(row.Compile());
    }

    private static Expression Column(ParameterExpression reader, int ordinal, Type type)
    {
        var index = Expression.Constant(ordinal);
        var underlying = Nullable.GetUnderlyingType(type);
        var stored = underlying ?? type;
        Expression value = stored.IsEnum
            ? Expression.Call(EnumParse.MakeGenericMethod(stored), Expression.Call(reader, Typed[typeof(string)], index))
            : Expression.Call(reader, Typed.TryGetValue(stored, out var typed) ? typed : GetFieldValue.MakeGenericMethod(stored), index);
        if (underlying is null && type.IsValueType) return value;
        return Expression.Condition(Expression.Call(reader, IsDBNull, index), Expression.Default(type), Expression.Convert(value, type));
    }

    /// <summary>The reader's typed getters, as EF Core's materializer calls them (GetFieldValue&lt;T&gt; looks its converter up on every call).</summary>
    private static readonly Dictionary<Type, MethodInfo> Typed = new()
    {
        [typeof(string)] = Getter(nameof(NpgsqlDataReader.GetString)),
        [typeof(long)] = Getter(nameof(NpgsqlDataReader.GetInt64)),
        [typeof(int)] = Getter(nameof(NpgsqlDataReader.GetInt32)),
        [typeof(decimal)] = Getter(nameof(NpgsqlDataReader.GetDecimal)),
        [typeof(bool)] = Getter(nameof(NpgsqlDataReader.GetBoolean)),
    };

    private static MethodInfo Getter(string name) => typeof(NpgsqlDataReader).GetMethod(name, [typeof(int)])!;

    private static readonly MethodInfo IsDBNull = Getter(nameof(NpgsqlDataReader.IsDBNull));
    private static readonly MethodInfo GetFieldValue = typeof(NpgsqlDataReader).GetMethod(nameof(NpgsqlDataReader.GetFieldValue), [typeof(int)])!;
    private static readonly MethodInfo EnumParse = typeof(Enum).GetMethods()
        .Single(m => m.Name == nameof(Enum.Parse) && m.IsGenericMethodDefinition && m.GetParameters() is [{ ParameterType: var p }] && p == typeof(string));

    private sealed record RowReader(Func<NpgsqlDataReader, Observation>? Row);
}
