using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CommunityJustice.Analytics.PowerBI.Tests.Support;

/// <summary>One row as the M's GraphQLTable function sees it: the row object and the objects above it (nearest first).</summary>
public sealed record GraphQLRow(JsonNode? Row, IReadOnlyList<JsonNode?> Ancestors);

/// <summary>
/// Sends an operation the way the report's M does (GET /graphql?query=&amp;operationName=&amp;variables=,
/// Accept: application/graphql-response+json), follows pages, and flattens rows along the rows path.
/// </summary>
public sealed class GraphQLRunner(HttpClient http)
{
    public const int MaxGetRequestLine = 8 * 1024;

    public static string RequestUri(string operationName, string operation, JsonObject variables) =>
        "/graphql?query=" + Uri.EscapeDataString(operation) + "&operationName=" + Uri.EscapeDataString(operationName)
        + "&variables=" + Uri.EscapeDataString(variables.ToJsonString());

    /// <summary>Runs the call (every page when paged) and returns its rows; fails on a non-2xx status, GraphQL errors or no data.</summary>
    public async Task<List<GraphQLRow>> RowsAsync(GraphQLCall call, JsonObject variables)
    {
        var rows = new List<GraphQLRow>();
        string? after = null;
        for (var page = 0; ; page++)
        {
            Assert.True(page < 1000, $"{call.OperationName}: more than 1000 pages");
            var vars = (JsonObject)variables.DeepClone();
            if (call.Paged) vars["after"] = after;
            var uri = RequestUri(call.OperationName, call.Operation, vars);
            Assert.True(uri.Length + "GET  HTTP/1.1".Length < MaxGetRequestLine,
                $"{call.OperationName}: the GET request line is {uri.Length} characters, over the API's 8 KiB limit");
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{call.OperationName}: HTTP {(int)response.StatusCode}: {text}");
            var body = JsonNode.Parse(text)!;
            Assert.True(body["errors"] is null, $"{call.OperationName}: errors {body["errors"]?.ToJsonString()}");
            var data = body["data"];
            Assert.True(data is JsonObject, $"{call.OperationName}: no data in {text}");
            rows.AddRange(Walk(data, call.RowsPath, []));
            if (!call.Paged) break;
            var pageInfo = Navigate(data, [.. call.RowsPath.Take(call.RowsPath.Count - 1), "pageInfo"], call.OperationName);
            if (pageInfo?["hasNextPage"]?.GetValue<bool>() != true) break;
            after = pageInfo["endCursor"]!.GetValue<string>();
        }
        return rows;
    }

    /// <summary>As the M's Walk: lists on the way are flattened, each object passed through becomes an ancestor.</summary>
    public static IEnumerable<GraphQLRow> Walk(JsonNode? node, IReadOnlyList<string> path, IReadOnlyList<JsonNode?> ancestors)
    {
        if (node is null) yield break;
        if (path.Count == 0)
        {
            if (node is JsonArray items) foreach (var item in items) yield return new GraphQLRow(item, ancestors);
            else yield return new GraphQLRow(node, ancestors);
            yield break;
        }
        if (node is JsonArray list)
        {
            foreach (var item in list) foreach (var row in Walk(item, path, ancestors)) yield return row;
            yield break;
        }
        var obj = node.AsObject();
        Assert.True(obj.ContainsKey(path[0]), $"field '{path[0]}' is not in the response (renamed or removed in the API?)");
        foreach (var row in Walk(obj[path[0]], path.Skip(1).ToList(), [node, .. ancestors])) yield return row;
    }

    /// <summary>As the M's Navigate: a null on the way gives null; a field missing from an object fails (Record.Field errors in M).</summary>
    public static JsonNode? Navigate(JsonNode? node, IReadOnlyList<string> path, string what)
    {
        foreach (var name in path)
        {
            if (node is null) return null;
            var obj = node as JsonObject;
            Assert.True(obj is not null && obj.ContainsKey(name), $"{what}: field '{name}' is not in the response (renamed or removed in the API?)");
            node = obj![name];
        }
        return node;
    }

    /// <summary>The value of one declared column in a row (a "^N" first step reads from the Nth object above the row).</summary>
    public static JsonNode? Cell(GraphQLRow row, MColumn column, string what)
    {
        var path = column.Path;
        if (path.Count > 0 && path[0].StartsWith('^'))
        {
            var level = int.Parse(path[0][1..], System.Globalization.CultureInfo.InvariantCulture);
            return Navigate(row.Ancestors[level - 1], path.Skip(1).ToList(), what);
        }
        return Navigate(row.Row, path, what);
    }

    /// <summary>Null when the JSON value converts to the M type as Table.TransformColumnTypes would, else why not.</summary>
    public static string? TypeMismatch(JsonNode? value, string mType)
    {
        if (value is null) return null;
        var kind = value.GetValueKind();
        return mType switch
        {
            "Int64.Type" when kind == JsonValueKind.Number && value.GetValue<decimal>() == decimal.Truncate(value.GetValue<decimal>()) => null,
            "type number" when kind == JsonValueKind.Number => null,
            "type text" when kind == JsonValueKind.String => null,
            "type logical" when kind is JsonValueKind.True or JsonValueKind.False => null,
            "type date" when kind == JsonValueKind.String && DateOnly.TryParseExact(value.GetValue<string>(), "yyyy-MM-dd", out _) => null,
            "type datetimezone" when kind == JsonValueKind.String && DateTimeOffset.TryParse(value.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _) => null,
            _ => $"{value.ToJsonString()} ({kind}) is not a {mType}",
        };
    }
}
