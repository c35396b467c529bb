using CommunityJustice.Analytics.Api.GraphQL.Options;
using GraphQL;
using GraphQLParser.AST;

namespace CommunityJustice.Analytics.Api.GraphQL.Limits;

/// <summary>
/// Size checks on a parsed document that run before GraphQL validation, in time linear in the
/// document, so that alias bombs and fragment bombs (a fragment spreading another several times,
/// over and over) are refused before validation rules that compare fields pairwise or expand
/// fragments get to them.
/// </summary>
public static class DocumentLimits
{
    /// <summary>The first limit the document breaks, or null.</summary>
    public static ExecutionError? Check(GraphQLDocument document, GraphQLHttpOptions options)
    {
        var fragments = new Dictionary<string, GraphQLFragmentDefinition>(StringComparer.Ordinal);
        foreach (var fragment in document.Definitions.OfType<GraphQLFragmentDefinition>())
            fragments.TryAdd(fragment.FragmentName.Name.StringValue, fragment);

        // Fields as executed: each fragment counted as often as it is spread (memoised, so a
        // fragment bomb costs one pass). Selections written in the document (fields, spreads and
        // inline fragments, used or not) count too, which also bounds chains of fragments.
        var counter = new FieldCounter(fragments, options.MaxFields + 1L);
        long expanded = 0;
        foreach (var operation in document.Definitions.OfType<GraphQLOperationDefinition>())
            expanded = Math.Min(counter.Cap, expanded + counter.Count(operation.SelectionSet));
        var written = CountWritten(document);
        var fields = Math.Max(expanded, written);
        if (fields > options.MaxFields)
        {
            return new LimitExceededError(document.Source, LimitExceededError.TooManyFields,
                $"The query has {(fields >= counter.Cap ? "more than " + options.MaxFields : fields.ToString(System.Globalization.CultureInfo.InvariantCulture))} fields (counting fragment spreads, and each fragment as often as it is spread); at most {options.MaxFields} are allowed. Select fewer fields, or split the query into several requests.");
        }

        foreach (var set in SelectionSets(document))
        {
            var responseNames = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            CollectFields(set, fragments, responseNames, []);
            foreach (var (field, names) in responseNames)
            {
                if (names.Count > options.MaxAliasesPerField)
                {
                    return new LimitExceededError(document.Source, LimitExceededError.TooManyAliases,
                        $"'{field}' is selected {names.Count} times under different aliases in one selection; at most {options.MaxAliasesPerField} are allowed. Use one selection with a filter (e.g. where: {{ area: {{ code: {{ in: [...] }} }} }}) instead of many aliases.",
                        set);
                }
            }
        }
        return null;
    }

    private sealed class FieldCounter(Dictionary<string, GraphQLFragmentDefinition> fragments, long cap)
    {
        private readonly Dictionary<string, long> _counted = new(StringComparer.Ordinal);
        private readonly HashSet<string> _inProgress = new(StringComparer.Ordinal);

        public long Cap => cap;

        public long Count(GraphQLSelectionSet? set)
        {
            if (set is null) return 0;
            long total = 0;
            foreach (var selection in set.Selections)
            {
                total += selection switch
                {
                    GraphQLField field => 1 + Count(field.SelectionSet),
                    GraphQLInlineFragment inline => Count(inline.SelectionSet),
                    GraphQLFragmentSpread spread => Fragment(spread.FragmentName.Name.StringValue),
                    _ => 0,
                };
                if (total >= cap) return cap;
            }
            return total;
        }

        private long Fragment(string name)
        {
            if (_counted.TryGetValue(name, out var known)) return known;
            // A cycle (refused by validation's NoFragmentCycles) or an unknown fragment counts nothing here.
            if (!fragments.TryGetValue(name, out var fragment) || !_inProgress.Add(name)) return 0;
            var count = Count(fragment.SelectionSet);
            _inProgress.Remove(name);
            _counted[name] = count;
            return count;
        }
    }

    private static long CountWritten(GraphQLDocument document)
    {
        long count = 0;
        foreach (var set in SelectionSets(document))
            count += set.Selections.Count;
        return count;
    }

    /// <summary>Every selection set written in the document, operations and fragments alike.</summary>
    private static IEnumerable<GraphQLSelectionSet> SelectionSets(GraphQLDocument document)
    {
        var stack = new Stack<GraphQLSelectionSet>();
        foreach (var definition in document.Definitions)
        {
            if (definition is GraphQLOperationDefinition { SelectionSet: { } op }) stack.Push(op);
            else if (definition is GraphQLFragmentDefinition { SelectionSet: { } fragment }) stack.Push(fragment);
        }
        while (stack.Count > 0)
        {
            var set = stack.Pop();
            yield return set;
            foreach (var selection in set.Selections)
            {
                if (selection is GraphQLField { SelectionSet: { } child }) stack.Push(child);
                else if (selection is GraphQLInlineFragment { SelectionSet: { } inline }) stack.Push(inline);
            }
        }
    }

    /// <summary>Field name → response names (alias or name) selected at this level, through inline fragments and spreads.</summary>
    private static void CollectFields(GraphQLSelectionSet set, Dictionary<string, GraphQLFragmentDefinition> fragments,
        Dictionary<string, HashSet<string>> responseNames, HashSet<string> visited)
    {
        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case GraphQLField field:
                    var name = field.Name.StringValue;
                    if (!responseNames.TryGetValue(name, out var names)) responseNames[name] = names = new(StringComparer.Ordinal);
                    names.Add(field.Alias?.Name.StringValue ?? name);
                    break;
                case GraphQLInlineFragment inline:
                    CollectFields(inline.SelectionSet, fragments, responseNames, visited);
                    break;
                case GraphQLFragmentSpread spread:
                    var fragmentName = spread.FragmentName.Name.StringValue;
                    if (visited.Add(fragmentName) && fragments.TryGetValue(fragmentName, out var fragment))
                        CollectFields(fragment.SelectionSet, fragments, responseNames, visited);
                    break;
            }
        }
    }
}
