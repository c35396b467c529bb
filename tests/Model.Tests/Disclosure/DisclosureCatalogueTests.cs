using CommunityJustice.Analytics.Model.Disclosure;
using CommunityJustice.Analytics.Model.Indicators;
using CommunityJustice.Analytics.Model.Reference;

namespace CommunityJustice.Analytics.Model.Tests.Disclosure;

/// <summary>Reference/Catalogue/disclosure.json: every catalogue indicator says what it counts, and relations name real indicators (the catalogue's or a bundled manifest's).</summary>
public class DisclosureCatalogueTests
{
    private static readonly DisclosureCatalogue Catalogue = DisclosureCatalogue.Bundled;

    [Fact]
    public void Every_catalogue_indicator_declares_its_disclosure_class_once()
    {
        var declared = Catalogue.Classes.Select(c => c.Indicator).ToList();
        Assert.Equal(declared.Count, declared.Distinct().Count());
        var missing = ReferenceCatalogue.Indicators.Select(i => i.Code).Except(declared).ToList();
        Assert.True(missing.Count == 0, $"indicators without a disclosure class in disclosure.json: {string.Join(", ", missing)}");
        var known = KnownIndicators();
        Assert.All(declared, code => Assert.Contains(code, known));
    }

    /// <summary>The catalogue's indicators and those the bundled dataset manifests add (src/Ingest/Datasets).</summary>
    private static HashSet<string> KnownIndicators()
    {
        var known = ReferenceCatalogue.Indicators.Select(i => i.Code).ToHashSet();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(TestSupport.RepositoryPaths.Root, "src", "Ingest", "Datasets"), "*.json", SearchOption.AllDirectories))
        {
            using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(file));
            if (manifest.RootElement.TryGetProperty("indicators", out var indicators))
                foreach (var indicator in indicators.EnumerateArray()) known.Add(indicator.GetProperty("code").GetString()!);
        }
        return known;
    }

    [Fact]
    public void Signed_net_flows_and_population_stocks_are_not_counts_of_people()
    {
        Assert.Equal(DisclosureClass.NetFlow, Catalogue.Declared("population-change")!.Class);
        Assert.Equal(DisclosureClass.NetFlow, Catalogue.Declared("population-overseas-net-migration")!.Class);
        Assert.Equal(DisclosureClass.PopulationStock, Catalogue.Declared("population")!.Class);
        Assert.False(DisclosureCatalogue.IsProtected(DisclosureClass.NetFlow));
        Assert.False(DisclosureCatalogue.IsProtected(DisclosureClass.PopulationStock));
        Assert.True(DisclosureCatalogue.IsProtected(Catalogue.ClassOf("prison-arrivals-convicted-awaiting-sentence", MeasureType.Count)));
    }

    [Fact]
    public void An_undeclared_indicator_takes_the_class_of_its_measure_type()
    {
        Assert.Equal(DisclosureClass.PeopleCount, Catalogue.ClassOf("not-in-the-catalogue", MeasureType.Count));
        Assert.Equal(DisclosureClass.RateOfPeople, Catalogue.ClassOf("not-in-the-catalogue", MeasureType.Percentage));
        Assert.Equal(DisclosureClass.NonPersonQuantity, Catalogue.ClassOf("not-in-the-catalogue", MeasureType.Rank));
    }

    [Fact]
    public void Relations_and_rate_components_name_catalogue_indicators()
    {
        var codes = KnownIndicators();
        Assert.All(Catalogue.Relations, r =>
        {
            Assert.Contains(r.Total, codes);
            Assert.NotEmpty(r.Parts);
            Assert.All(r.Parts, p => Assert.Contains(p, codes));
            Assert.Equal(r.Kind == DisclosureRelationKind.Rate, r.Per is not null);
        });
        Assert.All(Catalogue.Classes.Where(c => c.Numerator is not null || c.Denominator is not null), c =>
        {
            Assert.Equal(DisclosureClass.RateOfPeople, c.Class);
            if (c.Numerator is { } n) Assert.Contains(n, codes);
            if (c.Denominator is { } d) Assert.Contains(d, codes);
        });
        Assert.Contains(Catalogue.Relations, r => r is { Kind: DisclosureRelationKind.Sum, Total: "prison-arrivals", Complete: false }
            && r.Parts.Contains("prison-arrivals-convicted-awaiting-sentence"));
    }
}
