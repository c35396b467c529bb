using CommunityJustice.Analytics.PowerBI.Tests.Support;

namespace CommunityJustice.Analytics.PowerBI.Tests;

/// <summary>The .pbip, .pbir, .pbism, .platform and PBIR JSON files validate against Microsoft's published schemas (offline copy).</summary>
public class SchemaValidationTests
{
    /// <summary>Every JSON file of the project that has a Microsoft schema (the theme in StaticResources has none in the copy).</summary>
    public static TheoryData<string> ProjectFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(PowerBIPaths.Project, "*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".pbip", StringComparison.Ordinal) || f.EndsWith(".pbir", StringComparison.Ordinal)
                                 || f.EndsWith(".pbism", StringComparison.Ordinal) || Path.GetFileName(f) == ".platform")
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}StaticResources{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(PowerBIPaths.Project, file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ProjectFiles))]
    public void The_file_validates_against_its_offline_schema(string file)
    {
        var error = OfflineSchemas.Validate(File.ReadAllText(Path.Combine(PowerBIPaths.Project, file)));
        Assert.True(error is null, $"{file}: {error}");
    }

    [Fact]
    public void The_project_has_the_files_Desktop_writes()
    {
        var files = ((IEnumerable<object[]>)ProjectFiles()).Select(d => (string)d[0]).ToHashSet();
        foreach (var expected in new[] { "CommunityJustice.pbip", "CommunityJustice.Report/definition.pbir", "CommunityJustice.Report/.platform",
                     "CommunityJustice.Report/definition/report.json", "CommunityJustice.Report/definition/version.json",
                     "CommunityJustice.Report/definition/pages/pages.json", "CommunityJustice.SemanticModel/definition.pbism", "CommunityJustice.SemanticModel/.platform" })
        {
            Assert.Contains(expected.Replace('/', Path.DirectorySeparatorChar), files);
        }
        foreach (var tmdl in new[] { "database.tmdl", "model.tmdl", "expressions.tmdl", "relationships.tmdl", "cultures/en-GB.tmdl" })
        {
            Assert.True(File.Exists(Path.Combine(TmdlModel.Folder, tmdl)), tmdl);
        }
    }

    [Fact]
    public void A_schema_version_missing_from_the_offline_copy_fails_as_not_available()
    {
        var error = OfflineSchemas.Validate("""{ "$schema": "https://developer.microsoft.com/json-schemas/fabric/item/report/definition/visualContainer/2.12.0/schema.json", "name": "a", "position": { "x": 0, "y": 0, "width": 1, "height": 1 } }""");
        Assert.StartsWith("schema not available offline", error);
    }

    [Fact]
    public void A_broken_file_fails_validation()
    {
        // page.json without displayName (required), and a visual with an unknown property.
        Assert.StartsWith("invalid", OfflineSchemas.Validate("""{ "$schema": "https://developer.microsoft.com/json-schemas/fabric/item/report/definition/page/2.1.0/schema.json", "name": "p", "displayOption": "FitToPage" }"""));
        Assert.StartsWith("invalid", OfflineSchemas.Validate("""{ "$schema": "https://developer.microsoft.com/json-schemas/fabric/item/report/definition/visualContainer/2.9.0/schema.json", "name": "v", "position": { "x": 0, "y": 0, "width": 1, "height": 1 }, "visual": { "visualType": "card", "syncGroup": { "fieldChanges": true } } }"""));
        Assert.StartsWith("invalid", OfflineSchemas.Validate("""{ "$schema": "https://developer.microsoft.com/json-schemas/fabric/item/report/definitionProperties/2.0.0/schema.json", "version": "4.0" }"""));
    }
}
