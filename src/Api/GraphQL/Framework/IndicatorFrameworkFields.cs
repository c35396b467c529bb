using CommunityJustice.Analytics.Api.GraphQL.Indicators;

namespace CommunityJustice.Analytics.Api.GraphQL.Framework;

/// <summary>The framework's fields on Indicator: the national indicator it reports and the national aim it evidences.</summary>
public sealed class IndicatorFrameworkFields : IIndicatorTypeExtension
{
    public void Extend(IndicatorType type)
    {
        type.Field<NationalIndicatorType>("nationalIndicator")
            .Description("The Community Justice Performance Framework national indicator this measure reports, when it is one.")
            .Resolve(c => c.Source.NationalIndicatorCode is { } code ? c.LoadNationalIndicator(code) : null);
        type.Field<NationalAimType>("nationalAim")
            .Description("The national aim of the National Strategy for Community Justice this measure evidences, where it is not itself a national indicator; null when the catalogue links it to none.")
            .Resolve(c => c.Source.NationalAimNumber is { } number ? c.LoadNationalAim(number) : null);
    }
}
