using CommunityJustice.Analytics.Api.GraphQL.Areas;
using CommunityJustice.Analytics.Api.GraphQL.DataLoading;
using CommunityJustice.Analytics.Api.GraphQL.Framework;
using CommunityJustice.Analytics.Api.GraphQL.Indicators;
using CommunityJustice.Analytics.Api.GraphQL.Observations;
using CommunityJustice.Analytics.Api.GraphQL.Scalars;
using CommunityJustice.Analytics.Api.GraphQL.Trends;
using CommunityJustice.Analytics.Api.Statistics;
using CommunityJustice.Analytics.Model.Plans;
using CommunityJustice.Analytics.Model.Reference;
using GraphQL;
using GraphQL.Types;

namespace CommunityJustice.Analytics.Api.GraphQL.Plans;

public sealed class PartnershipType : ObjectGraphType<Partnership>
{
    public PartnershipType()
    {
        Name = "Partnership";
        Description = "A Community Justice partnership: the body that writes a CJOIP, covering one or more council areas.";
        Field<NonNullGraphType<StringGraphType>>("code").Description("Short stable name, e.g. \"midlothian\"; plan(partnership:) takes it.").Resolve(c => c.Source.Code);
        Field<NonNullGraphType<StringGraphType>>("name").Description("The name its plan gives it.").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AreaType>>>>("areas").Description("Its council areas.")
            .ResolveAsync(async c =>
            {
                var reference = await c.ReferenceDataAsync();
                return c.Source.Areas.Select(a => reference.AreaByCode(a.AreaCode)).OfType<Model.Areas.Area>().OrderBy(a => a.Name).ToList();
            });
    }
}

public sealed class PlanEditionType : ObjectGraphType<PlanEdition>
{
    public PlanEditionType()
    {
        Name = "PlanEdition";
        Description = "One loaded version of a plan file; none is overwritten.";
        Field<NonNullGraphType<DateScalarGraphType>>("date").Description("The date this version took effect.").Resolve(c => c.Source.EditionDate);
        Field<StringGraphType>("note").Description("What changed, as the file says.").Resolve(c => c.Source.Note);
        Field<NonNullGraphType<BooleanGraphType>>("isLatest").Description("The newest edition.").Resolve(c => c.Source.IsLatest);
        Field<NonNullGraphType<DateTimeScalarGraphType>>("loadedAt").Description("When it was loaded.").Resolve(c => c.Source.LoadedAt);
        Field<NonNullGraphType<StringGraphType>>("fileName").Description("The plan file's name.").Resolve(c => c.Source.FileName);
        Field<NonNullGraphType<StringGraphType>>("fileSha256").Description("SHA-256 of the file, lower-case hex.").Resolve(c => c.Source.FileSha256);
    }
}

public sealed class PlanSourceType : ObjectGraphType<PlanEdition>
{
    public PlanSourceType()
    {
        Name = "PlanSource";
        Description = "The published document a plan was typed in from.";
        Field<NonNullGraphType<StringGraphType>>("document").Resolve(c => c.Source.SourceDocument);
        Field<StringGraphType>("url").Resolve(c => c.Source.SourceUrl);
        Field<StringGraphType>("reference").Description("Page, section or file within the document.").Resolve(c => c.Source.SourceReference);
    }
}

