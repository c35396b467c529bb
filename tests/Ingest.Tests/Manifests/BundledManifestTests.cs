using System.Security.Cryptography;
using CommunityJustice.Analytics.Ingest.Catalog;
using CommunityJustice.Analytics.Ingest.Manifests;
using CommunityJustice.Analytics.Ingest.Tests.Support;
using CommunityJustice.Analytics.TestSupport;
using Xunit;

namespace CommunityJustice.Analytics.Ingest.Tests.Manifests;

public class BundledManifestTests
{
    [Fact]
    public void Every_bundled_manifest_describes_its_mirror_file_exactly()
    {
        var manifests = ManifestCatalog.LoadBundled();
        Assert.NotEmpty(manifests);
        // Transcribed manifests have no mirror file: their figures are in the manifest (tests/Ingest.Tests/Formats/TranscribedTests).
        foreach (var manifest in manifests.Where(m => !m.TranscribedFromText))
        {
            var bytes = File.ReadAllBytes(RepositoryPaths.MirrorFile(manifest.MirrorPath));
            Assert.Equal(manifest.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
            Assert.Equal(manifest.Md5, Convert.ToHexStringLower(MD5.HashData(bytes)));
            Assert.Equal("Open Government Licence v3.0", manifest.Licence);
            Assert.StartsWith("https://", manifest.SourceUrl);
        }
    }

    [Fact]
    public void Reconvictions_manifest_names_the_official_source_and_the_mapping()
    {
        var m = Datasets.Reconvictions;
        Assert.Equal("https://statistics.gov.scot/downloads/cube-table?uri=http%3A%2F%2Fstatistics.gov.scot%2Fdata%2Freconvictions", m.SourceUrl);
        Assert.Equal("052e918c40d54e66bffd432e40612e0b", m.Md5); // as recorded in shared/data/SOURCES.md
        Assert.Equal("statgov-tidy-csv", m.Format);
        Assert.Contains(m.Mapping.Indicators, i => i is { Measurement: "Ratio", Units: "Percent reconvicted", Indicator: "reconviction-rate" });
        Assert.Contains(m.Mapping.Indicators, i => i is { Measurement: "Mean", Units: "Average reconvictions per offender", Indicator: "reconvictions-per-offender" });
        var age = Assert.Single(m.Mapping.Dimensions, d => d.Target == DimensionTarget.AgeBand);
        Assert.Equal("under-21", age.Codes["Under 21 years"]);
        Assert.Equal("over-40", age.Codes["Over 40 years"]);
    }

    [Fact]
    public void A_broken_manifest_is_refused_with_every_problem_named()
    {
        using var files = new TempFiles();
        var path = files.Write("""
            { "code": "Bad Code", "title": "t", "publisher": "p", "licence": "l", "sourceUrl": "ftp://example.org/x.csv",
              "editionDate": "2020-01-01", "mirrorPath": "../outside.csv", "sha256": "abc", "format": "xlsx",
              "mapping": { "indicators": [], "dimensions": [ { "column": "Gender", "target": "sex", "codes": { "Men": "Man" } } ] } }
            """, name: "bad.json");
        var error = Assert.Throws<IngestException>(() => ManifestCatalog.LoadFile(path));
        Assert.Contains("code 'Bad Code'", error.Message);
        Assert.Contains("sha256 must be 64", error.Message);
        Assert.Contains("format 'xlsx'", error.Message);
        Assert.Contains("sourceUrl", error.Message);
        Assert.Contains("mirrorPath", error.Message);
        Assert.Contains("at least one Measurement/Units", error.Message);
        Assert.Contains("'Man', which is not a sex", error.Message);
    }

    [Fact]
    public void A_manifest_with_a_misspelt_property_is_refused()
    {
        using var files = new TempFiles();
        var json = File.ReadAllText(Datasets.Reconvictions.SourceFile!).Replace("\"mirrorPath\"", "\"mirorPath\"");
        var error = Assert.Throws<IngestException>(() => ManifestCatalog.LoadFile(files.Write(json, name: "typo.json")));
        Assert.Contains("mirorPath", error.Message);
    }
}
