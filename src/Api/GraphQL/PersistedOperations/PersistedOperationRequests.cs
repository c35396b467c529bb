using CommunityJustice.Analytics.Api.Access;
using CommunityJustice.Analytics.Model.Access;
using GraphQL.Transport;

namespace CommunityJustice.Analytics.Api.GraphQL.PersistedOperations;

/// <summary>Why a request naming (or needing) a persisted operation is refused; Status null: the endpoint's request-error status.</summary>
public sealed record PersistedOperationRefusal(string Code, string Message, int? Status = null);

/// <summary>
/// The persisted-operation step of a request: a request naming a document id gets the registered
/// text (PERSISTED_QUERY_NOT_FOUND when none); a request sending both text and id must send the
/// text the id names; a key limited to registered operations may run only documents whose hash is registered.
/// </summary>
public static class PersistedOperationRequests
{
    public static async Task<PersistedOperationRefusal?> ResolveAsync(HttpContext http, GraphQLRequest request)
    {
        var store = http.RequestServices.GetRequiredService<PersistedOperationStore>();
        var access = http.RequestServices.GetRequiredService<RequestAccess>();
        if (request.DocumentId is { } id)
        {
            if (request.Query is null)
            {
                request.Query = await store.FindAsync(id, http.RequestAborted);
                if (request.Query is null)
                    return new("PERSISTED_QUERY_NOT_FOUND", $"No operation is registered with the id {id}. Send the document's text in 'query', or ask the operators to register it.");
                access.ByDocumentId = true;
                return null;
            }
            if (ApiKeyFormat.DocumentId(request.Query) != id)
                return new("PERSISTED_QUERY_HASH_MISMATCH", $"The document sent is not the one the id {id} names (its SHA-256 is {ApiKeyFormat.DocumentId(request.Query)}).");
        }
        if (access.Grant is { RegisteredOperationsOnly: true } grant && !access.ByDocumentId
            && await store.FindAsync(ApiKeyFormat.DocumentId(request.Query!), http.RequestAborted) is null)
        {
            return new("PERSISTED_QUERY_REQUIRED",
                $"The API key {grant.KeyId} may run registered operations only: send a registered operation's 'documentId' (or its exact text).",
                StatusCodes.Status403Forbidden);
        }
        return null;
    }
}
