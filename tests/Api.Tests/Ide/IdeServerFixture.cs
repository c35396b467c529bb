using System.Net;
using CommunityJustice.Analytics.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityJustice.Analytics.Api.Tests.Ide;

/// <summary>
/// The real API on a real Kestrel port on 127.0.0.1 (a browser cannot reach WebApplicationFactory's
/// in-memory TestServer), over a fresh copy of the database with every bundled dataset loaded, for
/// one test class.
/// </summary>
public sealed class IdeServerFixture : TestDatabase
{
    private KestrelApiFactory? _factory;

    protected override string TemplateKey => Support.BundledTemplate.Key;

    protected override Task SeedTemplateAsync(string connectionString) => Support.BundledTemplate.SeedAsync(connectionString);

    /// <summary>e.g. http://127.0.0.1:41234 (no trailing slash).</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public string Origin => BaseAddress.GetLeftPart(UriPartial.Authority);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _factory = new KestrelApiFactory(ConnectionString);
        _factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.Single(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)));
    }

    /// <summary>A client that shows redirects instead of following them.</summary>
    public HttpClient CreateClient() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = BaseAddress };

    public override async Task DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
        await base.DisposeAsync();
    }

    private sealed class KestrelApiFactory(string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder) =>
            builder.UseSetting("DATABASE_URL", connectionString);
    }
}
