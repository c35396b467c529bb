using System.Diagnostics;
using System.Text.Json.Nodes;
using CommunityJustice.Analytics.Api.Tests.Ide;
using CommunityJustice.Analytics.TestSupport;
using Xunit.Abstractions;

namespace CommunityJustice.Analytics.Api.Tests.GraphQL.Http;

/// <summary>
/// The graphql-http npm package's audit suite (auditServer, the GraphQL-over-HTTP specification's
/// checks) run against the real API on a Kestrel port: every audit must be "ok", not merely
/// free of errors (warnings and notices fail too).
/// </summary>
public sealed class GraphQLHttpAuditTests(IdeServerFixture server, ITestOutputHelper output) : IClassFixture<IdeServerFixture>
{
    private static readonly string AuditFolder = Path.Combine(RepositoryPaths.Root, "tests", "http-audit");

    [Fact]
    public async Task Every_graphql_http_audit_is_ok()
    {
        await EnsureInstalledAsync();
        var url = new Uri(server.BaseAddress, "/graphql").ToString();
        var (exitCode, stdout, stderr) = await RunAsync("node", AuditFolder, TimeSpan.FromMinutes(2), "audit.mjs", url);
        Assert.True(exitCode == 0, $"node audit.mjs {url} exited with {exitCode}: {stderr}");

        var results = JsonNode.Parse(stdout)!.AsArray();
        output.WriteLine($"{results.Count} audits against {url}");
        var notOk = results
            .Where(r => (string?)r!["status"] != "ok")
            .Select(r => $"{r!["id"]} [{r["status"]}] {r["name"]}: {r["reason"]} (response: {r["response"]?.ToJsonString()})")
            .ToList();
        foreach (var line in notOk) output.WriteLine(line);
        Assert.True(results.Count >= 50, $"expected the full audit suite, got {results.Count} results");
        Assert.True(notOk.Count == 0, $"{notOk.Count} of {results.Count} audits are not ok:\n" + string.Join("\n", notOk));
    }

    /// <summary>scripts/test.sh runs npm ci; a test run started another way installs the pinned packages here.</summary>
    private static async Task EnsureInstalledAsync()
    {
        if (Directory.Exists(Path.Combine(AuditFolder, "node_modules", "graphql-http"))) return;
        var (exitCode, _, stderr) = await RunAsync("npm", AuditFolder, TimeSpan.FromMinutes(5), "ci", "--no-audit", "--no-fund");
        Assert.True(exitCode == 0, $"npm ci in {AuditFolder} failed ({exitCode}): {stderr}");
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string fileName, string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {timeout}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
