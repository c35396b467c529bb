using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CommunityJustice.Analytics.Api.Tests.Support;
using CommunityJustice.Analytics.TestSupport;
using ExcelDataReader;
using Snapshooter.Xunit;

namespace CommunityJustice.Analytics.Api.Tests.GraphQL.Comparisons;

/// <summary>
/// Comparisons, gender views with significance and trends on the real bundled data. The figures, intervals,
/// ranks, judgements and trend changes are computed here from the source files in the data mirror (the
/// statistics.gov.scot reconvictions CSV, and Tables 1 and 2 of the 2017-18 cohort workbook read with
/// ExcelDataReader, not the ingest's reader), and asserted; the snapshots then keep the rest of the answer.
/// </summary>
public sealed class ComparisonTests(ApiFixture api, ComparisonTests.SourceFiles source) : IClassFixture<ApiFixture>, IClassFixture<ComparisonTests.SourceFiles>
{
    private const string Figure = """
        area { code name }
        value
        figure { numerator denominator countSource { dataset { code } } intervalNote }
        confidenceInterval { lower upper level method basis }
        judgement judgementNote
        rank { position tied areasRanked councilAreas note }
        ratePer10000 { value population populationPeriod }
        ratePer10000Note
        """;

    [Fact]
    public async Task Midlothian_reconviction_rate_2017_18_against_Scotland_and_neighbours()
    {
        var result = await api.CreateClient().QueryAsync($$"""
            { compare(indicator: "reconviction-rate", area: "S12000019", period: "2017-18", comparators: ["S12000010", "S12000036"]) {
                indicator { code polarity } period level
                area { {{Figure}} } scotland { {{Figure}} } comparators { {{Figure}} } } }
            """);
        var compare = result["data"]!["compare"]!;
        Assert.Equal("LOWER_IS_BETTER", compare["indicator"]!["polarity"]!.GetValue<string>());

        // Councils' all-persons, all-ages rates for 2017-18 (statistics.gov.scot): lower is better, so rank 1 is the
        // lowest; equal rates share a rank; a council without a figure is not ranked.
        var rates = source.CouncilRates("2017/2018", "All", "All");
        Assert.Equal(31, rates.Count);                                   // one council has no published rate
        foreach (var (node, code) in new[] { (compare["area"]!, "S12000019"), (compare["comparators"]![1]!, "S12000036") })
        {
            Assert.Equal(code, node["area"]!["code"]!.GetValue<string>());
            Assert.Equal(rates[code], node["value"]!.GetValue<decimal>());
            var rank = node["rank"]!;
            Assert.Equal(1 + rates.Values.Count(r => r < rates[code]), rank["position"]!.GetValue<int>());
            Assert.Equal(rates.Values.Count(r => r == rates[code]) > 1, rank["tied"]!.GetValue<bool>());
            Assert.Equal(rates.Count, rank["areasRanked"]!.GetValue<int>());
            Assert.Equal(32, rank["councilAreas"]!.GetValue<int>());
            // The council file has no cohort sizes, so no interval and no judgement.
            Assert.Null(node["confidenceInterval"]);
            Assert.Equal("NOT_COMPARED", node["judgement"]!.GetValue<string>());
        }
        Assert.Equal((26m, 14, true), (rates["S12000019"], compare["area"]!["rank"]!["position"]!.GetValue<int>(), compare["area"]!["rank"]!["tied"]!.GetValue<bool>())); // by hand: 13 councils below 26.0%, Edinburgh also 26.0%
        var eastLothian = compare["comparators"]![0]!;
        Assert.False(rates.ContainsKey("S12000010"));
        Assert.Equal(("S12000010", null, null), (eastLothian["area"]!["code"]!.GetValue<string>(), eastLothian["value"], eastLothian["rank"]!["position"]));

        // Scotland: Table 1's 2017-18 rate over its cohort of 36,700, with a Wilson interval computed here.
        var scotland = compare["scotland"]!;
        var (rate, cohort) = source.Table1["2017-18"];
        Assert.Equal(rate, scotland["value"]!.GetValue<decimal>());
        Assert.Equal(cohort, scotland["figure"]!["denominator"]!.GetValue<decimal>());
        AssertInterval(Wilson(rate, cohort), scotland["confidenceInterval"]!);
        Assert.Equal("WILSON_SCORE", scotland["confidenceInterval"]!["method"]!.GetValue<string>());

        GraphQLClient.Format(result).MatchSnapshot();
    }

