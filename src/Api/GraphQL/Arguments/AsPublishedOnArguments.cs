using System.Globalization;
using CommunityJustice.Analytics.Api.GraphQL.Scalars;
using GraphQL;
using GraphQL.Builders;

namespace CommunityJustice.Analytics.Api.GraphQL.Arguments;

/// <summary>The asPublishedOn argument: figures as they stood on a date (the model's Editions.CurrentOn rule, through the reference data).</summary>
public static class AsPublishedOnArguments
{
    /// <summary>Its description on the derived views (genderBreakdown, compare, trend, evidence, ...).</summary>
    public const string ViewDescription =
        "A date, e.g. \"2019-06-01\": the figures as they stood then, from the newest edition of each dataset published on or before it (revisions published later are ignored; datasets first published later are left out). Omit for the latest edition.";

    /// <summary>Its description on observations, where allEditions can override it.</summary>
    public const string ObservationsDescription =
        "A date, e.g. \"2019-06-01\": figures as they stood then, from the newest edition of each dataset published on or before it (datasets first published later are left out). Omit for the latest edition. Ignored when allEditions is true.";

    /// <summary>The asPublishedOn argument every view takes.</summary>
    public static FieldBuilder<TSource, TReturn> AsPublishedOnArgument<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, string description = ViewDescription) =>
        field.Argument<DateScalarGraphType>("asPublishedOn", description);

    public static DateOnly? AsPublishedOn(this IResolveFieldContext context) => context.GetArgument<DateOnly?>("asPublishedOn");

    public static string EditionText(DateOnly? asOf) =>
        asOf is { } date ? $"the edition of the source current on {date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}" : "the latest edition of the source";
}
