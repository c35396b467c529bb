using GraphQL.Types;

namespace CommunityJustice.Analytics.Api.GraphQL.Scalars;

/// <summary>
/// A calendar date without time of day, named <c>Date</c> as HotChocolate names it (GraphQL.NET's
/// own scalar for <see cref="DateOnly"/> is called <c>DateOnly</c>).
/// </summary>
public sealed class DateScalarGraphType : DateOnlyGraphType
{
    public DateScalarGraphType()
    {
        Name = "Date";
        Description = "A calendar date in ISO 8601 form, yyyy-MM-dd (e.g. 2017-04-01).";
    }
}

/// <summary>An instant with its UTC offset, named <c>DateTime</c> as HotChocolate names it.</summary>
public sealed class DateTimeScalarGraphType : DateTimeOffsetGraphType
{
    public DateTimeScalarGraphType()
    {
        Name = "DateTime";
        Description = "A date and time with UTC offset in ISO 8601 form (e.g. 2026-11-26T15:03:31.000+00:00).";
    }
}

/// <summary>
/// A decimal number, written to JSON as a number. Trailing zeros that come from the database's
/// fixed scale (numeric(18,6)) are dropped, so 26.3 is written as 26.3, not 26.300000.
/// </summary>
public sealed class DecimalScalarGraphType : DecimalGraphType
{
    public DecimalScalarGraphType()
    {
        Name = "Decimal";
        Description = "A decimal number, written as a JSON number (e.g. 26.3). Exact: no binary floating-point rounding.";
    }

    public override object? Serialize(object? value) =>
        base.Serialize(value) is decimal d ? Normalise(d) : base.Serialize(value);

    /// <summary>Drops trailing zeros from the decimal's scale without changing its value.</summary>
    public static decimal Normalise(decimal value) => value / 1.000000000000000000000000000000000m;
}
