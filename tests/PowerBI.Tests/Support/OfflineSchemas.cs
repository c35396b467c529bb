using System.Text.Json.Nodes;
using Json.Schema;

namespace CommunityJustice.Analytics.PowerBI.Tests.Support;

/// <summary>
/// Validates Power BI project JSON files against Microsoft's JSON schemas from the offline copy in
/// ../shared/powerbi-schemas: a $schema URL maps to a local file by stripping the URL prefix; a
/// version not in the copy is reported as "schema not available offline", never passed.
/// </summary>
public static class OfflineSchemas
{
    public const string Prefix = "https://developer.microsoft.com/json-schemas/";
    private static readonly object Gate = new();
    private static bool _registered;

    /// <summary>The local file for a schema URL (the embedded-schema $id quirk spelled either way), or null.</summary>
    public static string? LocalPath(string url)
    {
        if (!url.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var relative = url[Prefix.Length..].Split('#')[0].Replace("schema.embedded.json", "schema-embedded.json", StringComparison.Ordinal);
        var path = Path.Combine(PowerBIPaths.Schemas, relative.Replace('/', Path.DirectorySeparatorChar));
        return File.Exists(path) ? path : null;
    }

    private static void Register()
    {
        lock (Gate)
        {
            if (_registered) return;
            SchemaRegistry.Global.Fetch = uri =>
            {
                var path = LocalPath(uri.OriginalString);
                return path is null ? null : JsonSchema.FromText(File.ReadAllText(path));
            };
            _registered = true;
        }
    }

    /// <summary>Null when the document is valid against the schema its $schema names; otherwise why not.</summary>
    public static string? Validate(string text)
    {
        Register();
        var document = JsonNode.Parse(text);
        var url = document?["$schema"]?.GetValue<string>();
        if (url is null) return "no $schema";
        var path = LocalPath(url);
        if (path is null) return $"schema not available offline: {url}";
        var schema = JsonSchema.FromText(File.ReadAllText(path));
        var result = schema.Evaluate(document, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid) return null;
        var errors = result.Details.Where(d => d.HasErrors).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}")).Take(10);
        return "invalid: " + string.Join("\n", errors);
    }
}
