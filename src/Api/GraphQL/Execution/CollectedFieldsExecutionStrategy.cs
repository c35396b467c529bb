using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQLParser.AST;

namespace CommunityJustice.Analytics.Api.GraphQL.Execution;

/// <summary>
/// GraphQL.NET's parallel strategy for queries, which collects the fields of a selection set once per parsed document and
/// object type instead of once per object: a page of 50 figures has 150 objects (figure, period, area...) whose fields
/// GraphQL.NET otherwise collects afresh, through fragments and directives, for each (docs/benchmarks.md, "Per-request
/// cost, third pass"). Only for operations without variables: their <c>@skip</c>/<c>@include</c> conditions are literals,
/// so the document alone decides which fields a selection set has for a type. Others are collected as before.
/// </summary>
public sealed class CollectedFieldsExecutionStrategy : ParallelExecutionStrategy
{
    private static readonly ConditionalWeakTable<GraphQLSelectionSet, ConcurrentDictionary<IGraphType, CollectedField[]>> Collected = [];

    protected override void SetSubFieldNodes(global::GraphQL.Execution.ExecutionContext context, ObjectExecutionNode parent)
    {
        if (context.Operation.Variables is { Items.Count: > 0 } || parent.SelectionSet is not { } selectionSet)
        {
            base.SetSubFieldNodes(context, parent);
            return;
        }
        var parentType = parent.GetObjectGraphType(context.Schema) ?? parent.GraphType;
        var byType = Collected.GetOrCreateValue(selectionSet);
        if (!byType.TryGetValue(parentType, out var fields))
        {
            // In the order GraphQL.NET collects them (the response's order).
            fields = [.. CollectFieldsFrom(context, parentType, selectionSet, null).Values.Select(f => new CollectedField(f.field, f.fieldType))];
            byType.TryAdd(parentType, fields);
        }
        var subFields = new ExecutionNode[fields.Length];
        for (var i = 0; i < fields.Length; i++)
            subFields[i] = BuildExecutionNode(parent, fields[i].Definition.ResolvedType!, fields[i].Field, fields[i].Definition);
        parent.SubFields = subFields;
    }

    private sealed record CollectedField(GraphQLField Field, FieldType Definition);
}
