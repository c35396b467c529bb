using CommunityJustice.Analytics.Api.GraphQL.Scalars;
using GraphQL.Types;

namespace CommunityJustice.Analytics.Api.GraphQL.Filtering;

/// <summary>
/// The <c>where</c> input of one entity in HotChocolate's shape: one field per filterable field of
/// the entity, plus <c>and</c> / <c>or</c> lists of the same input.
/// </summary>
public abstract class FilterInputGraphType<TSelf, T> : InputObjectGraphType
    where TSelf : FilterInputGraphType<TSelf, T>
{
    protected FilterInputGraphType(string name, string description, FilterDefinition<T> definition)
    {
        Name = name;
        Description = description;
        Field<ListGraphType<NonNullGraphType<TSelf>>>("and")
            .Description("Every one of these conditions must hold.");
        Field<ListGraphType<NonNullGraphType<TSelf>>>("or")
            .Description("At least one of these conditions must hold.");
        foreach (var field in definition.Fields)
        {
            Field(field.Name, field.GraphType).Description(field.Description);
        }
    }
}

/// <summary>HotChocolate's <c>StringOperationFilterInput</c>. Text matching operators ignore case.</summary>
public sealed class StringOperationFilterInputType : InputObjectGraphType
{
    public StringOperationFilterInputType()
    {
        Name = "StringOperationFilterInput";
        Description = "Conditions on a text field. eq, neq, in and nin compare exactly (case matters); contains, startsWith and endsWith ignore case, and treat % and _ as ordinary characters. Several operators in one object must all hold.";
        Field<StringGraphType>("eq").Description("Exactly equal to this text (null: the field is empty).");
        Field<StringGraphType>("neq").Description("Not equal to this text.");
        Field<ListGraphType<StringGraphType>>("in").Description("Equal to one of these texts.");
        Field<ListGraphType<StringGraphType>>("nin").Description("Equal to none of these texts.");
        Field<StringGraphType>("contains").Description("Contains this text, ignoring case.");
        Field<StringGraphType>("ncontains").Description("Does not contain this text, ignoring case.");
        Field<StringGraphType>("startsWith").Description("Starts with this text, ignoring case.");
        Field<StringGraphType>("nstartsWith").Description("Does not start with this text, ignoring case.");
        Field<StringGraphType>("endsWith").Description("Ends with this text, ignoring case.");
        Field<StringGraphType>("nendsWith").Description("Does not end with this text, ignoring case.");
    }
}

/// <summary>Operators on an ordered value (numbers, dates): eq neq in nin gt gte lt lte.</summary>
public abstract class ComparableOperationFilterInputGraphType<TScalar> : InputObjectGraphType
    where TScalar : ScalarGraphType
{
    protected ComparableOperationFilterInputGraphType(string name, string what)
    {
        Name = name;
        Description = $"Conditions on {what}. Several operators in one object must all hold.";
        Field<TScalar>("eq").Description("Equal to this value (null: the value is missing).");
        Field<TScalar>("neq").Description("Not equal to this value.");
        Field<ListGraphType<TScalar>>("in").Description("Equal to one of these values.");
        Field<ListGraphType<TScalar>>("nin").Description("Equal to none of these values.");
        Field<TScalar>("gt").Description("Greater than (after, for dates) this value.");
        Field<TScalar>("gte").Description("Greater than or equal to (on or after, for dates) this value.");
        Field<TScalar>("lt").Description("Less than (before, for dates) this value.");
        Field<TScalar>("lte").Description("Less than or equal to (on or before, for dates) this value.");
    }
}

public sealed class ComparableDecimalOperationFilterInputType()
    : ComparableOperationFilterInputGraphType<DecimalScalarGraphType>("ComparableDecimalOperationFilterInput", "a decimal number; a figure that is not published has no value and matches no comparison");

public sealed class ComparableIntOperationFilterInputType()
    : ComparableOperationFilterInputGraphType<IntGraphType>("ComparableIntOperationFilterInput", "a whole number");

public sealed class ComparableDateOperationFilterInputType()
    : ComparableOperationFilterInputGraphType<DateScalarGraphType>("ComparableDateOperationFilterInput", "a date (yyyy-MM-dd)");

/// <summary>Operators on an enumeration: eq neq in nin, named <c>&lt;Enum&gt;OperationFilterInput</c> like HotChocolate.</summary>
public abstract class EnumOperationFilterInputGraphType<TEnum> : InputObjectGraphType
    where TEnum : EnumerationGraphType, new()
{
    protected EnumOperationFilterInputGraphType()
    {
        var enumName = new TEnum().Name;
        Name = enumName + "OperationFilterInput";
        Description = $"Conditions on a {enumName} value. Several operators in one object must all hold.";
        Field<TEnum>("eq").Description("Equal to this value.");
        Field<TEnum>("neq").Description("Not equal to this value.");
        Field<ListGraphType<NonNullGraphType<TEnum>>>("in").Description("Equal to one of these values.");
        Field<ListGraphType<NonNullGraphType<TEnum>>>("nin").Description("Equal to none of these values.");
    }
}
