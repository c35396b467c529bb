using CommunityJustice.Analytics.Api.Data;
using CommunityJustice.Analytics.Api.GraphQL.Areas;
using CommunityJustice.Analytics.Api.GraphQL.Errors;
using CommunityJustice.Analytics.Api.GraphQL.Filtering;
using CommunityJustice.Analytics.Api.GraphQL.Indicators;
using CommunityJustice.Analytics.Api.GraphQL.Sorting;
using CommunityJustice.Analytics.Model.Areas;
using CommunityJustice.Analytics.Model.Datasets;
using CommunityJustice.Analytics.Model.Indicators;
using CommunityJustice.Analytics.Model.Observations;

namespace CommunityJustice.Analytics.Api.GraphQL.Observations;

public static class ObservationFiltering
{
    /// <summary>
    /// The <c>where</c> input with former area codes in <c>area: { code: { eq/neq/in/nin } }</c> (inside and/or too) replaced by current
    /// ones, and unknown codes refused (<see cref="AreaFiltering.ResolveCodes"/>).
    /// </summary>
    public static async Task<object?> ResolveAreaCodesAsync(object? where, ReferenceData reference, CancellationToken cancellationToken)
    {
        var sets = await AreaHierarchyFilters.ReadNeededAsync(where, reference, cancellationToken);
        var unknown = new List<string>();
        var resolved = Resolve(where, reference, sets, unknown);
        if (unknown.Count > 0) throw new UnknownAreaCodeInFilterError([.. unknown.Distinct(StringComparer.Ordinal)]);
        return resolved;
    }

    /// <summary>
    /// The indicator codes a filter keeps to, when its top level says so (indicator: { code: { eq: … } } or { in: […] };
    /// top-level fields all apply together); null when it does not restrict the indicator there.
    /// </summary>
    public static IReadOnlyCollection<string>? IndicatorCodes(object? where) => Codes(Field(Field(where, "indicator"), "code"));

    /// <summary>The dataset codes a filter keeps to at its top level (source: { dataset: { eq: … } } or { in: […] }); null when it does not.</summary>
    public static IReadOnlyCollection<string>? DatasetCodes(object? where) => Codes(Field(Field(where, "source"), "dataset"));

    private static IReadOnlyCollection<string>? Codes(object? condition)
    {
        if (Field(condition, "eq") is string eq) return [eq];
        return Field(condition, "in") is IEnumerable<object?> list && list.All(item => item is string) ? list.Cast<string>().ToList() : null;
    }

    private static object? Field(object? input, string name) =>
        input is IDictionary<string, object?> fields && fields.TryGetValue(name, out var value) ? value : null;

    private static object? Resolve(object? where, ReferenceData reference, AreaSets sets, List<string> unknown)
    {
        if (where is not IDictionary<string, object?> input) return where;
        var copy = new Dictionary<string, object?>(input.Count);
        foreach (var (key, value) in input)
        {
            copy[key] = key switch
            {
                "and" or "or" when value is IEnumerable<object?> items => items.Select(i => Resolve(i, reference, sets, unknown)).ToList(),
                "area" => AreaFiltering.Resolve(value, reference, sets, unknown),
                _ => value,
            };
        }
        return copy;
    }

    public static readonly FilterDefinition<Observation> Period = new FilterDefinition<Observation>()
        .String("label", o => o.PeriodLabel, "The period as publications write it, e.g. { eq: \"2017-18\" }.")
        .Operation<DateOnly, ComparableDateOperationFilterInputType>("start", o => o.PeriodStart, "First day of the period, e.g. { gte: \"2015-04-01\" } for 2015-16 onwards.")
        .Operation<DateOnly, ComparableDateOperationFilterInputType>("end", o => o.PeriodEnd, "Last day of the period.")
        .Operation<PeriodType, PeriodTypeOperationFilterInputType>("type", o => o.PeriodType, "Financial year, calendar year, ...");

    public static readonly FilterDefinition<AgeBand> AgeBand = new FilterDefinition<AgeBand>()
        .String("code", a => a.Code, "Age band code, e.g. { eq: \"all\" } or { in: [\"under-21\", \"21-25\"] }.")
        .String("label", a => a.Label, "Age band as publications write it, e.g. \"Under 21 years\".");

    public static readonly FilterDefinition<DatasetVersion> Source = new FilterDefinition<DatasetVersion>()
        .String("dataset", v => v.DatasetCode, "Code of the dataset, e.g. { eq: \"reconvictions\" }; the datasets query lists them.")
        .Operation<DateOnly, ComparableDateOperationFilterInputType>("editionDate", v => v.EditionDate, "Release date of the dataset edition.");

