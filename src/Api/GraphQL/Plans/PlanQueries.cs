using CommunityJustice.Analytics.Api.GraphQL.Arguments;
using CommunityJustice.Analytics.Api.GraphQL.DataLoading;
using CommunityJustice.Analytics.Api.GraphQL.Paging;
using GraphQL;
using GraphQL.Types;

namespace CommunityJustice.Analytics.Api.GraphQL.Plans;

public static class PlanQueries
{
    private const string PlanAsPublishedOn =
        "A date, e.g. \"2016-06-01\": the plan edition in force then (the newest dated on or before it), the statuses and local figures recorded by then, and every KPI's figures as published then. Omit for the latest.";

    public static void AddPlanQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<PartnershipType>>>>("partnerships")
            .ExpectedItems(32)
            .Description("The Community Justice partnerships with a plan loaded, ordered by code.")
            .ResolveAsync(async c => await c.QueryAsync((db, ct) => PlanData.PartnershipsAsync(db, null, ct)));

        query.Field<NonNullGraphType<PlanType>>("plan")
            .Description("One partnership's plan for a period, e.g. plan(partnership: \"Midlothian\", period: \"2023-28\"): its KPIs with progress computed from the figures, and its actions with their statuses.")
            .Argument<NonNullGraphType<StringGraphType>>("partnership", "The partnership's code (\"midlothian\"), name, or one of its council areas (code or name).")
            .Argument<NonNullGraphType<StringGraphType>>("period", "The plan's span as its title gives it, e.g. \"2023-28\".")
            .AsPublishedOnArgument(PlanAsPublishedOn)
            .ResolveAsync(async c =>
            {
                var partnership = c.GetArgument<string>("partnership");
                var period = c.GetArgument<string>("period");
                var asOf = c.AsPublishedOn();
                var today = c.Today();
                return await c.QueryAsync((db, ct) => PlanData.PlanAsync(db, partnership, period, asOf, today, ct));
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<PlanType>>>>("plans")
            .ExpectedItems(10)
            .Description("The plans loaded (with an edition in force on asPublishedOn), ordered by partnership and period; optionally of one partnership.")
            .Argument<StringGraphType>("partnership", "Only this partnership's plans: its code, name, or one of its council areas.")
            .AsPublishedOnArgument(PlanAsPublishedOn)
            .ResolveAsync(async c =>
            {
                var partnership = c.GetArgument<string?>("partnership");
                var asOf = c.AsPublishedOn();
                var today = c.Today();
                return await c.QueryAsync((db, ct) => PlanData.PlansAsync(db, partnership, null, asOf, today, ct));
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<PlanActionType>>>>("overdueActions")
            .ExpectedItems(20)
            .Description("Across plans: actions whose due date has passed (by asPublishedOn, else today) and whose latest status is neither COMPLETE nor WITHDRAWN, ordered by due date.")
            .Argument<StringGraphType>("partnership", "Only this partnership's plans: its code, name, or one of its council areas.")
            .AsPublishedOnArgument(PlanAsPublishedOn)
            .ResolveAsync(async c =>
            {
                var partnership = c.GetArgument<string?>("partnership");
                var asOf = c.AsPublishedOn();
                var today = c.Today();
                var plans = await c.QueryAsync((db, ct) => PlanData.PlansAsync(db, partnership, null, asOf, today, ct));
                return plans.SelectMany(p => p.OverdueActions).OrderBy(a => a.Action.Due).ThenBy(a => a.PartnershipCode).ToList();
            });
    }

    public static DateOnly Today(this IResolveFieldContext context) =>
        DateOnly.FromDateTime(context.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
}
