using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CommunityJustice.Analytics.Api.Tests.Ide;

/// <summary>
/// What an analyst does: opens /graphql in a browser, writes a query for reconviction rates by sex
/// for a council area in Banana Cake Pop, runs it, and reads the real published figures.
/// </summary>
public sealed class BananaCakePopQueryTests(IdeServerFixture server, ITestOutputHelper output) : IClassFixture<IdeServerFixture>
{
    // Midlothian (S12000019), 2017/2018 cohort, all ages, as published in the statistics.gov.scot
    // "Reconvictions" cube: All 26, Female 20.5, Male 27.2 (rows of the mirror file).
    private const string Query =
        """{ observations(where: { indicator: { code: { eq: "reconviction-rate" } }, area: { code: { eq: "S12000019" } }, period: { label: { eq: "2017-18" } }, ageBand: { code: { eq: "all" } }, source: { dataset: { eq: "reconvictions" } } }, order: [{ sex: ASC }]) { nodes { sex value status } } }""";

    [Fact]
    public async Task An_analyst_runs_a_reconviction_by_sex_query_in_the_ide_and_sees_the_published_figures()
    {
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var context = chromium.Context;
        await context.RouteAsync(url => !url.StartsWith(server.Origin + "/", StringComparison.Ordinal) && !url.StartsWith("data:", StringComparison.Ordinal) && !url.StartsWith("blob:", StringComparison.Ordinal),
            route => route.AbortAsync());
        var page = await chromium.PageAsync();
        try
        {
            await page.GotoAsync($"{server.Origin}/graphql");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create Document" }).ClickAsync();
            await Assertions.Expect(page.GetByText("Schema available")).ToBeVisibleAsync(new() { Timeout = 45_000 });

            // Type the query as a person would, replacing the editor's starter text. On a busy machine the editor can
            // still be settling and lose the text (a run then sends an empty query), so look, as a person would, and type again.
            var editor = page.Locator(".monaco-editor").First;
            for (var attempt = 1; ; attempt++)
            {
                await editor.ClickAsync();
                await page.Keyboard.PressAsync("Control+A");
                await page.Keyboard.PressAsync("Delete");
                await page.Keyboard.InsertTextAsync(Query);
                try
                {
                    await Assertions.Expect(editor).ToContainTextAsync("S12000019", new() { Timeout = 5_000 });
                    break;
                }
                catch (PlaywrightException) when (attempt < 3)
                {
                }
            }

            // The IDE sends operations from a web worker, so listen on the whole browser context.
            var answered = new TaskCompletionSource<IResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
            context.Response += (_, r) =>
            {
                if (r.Url == $"{server.Origin}/graphql" && r.Request.Method == "POST"
                    && (r.Request.PostData ?? "").Contains("S12000019", StringComparison.Ordinal)) answered.TrySetResult(r);
            };
            // Run it as the IDE's tooltip says (Ctrl+Alt+Enter in the editor); on a slow machine the
            // shortcut can land before the editor has re-parsed the text, so fall back to the button.
            await page.Keyboard.PressAsync("Control+Alt+Enter");
            if (await Task.WhenAny(answered.Task, Task.Delay(TimeSpan.FromSeconds(10))) != answered.Task)
            {
                await page.Locator("button", new() { HasText = "Run" }).First.ClickAsync(new() { Timeout = 30_000 });
            }
            var response = await answered.Task.WaitAsync(TimeSpan.FromSeconds(45));

            using var result = JsonDocument.Parse(await response.TextAsync());
            var figures = result.RootElement.GetProperty("data").GetProperty("observations").GetProperty("nodes").EnumerateArray()
                .ToDictionary(n => n.GetProperty("sex").GetString()!, n => n.GetProperty("value").GetDecimal());
            Assert.Equal(new Dictionary<string, decimal> { ["ALL"] = 26m, ["FEMALE"] = 20.5m, ["MALE"] = 27.2m }, figures);

            // ... and the figures are on the screen, in the response pane.
            await Assertions.Expect(page.GetByText("20.5").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await Assertions.Expect(page.GetByText("27.2").First).ToBeVisibleAsync();
        }
        finally
        {
            var path = Path.Combine(Path.GetTempPath(), $"cja-ide-query-{Guid.NewGuid():N}.png");
            await page.ScreenshotAsync(new() { Path = path });
            output.WriteLine($"screenshot: {path}");
        }
    }
}
