using System.Linq.Expressions;
using System.Reflection;
using CommunityJustice.Analytics.Model.Observations;
using GraphQL;
using GraphQLParser.AST;

namespace CommunityJustice.Analytics.Api.GraphQL.Observations;

/// <summary>
/// The observation columns a page of figures needs for the fields the query selects (under
/// <c>nodes</c> and <c>edges { node }</c>), so that the statement reads only those. Identity, edition,
/// status and the keys of the related rows are always read: disclosure control and the attached
/// indicator, area and age band need them. A field not listed here reads every column.
/// </summary>
public static class ObservationColumns
{
    private static readonly string[] Always =
    [
        nameof(Observation.Id), nameof(Observation.DatasetVersionId), nameof(Observation.Status),
        nameof(Observation.IndicatorCode), nameof(Observation.AreaCode), nameof(Observation.AgeBandCode),
    ];

    private static readonly string[] Counts = [nameof(Observation.Value), nameof(Observation.Numerator), nameof(Observation.Denominator)];

    /// <summary>GraphQL field of Observation → the columns it reads beyond <see cref="Always"/>.</summary>
    private static readonly Dictionary<string, string[]> ByField = new()
    {
        ["__typename"] = [],
        ["id"] = [],
        ["indicator"] = [],
        ["area"] = [],
        ["ageBand"] = [],
        ["source"] = [],
        ["status"] = [],
        ["sex"] = [nameof(Observation.Sex)],
        ["period.__typename"] = [],
        ["period.label"] = [nameof(Observation.PeriodLabel)],
        ["period.type"] = [nameof(Observation.PeriodType)],
        ["period.start"] = [nameof(Observation.PeriodStart)],
        ["period.end"] = [nameof(Observation.PeriodEnd)],
        ["value"] = [nameof(Observation.Value)],
        ["marker"] = [nameof(Observation.Marker)],
        ["suppressionReason"] = [nameof(Observation.Marker)],
        ["numerator"] = [nameof(Observation.Numerator)],
        ["denominator"] = [nameof(Observation.Denominator)],
        ["countSource"] = Counts,
        ["confidenceInterval"] = Counts,
        ["intervalNote"] = Counts,
    };

    /// <summary>The projection reading only what the selection needs; null when it needs every column.</summary>
    /// <remarks>
    /// Worked out once per field of a parsed document: a repeated query reuses its parsed document
    /// (<c>ValidatedDocumentCache</c>), and with it the field, so the selection is not walked again.
    /// </remarks>
    public static Expression<Func<Observation, Observation>>? Projection(IResolveFieldContext context) =>
        ByFieldNode.GetValue(context.FieldAst, _ => new(Build(context))).Value;

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<GraphQLField, System.Runtime.CompilerServices.StrongBox<Expression<Func<Observation, Observation>>?>> ByFieldNode = [];

    private static Expression<Func<Observation, Observation>>? Build(IResolveFieldContext context)
    {
        var fields = new HashSet<string>(StringComparer.Ordinal);
        var fragments = context.Document.Definitions.OfType<GraphQLFragmentDefinition>().ToDictionary(f => f.FragmentName.Name.StringValue);
        foreach (var connectionField in Fields(context.FieldAst.SelectionSet, fragments))
        {
            switch (connectionField.Name.StringValue)
            {
                case "nodes":
                    fields.UnionWith(NodeFields(connectionField.SelectionSet, fragments));
                    break;
                case "edges":
                    foreach (var edgeField in Fields(connectionField.SelectionSet, fragments).Where(f => f.Name.StringValue == "node"))
                        fields.UnionWith(NodeFields(edgeField.SelectionSet, fragments));
                    break;
            }
        }

        var columns = new HashSet<string>(Always, StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (!ByField.TryGetValue(field, out var more)) return null;
            columns.UnionWith(more);
        }
        var row = Expression.Parameter(typeof(Observation), "o");
        var bindings = typeof(Observation).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => columns.Contains(p.Name))
            .Select(p => (MemberBinding)Expression.Bind(p, Expression.Property(row, p)));
        return Expression.Lambda<Func<Observation, Observation>>(Expression.MemberInit(Expression.New(typeof(Observation)), bindings), row);
    }

    /// <summary>The fields selected on a figure; those of its period as "period.label" and so on (each reads its own column).</summary>
    private static IEnumerable<string> NodeFields(GraphQLSelectionSet? selectionSet, IReadOnlyDictionary<string, GraphQLFragmentDefinition> fragments) =>
        Fields(selectionSet, fragments).SelectMany(f => f.Name.StringValue == "period"
            ? Fields(f.SelectionSet, fragments).Select(p => "period." + p.Name.StringValue)
            : [f.Name.StringValue]);

    /// <summary>The fields of a selection set, through fragment spreads and inline fragments (whatever their directives say).</summary>
    private static IEnumerable<GraphQLField> Fields(GraphQLSelectionSet? selectionSet, IReadOnlyDictionary<string, GraphQLFragmentDefinition> fragments, int depth = 0)
    {
        if (selectionSet is null || depth > 32) yield break;
        foreach (var selection in selectionSet.Selections)
        {
            switch (selection)
            {
                case GraphQLField field:
                    yield return field;
                    break;
                case GraphQLInlineFragment inline:
                    foreach (var f in Fields(inline.SelectionSet, fragments, depth + 1)) yield return f;
                    break;
                case GraphQLFragmentSpread spread when fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment):
                    foreach (var f in Fields(fragment.SelectionSet, fragments, depth + 1)) yield return f;
                    break;
            }
        }
    }
}
