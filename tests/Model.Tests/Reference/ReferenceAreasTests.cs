using System.Text;
using CommunityJustice.Analytics.Model.Areas;
using CommunityJustice.Analytics.Model.Reference;
using CommunityJustice.Analytics.TestSupport;
using Sylvan.Data.Csv;

namespace CommunityJustice.Analytics.Model.Tests.Reference;

public class ReferenceAreasTests
{
    [Fact]
    public void Council_areas_match_the_official_data_zone_lookup()
    {
        // The SG lookup is Windows-1252 (it holds byte 0xA0), not UTF-8.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var path = RepositoryPaths.MirrorFile("geography/sg_DataZone2011lookup_2022-05-31.csv");
        using var reader = new StreamReader(path, Encoding.GetEncoding(1252));
        using var csv = CsvDataReader.Create(reader);
        var published = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var codeColumn = csv.GetOrdinal("LA_Code");
        var nameColumn = csv.GetOrdinal("LA_Name");
        while (csv.Read()) published[csv.GetString(codeColumn)] = csv.GetString(nameColumn).Trim();

        var ours = ReferenceAreas.All.Where(a => a.Level == AreaLevel.CouncilArea)
            .ToDictionary(a => a.Code, a => a.Name);

        Assert.Equal(32, published.Count);
        Assert.Equal(published, new SortedDictionary<string, string>(ours, StringComparer.Ordinal));
    }

    [Fact]
    public void Every_area_name_in_the_NRS_components_of_change_file_resolves_to_an_area()
    {
        var path = RepositoryPaths.MirrorFile("geography/nrs_components-of-change_council_mid-2017-to-mid-2018.csv");
        using var csv = CsvDataReader.Create(path);
        var aliases = ReferenceAreas.AliasRows().ToDictionary(a => a.NormalisedName, a => a.AreaCode);
        var unresolved = new List<string>();
        var resolved = new HashSet<string>();
        while (csv.Read())
        {
            var name = csv.GetString(0);
            if (aliases.TryGetValue(AreaNames.Normalise(name), out var code)) resolved.Add(code);
            else unresolved.Add(name);
        }

        Assert.Empty(unresolved);
        Assert.Equal(33, resolved.Count);
    }

    [Theory]
    [InlineData("Edinburgh, City of", "S12000036")]
    [InlineData("City of Edinburgh", "S12000036")]
    [InlineData("Edinburgh City", "S12000036")]
    [InlineData("Argyll & Bute", "S12000035")]
    [InlineData("Dumfries & Galloway", "S12000006")]
    [InlineData("Perth & Kinross", "S12000048")]
    [InlineData("Eilean Siar", "S12000013")]
    [InlineData("Na h-Eileanan Siar", "S12000013")]
    [InlineData("  na h-eileanan   siar ", "S12000013")]
    public void Name_variants_seen_in_published_files_resolve(string name, string expectedCode)
    {
        var aliases = ReferenceAreas.AliasRows().ToDictionary(a => a.NormalisedName, a => a.AreaCode);

        Assert.Equal(expectedCode, aliases[AreaNames.Normalise(name)]);
    }

    [Fact]
    public void Aliases_never_point_one_spelling_at_two_areas()
    {
        var clashes = ReferenceAreas.All.Select(a => (a.Name, a.Code)).Concat(ReferenceAreas.Aliases)
            .GroupBy(x => AreaNames.Normalise(x.Item1))
            .Where(g => g.Select(x => x.Item2).Distinct().Count() > 1)
            .Select(g => g.Key);

        Assert.Empty(clashes);
    }

    [Fact]
    public void Retired_codes_point_at_current_council_areas()
    {
        var current = ReferenceAreas.All.Select(a => a.Code).ToHashSet();

        Assert.All(ReferenceAreas.Successions, s =>
        {
            Assert.Contains(s.NewCode, current);
            Assert.DoesNotContain(s.OldCode, current);
        });
        Assert.Equal(
            ["S12000015→S12000047", "S12000024→S12000048", "S12000044→S12000050", "S12000046→S12000049"],
            ReferenceAreas.Successions.Select(s => $"{s.OldCode}→{s.NewCode}").Order());
    }
}
