using CommunityJustice.Analytics.Api.GraphQL.Limits;
using GraphQL;
using GraphQL.DI;
using GraphQL.Validation;
using GraphQL.Validation.Rules.Custom;
using GraphQLParser.AST;
using Microsoft.Extensions.Caching.Memory;

namespace CommunityJustice.Analytics.Api.GraphQL.Caching;

/// <summary>
/// Parsed documents that have passed validation, by query text, so that a query sent again (with the
/// same or other variables) is neither parsed nor validated again: the same idea as GraphQL.NET's
/// MemoryDocumentCache (package GraphQL.MemoryCache, not obtainable here). The validation rules that
/// depend on variable values (the complexity analyzer, whose list sizes may come from variables, and
/// the filter limits) still run on every request. Bounded by total query length.
/// </summary>
public sealed class ValidatedDocumentCache : IConfigureExecution, IDisposable
{
    /// <summary>Most query text kept, in characters (parsed documents take roughly ten times that in memory).</summary>
    public const long SizeLimitCharacters = 1_000_000;

    private readonly MemoryCache _documents = new(new MemoryCacheOptions { SizeLimit = SizeLimitCharacters, CompactionPercentage = 0.25 });
    // The documents handed out by Find, by identity: whether a request's document is one of them, without hashing its text again.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<GraphQLDocument, object> _validated = new();
    // The rules that still run on a validated document, for the last list of rules seen (GraphQL.NET builds an equal list per request).
    private volatile RuleSelection? _rules;

    private sealed record RuleSelection(IValidationRule[] All, IValidationRule[] DependingOnVariables);

    /// <summary>After GraphQL.NET's own configurations (validation rules are added at lower sort orders).</summary>
    public float SortOrder => 200;

    /// <summary>A document of this query text that has already passed validation, or null.</summary>
    public GraphQLDocument? Find(string query) => _documents.TryGetValue(query, out GraphQLDocument? document) ? document : null;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        var cached = options.Document is { } document && _validated.TryGetValue(document, out _);
        if (cached)
            options.ValidationRules = RulesDependingOnVariables(options.ValidationRules);
        var result = await next(options);
        if (!cached && result.Executed && options.Query is { } text && result.Document is { } validated)
        {
            _validated.AddOrUpdate(validated, validated);
            _documents.Set(text, validated, new MemoryCacheEntryOptions { Size = text.Length });
        }
        return result;
    }

    private IValidationRule[] RulesDependingOnVariables(IEnumerable<IValidationRule>? rules)
    {
        var all = rules as IReadOnlyList<IValidationRule> ?? rules?.ToArray() ?? [];
        if (_rules is { } known && SameRules(known.All, all)) return known.DependingOnVariables;
        var selection = new RuleSelection([.. all], [.. all.Where(DependsOnVariables)]);
        _rules = selection;
        return selection.DependingOnVariables;

        static bool SameRules(IValidationRule[] known, IReadOnlyList<IValidationRule> rules)
        {
            if (known.Length != rules.Count) return false;
            for (var i = 0; i < known.Length; i++)
            {
                if (!ReferenceEquals(known[i], rules[i])) return false;
            }
            return true;
        }
    }

    private static bool DependsOnVariables(IValidationRule rule) => rule is ComplexityValidationRule or FilterLimitsValidationRule;

    public void Dispose() => _documents.Dispose();
}
