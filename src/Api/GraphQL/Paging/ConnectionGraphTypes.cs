using GraphQL.Types;

namespace CommunityJustice.Analytics.Api.GraphQL.Paging;

/// <summary>A cursor connection type (<c>XConnection</c>) with HotChocolate's fields: nodes, edges, pageInfo, totalCount.</summary>
public abstract class ConnectionGraphType<TNodeType, TEdgeType, TNode> : ObjectGraphType<Connection<TNode>>
    where TNodeType : IGraphType
    where TEdgeType : IGraphType
{
    protected ConnectionGraphType(string name, string what)
    {
        Name = name;
        Description = $"A page of {what}, with cursors to fetch the pages before and after it.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TNodeType>>>>("nodes")
            .Description($"The {what} on this page, in order.")
            .Resolve(c => c.Source.Nodes);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TEdgeType>>>>("edges")
            .Description($"The {what} on this page, each with its cursor.")
            .Resolve(c => c.Source.Edges);
        Field<NonNullGraphType<PageInfoGraphType>>("pageInfo")
            .Description("Whether there are more pages, and the cursors to fetch them.")
            .Resolve(c => c.Source.PageInfo);
        Field<NonNullGraphType<IntGraphType>>("totalCount")
            .Description($"How many {what} match the filter in all (all pages). Counted only when asked for.")
            .ResolveAsync(async c => await c.Source.TotalCount(c.CancellationToken));
    }
}

public abstract class EdgeGraphType<TNodeType, TNode> : ObjectGraphType<Edge<TNode>>
    where TNodeType : IGraphType
{
    protected EdgeGraphType(string name, string what)
    {
        Name = name;
        Description = $"One of the {what} on a page, with its cursor.";
        Field<NonNullGraphType<StringGraphType>>("cursor")
            .Description("Opaque position of this item; pass it as 'after' or 'before' to page from here.")
            .Resolve(c => c.Source.Cursor);
        Field<NonNullGraphType<TNodeType>>("node")
            .Description("The item.")
            .Resolve(c => c.Source.Node);
    }
}

public sealed class PageInfoGraphType : ObjectGraphType<PageInfo>
{
    public PageInfoGraphType()
    {
        Name = "PageInfo";
        Description = "Information about a page of a connection, to fetch the neighbouring pages.";
        Field<NonNullGraphType<BooleanGraphType>>("hasNextPage").Description("True when more items follow this page.").Resolve(c => c.Source.HasNextPage);
        Field<NonNullGraphType<BooleanGraphType>>("hasPreviousPage").Description("True when items precede this page.").Resolve(c => c.Source.HasPreviousPage);
        Field<StringGraphType>("startCursor").Description("Cursor of the first item on this page; null for an empty page.").Resolve(c => c.Source.StartCursor);
        Field<StringGraphType>("endCursor").Description("Cursor of the last item on this page; null for an empty page.").Resolve(c => c.Source.EndCursor);
    }
}
