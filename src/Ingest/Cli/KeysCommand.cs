using System.CommandLine;
using System.Globalization;
using CommunityJustice.Analytics.Model;
using CommunityJustice.Analytics.Model.Access;
using CommunityJustice.Analytics.Model.Areas;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace CommunityJustice.Analytics.Ingest.Cli;

/// <summary>
/// `ingest keys create|list|expire|revoke|audit`: the API's partner keys (docs/operations.md). A new
/// key is printed once, alone on standard output (so `KEY=$(ingest keys create ...)` captures it);
/// only its SHA-256 is stored, so it cannot be shown again.
/// </summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var command = new Command("keys", "Create, list, expire and revoke the API's partner keys, and read the audit log");
        command.Subcommands.Add(CreateKey());
        command.Subcommands.Add(ListKeys());
        command.Subcommands.Add(Expire());
        command.Subcommands.Add(Revoke());
        command.Subcommands.Add(Audit());
        return command;
    }

    internal static AnalyticsDbContext Open(ParseResult parse) =>
        new(new DbContextOptionsBuilder<AnalyticsDbContext>().UseAnalyticsDatabase(CommonOptions.ConnectionString(parse)).Options);

    private static Option<DateOnly?> DateOption(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = r =>
        {
            var text = r.Tokens.Single().Value;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
            r.AddError($"{name} must be a date written yyyy-mm-dd, not '{text}'.");
            return null;
        },
    };

    /// <summary>A key "expiring on" a date works through that day (UTC) and stops at the next midnight.</summary>
    private static DateTimeOffset EndOf(DateOnly day) => new(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static Command CreateKey()
    {
        var name = new Option<string?>("--name") { Description = "Who holds the key (a system or person), for lists and the audit log; default: the partnership's name" };
        var partnership = new Option<string?>("--partnership") { Description = "The partnership: its council area's name or GSS code (e.g. Midlothian, S12000019); needed for restricted:read and plans:write" };
        var scopes = new Option<string[]>("--scope") { Description = $"A scope to grant ({string.Join(", ", ApiScopes.All)}); repeat for several", AllowMultipleArgumentsPerToken = true };
        var expires = DateOption("--expires", "Last day the key works (yyyy-mm-dd, UTC); default: no expiry");
        var registeredOnly = new Option<bool>("--registered-operations-only") { Description = "The key may run registered (persisted) operations only" };
        var command = new Command("create", "Create a key; prints it once, on standard output") { name, partnership, scopes, expires, registeredOnly };
        CliAction.Set(command, async (parse, ct) =>
        {
            var granted = (parse.GetValue(scopes) ?? []).SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToArray();
            if (granted.FirstOrDefault(s => !ApiScopes.All.Contains(s)) is { } unknown)
                throw new IngestException($"Unknown scope '{unknown}'. Scopes: {string.Join(", ", ApiScopes.All)}.");
            await using var db = Open(parse);
            string? code = null;
            string? areaName = null;
            if (parse.GetValue(partnership) is { Length: > 0 } text)
            {
                var areas = await db.Areas.AsNoTracking().ToListAsync(ct);
                var resolver = new AreaResolver(areas.Select(a => a.Code),
                    await db.AreaCodeSuccessions.AsNoTracking().Select(s => new KeyValuePair<string, string>(s.OldCode, s.NewCode)).ToListAsync(ct),
                    await db.AreaAliases.AsNoTracking().Select(a => new KeyValuePair<string, string>(a.NormalisedName, a.AreaCode)).ToListAsync(ct));
                code = resolver.Resolve(text);
                var area = areas.FirstOrDefault(a => a.Code == code);
                if (area is not { Level: AreaLevel.CouncilArea })
                    throw new IngestException($"'{text}' is not a council area: a partnership is named by its council area's name or GSS code (e.g. Midlothian or S12000019).");
                areaName = area.Name;
            }
            if (code is null && granted.Any(s => s is ApiScopes.RestrictedRead or ApiScopes.PlansWrite))
                throw new IngestException("restricted:read and plans:write are granted for a partnership: give --partnership.");
            if (granted.Length == 0) throw new IngestException($"Give at least one --scope ({string.Join(", ", ApiScopes.All)}).");
            var expiry = parse.GetValue(expires) is { } day ? EndOf(day) : (DateTimeOffset?)null;
            if (expiry <= DateTimeOffset.UtcNow) throw new IngestException("--expires is in the past.");

            var key = ApiKeyFormat.Generate();
            db.ApiKeys.Add(new ApiKey
            {
                KeyId = key.KeyId,
                SecretHash = key.SecretHash,
                Name = parse.GetValue(name) ?? areaName ?? "admin",
                PartnershipCode = code,
                Scopes = granted,
                RegisteredOperationsOnly = parse.GetValue(registeredOnly),
                CreatedAt = DateTimeOffset.UtcNow,
                ExpiresAt = expiry,
            });
            await db.SaveChangesAsync(ct);
            Console.Error.WriteLine($"Created key {key.KeyId} ({string.Join(", ", granted)}{(code is null ? "" : $" for {areaName} {code}")}{(expiry is null ? "" : $", works through {expiry.Value.AddDays(-1):yyyy-MM-dd}")}).");
            Console.Error.WriteLine("The key follows on standard output. It is shown this once and cannot be recovered: store it in the partner's secret store now.");
            Console.Out.WriteLine(key.Key);
            return 0;
        });
        return command;
    }

    private static Command ListKeys()
    {
        var command = new Command("list", "List keys (never the keys themselves: their ids, holders, scopes and state)");
        CliAction.Set(command, async (parse, ct) =>
        {
            await using var db = Open(parse);
            var now = DateTimeOffset.UtcNow;
            var table = new Table().Border(TableBorder.Rounded).Title("API keys")
                .AddColumn("Key id").AddColumn("Name").AddColumn("Partnership").AddColumn("Scopes").AddColumn("Registered ops only")
                .AddColumn("Created (UTC)").AddColumn("Expires (UTC)").AddColumn("State");
            foreach (var k in await db.ApiKeys.AsNoTracking().OrderBy(k => k.Id).ToListAsync(ct))
            {
                var state = k.RevokedAt is not null ? "[red]revoked[/]" : k.ExpiresAt <= now ? "[yellow]expired[/]" : "[green]active[/]";
                table.AddRow(k.KeyId, Markup.Escape(k.Name), k.PartnershipCode ?? "", string.Join(", ", k.Scopes), k.RegisteredOperationsOnly ? "yes" : "",
                    k.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    k.ExpiresAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "never", state);
            }
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    private static Argument<string> KeyIdArgument() => new("key-id") { Description = "The key's id (the 12 hex digits after cja_, as `keys list` shows)" };

    private static async Task<ApiKey> FindAsync(AnalyticsDbContext db, string keyId, CancellationToken ct)
    {
        // Accept the whole key too, but never echo it.
        var id = ApiKeyFormat.KeyIdOf(keyId) ?? keyId.Trim().ToLowerInvariant();
        return await db.ApiKeys.FirstOrDefaultAsync(k => k.KeyId == id, ct)
            ?? throw new IngestException($"No key has the id '{(id.Length == 12 ? id : "(not a key id)")}'; `ingest keys list` shows them.");
    }

    private static Command Expire()
    {
        var keyId = KeyIdArgument();
        var on = DateOption("--on", "Last day the key works (yyyy-mm-dd, UTC); default: it stops now");
        var command = new Command("expire", "Set when a key stops working (now, or after a given day)") { keyId, on };
        CliAction.Set(command, async (parse, ct) =>
        {
            await using var db = Open(parse);
            var key = await FindAsync(db, parse.GetValue(keyId)!, ct);
            key.ExpiresAt = parse.GetValue(on) is { } day ? EndOf(day) : DateTimeOffset.UtcNow;
            await db.SaveChangesAsync(ct);
            Console.Error.WriteLine($"Key {key.KeyId} expires at {key.ExpiresAt:yyyy-MM-dd HH:mm:ss} UTC.");
            return 0;
        });
        return command;
    }

    private static Command Revoke()
    {
        var keyId = KeyIdArgument();
        var command = new Command("revoke", "Revoke a key at once and for good (its audit entries stay)") { keyId };
        CliAction.Set(command, async (parse, ct) =>
        {
            await using var db = Open(parse);
            var key = await FindAsync(db, parse.GetValue(keyId)!, ct);
            key.RevokedAt ??= DateTimeOffset.UtcNow;
            await db.SaveChangesAsync(ct);
            Console.Error.WriteLine($"Key {key.KeyId} revoked at {key.RevokedAt:yyyy-MM-dd HH:mm:ss} UTC.");
            return 0;
        });
        return command;
    }

    private static Command Audit()
    {
        var last = new Option<int>("--last") { Description = "How many entries, newest first", DefaultValueFactory = _ => 50 };
        var keyId = new Option<string?>("--key") { Description = "Only this key's entries (its id)" };
        var command = new Command("audit", "Show the audit log: restricted reads and writes made with keys, newest first") { last, keyId };
        CliAction.Set(command, async (parse, ct) =>
        {
            await using var db = Open(parse);
            var entries = db.AuditLog.AsNoTracking();
            if (parse.GetValue(keyId) is { Length: > 0 } id) entries = entries.Where(e => e.KeyId == id);
            var table = new Table().Border(TableBorder.Rounded).Title("Audit log")
                .AddColumn("At (UTC)").AddColumn("Key id").AddColumn("Partnership").AddColumn("Kind").AddColumn("Operation").AddColumn("Document").AddColumn("Areas");
            foreach (var e in await entries.OrderByDescending(e => e.Id).Take(parse.GetValue(last)).ToListAsync(ct))
            {
                table.AddRow(e.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), e.KeyId, e.PartnershipCode ?? "", e.Kind,
                    Markup.Escape(e.OperationName ?? ""), e.DocumentHash, string.Join(", ", e.Areas));
            }
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }
}
