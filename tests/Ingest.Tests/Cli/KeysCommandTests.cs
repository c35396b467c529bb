using System.Diagnostics;
using CommunityJustice.Analytics.Model.Access;
using CommunityJustice.Analytics.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace CommunityJustice.Analytics.Ingest.Tests.Cli;

/// <summary>`ingest keys` and `ingest operations` as operators run them: the key shown once, only its hash stored.</summary>
public class KeysCommandTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private async Task<(int ExitCode, string Out, string Error)> IngestAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ingest.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.ArgumentList.Add("--database");
        start.ArgumentList.Add(db.ConnectionString);
        start.Environment.Remove("DATABASE_URL");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    [Fact]
    public async Task A_created_key_is_printed_once_stored_as_its_hash_and_can_be_listed_expired_and_revoked()
    {
        var created = await IngestAsync("keys", "create", "--partnership", "Midlothian", "--scope", "restricted:read", "--expires", "2027-12-31");
        Assert.True(created.ExitCode == 0, created.Error);
        var key = created.Out.Trim();
        Assert.Matches("^cja_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$", key);
        Assert.DoesNotContain(key, created.Error);
        var keyId = ApiKeyFormat.KeyIdOf(key)!;

        await using (var context = db.CreateContext())
        {
            var row = await context.ApiKeys.AsNoTracking().SingleAsync(k => k.KeyId == keyId);
            Assert.Equal(ApiKeyFormat.Hash(key), row.SecretHash);
            Assert.Equal("S12000019", row.PartnershipCode);
            Assert.Equal(new[] { ApiScopes.RestrictedRead }, row.Scopes);
            Assert.Equal(new DateTimeOffset(2028, 1, 1, 0, 0, 0, TimeSpan.Zero), row.ExpiresAt);
            Assert.Null(row.RevokedAt);
        }

        var list = await IngestAsync("keys", "list");
        Assert.True(list.ExitCode == 0, list.Error);
        Assert.Contains(keyId, list.Out);
        Assert.DoesNotContain(key, list.Out);

        Assert.Equal(0, (await IngestAsync("keys", "expire", keyId, "--on", "2026-06-30")).ExitCode);
        var revoke = await IngestAsync("keys", "revoke", keyId);
        Assert.True(revoke.ExitCode == 0, revoke.Error);
        await using (var context = db.CreateContext())
        {
            var row = await context.ApiKeys.AsNoTracking().SingleAsync(k => k.KeyId == keyId);
            Assert.Equal(new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero), row.ExpiresAt);
            Assert.NotNull(row.RevokedAt);
        }
        var audit = await IngestAsync("keys", "audit");
        Assert.True(audit.ExitCode == 0, audit.Error);
    }

    [Theory]
    [InlineData("--scope", "restricted:read")]                               // no partnership
    [InlineData("--scope", "everything")]                                    // unknown scope
    [InlineData("--partnership", "Scotland", "--scope", "restricted:read")]  // not a council area
    public async Task Keys_that_make_no_sense_are_refused(params string[] args)
    {
        var result = await IngestAsync(["keys", "create", .. args]);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Contains("error", result.Error);
    }

    [Fact]
    public async Task Operations_register_every_graphql_file_in_a_folder_under_the_hash_of_its_text()
    {
        var folder = Directory.CreateTempSubdirectory("cja-ops-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "a.graphql"), "{ areas { code } }");
            Directory.CreateDirectory(Path.Combine(folder.FullName, "sub"));
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "sub", "b.graphql"), "query B { indicators { code } }\n");
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "notes.txt"), "not an operation");
            var register = await IngestAsync("operations", "register", folder.FullName);
            Assert.True(register.ExitCode == 0, register.Error);
            var again = await IngestAsync("operations", "register", folder.FullName);
            Assert.True(again.ExitCode == 0, again.Error);
            var list = await IngestAsync("operations", "list");
            Assert.Contains(ApiKeyFormat.DocumentId("{ areas { code } }"), list.Out);
            Assert.Contains(ApiKeyFormat.DocumentId("query B { indicators { code } }\n"), list.Out);
            await using var context = db.CreateContext();
            Assert.Equal(2, await context.PersistedOperations.CountAsync());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
