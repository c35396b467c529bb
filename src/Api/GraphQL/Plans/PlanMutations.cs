using CommunityJustice.Analytics.Api.Access;
using CommunityJustice.Analytics.Api.GraphQL.Arguments;
using CommunityJustice.Analytics.Api.GraphQL.DataLoading;
using CommunityJustice.Analytics.Api.GraphQL.Errors;
using CommunityJustice.Analytics.Api.GraphQL.Observations;
using CommunityJustice.Analytics.Api.GraphQL.Scalars;
using CommunityJustice.Analytics.Model.Access;
using CommunityJustice.Analytics.Model.Observations;
using CommunityJustice.Analytics.Model.Plans;
using GraphQL;
using GraphQL.Types;

namespace CommunityJustice.Analytics.Api.GraphQL.Plans;

/// <summary>The key's partnership is not one of the plan's partnership's areas.</summary>
public sealed class PartnershipNotCoveredError(string field, string partnership, string? keyPartnership)
    : AnalyticsError("FORBIDDEN_PARTNERSHIP", $"'{field}' writes to the plans of {partnership}; this API key's scope plans:write covers {(keyPartnership is null ? "no partnership" : $"the partnership of {keyPartnership} only")}. Nothing was stored.");

/// <summary>A mutation argument that cannot be stored (unknown action, date in the future, ...).</summary>
public sealed class InvalidPlanInputError(string message) : AnalyticsError("INVALID_PLAN_INPUT", message + " Nothing was stored.");

/// <summary>
/// Writes to a plan: an action's status, a locally measured KPI's figure. Each is allowed only for an
/// API key with the scope plans:write whose partnership is one of the plan's partnership's council
/// areas; each is checked before anything is stored, kept as history (never overwriting), and audited
/// (the audit log records every mutation run with a key before it runs).
/// </summary>
public static class PlanMutations
{
    public const int MaxNoteLength = 2000;

    public static void AddPlanMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<PlanActionType>>("recordActionStatus")
            .Description("Records an improvement action's status as a new dated entry of its history. Needs an API key with plans:write for the plan's partnership.")
            .Argument<NonNullGraphType<StringGraphType>>("partnership", "The partnership's code, name or council area.")
            .Argument<NonNullGraphType<StringGraphType>>("period", "The plan's span, e.g. \"2023-28\".")
            .Argument<NonNullGraphType<StringGraphType>>("action", "The action number as published, e.g. \"2a\".")
            .Argument<NonNullGraphType<ActionStatusGraphType>>("status", "The status.")
            .Argument<DateScalarGraphType>("date", "The date the status was true; default today. Not in the future, not before the plan starts.")
            .Argument<StringGraphType>("note", $"What happened (at most {MaxNoteLength} characters).")
            .ResolveAsync(async c =>
            {
                var grant = Authorise(c, "recordActionStatus");
                var (partnership, period) = (c.GetArgument<string>("partnership"), c.GetArgument<string>("period"));
                var number = c.GetArgument<string>("action").Trim();
                var status = c.GetArgument<ActionStatus>("status");
                var today = c.Today();
                var date = c.GetArgument<DateOnly?>("date") ?? today;
                var note = Note(c);
                return await c.WriteAsync(async (db, ct) =>
                {
                    var plan = await PlanData.PlanAsync(db, partnership, period, null, today, ct);
                    Covers(grant, plan, "recordActionStatus");
                    var action = plan.Actions.FirstOrDefault(a => a.Action.Number == number)
                        ?? throw new InvalidPlanInputError($"The {plan.Plan.Period} plan of {plan.Partnership.Name} has no action '{number}'. Its actions: {string.Join(", ", plan.Actions.Select(a => a.Action.Number))}.");
                    if (date > today) throw new InvalidPlanInputError($"The date {date:yyyy-MM-dd} is in the future: record a status once it is true.");
                    if (date < plan.Edition.Starts) throw new InvalidPlanInputError($"The date {date:yyyy-MM-dd} is before the plan starts ({plan.Edition.Starts:yyyy-MM-dd}).");
                    db.ActionStatuses.Add(new ActionStatusEntry
                    {
                        PlanId = plan.Plan.Id, ActionNumber = action.Action.Number, Status = status, Date = date, Note = note,
                        RecordedBy = $"{grant.Name} (key {grant.KeyId})", RecordedAt = DateTimeOffset.UtcNow, ApiKeyId = grant.ApiKeyId,
                    });
                    await db.SaveChangesAsync(ct);
                    var updated = await PlanData.PlanAsync(db, plan.Partnership.Code, plan.Plan.Period, null, today, ct);
                    return updated.Actions.Single(a => a.Action.Number == action.Action.Number);
                });
            });

