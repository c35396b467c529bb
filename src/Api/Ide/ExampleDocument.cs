namespace CommunityJustice.Analytics.Api.Ide;

/// <summary>The document the IDE opens with: the README's example query (a test keeps the two the same).</summary>
public static class ExampleDocument
{
    public const string Text = """
        {
          observations(
            where: {
              indicator: { code: { eq: "reconviction-rate" } }
              period: { label: { eq: "2017-18" } }
              ageBand: { code: { eq: "all" } }
              area: { code: { in: ["S12000019", "S12000010", "S12000005"] } }
              source: { dataset: { eq: "reconvictions" } }
            }
            order: [{ area: { name: ASC } }, { sex: ASC }]
          ) {
            totalCount
            nodes { area { name } sex value status source { dataset { title } editionDate } }
          }
          genderBreakdown(indicator: "reconviction-rate", area: "S12000019", period: "2017-18") {
            allPersons { value } male { value } female { value } gap gapUnit ratio note
          }
          compare(indicator: "reconviction-rate", area: "Midlothian", period: "2017-18", comparators: ["S12000005"]) {
            area { value judgement judgementNote rank { position tied areasRanked } }
            scotland { value confidenceInterval { lower upper method } }
          }
        }
        """;
}