    public static readonly FilterDefinition<Observation> Filter = new FilterDefinition<Observation>()
        .Object<Indicator, IndicatorFilterInputType>("indicator", o => o.Indicator, IndicatorFiltering.Filter, "Conditions on the indicator, e.g. { code: { eq: \"reconviction-rate\" } }.")
        .Object<Area, AreaFilterInputType>("area", o => o.Area, AreaFiltering.Filter, "Conditions on the area, e.g. { code: { in: [\"S12000019\", \"S12000010\"] } }.")
        .Object<Observation, PeriodFilterInputType>("period", o => o, Period, "Conditions on the period, e.g. { label: { eq: \"2017-18\" } }.")
        .Operation<Sex, SexOperationFilterInputType>("sex", o => o.Sex, "All persons, males or females, e.g. { eq: FEMALE }.")
        .Object<AgeBand, AgeBandFilterInputType>("ageBand", o => o.AgeBand, AgeBand, "Conditions on the age band.")
        .Operation<decimal?, ComparableDecimalOperationFilterInputType>("value", o => o.Value, "Conditions on the value, in the indicator's unit; figures that are not published have no value and never match a comparison.")
        .Operation<ObservationStatus, ObservationStatusOperationFilterInputType>("status", o => o.Status, "Published or why not, e.g. { neq: PUBLISHED } for the gaps.")
        .Object<DatasetVersion, SourceFilterInputType>("source", o => o.DatasetVersion, Source,
            "Conditions on where a figure comes from. Several datasets can publish the same indicator for the same cell (e.g. a cube and a workbook table); pick one with { dataset: { eq: \"reconvictions\" } }.");

    public static readonly SortDefinition<Observation> PeriodSort = new SortDefinition<Observation>()
        .Field("start", o => o.PeriodStart, "By first day of the period (chronological).")
        .Field("end", o => o.PeriodEnd, "By last day of the period.")
        .Field("label", o => o.PeriodLabel, "By label, as text.");

    public static readonly SortDefinition<AgeBand> AgeBandSort = new SortDefinition<AgeBand>()
        .Field("code", a => a.Code, "By code, as text.")
        .Field("label", a => a.Label, "By label, as text.")
        .Field("youngestFirst", a => a.SortOrder, "In the publisher's order: all ages, then youngest to oldest.");

    public static readonly SortDefinition<Observation> Sort = new SortDefinition<Observation>()
        .Object<Indicator, IndicatorSortInputType>("indicator", o => o.Indicator, IndicatorFiltering.Sort, "By a field of the indicator.")
        .Object<Area, AreaSortInputType>("area", o => o.Area, AreaFiltering.Sort, "By a field of the area, e.g. { name: ASC }.")
        .Object<Observation, PeriodSortInputType>("period", o => o, PeriodSort, "By a field of the period, e.g. { start: DESC } for latest first.")
        .Field("sex", o => o.Sex, "By sex, as text: ALL, FEMALE, MALE.")
        .Object<AgeBand, AgeBandSortInputType>("ageBand", o => o.AgeBand, AgeBandSort, "By a field of the age band.")
        .Field("value", o => o.Value, "By value; figures without a value sort last ascending, first descending.")
        .Field("status", o => o.Status, "By status, as text.")
        .Field("id", o => o.Id, "By identifier (load order).");
}

public sealed class SexOperationFilterInputType : EnumOperationFilterInputGraphType<SexGraphType>;

public sealed class ObservationStatusOperationFilterInputType : EnumOperationFilterInputGraphType<ObservationStatusGraphType>;

public sealed class PeriodTypeOperationFilterInputType : EnumOperationFilterInputGraphType<PeriodTypeGraphType>;

public sealed class PeriodFilterInputType()
    : FilterInputGraphType<PeriodFilterInputType, Observation>("PeriodFilterInput", "Conditions on the period a figure covers.", ObservationFiltering.Period);

public sealed class AgeBandFilterInputType()
    : FilterInputGraphType<AgeBandFilterInputType, AgeBand>("AgeBandFilterInput", "Conditions on an age band.", ObservationFiltering.AgeBand);

public sealed class SourceFilterInputType()
    : FilterInputGraphType<SourceFilterInputType, DatasetVersion>("SourceFilterInput", "Conditions on the dataset edition a figure comes from.", ObservationFiltering.Source);

public sealed class ObservationFilterInputType()
    : FilterInputGraphType<ObservationFilterInputType, Observation>("ObservationFilterInput", "Conditions on figures. Several fields in one object must all hold; use and/or to combine objects.", ObservationFiltering.Filter);

public sealed class PeriodSortInputType()
    : SortInputGraphType<Observation>("PeriodSortInput", "Sort by one field of the period.", ObservationFiltering.PeriodSort);

public sealed class AgeBandSortInputType()
    : SortInputGraphType<AgeBand>("AgeBandSortInput", "Sort by one field of the age band.", ObservationFiltering.AgeBandSort);

public sealed class ObservationSortInputType()
    : SortInputGraphType<Observation>("ObservationSortInput", "Sort figures by one field; give several objects in the order list to sort by several, e.g. [{ period: { start: DESC } }, { area: { name: ASC } }].", ObservationFiltering.Sort);
