using System.Text.RegularExpressions;
using GraphQL;
using GraphQL.DI;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace CommunityJustice.Analytics.Api.GraphQL.Errors;

/// <summary>
/// Makes GraphQL.NET's own errors say what to do: a subscription sent to this schema
/// (which has none) is refused before execution with OPERATION_NOT_SUPPORTED instead of "Error
/// executing document."; an enum value or input field that does not exist gets "Did you mean ...?"
/// (as graphql-js does for fields, which GraphQL.NET already suggests).
/// </summary>
public sealed partial class HelpfulErrors : IConfigureExecution
{
    public const string OperationNotSupported = "OPERATION_NOT_SUPPORTED";

    public float SortOrder => 10;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        var operation = options.Document?.Definitions.OfType<GraphQLOperationDefinition>()
            .FirstOrDefault(o => string.IsNullOrEmpty(options.OperationName) || o.Name?.StringValue == options.OperationName);
        if (operation is { Operation: OperationType.Mutation or OperationType.Subscription } && options.Schema is { } s
            && (operation.Operation == OperationType.Mutation ? s.Mutation : s.Subscription) is null)
        {
            var kind = operation.Operation.ToString().ToLowerInvariant();
            var error = new ValidationError($"This API has no {kind}s: its schema defines queries, and mutations for partners' plans only (docs/plans.md). Send a query (the field you want under 'query {{ ... }}', or with no keyword).")
            {
                Code = OperationNotSupported,
            };
            if (operation.Location is { } location && options.Query is { } text) error.AddLocation(ToLocation(text, location.Start));
            return new ExecutionResult { Errors = [error], Executed = false };
        }

        var result = await next(options);
        if (result.Errors is not { Count: > 0 } errors || options.Schema is null || options.Document is null) return result;
        var rewritten = new ExecutionErrors();
        var changed = false;
        foreach (var error in errors)
        {
            if (error is ValidationError { Code: "ARGUMENTS_OF_CORRECT_TYPE" } validation && Suggest(validation, options.Schema, options.Document) is { Length: > 0 } hint)
            {
                rewritten.Add(Rewrite(validation, validation.Message + hint));
                changed = true;
            }
            else
            {
                rewritten.Add(error);
            }
        }
        if (changed) result.Errors = rewritten;
        return result;
    }

    private static string? Suggest(ValidationError error, ISchema schema, GraphQLDocument document)
    {
        // "Expected type 'Sex', found FEMAL."
        if (EnumMismatch().Match(error.Message) is { Success: true } e
            && schema.AllTypes[e.Groups[1].Value] is EnumerationGraphType enumType)
        {
            return Suggestions.DidYouMean(e.Groups[2].Value, enumType.Values.Select(v => v.Name));
        }
        // "Argument 'where' has invalid value. In field 'indicatr': Unknown field." (nested: In field 'a': [In field 'b': ...])
        if (!error.Message.EndsWith("Unknown field.", StringComparison.Ordinal) && !error.Message.EndsWith("Unknown field.]", StringComparison.Ordinal)
            && !error.Message.Contains("Unknown field.]", StringComparison.Ordinal))
        {
            return null;
        }
        var path = InField().Matches(error.Message).Select(m => m.Groups[1].Value).ToList();
        if (path.Count == 0 || error.Nodes?.OfType<GraphQLArgument>().FirstOrDefault() is not { } argument) return null;
        var fieldName = FieldOf(document, argument);
        var unknown = path[^1];
        var options = new List<string>();
        foreach (var type in schema.AllTypes.OfType<IComplexGraphType>().Where(t => t is not IInputObjectGraphType))
        {
            var field = type.Fields.Find(fieldName ?? "");
            if (field?.Arguments?.Find(argument.Name.StringValue) is not { } arg || arg.ResolvedType is null) continue;
            var input = Unwrap(arg.ResolvedType) as IInputObjectGraphType;
            foreach (var step in path.Take(path.Count - 1))
                input = input?.Fields.Find(step)?.ResolvedType is { } t ? Unwrap(t) as IInputObjectGraphType : null;
            if (input is not null) options.AddRange(input.Fields.Select(f => f.Name));
        }
        return Suggestions.DidYouMean(unknown, options);
    }

    private static IGraphType Unwrap(IGraphType type) => type switch
    {
        NonNullGraphType n => Unwrap(n.ResolvedType!),
        ListGraphType l => Unwrap(l.ResolvedType!),
        _ => type,
    };

    /// <summary>The name of the field an argument node belongs to (walking operations and fragments).</summary>
    private static string? FieldOf(GraphQLDocument document, GraphQLArgument argument)
    {
        foreach (var definition in document.Definitions)
        {
            var set = definition switch
            {
                GraphQLOperationDefinition o => o.SelectionSet,
                GraphQLFragmentDefinition f => f.SelectionSet,
                _ => null,
            };
            if (set is not null && Find(set) is { } name) return name;
        }
        return null;

        string? Find(GraphQLSelectionSet set)
        {
            foreach (var selection in set.Selections)
            {
                switch (selection)
                {
                    case GraphQLField field:
                        if (field.Arguments?.Items.Any(a => ReferenceEquals(a, argument)) == true) return field.Name.StringValue;
                        if (field.SelectionSet is { } inner && Find(inner) is { } found) return found;
                        break;
                    case GraphQLInlineFragment fragment when Find(fragment.SelectionSet) is { } inFragment:
                        return inFragment;
                }
            }
            return null;
        }
    }

    private static ValidationError Rewrite(ValidationError original, string message)
    {
        var rewritten = new ValidationError(message) { Code = original.Code, Number = original.Number, Path = original.Path };
        foreach (var location in original.Locations ?? []) rewritten.AddLocation(location);
        return rewritten;
    }

    private static GraphQLParser.Location ToLocation(string text, int offset)
    {
        int line = 1, column = 1;
        for (var i = 0; i < offset && i < text.Length; i++)
        {
            if (text[i] == '\n') { line++; column = 1; }
            else column++;
        }
        return new GraphQLParser.Location(line, column);
    }

    [GeneratedRegex(@"Expected type '(\w+)', found (\w+)\.")]
    private static partial Regex EnumMismatch();

    [GeneratedRegex(@"In field '(\w+)'")]
    private static partial Regex InField();
}
