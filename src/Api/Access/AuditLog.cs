using CommunityJustice.Analytics.Api.Data;
using CommunityJustice.Analytics.Model.Access;
using GraphQL;
using GraphQL.DI;
using GraphQLParser.AST;

namespace CommunityJustice.Analytics.Api.Access;

/// <summary>
/// Writes an audit entry for every operation run with a restricted:read key (a restricted read) and
/// every mutation run with a key (a write), before it runs: when the entry cannot be written the
/// operation does not run, so no restricted figure is served unrecorded. The entry names the key by
/// its public id, the operation name, the SHA-256 of the document text and the areas it could read.
/// </summary>
public sealed class AuditLog(PrimaryDatabase primary, TimeProvider clock) : IConfigureExecution
{
    public const string RestrictedRead = "restricted-read";
    public const string Write = "write";

    public float SortOrder => 50;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        var access = options.RequestServices?.GetService<RequestAccess>();
        if (access?.Grant is not { } grant) return await next(options);
        var operation = options.Document?.Definitions.OfType<GraphQLOperationDefinition>()
            .FirstOrDefault(o => options.OperationName is null || o.Name?.StringValue == options.OperationName);
        var kind = operation?.Operation == OperationType.Mutation ? Write : grant.RestrictedAreas.Count > 0 ? RestrictedRead : null;
        if (kind is null) return await next(options);

        await using (var db = await primary.CreateDbContextAsync(options.CancellationToken))
        {
            db.AuditLog.Add(new AuditEntry
            {
                At = clock.GetUtcNow(),
                ApiKeyId = grant.ApiKeyId,
                KeyId = grant.KeyId,
                PartnershipCode = grant.PartnershipCode,
                Kind = kind,
                OperationName = options.OperationName ?? operation?.Name?.StringValue,
                DocumentHash = ApiKeyFormat.DocumentId(options.Query ?? ""),
                Areas = [.. grant.RestrictedAreas],
            });
            await db.SaveChangesAsync(options.CancellationToken);
        }
        return await next(options);
    }
}
