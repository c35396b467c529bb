using System.Globalization;
using System.Text;
using CommunityJustice.Analytics.Model.Reference;

namespace CommunityJustice.Analytics.Ingest.Benchmarks;

/// <summary>
/// Writes a synthetic statistics.gov.scot tidy CSV shaped like the reconviction file
/// (FeatureCode,DateCode,Measurement,Units,Value,Gender,Age): the 33 real area codes, both
/// measures, three sexes and six age bands, over as many synthetic periods as the row count needs
/// (financial years 1800/1801 to 2199/2200, then quarters, months and year ranges of those
/// years), so every row is a distinct cell. The values are arithmetic noise, not statistics.
/// </summary>
public static class SyntheticTidyCsv
{
    public const string Header = "FeatureCode,DateCode,Measurement,Units,Value,Gender,Age";

    private static readonly (string Measurement, string Units)[] Measures =
        [("Ratio", "Percent reconvicted"), ("Mean", "Average reconvictions per offender")];
    private static readonly string[] Genders = ["All", "Male", "Female"];
    private static readonly string[] Ages = ["All", "Under 21 years", "21-25 years", "26-30 years", "31-40 years", "Over 40 years"];
    private const int FirstYear = 1800, LastYear = 2199;

    public static int CellsPerPeriod => Measures.Length * ReferenceAreas.All.Count * Genders.Length * Ages.Length;

    public static long MaxRows => (long)CellsPerPeriod * Periods().LongCount();

    /// <summary>Writes <paramref name="rows"/> data rows (plus the header) with LF line ends; returns the file's size in bytes.</summary>
    public static async Task<long> WriteAsync(string path, long rows, CancellationToken cancellationToken)
    {
        if (rows < 1 || rows > MaxRows) throw new IngestException($"--rows must be between 1 and {MaxRows:N0} (distinct synthetic cells).");
        var areas = ReferenceAreas.All.Select(a => a.Code).ToArray();
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20) { NewLine = "\n" };
        await writer.WriteLineAsync(Header);
        long written = 0;
        var line = new StringBuilder(128);
        foreach (var period in Periods())
        {
            foreach (var (measurement, units) in Measures)
                foreach (var area in areas)
                    foreach (var gender in Genders)
                        foreach (var age in Ages)
                        {
                            if (written == rows) return writer.BaseStream.Length;
                            // Deterministic noise: rates 0.0 to 99.9, means 0.00 to 9.99.
                            var noise = (int)((written * 2_654_435_761L) % 1000);
                            var value = measurement == "Ratio"
                                ? (noise / 10m).ToString("0.0", CultureInfo.InvariantCulture)
                                : (noise / 100m).ToString("0.00", CultureInfo.InvariantCulture);
                            line.Clear().Append(area).Append(',').Append(period).Append(',').Append(measurement).Append(',').Append(units).Append(',')
                                .Append(value).Append(',').Append(gender).Append(',').Append(age);
                            await writer.WriteLineAsync(line, cancellationToken);
                            written++;
                        }
        }
        await writer.FlushAsync(cancellationToken);
        return writer.BaseStream.Length;
    }

    private static IEnumerable<string> Periods()
    {
        for (var y = FirstYear; y <= LastYear; y++) yield return $"{y}/{y + 1}";
        for (var y = FirstYear; y <= LastYear; y++)
            for (var q = 1; q <= 4; q++)
                yield return $"{y}-Q{q}";
        for (var y = FirstYear; y <= LastYear; y++)
            for (var m = 1; m <= 12; m++)
                yield return $"{y}M{m:00}";
        for (var span = 1; span <= 20; span++)
            for (var y = FirstYear; y + span <= LastYear; y++)
                yield return $"{y}-{y + span}";
    }
}
