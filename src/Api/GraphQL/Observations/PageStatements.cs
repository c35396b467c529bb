using System.Collections.Concurrent;
using System.Data.Common;
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
/// The statement behind a page of figures, written by EF Core once per request shape and then sent as it is:
/// a repeated request (the same parsed document, without variables) with the same reference data, disclosure view,
/// editions and page position asks for the same SQL with the same parameter values, so EF Core need not build,
/// translate, look up and generate it again, nor this API compose the LINQ query again (about a fifth of the API's CPU
/// per page; docs/benchmarks.md, "Per-request cost, third pass"). The figures are read from PostgreSQL on every request;
/// only the statement's text and parameters are kept. Every row read goes through the caller's completion (disclosure
/// control, reference data) exactly as the rows EF Core reads do.
/// </summary>
public sealed class PageStatements
{
    /// <summary>Statements kept per field of a parsed document; beyond this, all are dropped and written again as needed.</summary>
    private const int MaxShapesPerField = 16;

    private static readonly ConditionalWeakTable<GraphQLField, ConcurrentDictionary<Shape, PageStatement?>> ByField = [];

    private readonly ConcurrentDictionary<Shape, PageStatement?> _statements;
    private readonly DisclosureView _view;
    private readonly ReferenceData _reference;
    private readonly string _editions;

    private PageStatements(DisclosureView view, ReferenceData reference, string editions, ConcurrentDictionary<Shape, PageStatement?> statements)
    {
        _view = view;
        _reference = reference;
        _editions = editions;
        _statements = statements;
    }

    /// <summary>
    /// The statements for this request's field, for requests whose arguments the parsed document alone fixes (no variables);
    /// null otherwise (the page is then read through EF Core as written).
    /// </summary>
    public static PageStatements? For(IResolveFieldContext context, DisclosureView view, ReferenceData reference, IReadOnlyCollection<int>? editions)
    {
        if (context.Operation.Variables is { Items.Count: > 0 }) return null;
        return new PageStatements(view, reference, editions is null ? "*" : string.Join(',', editions), ByField.GetOrCreateValue(context.FieldAst));
    }

    /// <summary>
    /// Rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="size"/>: the kept statement when there is one,
    /// otherwise <paramref name="page"/> (the LINQ query for them) written by EF Core, kept, and run.
    /// </summary>
    public async Task<List<Observation>> ReadAsync(AnalyticsDbContext db, int start, int size, Func<IQueryable<Observation>> page, CancellationToken cancellationToken)
    {
        var shape = new Shape(_view, _reference, _editions, start, size);
        if (!_statements.TryGetValue(shape, out var statement))
        {
            var query = page();
            statement = PageStatement.Write(query);
            if (_statements.Count >= MaxShapesPerField) _statements.Clear();
            _statements.TryAdd(shape, statement);
            if (statement is null) return await query.ToListAsync(cancellationToken);
        }
        if (statement is null) return await page().ToListAsync(cancellationToken);
        return await statement.ReadAsync(db, cancellationToken)
            ?? await RewriteAsync(shape, page, cancellationToken);
    }

    /// <summary>The statement's columns were not all ones this API knows how to read: the shape is left to EF Core from now on.</summary>
    private async Task<List<Observation>> RewriteAsync(Shape shape, Func<IQueryable<Observation>> page, CancellationToken cancellationToken)
    {
        _statements[shape] = null;
        return await page().ToListAsync(cancellationToken);
    }

    /// <summary>Everything besides the document that decides a page's SQL and its parameter values (views and reference data by identity).</summary>
    private readonly record struct Shape(DisclosureView View, ReferenceData Reference, string Editions, int Start, int Size);
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

    public string Sql => _sql;

    /// <summary>The statement EF Core would send for <paramref name="query"/>; null when it is not one statement over Npgsql.</summary>
    public static PageStatement? Write(IQueryable<Observation> query)
    {
        using var command = query.CreateDbCommand();
        if (command is not NpgsqlCommand npgsql) return null;
        return new PageStatement(npgsql.CommandText, [.. npgsql.Parameters.Select(p => p.Clone())]);
    }

    /// <summary>The rows, read on the context's connection; null (nothing read) when a column is not one of the model's for observations.</summary>
    public async Task<List<Observation>?> ReadAsync(AnalyticsDbContext db, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(_sql, connection);
            if (db.Database.GetCommandTimeout() is int timeout) command.CommandTimeout = timeout;
            foreach (var parameter in _parameters) command.Parameters.Add(parameter.Clone());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var read = _read ??= Materializer(db.Model, reader);
            if (read.Row is null) return null;
            var rows = new List<Observation>();
            while (await reader.ReadAsync(cancellationToken)) rows.Add(read.Row(reader));
            return rows;
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    /// <summary>
    /// Turns a row of the statement into a figure as EF Core does (a property per column, by the model's column names; enums
    /// stored as their names, <see cref="ObservationRows"/>); no reader when a column is not a property of observations.
    /// </summary>
    private static RowReader Materializer(Microsoft.EntityFrameworkCore.Metadata.IModel model, DbDataReader result)
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
        var reader = Expression.Parameter(typeof(DbDataReader), "reader");
        var bindings = new List<MemberBinding>(result.FieldCount);
        for (var i = 0; i < result.FieldCount; i++)
        {
            if (!byColumn.TryGetValue(result.GetName(i), out var property)) return new RowReader(null);
            bindings.Add(Expression.Bind(property, Column(reader, i, property.PropertyType)));
        }
        var row = Expression.Lambda<Func<DbDataReader, Observation>>(Expression.MemberInit(Expression.New(typeof(Observation)), bindings), reader);
        return new RowReader(row.Compile());
    }

    private static Expression Column(ParameterExpression reader, int ordinal, Type type)
    {
        var index = Expression.Constant(ordinal);
        var underlying = Nullable.GetUnderlyingType(type);
        var stored = underlying ?? type;
        Expression value = stored.IsEnum
            ? Expression.Call(EnumParse.MakeGenericMethod(stored), Expression.Call(reader, GetString, index))
            : Expression.Call(reader, GetFieldValue.MakeGenericMethod(stored), index);
        if (underlying is null && type.IsValueType) return value;
        return Expression.Condition(Expression.Call(reader, IsDBNull, index), Expression.Default(type), Expression.Convert(value, type));
    }

    private static readonly MethodInfo GetString = typeof(DbDataReader).GetMethod(nameof(DbDataReader.GetString), [typeof(int)])!;
    private static readonly MethodInfo IsDBNull = typeof(DbDataReader).GetMethod(nameof(DbDataReader.IsDBNull), [typeof(int)])!;
    private static readonly MethodInfo GetFieldValue = typeof(DbDataReader).GetMethod(nameof(DbDataReader.GetFieldValue), [typeof(int)])!;
    private static readonly MethodInfo EnumParse = typeof(Enum).GetMethods()
        .Single(m => m.Name == nameof(Enum.Parse) && m.IsGenericMethodDefinition && m.GetParameters() is [{ ParameterType: var p }] && p == typeof(string));

    private sealed record RowReader(Func<DbDataReader, Observation>? Row);
}
