namespace CommunityJustice.Analytics.Api.GraphQL.Indicators;

/// <summary>
/// Fields another feature adds to the Indicator type, after its own (as a HotChocolate type extension
/// would): the Framework feature adds nationalIndicator and nationalAim. The framework's types list
/// indicators as measures, so naming them here would make the two folders depend on each other.
/// Registered with the schema (GraphQL/Hosting).
/// </summary>
public interface IIndicatorTypeExtension
{
    void Extend(IndicatorType type);
}