    [Fact]
    public async Task Gender_breakdowns_for_Scotland_and_Midlothian_2016_17_and_2017_18()
    {
        var result = await api.CreateClient().QueryAsync("""
            { genderBreakdowns(indicator: "reconviction-rate", areas: ["S92000003", "Midlothian"], periods: ["2016-17", "2017-18"]) {
                area { code } period ageBand { code }
                allPersons { value denominator } male { value denominator } female { value denominator }
                gap gapUnit ratio
                maleInterval { lower upper method } femaleInterval { lower upper method }
                gapInterval { lower upper method } significant significanceNote note } }
            """);
        var breakdowns = result["data"]!["genderBreakdowns"]!.AsArray().Select(n => n!).ToList();
        Assert.Equal(4, breakdowns.Count);
        foreach (var b in breakdowns)
        {
            var code = b["area"]!["code"]!.GetValue<string>();
            var period = b["period"]!.GetValue<string>();
            decimal all, male, female;
            if (code == "S92000003")
            {
                // Scotland: Tables 1 and 2 give the rates and the cohort sizes, so intervals and significance.
                (all, var allCohort) = source.Table1[period];
                (male, var males) = source.Table2Males[period];
                (female, var females) = source.Table2Females[period];
                Assert.Equal((allCohort, males, females), (Dec(b["allPersons"]!["denominator"]), Dec(b["male"]!["denominator"]), Dec(b["female"]!["denominator"])));
                var maleInterval = Wilson(male, males);
                var femaleInterval = Wilson(female, females);
                AssertInterval(maleInterval, b["maleInterval"]!);
                AssertInterval(femaleInterval, b["femaleInterval"]!);
                // Newcombe's hybrid score interval for female - male, from the two Wilson intervals.
                var d = (double)(female - male) / 100;
                double pf = (double)female / 100, pm = (double)male / 100;
                var gapInterval = (d - Math.Sqrt(Math.Pow(pf - femaleInterval.Lower, 2) + Math.Pow(maleInterval.Upper - pm, 2)),
                                   d + Math.Sqrt(Math.Pow(femaleInterval.Upper - pf, 2) + Math.Pow(pm - maleInterval.Lower, 2)));
                AssertInterval(gapInterval, b["gapInterval"]!);
                Assert.Equal("NEWCOMBE_HYBRID_SCORE", b["gapInterval"]!["method"]!.GetValue<string>());
                Assert.Equal(gapInterval.Item1 > 0 || gapInterval.Item2 < 0, b["significant"]!.GetValue<bool>());
            }
            else
            {
                // Midlothian: statistics.gov.scot publishes rates only, so no intervals and no significance.
                Assert.Equal("S12000019", code);
                var csvPeriod = period.Replace("-", "/20", StringComparison.Ordinal);
                all = source.CouncilRates(csvPeriod, "All", "All")[code];
                male = source.CouncilRates(csvPeriod, "Male", "All")[code];
                female = source.CouncilRates(csvPeriod, "Female", "All")[code];
                Assert.Null(b["maleInterval"]);
                Assert.Null(b["gapInterval"]);
                Assert.Null(b["significant"]);
            }
            Assert.Equal((all, male, female), (Dec(b["allPersons"]!["value"]), Dec(b["male"]!["value"]), Dec(b["female"]!["value"])));
            Assert.Equal(female - male, Dec(b["gap"]));
            Assert.Equal("percentage points", b["gapUnit"]!.GetValue<string>());
            Assert.Equal(Math.Round(female / male, 3, MidpointRounding.AwayFromZero), Dec(b["ratio"]));
        }

        GraphQLClient.Format(result).MatchSnapshot();
    }

    [Fact]
    public async Task Scotland_reconviction_rate_trend()
    {
        var result = await api.CreateClient().QueryAsync("""
            { trend(indicator: "reconviction-rate", area: "S92000003", from: "2012-13") {
                points { period value confidenceInterval { lower upper } changeSincePrevious changeSinceFirst }
                changeUnit changeSinceFirst changeSincePrevious changeInterval { lower upper method } direction directionTested assessment note } }
            """);
        var trend = result["data"]!["trend"]!;
        // 2012-13 to 2017-18 from Table 1 (with cohort sizes, so intervals); no 2018-19 figure is published; 2019-20
        // (24.3%, as revised in the 2020-21 bulletin) and 2020-21 (26.9%) are stated in SOURCES.md section 6, with no
        // cohort sizes, so no intervals.
        var sources = File.ReadAllText(RepositoryPaths.MirrorFile("SOURCES.md"));
        Assert.Contains("Revised to 24.3% / 0.41 in the 2020-21 bulletin", sources);
        Assert.Contains("**2020-21:** 26.9%", sources);
        List<(string Period, decimal Value, decimal? Cohort)> expected = new[] { "2012-13", "2013-14", "2014-15", "2015-16", "2016-17", "2017-18" }
            .Select(p => (Period: p, Value: source.Table1[p].Rate, Cohort: (decimal?)source.Table1[p].Cohort))
            .Append(("2019-20", 24.3m, (decimal?)null)).Append(("2020-21", 26.9m, (decimal?)null)).ToList();
        var points = trend["points"]!.AsArray().Select(n => n!).ToList();
        Assert.Equal(expected.Select(e => e.Period), points.Select(p => p["period"]!.GetValue<string>()));
        for (var i = 0; i < points.Count; i++)
        {
            Assert.Equal(expected[i].Value, Dec(points[i]["value"]));
            if (expected[i].Cohort is { } n) AssertInterval(Wilson(expected[i].Value, n), points[i]["confidenceInterval"]!);
            else Assert.Null(points[i]["confidenceInterval"]);
            Assert.Equal(i == 0 ? null : expected[i].Value - expected[i - 1].Value, points[i]["changeSincePrevious"]?.GetValue<decimal>());
            Assert.Equal(expected[i].Value - expected[0].Value, Dec(points[i]["changeSinceFirst"]));
        }
        Assert.Equal(expected[^1].Value - expected[0].Value, Dec(trend["changeSinceFirst"]));     // 26.9 - 28.9 = -2.0
        Assert.Equal(expected[^1].Value - expected[^2].Value, Dec(trend["changeSincePrevious"])); // 26.9 - 24.3 = +2.6
        // The last point has no interval, so the change cannot be tested: its sign alone gives the direction.
        Assert.Null(trend["changeInterval"]);
        Assert.Equal(("DECREASING", false, "NOT_ASSESSED"),
            (trend["direction"]!.GetValue<string>(), trend["directionTested"]!.GetValue<bool>(), trend["assessment"]!.GetValue<string>()));

        GraphQLClient.Format(result).MatchSnapshot();
    }

