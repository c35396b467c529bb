using System.Collections;
using CommunityJustice.Analytics.Api.GraphQL.Options;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace CommunityJustice.Analytics.Api.GraphQL.Limits;

/// <summary>
/// Refuses filters whose <c>in</c>/<c>nin</c> lists are longer than MaxFilterListLength
/// (FILTER_LIST_TOO_LONG) or whose <c>and</c>/<c>or</c> nest deeper than MaxFilterNesting
/// (FILTER_TOO_DEEP). It looks at argument values after variables are applied, so a list passed
/// in a variable is checked as well as one written in the query.
/// </summary>
public sealed class FilterLimitsValidationRule(GraphQLHttpOptions options) : ValidationRuleBase
{
    public override ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context)
    {
        if (context.ArgumentValues is { } fields)
        {
            foreach (var (field, arguments) in fields)
            {
                foreach (var (name, argument) in arguments)
                {
                    if (Check(argument.Value, 0, name) is not { } problem) continue;
                    context.ReportError(new LimitExceededError(context.Document.Source, problem.Code, problem.Message, field));
                    return default;
                }
            }
        }
        return default;
    }

    private (string Code, string Message)? Check(object? value, int nesting, string path)
    {
        switch (value)
        {
            case IDictionary<string, object?> input:
                foreach (var (key, item) in input)
                {
                    var here = path + "." + key;
                    if (key is "and" or "or")
                    {
                        if (nesting + 1 > options.MaxFilterNesting)
                            return (LimitExceededError.FilterTooDeep,
                                $"The filter nests and/or {nesting + 1} deep at '{here}'; at most {options.MaxFilterNesting} levels are allowed. Flatten it: conditions side by side in one object must all hold, and 'in' lists alternatives.");
                        if (Check(item, nesting + 1, here) is { } problem) return problem;
                    }
                    else if (key is "in" or "nin" && item is ICollection list && list.Count > options.MaxFilterListLength)
                    {
                        return (LimitExceededError.FilterListTooLong,
                            $"'{here}' lists {list.Count} values; at most {options.MaxFilterListLength} are allowed. Split the list over several queries.");
                    }
                    else if (Check(item, nesting, here) is { } problem)
                    {
                        return problem;
                    }
                }
                return null;
            case IEnumerable items and not string:
                foreach (var item in items)
                {
                    if (Check(item, nesting, path) is { } problem) return problem;
                }
                return null;
            default:
                return null;
        }
    }
}
