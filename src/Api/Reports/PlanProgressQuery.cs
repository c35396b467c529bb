namespace CommunityJustice.Analytics.Api.Reports;

/// <summary>
/// The one GraphQL query behind the annual plan progress report (docs/plans.md, "The annual progress
/// report"): the report is rendered from its answer only, so anyone can rebuild it from /graphql.
/// </summary>
public static class PlanProgressQuery
{
    public const string Text = """
        query PlanProgress($partnership: String!, $period: String!, $asOf: Date) {
          plan(partnership: $partnership, period: $period, asPublishedOn: $asOf) {
            title period starts ends published
            partnership { name }
            source { document reference }
            edition { date note }
            kpis {
              number wording heading unit measuredLocally note
              link { indicator { title unit } area { name } wholePartnership sex ageBand }
              baseline { wording }
              target { wording }
              progress {
                figures { period value status marker }
                baseline { period value note }
                target { threshold note }
                current { period value status marker source }
                direction directionTested changeSinceBaseline
                verdict verdictText reasoning nextPeriod
              }
            }
            actions { number wording heading kpiNumber leads due dueWording target status latestStatus { date asPublished note } }
            overdueActions { number }
          }
        }
        """;
}
