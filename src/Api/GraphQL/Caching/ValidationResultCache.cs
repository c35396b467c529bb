using System.Runtime.CompilerServices;
using CommunityJustice.Analytics.Api.Data;
using CommunityJustice.Analytics.Api.GraphQL.Limits;
using CommunityJustice.Analytics.Api.GraphQL.Options;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace CommunityJustice.Analytics.Api.GraphQL.Caching;

/// <summary>
/// GraphQL.NET's document validator, keeping the result of a successful validation of a request without variables for
/// as long as its parsed document lives (the documents <see cref="ValidatedDocumentCache"/> keeps are the same object on
/// every request) and the reference data stays the same: the same text, operation and reference data give the same
/// result, argument values included, which execution reads from it. Every rule is a function of those (the complexity
/// estimate reads list bounds from the reference data; GenderBreakdownCost), except what a request pays for its cost:
/// on a kept result the cost is recorded and charged to the client's budget again (<see cref="ComplexityLimits.Charge"/>),
/// so a kept result spares only the work. Requests with variables are validated every time.
/// </summary>
public sealed class ValidationResultCache(GraphQLHttpOptions options, ReferenceDataCache referenceData) : IDocumentValidator
{
    private readonly DocumentValidator _validator = new();
    private readonly ConditionalWeakTable<GraphQLDocument, Kept> _kept = new();

    private sealed record Kept(GraphQLOperationDefinition Operation, ReferenceData? Reference, IValidationResult Result, double? Cost);

    public Task<IValidationResult> ValidateAsync(in ValidationOptions validation)
    {
        if (validation.Variables.Count > 0) return _validator.ValidateAsync(validation);
        var reference = referenceData.Latest;
        if (_kept.TryGetValue(validation.Document, out var kept) && kept.Operation == validation.Operation && ReferenceEquals(kept.Reference, reference))
        {
            if (kept.Cost is not { } cost) return Task.FromResult(kept.Result);
            ComplexityLimits.RecordCost(cost);
            return Task.FromResult(ComplexityLimits.Charge(cost, validation.UserContext, validation.RequestServices, validation.Document, validation.Operation, options) is { } overBudget
                ? new ValidationResult([overBudget])
                : kept.Result);
        }
        return ValidateAndKeepAsync(validation, reference);
    }

    private async Task<IValidationResult> ValidateAndKeepAsync(ValidationOptions validation, ReferenceData? reference)
    {
        var result = await _validator.ValidateAsync(validation);
        if (result.IsValid)
        {
            var cost = validation.UserContext.TryGetValue(ComplexityLimits.CostKey, out var value) && value is double d ? d : (double?)null;
            _kept.AddOrUpdate(validation.Document, new Kept(validation.Operation, reference, result, cost));
        }
        return result;
    }
}