public sealed class PlanType : ObjectGraphType<PlanView>
{
    public PlanType()
    {
        Name = "Plan";
        Description = "A partnership's CJOIP (or earlier action plan) as one edition shows it: its items linked to the national framework, KPIs with progress computed from the figures, and actions with their statuses.";
        Field<NonNullGraphType<PartnershipType>>("partnership").Resolve(c => c.Source.Partnership);
        Field<NonNullGraphType<StringGraphType>>("period").Description("The plan's span, e.g. \"2023-28\".").Resolve(c => c.Source.Plan.Period);
        Field<NonNullGraphType<StringGraphType>>("title").Description("As published.").Resolve(c => c.Source.Edition.Title);
        Field<NonNullGraphType<DateScalarGraphType>>("starts").Resolve(c => c.Source.Edition.Starts);
        Field<NonNullGraphType<DateScalarGraphType>>("ends").Resolve(c => c.Source.Edition.Ends);
        Field<NonNullGraphType<DateScalarGraphType>>("published").Description("Publication (or approval) date of the document.").Resolve(c => c.Source.Edition.Published);
        Field<NonNullGraphType<PlanSourceType>>("source").Resolve(c => c.Source.Edition);
        Field<NonNullGraphType<PlanEditionType>>("edition").Description("The edition shown: the newest dated on or before asPublishedOn (or the latest).").Resolve(c => c.Source.Edition);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PlanEditionType>>>>("editions").Description("Every edition loaded, oldest first.").Resolve(c => c.Source.Editions);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PlanItemType>>>>("items").Description("The plan's headings, in order.").Resolve(c => c.Source.Items);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<KpiType>>>>("kpis").Description("Every KPI, in plan order.").Resolve(c => c.Source.Kpis);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PlanActionType>>>>("actions").Description("Every improvement action, in plan order, optionally only those whose latest status is one of the given.")
            .Argument<ListGraphType<NonNullGraphType<ActionStatusGraphType>>>("status", "Only actions whose latest status is one of these; NOT_STARTED also matches actions with no status recorded.")
            .Resolve(c => c.GetArgument<List<ActionStatus>?>("status") is { } wanted
                ? c.Source.Actions.Where(a => wanted.Contains(a.Latest?.Status ?? ActionStatus.NotStarted)).ToList()
                : c.Source.Actions);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PlanActionType>>>>("overdueActions")
            .Description("Actions whose due date has passed (by asPublishedOn, else today) and whose latest status is neither COMPLETE nor WITHDRAWN.")
            .Resolve(c => c.Source.OverdueActions.ToList());
    }
}