        mutation.Field<NonNullGraphType<KpiType>>("recordKpiFigure")
            .Description("Records a figure for a locally measured KPI (e.g. individuals using voluntary throughcare) as a new entry of its history. Needs an API key with plans:write for the plan's partnership. KPIs linked to published figures are computed, not typed, and are refused.")
            .Argument<NonNullGraphType<StringGraphType>>("partnership", "The partnership's code, name or council area.")
            .Argument<NonNullGraphType<StringGraphType>>("period", "The plan's span, e.g. \"2023-28\".")
            .Argument<NonNullGraphType<StringGraphType>>("kpi", "The KPI number as published, e.g. \"7\".")
            .Argument<NonNullGraphType<StringGraphType>>("figurePeriod", "The period the figure is for: a financial year \"2023-24\" or a calendar year \"2023\".")
            .Argument<DecimalScalarGraphType>("value", "The figure; required when status is PUBLISHED, absent otherwise.")
            .Argument<ObservationStatusGraphType>("status", a => { a.DefaultValue = ObservationStatus.Published; a.Description = "PUBLISHED (default), SUPPRESSED or NOT_AVAILABLE: a withheld figure is recorded as such, never as zero."; })
            .Argument<StringGraphType>("note", $"Where the figure comes from (at most {MaxNoteLength} characters).")
            .ResolveAsync(async c =>
            {
                var grant = Authorise(c, "recordKpiFigure");
                var (partnership, period) = (c.GetArgument<string>("partnership"), c.GetArgument<string>("period"));
                var number = c.GetArgument<string>("kpi").Trim();
                var figurePeriod = PeriodArgument.Parse(c.GetArgument<string>("figurePeriod"));
                var value = c.GetArgument<decimal?>("value");
                var status = c.GetArgument("status", ObservationStatus.Published);
                var note = Note(c);
                var today = c.Today();
                if (status == ObservationStatus.NotApplicable) throw new InvalidPlanInputError("A KPI figure's status is PUBLISHED, SUPPRESSED or NOT_AVAILABLE.");
                if (status == ObservationStatus.Published && value is null) throw new InvalidPlanInputError("A PUBLISHED figure needs a value.");
                if (status != ObservationStatus.Published && value is not null) throw new InvalidPlanInputError($"A {status} figure has no value: leave value out.");
                if (figurePeriod.Start > today) throw new InvalidPlanInputError($"The period {figurePeriod.Label} has not started yet.");
                return await c.WriteAsync(async (db, ct) =>
                {
                    var plan = await PlanData.PlanAsync(db, partnership, period, null, today, ct);
                    Covers(grant, plan, "recordKpiFigure");
                    var kpi = plan.Kpis.FirstOrDefault(k => k.Kpi.Number == number)
                        ?? throw new InvalidPlanInputError($"The {plan.Plan.Period} plan of {plan.Partnership.Name} has no KPI '{number}'. Its KPIs: {string.Join(", ", plan.Kpis.Select(k => k.Kpi.Number))}.");
                    if (!kpi.Kpi.MeasuredLocally)
                        throw new InvalidPlanInputError(kpi.Kpi.Link is null
                            ? $"KPI {number} is not marked as measured locally in the plan file (measuredLocally: true)."
                            : $"KPI {number} is linked to published figures ({kpi.Kpi.Link.IndicatorCode}); its figures are computed from them, not typed.");
                    db.KpiFigures.Add(new KpiFigure
                    {
                        PlanId = plan.Plan.Id, KpiNumber = kpi.Kpi.Number, PeriodLabel = figurePeriod.Label, Value = value, Status = status, Note = note,
                        RecordedBy = $"{grant.Name} (key {grant.KeyId})", RecordedAt = DateTimeOffset.UtcNow, ApiKeyId = grant.ApiKeyId,
                    });
                    await db.SaveChangesAsync(ct);
                    var updated = await PlanData.PlanAsync(db, plan.Partnership.Code, plan.Plan.Period, null, today, ct);
                    return updated.Kpis.Single(k => k.Kpi.Number == kpi.Kpi.Number);
                });
            });
    }

    private static AccessGrant Authorise(IResolveFieldContext context, string field)
    {
        var access = context.RequestServices!.Access();
        if (access.Grant is not { } grant || !grant.Has(ApiScopes.PlansWrite))
            throw new InsufficientScopeError(field, ApiScopes.PlansWrite, access.Grant is null);
        return grant;
    }

    private static void Covers(AccessGrant grant, PlanView plan, string field)
    {
        if (grant.PartnershipCode is not { } code || plan.Partnership.Areas.All(a => a.AreaCode != code))
            throw new PartnershipNotCoveredError(field, plan.Partnership.Name, grant.PartnershipCode);
    }

    private static string? Note(IResolveFieldContext context)
    {
        var note = context.GetArgument<string?>("note")?.Trim();
        if (note is { Length: > MaxNoteLength }) throw new InvalidPlanInputError($"The note has {note.Length} characters; at most {MaxNoteLength}.");
        return note is { Length: 0 } ? null : note;
    }
}
