using Microsoft.Playwright;

namespace CommunityJustice.Analytics.Api.Tests.Ide;

/// <summary>
/// Debian's Chromium (never a downloaded browser), headless, with a fresh profile and the flags
/// that keep it from reaching out to Google's services from this closed network.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly DirectoryInfo _profile;

    private HeadlessChromium(IPlaywright playwright, DirectoryInfo profile, IBrowserContext context)
    {
        _playwright = playwright;
        _profile = profile;
        Context = context;
    }

    public IBrowserContext Context { get; }

    public static async Task<HeadlessChromium> LaunchAsync()
    {
        Assert.True(File.Exists(ExecutablePath), $"Chromium is expected at {ExecutablePath} (Debian package chromium).");
        var playwright = await Playwright.CreateAsync();
        var profile = Directory.CreateTempSubdirectory("cja-ide-chromium-");
        var context = await playwright.Chromium.LaunchPersistentContextAsync(profile.FullName, new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            ViewportSize = new() { Width = 1400, Height = 900 },
        });
        return new HeadlessChromium(playwright, profile, context);
    }

    public async Task<IPage> PageAsync() => Context.Pages.Count > 0 ? Context.Pages[0] : await Context.NewPageAsync();

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        _playwright.Dispose();
        try { _profile.Delete(recursive: true); } catch (IOException) { }
    }
}
