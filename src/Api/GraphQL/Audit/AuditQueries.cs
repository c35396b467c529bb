using CommunityJustice.Analytics.Api.Access;
using CommunityJustice.Analytics.Api.GraphQL.DataLoading;
using CommunityJustice.Analytics.Api.GraphQL.Errors;
using CommunityJustice.Analytics.Model.Access;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace CommunityJustice.Analytics.Api.GraphQL.Audit;

public static class AuditQueries
{
    public const int MaxEntries = 1000;

    public static void AddAuditQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<AuditEntryType>>>>("auditLog")
            .Description("The audit log, newest first: every restricted read and every write made with an API key. Needs a key with the scope 'admin'.")
            .Argument<IntGraphType>("last", $"How many entries (newest first, at most {MaxEntries}). Default 100.")
            .Argument<StringGraphType>("keyId", "Only entries of this key (its public id, as `ingest keys list` shows it).")
            .Argument<StringGraphType>("partnership", "Only entries of keys of this partnership (GSS code of its council area).")
            .ResolveAsync(async c =>
            {
                var access = c.RequestServices!.Access();
                if (access.Grant is not { } grant || !grant.Has(ApiScopes.Admin))
                    throw new InsufficientScopeError("auditLog", ApiScopes.Admin, access.Grant is null);
                var last = c.GetArgument<int?>("last") ?? 100;
                if (last is < 0 or > MaxEntries) throw new InvalidPagingError($"'last' must be between 0 and {MaxEntries}.");
                var keyId = c.GetArgument<string?>("keyId");
                var partnership = c.GetArgument<string?>("partnership");
                await using var db = await c.DbFactory().CreateDbContextAsync(c.CancellationToken);
                var entries = db.AuditLog.AsNoTracking();
                if (keyId is not null) entries = entries.Where(e => e.KeyId == keyId);
                if (partnership is not null) entries = entries.Where(e => e.PartnershipCode == partnership);
                return await entries.OrderByDescending(e => e.Id).Take(last).ToListAsync(c.CancellationToken);
            });
    }
}

public sealed class AuditEntryType : ObjectGraphType<AuditEntry>
{
    public AuditEntryType()
    {
        Name = "AuditEntry";
        Description = "One restricted read or write made with an API key.";
        Field(e => e.At, type: typeof(NonNullGraphType<DateTimeOffsetGraphType>)).Description("When the operation was received.");
        Field(e => e.KeyId).Description("The key's public id (never the key).");
        Field(e => e.PartnershipCode, nullable: true).Description("The key's partnership (GSS code of its council area).");
        Field(e => e.Kind).Description("\"restricted-read\" or \"write\".");
        Field(e => e.OperationName, nullable: true).Description("The operation's name, when it has one.");
        Field(e => e.DocumentHash).Description("\"sha256:<hex>\" of the document's text: a persisted operation's id.");
        Field(e => e.Areas).Description("The areas whose unsuppressed figures the operation could read.");
    }
}