public sealed class PlanItemType : ObjectGraphType<PlanItem>
{
    public PlanItemType()
    {
        Name = "PlanItem";
        Description = "A heading of the plan's delivery framework, linked to the national framework where the plan says so.";
        Field<NonNullGraphType<StringGraphType>>("heading").Description("The plan's own heading, as published.").Resolve(c => c.Source.Heading);
        Field<NationalAimType>("aim").Description("The national aim; null for a plan written before the 2022 strategy.")
            .Resolve(c => c.Source.NationalAimNumber is { } n ? ReferenceFramework.Aims.Single(a => a.Number == n) : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PriorityActionType>>>>("priorityActions")
            .Resolve(c => c.Source.PriorityActionNumbers.Select(n => ReferenceFramework.PriorityActions.Single(p => p.Number == n)).ToList());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<NationalOutcomeType>>>>("nationalOutcomes")
            .Resolve(c => c.Source.NationalOutcomeNumbers.Select(n => ReferenceFramework.Outcomes.Single(o => o.Number == n)).ToList());
        Field<StringGraphType>("localOutcome").Resolve(c => c.Source.LocalOutcome);
    }
}

public sealed class KpiPolarityGraphType : EnumerationGraphType<KpiPolarity>
{
    public KpiPolarityGraphType()
    {
        Name = "KpiPolarity";
        Description = "Which way is better for a KPI.";
    }
}

public sealed class BaselineKindGraphType : EnumerationGraphType<BaselineKind>
{
    public BaselineKindGraphType()
    {
        Name = "BaselineKind";
        Description = "VALUE: the plan states a figure; NATIONAL_AVERAGE: Scotland's figure for a period; NOT_SET: the plan says TBC.";
    }
}

public sealed class TargetKindGraphType : EnumerationGraphType<TargetKind>
{
    public TargetKindGraphType()
    {
        Name = "TargetKind";
        Description = "ABSOLUTE (\"below 25%\"), RELATIVE_TO_SCOTLAND (\"5% below the national average\"), DIRECTION (\"reduce year on year\"), QUALITATIVE (\"service map achieved by 2024\").";
    }
}

public sealed class TargetComparisonGraphType : EnumerationGraphType<TargetComparison>
{
    public TargetComparisonGraphType() => Name = "TargetComparison";
}

public sealed class DifferenceUnitGraphType : EnumerationGraphType<DifferenceUnit>
{
    public DifferenceUnitGraphType()
    {
        Name = "DifferenceUnit";
        Description = "How a distance from Scotland's figure is meant: PERCENTAGE_POINTS (5 below 28.4 is 23.4) or PER_CENT (5% below 28.4 is 26.98).";
    }
}

public sealed class TargetDirectionGraphType : EnumerationGraphType<TargetDirection>
{
    public TargetDirectionGraphType() => Name = "TargetDirection";
}

public sealed class ActionStatusGraphType : EnumerationGraphType<ActionStatus>
{
    public ActionStatusGraphType()
    {
        Name = "ActionStatus";
        Description = "An improvement action's status.";
    }
}

public sealed class KpiVerdictGraphType : EnumerationGraphType<KpiVerdict>
{
    public KpiVerdictGraphType()
    {
        Name = "KpiVerdict";
        Description = "A KPI's computed verdict; the reasoning field says why.";
        Values["MET"]!.Description = "The target is met (its due date or target period has passed, and the figure satisfies it).";
        Values["ON_TRACK"]!.Description = "The newest figure satisfies the target (or moves the wanted way) before the target is due.";
        Values["OFF_TRACK"]!.Description = "The newest figure misses the target, or moves the wrong way.";
        Values["NOT_YET_MEASURABLE"]!.Description = "No figure to judge yet: none loaded, none after the baseline, or the target period not yet published.";
        Values["CANNOT_BE_JUDGED"]!.Description = "The figures cannot decide it: the change or the gap to the target is within the interval, the newest figure is suppressed or missing, or Scotland's figure is not loaded.";
        Values["NOT_COMPUTED"]!.Description = "Nothing to compute: a KPI not linked to figures, a qualitative target, or no target and no polarity.";
    }
}

public sealed class KpiIndicatorLinkType : ObjectGraphType<KpiIndicatorLink>
{
    public KpiIndicatorLinkType()
    {
        Name = "KpiIndicatorLink";
        Description = "The figures that measure a KPI.";
        Field<NonNullGraphType<IndicatorType>>("indicator").ResolveAsync(async c => (await c.ReferenceDataAsync()).Indicator(c.Source.IndicatorCode));
        Field<AreaType>("area").Description("The area; null when the KPI is measured over the partnership's areas together.")
            .ResolveAsync(async c => c.Source.AreaCode is { } code ? (await c.ReferenceDataAsync()).AreaByCode(code) : null);
        Field<NonNullGraphType<BooleanGraphType>>("wholePartnership").Description("Measured over the partnership's areas together (summed from published counts).").Resolve(c => c.Source.WholePartnership);
        Field<NonNullGraphType<SexGraphType>>("sex").Resolve(c => c.Source.Sex);
        Field<NonNullGraphType<StringGraphType>>("ageBand").Description("Age band code.").Resolve(c => c.Source.AgeBandCode);
    }
}

public sealed class KpiBaselineType : ObjectGraphType<KpiBaseline>
{
    public KpiBaselineType()
    {
        Name = "KpiBaseline";
        Description = "A KPI's baseline as the plan states it.";
        Field<NonNullGraphType<BaselineKindGraphType>>("kind").Resolve(c => c.Source.Kind);
        Field<StringGraphType>("period").Resolve(c => c.Source.Period);
        Field<DecimalScalarGraphType>("value").Description("The figure as printed in the plan.").Resolve(c => c.Source.Value);
        Field<StringGraphType>("wording").Resolve(c => c.Source.Wording);
    }
}

public sealed class KpiTargetType : ObjectGraphType<KpiTarget>
{
    public KpiTargetType()
    {
        Name = "KpiTarget";
        Description = "A KPI's target as the plan states it, with how its wording was read.";
        Field<NonNullGraphType<TargetKindGraphType>>("kind").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<StringGraphType>>("wording").Description("As published.").Resolve(c => c.Source.Wording);
        Field<DateScalarGraphType>("due").Resolve(c => c.Source.Due);
        Field<StringGraphType>("period").Description("The figure period the target is judged on; null: the newest.").Resolve(c => c.Source.Period);
        Field<TargetComparisonGraphType>("comparison").Resolve(c => c.Source.Comparison);
        Field<DecimalScalarGraphType>("value").Description("The threshold of an ABSOLUTE target.").Resolve(c => c.Source.Value);
        Field<DecimalScalarGraphType>("difference").Description("The distance from Scotland of a RELATIVE_TO_SCOTLAND target.").Resolve(c => c.Source.Difference);
        Field<DifferenceUnitGraphType>("differenceUnit").Description("Whether difference is in percentage points or per cent, as stored with the plan.").Resolve(c => c.Source.DifferenceUnit);
        Field<StringGraphType>("scotlandPeriod").Description("The period of Scotland's figure the target is relative to; null: the same period as the figure judged.").Resolve(c => c.Source.ScotlandPeriod);
        Field<TargetDirectionGraphType>("direction").Resolve(c => c.Source.Direction);
        Field<NonNullGraphType<BooleanGraphType>>("yearOnYear").Resolve(c => c.Source.YearOnYear);
        Field<StringGraphType>("note").Resolve(c => c.Source.Note);
    }
}

public sealed class KpiFigureType : ObjectGraphType<KpiFigure>
{
    public KpiFigureType()
    {
        Name = "KpiFigure";
        Description = "A locally measured KPI figure, as recorded (history: nothing is overwritten).";
        Field<NonNullGraphType<StringGraphType>>("period").Resolve(c => c.Source.PeriodLabel);
        Field<DecimalScalarGraphType>("value").Description("Null when status is not PUBLISHED.").Resolve(c => c.Source.Value);
        Field<NonNullGraphType<ObservationStatusGraphType>>("status").Resolve(c => c.Source.Status);
        Field<StringGraphType>("note").Resolve(c => c.Source.Note);
        Field<NonNullGraphType<StringGraphType>>("recordedBy").Resolve(c => c.Source.RecordedBy);
        Field<NonNullGraphType<DateTimeScalarGraphType>>("recordedAt").Resolve(c => c.Source.RecordedAt);
    }
}

public sealed class KpiType : ObjectGraphType<KpiView>
{
    public KpiType()
    {
        Name = "Kpi";
        Description = "A plan's performance indicator, as published, with its progress computed from the figures.";
        Field<NonNullGraphType<StringGraphType>>("number").Resolve(c => c.Source.Kpi.Number);
        Field<NonNullGraphType<StringGraphType>>("wording").Description("As published.").Resolve(c => c.Source.Kpi.Wording);
        Field<NonNullGraphType<StringGraphType>>("heading").Description("The plan heading it sits under.").Resolve(c => c.Source.Item.Heading);
        Field<StringGraphType>("unit").Resolve(c => c.Source.Kpi.Unit);
        Field<NonNullGraphType<KpiPolarityGraphType>>("polarity").Resolve(c => c.Source.Kpi.Polarity);
        Field<NonNullGraphType<BooleanGraphType>>("measuredLocally").Resolve(c => c.Source.Kpi.MeasuredLocally);
        Field<StringGraphType>("note").Resolve(c => c.Source.Kpi.Note);
        Field<KpiIndicatorLinkType>("link").Description("The figures that measure it; null when the project has none.").Resolve(c => c.Source.Kpi.Link);
        Field<KpiBaselineType>("baseline").Resolve(c => c.Source.Kpi.Baseline);
        Field<KpiTargetType>("target").Resolve(c => c.Source.Kpi.Target);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<KpiFigureType>>>>("localFigures").Description("Locally recorded figures, oldest record first (history).").Resolve(c => c.Source.LocalFigures);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PlanActionType>>>>("actions").Description("The actions serving this KPI.")
            .Resolve(c => c.Source.Plan.Actions.Where(a => a.Action.KpiNumber == c.Source.Kpi.Number).ToList());
        Field<NonNullGraphType<KpiProgressType>>("progress")
            .Description("Progress computed from the figures as published on the plan's asPublishedOn date (or the latest): current value, baseline, target resolved, change since baseline with its interval, verdict and reasoning.")
            .LevelArgument()
            .ResolveAsync(async c =>
            {
                var level = c.Level();
                var kpi = c.Source;
                return await c.QueryAsync((db, ct) => PlanData.ProgressAsync(db, kpi, level, ct));
            });
    }
}

public sealed class KpiPointType : ObjectGraphType<KpiPoint>
{
    public KpiPointType()
    {
        Name = "KpiPoint";
        Description = "One period of a KPI's figures. A suppressed or missing figure keeps its status; its value is null, never zero.";
        Field<NonNullGraphType<StringGraphType>>("period").Resolve(c => c.Source.Period);
        Field<DecimalScalarGraphType>("value").Resolve(c => c.Source.Value);
        Field<NonNullGraphType<ObservationStatusGraphType>>("status").Resolve(c => c.Source.Status);
        Field<StringGraphType>("marker").Resolve(c => c.Source.Marker);
        Field<ConfidenceIntervalType>("confidenceInterval").Resolve(c => c.Source.Interval.Interval is null ? null : c.Source.Interval);
        Field<StringGraphType>("intervalNote").Resolve(c => c.Source.Interval.Interval is null ? c.Source.Interval.Note : null);
        Field<ObservationType>("figure").Description("The published figure, with its source edition; null for a local figure or a sum over the partnership's areas.").Resolve(c => c.Source.Figure);
        Field<NonNullGraphType<StringGraphType>>("source").Description("Where the figure comes from, in words.").Resolve(c => c.Source.Source);
        Field<StringGraphType>("note").Resolve(c => c.Source.Note);
    }
}

public sealed class ResolvedBaselineType : ObjectGraphType<ResolvedBaseline>
{
    public ResolvedBaselineType()
    {
        Name = "ResolvedBaseline";
        Description = "The baseline as the figures resolve it.";
        Field<BaselineKindGraphType>("kind").Description("As the plan states it; null when the plan sets none (then the newest figure before the plan started is used).").Resolve(c => c.Source.Kind);
        Field<StringGraphType>("period").Resolve(c => c.Source.Period);
        Field<DecimalScalarGraphType>("publishedValue").Description("The figure the plan printed.").Resolve(c => c.Source.PublishedValue);
        Field<DecimalScalarGraphType>("value").Description("The baseline used: the plan's figure, or Scotland's figure for a national-average baseline.").Resolve(c => c.Source.Value);
        Field<KpiPointType>("areaFigure").Description("The KPI's own figure for the baseline period, when loaded.").Resolve(c => c.Source.AreaFigure);
        Field<NonNullGraphType<StringGraphType>>("note").Resolve(c => c.Source.Note);
    }
}

public sealed class ResolvedTargetType : ObjectGraphType<ResolvedTarget>
{
    public ResolvedTargetType()
    {
        Name = "ResolvedTarget";
        Description = "The target as the figures resolve it.";
        Field<NonNullGraphType<TargetKindGraphType>>("kind").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<StringGraphType>>("wording").Resolve(c => c.Source.Wording);
        Field<DecimalScalarGraphType>("threshold").Description("The value to beat: the plan's, or Scotland's figure moved by the stated difference.").Resolve(c => c.Source.Threshold);
        Field<DecimalScalarGraphType>("scotlandValue").Description("Scotland's figure a relative target was resolved from.").Resolve(c => c.Source.ScotlandValue);
        Field<StringGraphType>("scotlandPeriod").Description("The period of that figure.").Resolve(c => c.Source.ScotlandPeriod);
        Field<DifferenceUnitGraphType>("differenceUnit").Resolve(c => c.Source.DifferenceUnit);
        Field<StringGraphType>("judgedPeriod").Description("The period of the figure judged against it.").Resolve(c => c.Source.JudgedPeriod);
        Field<NonNullGraphType<StringGraphType>>("note").Resolve(c => c.Source.Note);
    }
}

public sealed class KpiProgressType : ObjectGraphType<KpiProgress>
{
    public KpiProgressType()
    {
        Name = "KpiProgress";
        Description = "A KPI's progress, computed from the figures (docs/plans.md, \"How a verdict is reasoned\").";
        Field<KpiPointType>("current").Description("The newest period's figure (suppressed or missing stays so).").Resolve(c => c.Source.Current);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<KpiPointType>>>>("figures").Description("Every period's figure, earliest first.").Resolve(c => c.Source.Points);
        Field<ResolvedBaselineType>("baseline").Resolve(c => c.Source.Baseline);
        Field<ResolvedTargetType>("target").Resolve(c => c.Source.Target);
        Field<StringGraphType>("changeFrom").Description("The period the change is measured from (the baseline's, or the previous one for a year-on-year target).").Resolve(c => c.Source.ChangeFrom);
        Field<DecimalScalarGraphType>("changeSinceBaseline").Description("The current figure minus the KPI's own figure for the baseline period (or the plan's typed baseline when that figure is not loaded; the previous period for a year-on-year target), in the figure's unit (percentage points for a percentage). A national-average baseline is compared with the target, not subtracted here.").Resolve(c => c.Source.ChangeSinceBaseline);
        Field<ConfidenceIntervalType>("changeInterval").Description("The change's interval (Newcombe for percentages, MOVER for counts and rates); null when a figure has no count.").Resolve(c => c.Source.ChangeInterval?.Interval is null ? null : c.Source.ChangeInterval);
        Field<TrendDirectionGraphType>("direction").Description("Direction of travel since the baseline.").Resolve(c => c.Source.Direction);
        Field<NonNullGraphType<BooleanGraphType>>("directionTested").Description("Whether the direction was tested against the change's interval (false: the sign of the change only).").Resolve(c => c.Source.DirectionTested);
        Field<NonNullGraphType<KpiVerdictGraphType>>("verdict").Resolve(c => c.Source.Verdict);
        Field<NonNullGraphType<StringGraphType>>("verdictText").Description("The verdict in words: \"On track\", \"Off track\", ...").Resolve(c => KpiProgress.VerdictWords(c.Source.Verdict));
        Field<NonNullGraphType<StringGraphType>>("reasoning").Description("Why, in words, with the figures and periods used.").Resolve(c => c.Source.Reasoning);
        Field<StringGraphType>("nextPeriod").Description("The period whose figure would come next, e.g. \"2018-19\".").Resolve(c => c.Source.NextPeriod);
    }
}

public sealed class ActionStatusEntryType : ObjectGraphType<ActionStatusEntry>
{
    public ActionStatusEntryType()
    {
        Name = "ActionStatusEntry";
        Description = "One dated status of an action, from the plan file or recorded through the API.";
        Field<NonNullGraphType<ActionStatusGraphType>>("status").Resolve(c => c.Source.Status);
        Field<NonNullGraphType<DateScalarGraphType>>("date").Description("The date the status was true.").Resolve(c => c.Source.Date);
        Field<StringGraphType>("asPublished").Description("The document's own word (ONGOING, UNKNOWN ...).").Resolve(c => c.Source.AsPublished);
        Field<StringGraphType>("note").Resolve(c => c.Source.Note);
        Field<NonNullGraphType<StringGraphType>>("recordedBy").Resolve(c => c.Source.RecordedBy);
        Field<NonNullGraphType<DateTimeScalarGraphType>>("recordedAt").Resolve(c => c.Source.RecordedAt);
        Field<NonNullGraphType<BooleanGraphType>>("fromPlanFile").Resolve(c => c.Source.PlanEditionId is not null);
    }
}

public sealed class PlanActionType : ObjectGraphType<ActionView>
{
    public PlanActionType()
    {
        Name = "PlanAction";
        Description = "A numbered improvement action with its status history.";
        Field<NonNullGraphType<StringGraphType>>("number").Resolve(c => c.Source.Action.Number);
        Field<NonNullGraphType<StringGraphType>>("wording").Description("As published.").Resolve(c => c.Source.Action.Wording);
        Field<NonNullGraphType<StringGraphType>>("heading").Description("The plan heading it sits under.").Resolve(c => c.Source.Item.Heading);
        Field<StringGraphType>("kpiNumber").Resolve(c => c.Source.Action.KpiNumber);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("leads").Description("Lead partners, as published.").Resolve(c => c.Source.Action.Leads);
        Field<DateScalarGraphType>("due").Resolve(c => c.Source.Action.Due);
        Field<StringGraphType>("dueWording").Description("The plan's words when not a date (Ongoing, Annual, TBC).").Resolve(c => c.Source.Action.DueWording);
        Field<StringGraphType>("target").Resolve(c => c.Source.Action.TargetWording);
        Field<StringGraphType>("note").Resolve(c => c.Source.Action.Note);
        Field<ActionStatusGraphType>("status").Description("The latest status; null when none is recorded.").Resolve(c => c.Source.Latest?.Status);
        Field<ActionStatusEntryType>("latestStatus").Resolve(c => c.Source.Latest);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ActionStatusEntryType>>>>("statusHistory").Description("Every status, oldest first.").Resolve(c => c.Source.History);
        Field<NonNullGraphType<StringGraphType>>("partnership").Description("The partnership's code.").Resolve(c => c.Source.PartnershipCode);
        Field<NonNullGraphType<StringGraphType>>("planPeriod").Resolve(c => c.Source.PlanPeriod);
    }
}
