using CommunityJustice.Analytics.Model.Areas;
using CommunityJustice.Analytics.Model.Reference;

namespace CommunityJustice.Analytics.Model.Tests.Areas;

/// <summary>The one area rule both the ingest worker and the API use, over the reference areas they are seeded with.</summary>
public class AreaResolverTests
{
    private static readonly AreaResolver Resolver = new(
        ReferenceAreas.All.Select(a => a.Code),
        ReferenceAreas.Successions.Select(s => KeyValuePair.Create(s.OldCode, s.NewCode)),
        ReferenceAreas.AliasRows().Select(a => KeyValuePair.Create(a.NormalisedName, a.AreaCode)));

    [Theory]
    [InlineData("S12000019", "S12000019")]                                                     // current code
    [InlineData("  S12000019 ", "S12000019")]                                                  // spaces around
    [InlineData("s12000019", "S12000019")]                                                     // lower case
    [InlineData("http://statistics.gov.scot/id/statistical-geography/S12000019", "S12000019")] // geography URI
    [InlineData("S12000015", "S12000047")]                                                     // Fife's retired code
    [InlineData("S12000046", "S12000049")]                                                     // Glasgow's retired code
    [InlineData("Midlothian", "S12000019")]                                                    // official name
    [InlineData("midlothian", "S12000019")]
    [InlineData("Edinburgh, City of", "S12000036")]                                            // alias
    [InlineData("Argyll & Bute", "S12000035")]                                                 // '&' for 'and'
    [InlineData("Na h-Eileanan Siar", "S12000013")]
    public void Resolves_codes_former_codes_uris_and_names_to_the_current_code(string text, string expected)
    {
        Assert.True(Resolver.TryResolve(text, out var code));
        Assert.Equal(expected, code);
        Assert.Equal(expected, Resolver.Resolve(text));
    }

    [Theory]
    [InlineData("Midlothan")]   // a typo is not guessed
    [InlineData("Lothian")]     // nor a part of a name
    [InlineData("S12000099")]
    [InlineData("")]
    public void Matches_nothing_else(string text)
    {
        Assert.False(Resolver.TryResolve(text, out _));
        Assert.Null(Resolver.Resolve(text));
    }

    [Fact]
    public void Current_code_follows_successions_but_does_not_read_names()
    {
        Assert.Equal("S12000047", Resolver.CurrentCode("S12000015"));
        Assert.Equal("S12000019", Resolver.CurrentCode("S12000019"));
        Assert.Null(Resolver.CurrentCode("Midlothian"));
    }

    [Fact]
    public void A_chain_of_successions_ends_at_the_code_in_use_and_a_cycle_resolves_to_nothing()
    {
        var chained = new AreaResolver(["C3"], [KeyValuePair.Create("C1", "C2"), KeyValuePair.Create("C2", "C3")], []);
        Assert.Equal("C3", chained.CurrentCode("C1"));

        var cyclic = new AreaResolver(["C3"], [KeyValuePair.Create("C1", "C2"), KeyValuePair.Create("C2", "C1")], []);
        Assert.Null(cyclic.CurrentCode("C1"));
    }
}
