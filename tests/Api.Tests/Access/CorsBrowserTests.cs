using System.Net;
using CommunityJustice.Analytics.Api.Tests.Ide;
using CommunityJustice.Analytics.Model.Access;
using CommunityJustice.Analytics.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityJustice.Analytics.Api.Tests.Access;

/// <summary>
/// A partner dashboard in a real browser: headless Chromium on a page of another origin
/// (a small HttpListener on another port of 127.0.0.1) calls the API on 127.0.0.1 with an X-Api-Key
/// header, so the browser itself sends the CORS preflight. The configured origin gets its answer;
/// another origin is stopped by the browser.
/// </summary>
public sealed class CorsBrowserTests(CorsBrowserTests.Server server) : IClassFixture<CorsBrowserTests.Server>
{
    private async Task<string> FetchFromAsync(string origin, string key)
    {
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = await chromium.PageAsync();
        var console = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Console += (_, m) => console.Enqueue(m.Text);
        await page.GotoAsync(origin + "/dashboard.html");
        var api = new Uri(server.BaseAddress, "/graphql").ToString();
        return await page.EvaluateAsync<string>("""
            async ([url, key]) => {
              try {
                const response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json", "X-Api-Key": key },
                  body: JSON.stringify({ query: '{ area(code: "S12000019") { name } }' }) });
                return response.status + " " + await response.text();
              } catch (e) { return "blocked: " + e; }
            }
            """, new[] { api, key }) + " | console: " + string.Join(" / ", console);
    }

    [Fact]
    public async Task A_configured_origin_can_call_the_api_with_a_key_from_a_browser()
    {
        var key = await AccessTestSupport.CreateKeyAsync(server.ConnectionString, AccessTestSupport.Midlothian, [ApiScopes.RestrictedRead]);
        var result = await FetchFromAsync(server.AllowedOrigin, key);
        Assert.True(result.StartsWith("200 ", StringComparison.Ordinal), result);
        Assert.Contains("Midlothian", result);
    }

    [Fact]
    public async Task Another_origin_is_stopped_by_the_browser()
    {
        var key = await AccessTestSupport.CreateKeyAsync(server.ConnectionString, AccessTestSupport.Midlothian, [ApiScopes.RestrictedRead]);
        // The same page server under another name: a different origin, not configured.
        var result = await FetchFromAsync(server.AllowedOrigin.Replace("127.0.0.1", "localhost", StringComparison.Ordinal), key);
        Assert.StartsWith("blocked: TypeError", result);
    }

    /// <summary>The API on a real Kestrel port allowing <see cref="AllowedOrigin"/>, and the page server of that origin.</summary>
    public sealed class Server : TestDatabase
    {
        private Factory? _factory;
        private HttpListener? _pages;

        public Uri BaseAddress { get; private set; } = null!;

        public string AllowedOrigin { get; private set; } = "";

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            _pages = new HttpListener();
            _pages.Prefixes.Add($"http://127.0.0.1:{port}/");
            _pages.Prefixes.Add($"http://localhost:{port}/");
            _pages.Start();
            _ = ServePagesAsync(_pages);
            AllowedOrigin = $"http://127.0.0.1:{port}";
            _factory = new Factory(ConnectionString, AllowedOrigin);
            _factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            _factory.StartServer();
            var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            BaseAddress = new Uri(addresses.Single(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)));
        }

        private static async Task ServePagesAsync(HttpListener listener)
        {
            var page = System.Text.Encoding.UTF8.GetBytes("<!doctype html><title>partner dashboard</title>");
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await listener.GetContextAsync(); }
                catch (Exception) { return; }
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.OutputStream.WriteAsync(page);
                context.Response.Close();
            }
        }

        public override async Task DisposeAsync()
        {
            _pages?.Stop();
            if (_factory is not null) await _factory.DisposeAsync();
            await base.DisposeAsync();
        }

        private sealed class Factory(string connectionString, string allowedOrigin) : WebApplicationFactory<Program>
        {
            protected override void ConfigureWebHost(IWebHostBuilder builder) =>
                builder.UseSetting("DATABASE_URL", connectionString).UseSetting("Cors:AllowedOrigins:0", allowedOrigin);
        }
    }
}
