using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CommunityJustice.Analytics.Api.Tests.Support;
using CommunityJustice.Analytics.TestSupport;
using ExcelDataReader;

namespace CommunityJustice.Analytics.Api.Tests.GraphQL.Areas;

/// <summary>
/// The data-zone datasets loaded by their bundled manifests (the SG Data Zone 2011 lookup, SIMD 2020v2, NRS small-area
/// population mid-2021), queried by level and ancestor. Expected figures are read here from the source files directly
/// (CSV split by hand, workbooks with ExcelDataReader), not through the ingest's readers.
/// </summary>
public sealed class DataZoneTests(DataZoneApiFixture api, DataZoneTests.SourceFiles source)
    : IClassFixture<DataZoneApiFixture>, IClassFixture<DataZoneTests.SourceFiles>
{
    private const string Clackmannanshire = "S12000005";
    private const string Scotland = "S92000003";

    [Fact]
    public async Task Data_zone_population_within_Scotland_sums_to_the_NRS_mid_2021_estimate()
    {
        // 5,479,900: the NRS mid-2021 estimate for Scotland (males 2,672,562 + females 2,807,338; SOURCES.md).
        Assert.Equal(5_479_900m, source.PopulationByCouncil.Values.Sum());
        Assert.Equal(5_479_900m, await PopulationWithinAsync(Scotland));
    }

    [Fact]
    public async Task Data_zone_population_within_each_council_sums_to_that_councils_rows_of_the_NRS_workbooks()
    {
        Assert.Equal(32, source.PopulationByCouncil.Count);
        foreach (var (council, expected) in source.PopulationByCouncil)
            Assert.True(expected == await PopulationWithinAsync(council), $"{council}: expected {expected}");
    }

    [Fact]
    public async Task A_retired_council_code_in_within_means_the_council_that_has_it_now()
    {
        // Fife used S12000015 before 2 February 2018; its data zones are found through either code.
        Assert.Equal(await PopulationWithinAsync("S12000047"), await PopulationWithinAsync("S12000015"));
        Assert.True(await PopulationWithinAsync("S12000015") > 0);
    }

    [Fact]
    public async Task An_unknown_code_in_within_is_an_error_naming_it()
    {
        var (_, body) = await api.CreateClient().SendAsync("""
            { observations(where: { area: { within: { code: { in: ["S12000005", "S12999999"] } } } }) { totalCount } }
            """);
        var error = Assert.Single(body["errors"]!.AsArray());
        Assert.Equal("UNKNOWN_AREA", error!["extensions"]!["code"]!.GetValue<string>());
        Assert.Contains("'S12999999'", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("'S12000005'", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Areas_filtered_by_level_and_ancestor_are_the_lookups_data_zones_of_the_council()
    {
        var result = await api.CreateClient().QueryAsync("""
            { areas(where: { within: { code: { eq: "S12000005" } }, level: { eq: DATA_ZONE } }) { code level } }
            """);
        var areas = result["data"]!["areas"]!.AsArray();
        Assert.Equal(source.DataZonesByCouncil[Clackmannanshire].Order(StringComparer.Ordinal), areas.Select(a => a!["code"]!.GetValue<string>()));
        Assert.All(areas, a => Assert.Equal("DATA_ZONE", a!["level"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_data_zone_knows_its_parents_and_a_council_its_wards()
    {
        var result = await api.CreateClient().QueryAsync("""
            { zone: area(code: "S01006506") { name level parent { code } parents { code level } }
              council: area(code: "S12000005") { children(level: MULTI_MEMBER_WARD) { code level } } }
            """);
        var zone = result["data"]!["zone"]!;
        Assert.Equal("Culter - 01", zone["name"]!.GetValue<string>());
        Assert.Equal("S02001236", zone["parent"]!["code"]!.GetValue<string>());   // its intermediate zone, Culter
        var parents = zone["parents"]!.AsArray().Select(p => p!["code"]!.GetValue<string>()).ToList();
        // From the lookup's row for S01006506: IZ, ward, council, constituency, integration authority, police division, health board, Scotland, UR classes.
        foreach (var code in new[] { "S02001236", "S13002843", "S12000033", "S16000076", "S37000001", "S32000015", "S08000020", Scotland, "UR6-1", "UR8-1" })
            Assert.Contains(code, parents);
        Assert.Equal(10, parents.Count);

        var wards = result["data"]!["council"]!["children"]!.AsArray().Select(w => w!["code"]!.GetValue<string>()).ToList();
        Assert.Equal(source.WardsByCouncil[Clackmannanshire].Order(StringComparer.Ordinal), wards);
        Assert.Equal(5, wards.Count);   // "its five wards" (the Clackmannanshire plan)
    }

    [Fact]
    public async Task Figures_for_the_20_percent_most_deprived_data_zones_of_a_council()
    {
        var result = await api.CreateClient().QueryAsync("""
            { observations(first: 1000, where: {
                indicator: { code: { eq: "simd-decile" } }
                area: { within: { code: { eq: "S12000005" } }, simdDecile: { lte: 2 } } }) {
                totalCount nodes { area { code simdDecile } value } } }
            """);
        var nodes = result["data"]!["observations"]!["nodes"]!.AsArray();
        var expected = source.SimdDecile.Where(z => z.Value <= 2 && source.DataZonesByCouncil[Clackmannanshire].Contains(z.Key)).Select(z => z.Key).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, nodes.Select(n => n!["area"]!["code"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.All(nodes, n => Assert.Equal(n!["value"]!.GetValue<decimal>(), n["area"]!["simdDecile"]!.GetValue<int>()));
    }

    [Fact]
    public async Task SIMD_suppression_and_percent_text_rates_load_as_published()
    {
        // S01006506 (first data row): income_rate "8%", crime_count 11.
        var client = api.CreateClient();
        var result = await client.QueryAsync("""
            { observations(where: { area: { code: { eq: "S01006506" } }, indicator: { code: { in: ["simd-income-rate", "simd-crime-count", "simd-rank"] } } },
                           order: [{ indicator: { code: ASC } }]) { nodes { indicator { code } value status } } }
            """);
        var nodes = result["data"]!["observations"]!["nodes"]!.AsArray();
        Assert.Equal([11m, 8m, 4691m], nodes.Select(n => n!["value"]!.GetValue<decimal>()));

        // Every '*' of crime_count is a Suppressed cell with the publisher's marker (the public view withholds more small
        // counts, with its own reason: those are not the publisher's).
        var starred = new List<string>();
        string? after = null;
        do
        {
            var page = (await client.QueryAsync("""
                query($after: String) { observations(first: 1000, after: $after, where: { indicator: { code: { eq: "simd-crime-count" } }, status: { eq: SUPPRESSED } }) {
                  pageInfo { hasNextPage endCursor } nodes { area { code } value marker } } }
                """, new { after }))["data"]!["observations"]!;
            foreach (var node in page["nodes"]!.AsArray())
            {
                Assert.Null(node!["value"]);
                if (node["marker"]?.GetValue<string>() == "*") starred.Add(node["area"]!["code"]!.GetValue<string>());
            }
            after = page["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? page["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
        } while (after is not null);
        Assert.Equal(500, source.SuppressedCrimeCounts.Count);   // SOURCES.md: '*' in crime_count on 500 rows
        Assert.Equal(source.SuppressedCrimeCounts.Order(StringComparer.Ordinal), starred.Order(StringComparer.Ordinal));
    }

    /// <summary>All-ages population (the workbooks' Total population), males plus females, of the data zones within an area, through the API.</summary>
    private async Task<decimal> PopulationWithinAsync(string area)
    {
        var client = api.CreateClient();
        decimal sum = 0;
        string? after = null;
        do
        {
            var page = (await client.QueryAsync("""
                query($area: String!, $after: String) { observations(first: 1000, after: $after, where: {
                    indicator: { code: { eq: "population" } }, period: { label: { eq: "2021" } }, ageBand: { code: { eq: "all" } }
                    sex: { in: [MALE, FEMALE] }, area: { within: { code: { eq: $area } }, level: { eq: DATA_ZONE } } }) {
                  pageInfo { hasNextPage endCursor } nodes { value } } }
                """, new { area, after }))["data"]!["observations"]!;
            sum += page["nodes"]!.AsArray().Sum(n => n!["value"]!.GetValue<decimal>());
            after = page["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? page["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
        } while (after is not null);
        return sum;
    }

    /// <summary>What the source files say, read directly.</summary>
    public sealed class SourceFiles
    {
        public Dictionary<string, decimal> PopulationByCouncil { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, HashSet<string>> DataZonesByCouncil { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, HashSet<string>> WardsByCouncil { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, int> SimdDecile { get; } = new(StringComparer.Ordinal);
        public List<string> SuppressedCrimeCounts { get; } = [];

        static SourceFiles() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

        public SourceFiles()
        {
            foreach (var sex in new[] { "males", "females" })
            {
                using var stream = File.OpenRead(RepositoryPaths.MirrorFile($"geography/nrs_small-area-population-estimates_datazone_{sex}_age_mid-2021.xlsx"));
                using var excel = ExcelReaderFactory.CreateReader(stream);
                while (!excel.Name.Contains("population", StringComparison.OrdinalIgnoreCase)) Assert.True(excel.NextResult());
                for (var row = 1; row <= 3; row++) Assert.True(excel.Read());
                Assert.Equal("Council area code", Convert.ToString(excel.GetValue(2), CultureInfo.InvariantCulture));
                Assert.Equal("Total population", Convert.ToString(excel.GetValue(5), CultureInfo.InvariantCulture));
                while (excel.Read() && excel.GetValue(0) is string zone && zone.StartsWith("S01", StringComparison.Ordinal))
                {
                    var council = (string)excel.GetValue(2);
                    PopulationByCouncil[council] = PopulationByCouncil.GetValueOrDefault(council) + Convert.ToDecimal(excel.GetValue(5), CultureInfo.InvariantCulture);
                }
            }

            var lookup = File.ReadAllLines(RepositoryPaths.MirrorFile("geography/sg_DataZone2011lookup_2022-05-31.csv"), Encoding.GetEncoding(1252));
            Assert.StartsWith("DZ2011_Code,DZ2011_Name,IZ2011_Code,IZ2011_Name,MMWard_Code,MMWard_Name,LA_Code", lookup[0], StringComparison.Ordinal);
            foreach (var line in lookup.Skip(1))
            {
                var cells = Fields(line);
                Add(DataZonesByCouncil, cells[6], cells[0]);
                Add(WardsByCouncil, cells[6], cells[4]);
            }
            Assert.Equal(6_976, DataZonesByCouncil.Values.Sum(z => z.Count));

            var simd = File.ReadAllLines(RepositoryPaths.MirrorFile("geography/sg_simd2020v2_ranks-indicators_datazone.csv"));
            var header = simd[0].Split(',').Select(h => h.Trim('"')).ToList();
            int decile = header.IndexOf("SIMD2020v2_Decile"), crime = header.IndexOf("crime_count");
            foreach (var line in simd.Skip(1))
            {
                var cells = Fields(line);
                SimdDecile[cells[0]] = int.Parse(cells[decile], CultureInfo.InvariantCulture);
                if (cells[crime] == "*") SuppressedCrimeCounts.Add(cells[0]);
            }
        }

        /// <summary>A CSV line's fields, commas inside double quotes kept, quotes dropped.</summary>
        private static string[] Fields(string line) =>
            [.. System.Text.RegularExpressions.Regex.Split(line, ",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)").Select(c => c.Trim('"'))];

        private static void Add(Dictionary<string, HashSet<string>> map, string key, string value)
        {
            if (!map.TryGetValue(key, out var set)) map[key] = set = new HashSet<string>(StringComparer.Ordinal);
            set.Add(value);
        }
    }
}
