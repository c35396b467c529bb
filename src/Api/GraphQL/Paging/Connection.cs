using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using CommunityJustice.Analytics.Api.GraphQL.Errors;
using CommunityJustice.Analytics.Api.GraphQL.Filtering;
using CommunityJustice.Analytics.Model;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace CommunityJustice.Analytics.Api.GraphQL.Paging;

/// <summary>One page of a list, in the shape of a Relay cursor connection as HotChocolate serves it.</summary>
public sealed class Connection<T>(IReadOnlyList<Edge<T>> edges, PageInfo pageInfo, Func<CancellationToken, Task<int>> totalCount)
{
    public IReadOnlyList<Edge<T>> Edges { get; } = edges;
    public IReadOnlyList<T> Nodes { get; } = [.. edges.Select(e => e.Node)];
    public PageInfo PageInfo { get; } = pageInfo;

    /// <summary>Counts the whole filtered list; run only when the query selects <c>totalCount</c>.</summary>
    public Func<CancellationToken, Task<int>> TotalCount { get; } = totalCount;
}

/// <summary>An item of a page and its position; the cursor is encoded only when a query asks for it.</summary>
public sealed class Edge<T>(int index, T node)
{
    public string Cursor => OffsetPaging.EncodeCursor(index);
    public T Node { get; } = node;
}

/// <summary>Reads rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="size"/> of a list; <paramref name="page"/> is the LINQ query for them.</summary>
public delegate Task<List<T>> PageReader<T>(AnalyticsDbContext db, int start, int size, Func<IQueryable<T>> page, CancellationToken cancellationToken);

public sealed record PageInfo(bool HasNextPage, bool HasPreviousPage, string? StartCursor, string? EndCursor);

/// <summary>
/// Offset pagination over an ordered EF Core query, as HotChocolate's default for IQueryable:
/// a cursor is the item's position in the ordered list (base64-encoded), so it stays valid while
/// the data does not change (figures change only when a new edition is loaded).
/// </summary>
public static class OffsetPaging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 1000;

    public static string EncodeCursor(int index) => Convert.ToBase64String(Encoding.UTF8.GetBytes(index.ToString(CultureInfo.InvariantCulture)));

    public static int DecodeCursor(string cursor, string argument)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var index)) return index;
        }
        catch (FormatException)
        {
        }
        throw new InvalidPagingError($"'{cursor}' is not a cursor of this list ({argument}). Use a cursor returned in edges.cursor or pageInfo.");
    }

    /// <summary>Adds the HotChocolate paging arguments first/after/last/before to a connection field.</summary>
    public static FieldBuilder<TSource, TReturn> PagingArguments<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) =>
        field
            .Argument<IntGraphType>("first", $"Return the first n items (after the 'after' cursor when given). Default {DefaultPageSize}, at most {MaxPageSize}.")
            .Argument<StringGraphType>("after", "Return items after this cursor (from edges.cursor or pageInfo.endCursor).")
            .Argument<IntGraphType>("last", $"Return the last n items (before the 'before' cursor when given). At most {MaxPageSize}.")
            .Argument<StringGraphType>("before", "Return items before this cursor (from edges.cursor or pageInfo.startCursor).");

    /// <summary>
    /// Reads one page of <paramref name="query"/> (already filtered and ordered), each call on a
    /// short-lived context of its own so that it can run beside sibling resolvers.
    /// </summary>
    /// <param name="complete">Applied to each row of the page once read (e.g. to attach related objects held in memory).</param>
    /// <param name="readPage">Reads the page's rows instead of EF Core running the LINQ query for them (which it is given to fall back on).</param>
    public static async Task<Connection<T>> ToConnectionAsync<T>(this IResolveFieldContext context,
        IDbContextFactory<AnalyticsDbContext> factory, Func<AnalyticsDbContext, IQueryable<T>> query, Func<T, T>? complete = null,
        PageReader<T>? readPage = null)
    {
        var first = context.GetArgument<int?>("first");
        var last = context.GetArgument<int?>("last");
        var after = context.GetArgument<string?>("after");
        var before = context.GetArgument<string?>("before");
        Check(first, "first");
        Check(last, "last");

        // GraphQL.NET reuses the resolve context once the resolver returns: capture what the later count needs.
        var cancellationToken = context.CancellationToken;
        var count = new Lazy<Task<int>>(async () =>
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            return await query(db).CountAsync(cancellationToken);
        });

        var start = after is null ? 0 : DecodeCursor(after, "after") + 1;
        int? end = before is null ? null : DecodeCursor(before, "before");
        if (first is null && last is null) first = DefaultPageSize;
        if (first is int f) end = end is int e ? Math.Min(e, start + f) : start + f;
        if (last is int l)
        {
            end ??= await count.Value;
            start = Math.Max(start, end.Value - l);
        }
        var take = Math.Max(0, end!.Value - start);

        List<T> rows;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            // One row more than the page shows whether there is a next page.
            rows = readPage is null
                ? await Page(query(db), start, take + 1).ToListAsync(cancellationToken)
                : await readPage(db, start, take + 1, () => Page(query(db), start, take + 1), cancellationToken);
        }
        var hasNext = rows.Count > take;
        var shown = Math.Min(take, rows.Count);
        var edges = new List<Edge<T>>(shown);
        for (var i = 0; i < shown; i++) edges.Add(new Edge<T>(start + i, complete is null ? rows[i] : complete(rows[i])));
        var pageInfo = new PageInfo(hasNext, start > 0, edges.FirstOrDefault()?.Cursor, edges.LastOrDefault()?.Cursor);
        return new Connection<T>(edges, pageInfo, _ => count.Value);
    }

    private static readonly System.Reflection.MethodInfo TakeMethod =
        typeof(Queryable).GetMethod(nameof(Queryable.Take), [typeof(IQueryable<>).MakeGenericType(Type.MakeGenericMethodParameter(0)), typeof(int)])!;

    private static readonly System.Reflection.MethodInfo ConstantMethod = typeof(EF).GetMethod(nameof(EF.Constant))!.MakeGenericMethod(typeof(int));

    /// <summary>
    /// Rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="size"/>. The size goes into the SQL as a
    /// literal (<c>LIMIT 51</c>), not a parameter: PostgreSQL costs a generic plan with <c>LIMIT $n</c> as if a tenth of the
    /// rows were wanted, so it never prefers the generic plan and plans the page's statement afresh on every request.
    /// Page sizes are few (default 50), so the literal adds few statements. No OFFSET for the first page, for the same reason.
    /// </summary>
    private static IQueryable<T> Page<T>(IQueryable<T> query, int start, int size)
    {
        if (start > 0) query = query.Skip(start);
        var take = Expression.Call(GenericMethods.Make(TakeMethod, typeof(T)), query.Expression,
            Expression.Call(ConstantMethod, Expression.Constant(size)));
        return query.Provider.CreateQuery<T>(take);
    }

    private static void Check(int? size, string argument)
    {
        if (size < 0) throw new InvalidPagingError($"'{argument}' must not be negative.");
        if (size > MaxPageSize)
            throw new InvalidPagingError($"'{argument}' is {size}, above the maximum page size of {MaxPageSize}. Page through larger lists with 'after' and pageInfo.endCursor.");
    }
}
