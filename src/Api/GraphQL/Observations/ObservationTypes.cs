using CommunityJustice.Analytics.Api.Disclosure;
using CommunityJustice.Analytics.Api.GraphQL.Areas;
using CommunityJustice.Analytics.Api.GraphQL.Datasets;
using CommunityJustice.Analytics.Api.GraphQL.Execution;
using CommunityJustice.Analytics.Api.GraphQL.Indicators;
using CommunityJustice.Analytics.Api.GraphQL.Paging;
using CommunityJustice.Analytics.Api.GraphQL.Scalars;
using CommunityJustice.Analytics.Model.Observations;
using GraphQL.Types;

namespace CommunityJustice.Analytics.Api.GraphQL.Observations;

public sealed class SexGraphType : EnumerationGraphType<Sex>
{
    public SexGraphType()
    {
        Name = "Sex";
        Description = "Sex as recorded by the publisher.";
        Values["ALL"]!.Description = "All persons (males, females and anyone whose sex was not recorded).";
        Values["MALE"]!.Description = "Males.";
        Values["FEMALE"]!.Description = "Females.";
    }
}

public sealed class ObservationStatusGraphType : EnumerationGraphType<ObservationStatus>
{
    public ObservationStatusGraphType()
    {
        Name = "ObservationStatus";
        Description = "Whether a figure was published, and if not, why. A figure that is not published has no value: it is never zero.";
        Values["PUBLISHED"]!.Description = "Published: the value is the figure.";
        Values["SUPPRESSED"]!.Description = "Withheld by the publisher, usually because the number of people behind it is small enough to identify someone.";
        Values["NOT_AVAILABLE"]!.Description = "Not available: the publisher has no figure for this cell (e.g. not collected that year).";
        Values["NOT_APPLICABLE"]!.Description = "Not applicable: a figure cannot exist for this cell (e.g. a measure that did not exist that year).";
    }
}

public sealed class PeriodTypeGraphType : EnumerationGraphType<PeriodType>
{
    public PeriodTypeGraphType()
    {
        Name = "PeriodType";
        Description = "The kind of time period a figure covers.";
        Values["CALENDAR_YEAR"]!.Description = "A calendar year, January to December.";
        Values["FINANCIAL_YEAR"]!.Description = "A financial year, 1 April to 31 March (e.g. 2017-18). For reconviction rates, the cohort of people convicted or released from custody in that year.";
        Values["QUARTER"]!.Description = "A quarter of a year.";
        Values["MONTH"]!.Description = "A calendar month.";
        Values["YEAR_RANGE"]!.Description = "Several calendar years taken together (e.g. a three-year average).";
        Values["FINANCIAL_YEAR_RANGE"]!.Description = "Several financial years taken together.";
    }
}

/// <summary>The period part of an observation.</summary>
public sealed class PeriodGraphType : ObjectGraphType<Observation>
{
    public PeriodGraphType()
    {
        Name = "Period";
        Description = "The time period a figure covers.";
        Field<NonNullGraphType<StringGraphType>>("label").Description("The period as publications write it, e.g. \"2017-18\" for the financial year 2017/2018.").ReadsSource(o => o.PeriodLabel);
        Field<NonNullGraphType<PeriodTypeGraphType>>("type").Description("Financial year, calendar year, quarter, ...").ReadsSource(o => o.PeriodType);
        Field<NonNullGraphType<DateScalarGraphType>>("start").Description("First day of the period, e.g. 2017-04-01.").ReadsSource(o => o.PeriodStart);
        Field<NonNullGraphType<DateScalarGraphType>>("end").Description("Last day of the period, e.g. 2018-03-31.").ReadsSource(o => o.PeriodEnd);
    }
}

public sealed class AgeBandType : ObjectGraphType<AgeBand>
{
    public AgeBandType()
    {
        Name = "AgeBand";
        Description = "An age group used by the publisher, or all ages.";
        Field<NonNullGraphType<StringGraphType>>("code").Description("Identifier, e.g. \"all\", \"under-21\", \"21-25\", \"over-40\".").ReadsSource(o => o.Code);
        Field<NonNullGraphType<StringGraphType>>("label").Description("As publications write it, e.g. \"Under 21 years\".").ReadsSource(o => o.Label);
        Field<IntGraphType>("minAge").Description("Youngest age in the band, in years; null when the band has no lower limit.").ReadsSource(o => o.MinAge);
        Field<IntGraphType>("maxAge").Description("Oldest age in the band, in years; null when the band has no upper limit.").ReadsSource(o => o.MaxAge);
    }
}

public sealed class ObservationType : ObjectGraphType<Observation>
{
    public ObservationType()
    {
        Name = "Observation";
        Description = "One figure: an indicator's value for an area, period, sex and age band, from one edition of a published dataset.";
        Field<NonNullGraphType<LongGraphType>>("id").Description("Identifier of the figure in this API (changes when a new edition is loaded).").ReadsSource(o => o.Id);
        Field<NonNullGraphType<IndicatorType>>("indicator").Description("What is measured, and in what unit.").ReadsSource(o => o.Indicator);
        Field<NonNullGraphType<AreaType>>("area").Description("Where: Scotland or a council area.").ReadsSource(o => o.Area);
        Field<NonNullGraphType<PeriodGraphType>>("period").Description("When: the period the figure covers.").ReadsSource(o => o);
        Field<NonNullGraphType<SexGraphType>>("sex").Description("Who: all persons, males or females.").ReadsSource(o => o.Sex);
        Field<NonNullGraphType<AgeBandType>>("ageBand").Description("Who: the age group, or all ages.").ReadsSource(o => o.AgeBand);
        Field<DecimalScalarGraphType>("value")
            .Description("The figure, in the indicator's unit (e.g. 26.3 meaning 26.3% for a percentage). Null unless status is PUBLISHED: a missing figure is never zero.")
            .ReadsSource(o => o.Value);
        Field<NonNullGraphType<ObservationStatusGraphType>>("status").Description("PUBLISHED, or why there is no value (SUPPRESSED, NOT_AVAILABLE, NOT_APPLICABLE).").ReadsSource(o => o.Status);
        Field<StringGraphType>("suppressionReason")
            .Description("Why the figure is withheld when status is SUPPRESSED: \"PRIMARY: fewer than 5 people ...\" (this API withheld it because few people are behind it), \"SECONDARY: protects a suppressed cell in the same sex|age|area group\" (withheld so that a small figure cannot be worked out by subtracting the other figures from the total), or \"SOURCE: suppressed by the publisher\". Null when the figure is published or the status is NOT_AVAILABLE or NOT_APPLICABLE. Rules: docs/disclosure-control.md.")
            .Resolve(c => c.Source.Status == ObservationStatus.Suppressed ? c.Disclosure().SuppressionReason(c.Source) : null);
        Field<StringGraphType>("marker").Description("The marker printed in the source in place of or beside the figure (e.g. \"[x]\", \"**\", \"[z]\"), when there was one.").ReadsSource(o => o.Marker);
        this.AddIntervalFields();
        Field<NonNullGraphType<DatasetVersionType>>("source").Description("The dataset edition this figure comes from: cite its dataset, publisher and edition date.").ReadsSource(o => o.DatasetVersion);
    }
}

public sealed class ObservationsConnectionType() : ConnectionGraphType<ObservationType, ObservationsEdgeType, Observation>("ObservationsConnection", "figures");

public sealed class ObservationsEdgeType() : EdgeGraphType<ObservationType, Observation>("ObservationsEdge", "figures");