    private static decimal Dec(JsonNode? node) => node!.GetValue<decimal>();

    /// <summary>The Wilson score interval (95%) for a published percentage of a group of n, as proportions.</summary>
    private static (double Lower, double Upper) Wilson(decimal percentage, decimal n)
    {
        const double z = 1.959963984540054; // the 97.5th percentile of the standard normal
        double p = (double)percentage / 100, size = (double)n;
        var centre = (p + z * z / (2 * size)) / (1 + z * z / size);
        var half = z * Math.Sqrt(p * (1 - p) / size + z * z / (4 * size * size)) / (1 + z * z / size);
        return (centre - half, centre + half);
    }

    /// <summary>The API gives intervals in percent, to 2 decimal places.</summary>
    private static void AssertInterval((double Lower, double Upper) expected, JsonNode actual)
    {
        Assert.Equal(Math.Round((decimal)(expected.Lower * 100), 2, MidpointRounding.AwayFromZero), Dec(actual["lower"]));
        Assert.Equal(Math.Round((decimal)(expected.Upper * 100), 2, MidpointRounding.AwayFromZero), Dec(actual["upper"]));
    }

    /// <summary>The source files, read once: the statistics.gov.scot reconvictions CSV and Tables 1 and 2 of the 2017-18 cohort workbook.</summary>
    public sealed class SourceFiles
    {
        private readonly List<string[]> _csv;

        /// <summary>Table 1, Scotland: cohort label ("2017-18") to (reconviction rate, number of offenders).</summary>
        public Dictionary<string, (decimal Rate, decimal Cohort)> Table1 { get; } = [];
        /// <summary>Table 2, the "Males" and "Females" blocks, likewise.</summary>
        public Dictionary<string, (decimal Rate, decimal Cohort)> Table2Males { get; } = [];
        public Dictionary<string, (decimal Rate, decimal Cohort)> Table2Females { get; } = [];

        static SourceFiles() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

        public SourceFiles()
        {
            _csv = File.ReadLines(RepositoryPaths.MirrorFile("reconviction/statgov_reconvictions_council_gender_age_2012-13_to_2017-18.csv"))
                .Skip(1).Select(l => l.Split(',')).ToList();
            using var stream = File.OpenRead(RepositoryPaths.MirrorFile("reconviction/sg_reconvictions-2017-18-offender-cohort-main-publication-tables.xlsx"));
            using var excel = ExcelReaderFactory.CreateReader(stream);
            do
            {
                var sheet = excel.Name.Trim();
                if (sheet != "Table 1" && sheet != "Table 2") continue;
                var target = sheet == "Table 1" ? Table1 : null;
                while (excel.Read())
                {
                    var first = Convert.ToString(excel.GetValue(0), CultureInfo.InvariantCulture)?.Trim();
                    if (sheet == "Table 2" && first == "Males") target = Table2Males;
                    else if (sheet == "Table 2" && first == "Females") target = Table2Females;
                    else if (target is not null && first is { Length: 7 } && first[4] == '-' && excel.GetValue(1) is double cohort && excel.GetValue(2) is double rate)
                        target[first] = ((decimal)rate, (decimal)cohort);
                }
            }
            while (excel.NextResult());
            Assert.Equal((26.3m, 36_700m), Table1["2017-18"]);              // B25:C25, read by eye
            Assert.Equal((27.0m, 30_386m), Table2Males["2017-18"]);
            Assert.Equal((23.2m, 6_314m), Table2Females["2017-18"]);
        }

        /// <summary>The one-year reconviction rate ("Percent reconvicted") of each council area (S12 codes) in the CSV.</summary>
        public Dictionary<string, decimal> CouncilRates(string dateCode, string gender, string age) =>
            _csv.Where(r => r[0].StartsWith("S12", StringComparison.Ordinal) && r[1] == dateCode && r[3] == "Percent reconvicted" && r[5] == gender && r[6] == age)
                .ToDictionary(r => r[0], r => decimal.Parse(r[4], CultureInfo.InvariantCulture));
    }
}
