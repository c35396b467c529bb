using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CommunityJustice.Analytics.Api.Tests.Support;
using CommunityJustice.Analytics.TestSupport;
using ExcelDataReader;

namespace CommunityJustice.Analytics.Api.Tests.GraphQL.Comparisons;

/// <summary>
/// compare's rate per 10,000 population on a real council-level count whose year the bundled NRS
/// estimates cover: the number of offenders in the 2017-18 reconviction cohort by council area of
/// residence (workbook Table 13, indicator reconviction-cohort-by-residence), over the NRS mid-2017
/// estimate. The expected figures are computed here from the two source files, read with
/// ExcelDataReader directly (not through the ingest's reader), and for Midlothian also stated by hand.
/// </summary>
public sealed class RatePer10000RealDataTests(ApiFixture api, RatePer10000RealDataTests.SourceFiles source)
    : IClassFixture<ApiFixture>, IClassFixture<RatePer10000RealDataTests.SourceFiles>
{
    private const string Indicator = "reconviction-cohort-by-residence";

    private const string Compared = """
        area { code name }
        value
        figure { value status }
        confidenceInterval { lower upper level method basis }
        ratePer10000 {
          value population populationPeriod
          confidenceInterval { lower upper method }
          populationSource { dataset { code } editionDate fileName fileSha256 }
        }
        ratePer10000Note
        judgement judgementNote
        rank { position tied areasRanked councilAreas note }
        """;

    /// <summary>
    /// Midlothian 2017-18, from the source files:
    /// - reconviction/sg_reconvictions-2017-18-offender-cohort-main-publication-tables.xlsx, sheet "Table 13",
    ///   row 23 ("Midlothian"), B23 "Number of offenders" = 422 (read by eye);
    /// - geography/nrs_mid-year-population-estimates_council_sex_age_1998-2018.xlsx, sheet "Mid-year population
    ///   estimates", Area = Midlothian, Year = 2017: rows 117210-117300 (F, ages 0-90) and 117301-117391 (M, ages
    ///   0-90), column E summed = 90,090 (the rows' bounds read by eye, the 182 cells summed by a script outside
    ///   this test, and again below by SourceFiles).
    /// So 422 / 90,090 x 10,000 = 46.8420... = 46.84 per 10,000; 2017-18 takes the mid-2017 estimate (30 June 2017
    /// lies within April 2017 to March 2018).
    /// </summary>
    [Fact]
    public async Task Midlothian_offenders_in_the_2017_18_cohort_per_10000_population()
    {
        const decimal offenders = 422m, population = 90_090m;
        Assert.Equal(offenders, source.Offenders["Midlothian"]);       // the file read agrees with the cells checked by eye
        Assert.Equal(population, source.Population2017["Midlothian"]);
        var expected = Math.Round(offenders / population * 10_000m, 2, MidpointRounding.AwayFromZero);
        Assert.Equal(46.84m, expected);

        var result = await api.CreateClient().QueryAsync($$"""
            { compare(indicator: "{{Indicator}}", area: "Midlothian", period: "2017-18") {
                indicator { code measureType polarity } period sex ageBand { code }
                area { {{Compared}} } scotland { {{Compared}} } } }
            """);
        var compare = result["data"]!["compare"]!;
        Assert.Equal("COUNT", compare["indicator"]!["measureType"]!.GetValue<string>());
        var area = compare["area"]!;
        Assert.Equal("S12000019", area["area"]!["code"]!.GetValue<string>());
        Assert.Equal(offenders, area["figure"]!["value"]!.GetValue<decimal>());

        // The rate, its denominator and the estimate's year.
        var rate = area["ratePer10000"]!;
        Assert.Null(area["ratePer10000Note"]);
        Assert.Equal(expected, rate["value"]!.GetValue<decimal>());
        Assert.Equal(offenders, area["value"]!.GetValue<decimal>());     // value stays the published count; ranks and judgements use the rate
        Assert.Equal(population, rate["population"]!.GetValue<decimal>());
        Assert.Equal("2017", rate["populationPeriod"]!.GetValue<string>());

        // The denominator cites the NRS edition it came from: the file read above, by its SHA-256.
        var cited = rate["populationSource"]!;
        Assert.Equal("nrs-population-estimates", cited["dataset"]!["code"]!.GetValue<string>());
        Assert.Equal("2019-04-25", cited["editionDate"]!.GetValue<string>());  // release of the NRS mid-2018 estimates (manifest)
        Assert.Equal(Path.GetFileName(SourceFiles.PopulationPath), cited["fileName"]!.GetValue<string>());
        Assert.Equal(source.PopulationSha256, cited["fileSha256"]!.GetValue<string>());

        // 422 <= 500: exact (Garwood) Poisson limits, computed here by bisection on the Poisson distribution.
        var (lower, upper) = ExactPoisson.Limits(422, 0.025);
        var interval = area["confidenceInterval"]!;
        Assert.Equal("EXACT_POISSON", interval["method"]!.GetValue<string>());
        Assert.Equal("NINETY_FIVE", interval["level"]!.GetValue<string>());
        AssertRounded(lower / 90_090 * 10_000, interval["lower"]!);
        AssertRounded(upper / 90_090 * 10_000, interval["upper"]!);
        Assert.Equal(interval["lower"]!.GetValue<decimal>(), rate["confidenceInterval"]!["lower"]!.GetValue<decimal>());
        Assert.Contains("422 in a population of 90090 (NRS mid-2017 estimate)", interval["basis"]!.GetValue<string>());

        // Rank among the 32 councils on the rate (no polarity: 1 = highest), from the source files.
        var rates = source.RatesPer10000();
        Assert.Equal(32, rates.Count);
        var rank = area["rank"]!;
        Assert.Equal(1 + rates.Values.Count(r => r > rates["Midlothian"]), rank["position"]!.GetValue<int>());
        Assert.Equal(19, rank["position"]!.GetValue<int>());              // as listed from the files by hand
        Assert.False(rank["tied"]!.GetValue<bool>());
        Assert.Equal(32, rank["areasRanked"]!.GetValue<int>());
        Assert.Equal(32, rank["councilAreas"]!.GetValue<int>());

        // No Scotland figure for this count (Table 13's 'All' includes 7,941 offenders in no council), so no judgement.
        Assert.Null(compare["scotland"]!["figure"]);
        Assert.Equal("NOT_COMPARED", area["judgement"]!.GetValue<string>());
        Assert.Contains("Scotland has no published rate per 10,000", area["judgementNote"]!.GetValue<string>());
    }

    /// <summary>
    /// Every council: the rate, the interval (exact Poisson up to 500 offenders; Byar above, within 0.1% of the
    /// exact limits) and the rank, each against the source files, with the 31 others as comparators.
    /// </summary>
    [Fact]
    public async Task Every_councils_rate_interval_and_rank_match_the_source_files()
    {
        var result = await api.CreateClient().QueryAsync("{ areas(where: { level: { eq: COUNCIL_AREA } }) { code } }");
        var codes = result["data"]!["areas"]!.AsArray().Select(a => a!["code"]!.GetValue<string>()).Where(c => c != "S12000019").ToList();
        Assert.Equal(31, codes.Count);

        result = await api.CreateClient().QueryAsync($$"""
            { compare(indicator: "{{Indicator}}", area: "S12000019", period: "2017-18",
                comparators: [{{string.Join(", ", codes.Select(c => $"\"{c}\""))}}]) {
                area { {{Compared}} } comparators { {{Compared}} } } }
            """);
        var compare = result["data"]!["compare"]!;
        var figures = compare["comparators"]!.AsArray().Select(n => n!).Prepend(compare["area"]!).ToList();
        var rates = source.RatesPer10000();
        Assert.Equal(rates.Keys.Order(StringComparer.Ordinal), figures.Select(f => f["area"]!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal));

        var byar = 0;
        foreach (var f in figures)
        {
            var name = f["area"]!["name"]!.GetValue<string>();
            var count = source.Offenders[name];
            var population = source.Population2017[name];
            Assert.Equal(count, f["figure"]!["value"]!.GetValue<decimal>());
            Assert.Equal(population, f["ratePer10000"]!["population"]!.GetValue<decimal>());
            Assert.Equal(Math.Round(count / population * 10_000m, 2, MidpointRounding.AwayFromZero), f["ratePer10000"]!["value"]!.GetValue<decimal>());
            Assert.True(1 + rates.Values.Count(r => r > rates[name]) == f["rank"]!["position"]!.GetValue<int>(), $"rank of {name}");

            var (lower, upper) = ExactPoisson.Limits((long)count, 0.025);
            var interval = f["confidenceInterval"]!;
            if (count <= 500)
            {
                Assert.Equal("EXACT_POISSON", interval["method"]!.GetValue<string>());
                AssertRounded(lower / (double)population * 10_000, interval["lower"]!);
                AssertRounded(upper / (double)population * 10_000, interval["upper"]!);
            }
            else
            {
                byar++;
                Assert.Equal("BYAR", interval["method"]!.GetValue<string>());
                Assert.InRange(interval["lower"]!.GetValue<double>(), lower / (double)population * 10_000 * 0.999 - 0.005, lower / (double)population * 10_000 * 1.001 + 0.005);
                Assert.InRange(interval["upper"]!.GetValue<double>(), upper / (double)population * 10_000 * 0.999 - 0.005, upper / (double)population * 10_000 * 1.001 + 0.005);
            }
        }
        Assert.True(byar > 0, "no council above 500 offenders: Byar not exercised");
    }

    /// <summary>The API's limit (rounded to 2 places) is the independently computed limit, to the rounding.</summary>
    private static void AssertRounded(double expected, JsonNode actual) =>
        Assert.Equal(Math.Round((decimal)expected, 2, MidpointRounding.AwayFromZero), actual.GetValue<decimal>());

    /// <summary>Table 13's counts and the NRS mid-2017 totals by council, read once from the data mirror.</summary>
    public sealed class SourceFiles
    {
        public static readonly string ReconvictionPath = RepositoryPaths.MirrorFile("reconviction/sg_reconvictions-2017-18-offender-cohort-main-publication-tables.xlsx");
        public static readonly string PopulationPath = RepositoryPaths.MirrorFile("geography/nrs_mid-year-population-estimates_council_sex_age_1998-2018.xlsx");

        /// <summary>Table 13 "Number of offenders" by council (NRS's spelling of the name).</summary>
        public Dictionary<string, decimal> Offenders { get; } = new(StringComparer.Ordinal);
        /// <summary>Mid-2017 population, all ages, F + M, by council.</summary>
        public Dictionary<string, decimal> Population2017 { get; } = new(StringComparer.Ordinal);
        public string PopulationSha256 { get; }

        static SourceFiles() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

        public SourceFiles()
        {
            using (var stream = File.OpenRead(ReconvictionPath))
            using (var excel = ExcelReaderFactory.CreateReader(stream))
            {
                while (excel.Name.Trim() != "Table 13") Assert.True(excel.NextResult(), "no sheet 'Table 13'");
                var header = false;
                while (excel.Read())
                {
                    var first = Convert.ToString(excel.GetValue(0), CultureInfo.InvariantCulture)?.Trim();
                    if (!header) { header = first == "Local Authority"; if (header) Assert.Equal("Number of offenders", Convert.ToString(excel.GetValue(1))!.Trim()); continue; }
                    if (string.IsNullOrEmpty(first) || excel.GetValue(1) is not double count) break;
                    if (first == "All" || first.StartsWith("Other", StringComparison.Ordinal) || first.StartsWith("Unknown", StringComparison.Ordinal)) continue;
                    var name = first == "Edinburgh, City of" ? "City of Edinburgh" : first.Replace(" & ", " and ", StringComparison.Ordinal);
                    Offenders.Add(name, (decimal)count);
                }
            }
            Assert.Equal(32, Offenders.Count);

            using (var stream = File.OpenRead(PopulationPath))
            {
                PopulationSha256 = Convert.ToHexStringLower(SHA256.HashData(stream));
                stream.Position = 0;
                using var excel = ExcelReaderFactory.CreateReader(stream);
                Assert.True(excel.Read());
                Assert.Equal(["Area", "Year", "Sex", "Age", "Population"], Enumerable.Range(0, 5).Select(i => Convert.ToString(excel.GetValue(i))));
                var cells = new Dictionary<string, int>(StringComparer.Ordinal);
                while (excel.Read())
                {
                    if (Convert.ToInt32(excel.GetValue(1), CultureInfo.InvariantCulture) != 2017) continue;
                    var area = Convert.ToString(excel.GetValue(0), CultureInfo.InvariantCulture)!;
                    if (area == "Scotland") continue;
                    Population2017[area] = Population2017.GetValueOrDefault(area) + Convert.ToDecimal(excel.GetValue(4), CultureInfo.InvariantCulture);
                    cells[area] = cells.GetValueOrDefault(area) + 1;
                }
                Assert.All(cells.Values, n => Assert.Equal(2 * 91, n));   // F and M, ages 0 ... 90 (90 and over)
            }
            Assert.Equal(Offenders.Keys.Order(StringComparer.Ordinal), Population2017.Keys.Order(StringComparer.Ordinal));
        }

        /// <summary>Unrounded rates per 10,000 by council.</summary>
        public Dictionary<string, decimal> RatesPer10000() => Offenders.ToDictionary(o => o.Key, o => o.Value / Population2017[o.Key] * 10_000m, StringComparer.Ordinal);
    }

    /// <summary>
    /// Exact (Garwood) Poisson limits for an observed count k, found by bisection on the Poisson
    /// distribution itself (not the chi-square / gamma route the API takes): the lower limit L has
    /// P(X >= k | L) = tail, the upper U has P(X <= k | U) = tail.
    /// </summary>
    private static class ExactPoisson
    {
        public static (double Lower, double Upper) Limits(long k, double tail)
        {
            var lower = k == 0 ? 0 : Solve(mean => 1 - Cdf(k - 1, mean) - tail, k);      // increasing in the mean
            var upper = Solve(mean => tail - Cdf(k, mean), k);                             // increasing in the mean
            return (lower, upper);
        }

        private static double Solve(Func<double, double> increasing, long k)
        {
            double lo = 0, hi = k + 20 * Math.Sqrt(k + 1) + 20;
            for (var i = 0; i < 200; i++)
            {
                var mid = (lo + hi) / 2;
                if (increasing(mid) < 0) lo = mid; else hi = mid;
            }
            return (lo + hi) / 2;
        }

        /// <summary>P(X &lt;= k) for X ~ Poisson(mean), summing the terms in log space.</summary>
        private static double Cdf(long k, double mean)
        {
            var logs = new double[k + 1];
            double logFactorial = 0;
            for (var i = 0; i <= k; i++)
            {
                if (i > 0) logFactorial += Math.Log(i);
                logs[i] = -mean + i * Math.Log(mean) - logFactorial;
            }
            var max = logs.Max();
            return Math.Min(1, Math.Exp(max) * logs.Sum(l => Math.Exp(l - max)));
        }
    }
}
