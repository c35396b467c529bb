using System.Text.Json;
using CommunityJustice.Analytics.Api.GraphQL.Options;
using CommunityJustice.Analytics.Api.GraphQL.PersistedOperations;
using GraphQL;
using GraphQL.Transport;

namespace CommunityJustice.Analytics.Api.GraphQL.Http;

/// <summary>
/// Reads a GraphQL-over-HTTP request, a POST's JSON body or a GET's query string, into a
/// GraphQLRequest, checking the parameters' JSON types by the same rules for both; or says why the
/// request is not well-formed (the endpoint answers 400, or 413 / 415 as the failure gives).
/// </summary>
internal static class GraphQLRequestReader
{
    public sealed record RequestFailure(string Code, string Message, int? Status = null);

    public static async Task<(GraphQLRequest? Request, RequestFailure? Failure)> ReadPostAsync(HttpContext http)
    {
        var contentType = http.Request.ContentType;
        if (!GraphQLMediaTypes.IsJsonRequest(contentType))
        {
            return (null, new RequestFailure("UNSUPPORTED_MEDIA_TYPE",
                $"POST requests must have Content-Type {GraphQLMediaTypes.Json} (UTF-8); got '{contentType ?? "none"}'.",
                StatusCodes.Status415UnsupportedMediaType));
        }

        var limit = http.RequestServices.GetRequiredService<GraphQLHttpOptions>().MaxRequestBodyBytes;
        if (http.Request.ContentLength > limit) return (null, TooLarge(limit));
        using var buffer = new MemoryStream(http.Request.ContentLength is { } length ? (int)length : 0);
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
            {
                if (buffer.Length + read > limit) return (null, TooLarge(limit));
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }

        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
        }
        catch (JsonException ex)
        {
            return (null, new RequestFailure("INVALID_JSON", $"The request body is not valid JSON: {ex.Message}"));
        }
        using (json)
        {
            if (json.RootElement.ValueKind == JsonValueKind.Array)
                return (null, new RequestFailure("BATCHING_NOT_SUPPORTED", "The request body is a JSON array: batched requests are not supported. Send each operation in a request of its own (several queries can also go in one document as fields of one operation)."));
            if (json.RootElement.ValueKind != JsonValueKind.Object)
                return (null, new RequestFailure("INVALID_REQUEST", "The request body must be a JSON object: { \"query\": \"...\", \"operationName\": ..., \"variables\": {...}, \"extensions\": {...} }."));
            var root = json.RootElement;
            return Build(
                root.TryGetProperty("query", out var query) ? query : null,
                root.TryGetProperty("operationName", out var operationName) ? operationName : null,
                root.TryGetProperty("variables", out var variables) ? variables : null,
                root.TryGetProperty("extensions", out var extensions) ? extensions : null,
                http.RequestServices.GetRequiredService<IGraphQLSerializer>(),
                root.TryGetProperty("documentId", out var documentId) ? documentId : null);
        }
    }

    private static RequestFailure TooLarge(long limit) =>
        new("REQUEST_TOO_LARGE", $"The request body is larger than {limit} bytes.", StatusCodes.Status413PayloadTooLarge);

    public static (GraphQLRequest?, RequestFailure?) ReadGet(HttpContext http)
    {
        var query = http.Request.Query;
        var variables = ParseJson(query["variables"], out var variablesValid);
        var extensions = ParseJson(query["extensions"], out var extensionsValid);
        return Build(
            (string?)query["query"] is { } text ? JsonSerializer.SerializeToElement(text) : null,
            (string?)query["operationName"] is { } name ? JsonSerializer.SerializeToElement(name) : null,
            variablesValid ? variables : JsonSerializer.SerializeToElement("not JSON"),
            extensionsValid ? extensions : JsonSerializer.SerializeToElement("not JSON"),
            http.RequestServices.GetRequiredService<IGraphQLSerializer>(),
            (string?)query["documentId"] is { } id ? JsonSerializer.SerializeToElement(id) : null);

        static JsonElement? ParseJson(string? text, out bool valid)
        {
            valid = true;
            if (string.IsNullOrEmpty(text)) return null;
            try
            {
                using var document = JsonDocument.Parse(text);
                return document.RootElement.Clone();
            }
            catch (JsonException)
            {
                valid = false;
                return null;
            }
        }
    }

    /// <summary>Checks the request parameters' JSON types (the same rules for POST bodies and GET query strings).</summary>
    private static (GraphQLRequest?, RequestFailure?) Build(JsonElement? query, JsonElement? operationName, JsonElement? variables, JsonElement? extensions, IGraphQLSerializer serializer,
        JsonElement? documentId = null)
    {
        // A persisted operation: its id instead of its text ("documentId", or Apollo's extensions.persistedQuery.sha256Hash).
        var persistedId = PersistedId(documentId, extensions, out var idFailure);
        if (idFailure is not null) return (null, idFailure);
        if (persistedId is not null && query is null or { ValueKind: JsonValueKind.Null })
            query = JsonSerializer.SerializeToElement(" ");
        if (query is not { ValueKind: JsonValueKind.String } q || (string.IsNullOrWhiteSpace(q.GetString()) && persistedId is null))
        {
            return (null, new RequestFailure("MISSING_QUERY", query is null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined or JsonValueKind.String }
                ? "The request has no GraphQL query: send it as 'query' (JSON body property for POST, query string parameter for GET)."
                : "'query' must be a string holding the GraphQL document."));
        }
        if (operationName is { ValueKind: not (JsonValueKind.String or JsonValueKind.Null) })
            return (null, new RequestFailure("INVALID_REQUEST", "'operationName' must be a string or null."));
        if (variables is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) })
            return (null, new RequestFailure("INVALID_REQUEST", "'variables' must be a JSON object (variable name to value) or null."));
        if (extensions is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) })
            return (null, new RequestFailure("INVALID_REQUEST", "'extensions' must be a JSON object or null."));

        return (new GraphQLRequest
        {
            Query = persistedId is not null && string.IsNullOrWhiteSpace(q.GetString()) ? null : q.GetString(),
            DocumentId = persistedId,
            OperationName = operationName is { ValueKind: JsonValueKind.String } name ? name.GetString() : null,
            Variables = variables is { ValueKind: JsonValueKind.Object } v ? serializer.ReadNode<Inputs>(v) : null,
            Extensions = extensions is { ValueKind: JsonValueKind.Object } e ? serializer.ReadNode<Inputs>(e) : null,
        }, null);
    }

    /// <summary>The persisted operation id a request names, "sha256:&lt;hex&gt;", or null; a failure when it names one badly.</summary>
    private static string? PersistedId(JsonElement? documentId, JsonElement? extensions, out RequestFailure? failure)
    {
        failure = null;
        if (documentId is { ValueKind: not JsonValueKind.Null } id)
        {
            if (id.ValueKind != JsonValueKind.String || id.GetString() is not { } text || !PersistedOperationStore.IsWellFormed(text))
            {
                failure = new RequestFailure("INVALID_DOCUMENT_ID", "'documentId' must be \"sha256:\" followed by the 64 hex digits of the SHA-256 of the registered document's text.");
                return null;
            }
            return PersistedOperationStore.Normalise(text);
        }
        if (extensions is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty("persistedQuery", out var persisted) && persisted.ValueKind == JsonValueKind.Object
            && persisted.TryGetProperty("sha256Hash", out var hash))
        {
            if (hash.ValueKind != JsonValueKind.String || !PersistedOperationStore.IsWellFormed("sha256:" + hash.GetString()))
            {
                failure = new RequestFailure("INVALID_DOCUMENT_ID", "'extensions.persistedQuery.sha256Hash' must be the 64 hex digits of the SHA-256 of the registered document's text.");
                return null;
            }
            return PersistedOperationStore.Normalise("sha256:" + hash.GetString());
        }
        return null;
    }
}
