using CommunityJustice.Analytics.Api.GraphQL.Plans;
using CommunityJustice.Analytics.Api.Statistics;
using CommunityJustice.Analytics.Model.Observations;
using CommunityJustice.Analytics.Model.Plans;

namespace CommunityJustice.Analytics.Api.Tests.GraphQL.Plans;

/// <summary>The verdict rules on figures a real database cannot be made to hold on demand (a suppressed newest figure).</summary>
public sealed class KpiProgressTests
{
    private static readonly PlanKpi Kpi = new()
    {
        Number = "1", Wording = "Fewer people reconvicted", Polarity = KpiPolarity.LowerIsBetter, MeasuredLocally = true,
        Target = new KpiTarget { Kind = TargetKind.Direction, Wording = "Reduce", Direction = TargetDirection.Decrease },
    };

    private static KpiPoint Point(string period, int year, decimal? value, ObservationStatus status, string? marker = null) =>
        new(period, new DateOnly(year, 4, 1), new DateOnly(year + 1, 3, 31), value, status, marker,
            FigureInterval.None(ConfidenceLevel.NinetyFive, "none"), null, "test", null);

    private static KpiProgress Compute(params KpiPoint[] points) =>
        KpiProgress.Compute(new KpiProgress.Inputs(Kpi, new DateOnly(2020, 4, 1), null, "Midlothian", points, [], ConfidenceLevel.NinetyFive, new DateOnly(2024, 1, 1)));

    [Fact]
    public void A_suppressed_newest_figure_stays_suppressed_and_the_KPI_cannot_be_judged_on_it()
    {
        var progress = Compute(Point("2019-20", 2019, 12, ObservationStatus.Published), Point("2020-21", 2020, null, ObservationStatus.Suppressed, "[c]"));

        Assert.Equal(KpiVerdict.CannotBeJudged, progress.Verdict);
        Assert.Equal((ObservationStatus.Suppressed, (decimal?)null), (progress.Current!.Status, progress.Current.Value));
        Assert.Contains("suppressed ([c])", progress.Reasoning);
        Assert.Equal("2021-22", progress.NextPeriod);
    }

    [Fact]
    public void A_direction_target_follows_the_sign_of_the_change_and_says_it_was_not_tested()
    {
        var down = Compute(Point("2019-20", 2019, 12, ObservationStatus.Published), Point("2021-22", 2021, 9, ObservationStatus.Published));
        var up = Compute(Point("2019-20", 2019, 12, ObservationStatus.Published), Point("2021-22", 2021, 14, ObservationStatus.Published));

        Assert.Equal((KpiVerdict.OnTrack, false), (down.Verdict, down.DirectionTested));
        Assert.Equal(KpiVerdict.OffTrack, up.Verdict);
        Assert.Contains("sign of the change only", up.Reasoning);
    }

    [Fact]
    public void With_only_the_baseline_figure_the_KPI_is_not_yet_measurable_and_names_the_next_period()
    {
        var progress = Compute(Point("2019-20", 2019, 12, ObservationStatus.Published));
        Assert.Equal(KpiVerdict.NotYetMeasurable, progress.Verdict);
        Assert.Contains("2020-21", progress.Reasoning);
    }
}
