using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;

namespace CommunityJustice.Analytics.Api.Tests.Ide;

/// <summary>
/// Opens /graphql in headless Chromium (Debian's /usr/bin/chromium; browsers are never downloaded)
/// against the API on a real port, and checks that Banana Cake Pop loads the schema from this API and
/// from nowhere else.
/// </summary>
public sealed class BananaCakePopBrowserTests(IdeServerFixture server, ITestOutputHelper output) : IClassFixture<IdeServerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Opening_graphql_in_a_browser_shows_the_ide_with_the_schema_loaded_and_no_outside_requests()
    {
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var context = chromium.Context;
        var requests = new ConcurrentQueue<(string Method, string Url, string? Body)>();
        var outside = new ConcurrentQueue<string>();
        var consoleErrors = new ConcurrentQueue<string>();
        IPage? page = null;
        try
        {
            // Every request the page (or its workers) makes; anything not for the test server is recorded
            // and aborted, so a telemetry call fails the test instead of leaving the machine.
            context.Request += (_, request) => requests.Enqueue((request.Method, request.Url, request.PostData));
            await context.RouteAsync(url => !IsLocal(url), async route =>
            {
                outside.Enqueue($"{route.Request.Method} {route.Request.Url}");
                await route.AbortAsync();
            });

            page = await chromium.PageAsync();
            page.Console += (_, message) => { if (message.Type == "error") consoleErrors.Enqueue(message.Text); };

            var configResponse = WaitForResponseAsync(context, response => response.Url == $"{server.Origin}/graphql/ide/bcp-config.json");
            // BCP probes the endpoint with small __type queries, then sends the full introspection query.
            var introspectionResponse = WaitForResponseAsync(context,
                response => response.Url == $"{server.Origin}/graphql" && response.Request.Method == "POST"
                            && (response.Request.PostData ?? "").Contains("__schema", StringComparison.Ordinal));

            // Fake timers (flowing in real time until fast-forwarded) so the test can skip past the
            // delay after which the IDE's telemetry would first report (10 s in 18.0.0).
            await page.Clock.InstallAsync();

            var navigation = await page.GotoAsync($"{server.Origin}/graphql");

            // Lands on the IDE.
            Assert.NotNull(navigation);
            Assert.Equal($"{server.Origin}/graphql/ide/", page.Url);
            Assert.Equal(200, navigation.Status);
            Assert.Equal("Banana Cake Pop", await page.TitleAsync());

            // The page read its settings from this API ...
            var config = await configResponse;
            Assert.Equal(200, config.Status);
            using (var configJson = JsonDocument.Parse(await config.TextAsync()))
            {
                Assert.Equal("/graphql", configJson.RootElement.GetProperty("endpoint").GetString());
                Assert.True(configJson.RootElement.GetProperty("disableTelemetry").GetBoolean());
            }

            // A new document connects to the configured endpoint and introspects this API's schema.
            await page.GetByRole(AriaRole.Button, new() { Name = "Create Document" }).ClickAsync();
            var introspection = await introspectionResponse;
            var introspectionBody = await introspection.TextAsync();
            Assert.True(introspection.Status == 200, $"introspection answered {introspection.Status}: {introspectionBody}");
            using (var schema = JsonDocument.Parse(introspectionBody))
            {
                var schemaElement = schema.RootElement.GetProperty("data").GetProperty("__schema");
                Assert.Equal("Query", schemaElement.GetProperty("queryType").GetProperty("name").GetString());
                var typeNames = schemaElement.GetProperty("types").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
                Assert.Contains("Query", typeNames);
            }

            // The IDE shows the loaded schema: the status bar says so, and the schema definition tab
            // renders this API's SDL.
            await Assertions.Expect(page.GetByText("Schema available")).ToBeVisibleAsync(new() { Timeout = (float)Patience.TotalMilliseconds });
            await page.GetByRole(AriaRole.Tab, new() { Name = "Schema Definition" }).ClickAsync();
            await Assertions.Expect(page.Locator(".view-line", new() { HasTextRegex = new System.Text.RegularExpressions.Regex(@"type\s+Query\b") }).First)
                .ToBeVisibleAsync(new() { Timeout = (float)Patience.TotalMilliseconds });
            var screenshot = await Screenshot(page);
            Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is suspiciously small");

            // Telemetry off: nothing went anywhere but the test server, even once its timer is due.
            await page.Clock.FastForwardAsync((long)TimeSpan.FromMinutes(1).TotalMilliseconds);
            await page.WaitForTimeoutAsync(1_000);
            Assert.Empty(outside);
            Assert.NotEmpty(requests);
            Assert.All(requests, request => Assert.True(IsLocal(request.Url), $"request left the test server: {request.Method} {request.Url}"));
        }
        catch when (page is not null)
        {
            await Screenshot(page); // what the browser showed when it failed
            throw;
        }
        finally
        {
            foreach (var (method, url, body) in requests)
                output.WriteLine($"{method} {url} {body?[..Math.Min(body.Length, 200)].ReplaceLineEndings(" ")}");
            foreach (var error in consoleErrors) output.WriteLine($"console error: {error}");
        }
    }

    /// <summary>
    /// Like IPage.WaitForResponseAsync, but for the whole browser context: the IDE fetches from web
    /// workers as well as from the page.
    /// </summary>
    private static async Task<IResponse> WaitForResponseAsync(IBrowserContext context, Func<IResponse, bool> predicate)
    {
        var seen = new TaskCompletionSource<IResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnResponse(object? sender, IResponse response)
        {
            if (predicate(response)) seen.TrySetResult(response);
        }
        context.Response += OnResponse;
        try
        {
            return await seen.Task.WaitAsync(Patience);
        }
        finally
        {
            context.Response -= OnResponse;
        }
    }

    private async Task<string> Screenshot(IPage page)
    {
        var path = Path.Combine(Path.GetTempPath(), $"cja-banana-cake-pop-{Guid.NewGuid():N}.png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");
        return path;
    }

    /// <summary>The test server's origin, or an in-page URL that makes no network request.</summary>
    private bool IsLocal(string url) =>
        url.StartsWith(server.Origin + "/", StringComparison.Ordinal)
        || url.StartsWith("data:", StringComparison.Ordinal)
        || url.StartsWith("blob:", StringComparison.Ordinal);
}
